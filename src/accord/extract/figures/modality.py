"""Modality of a figure: reported, claimed, threatened or denied, or unreal (hypothetical, negated)."""

from __future__ import annotations

from spacy.tokens import Token

from accord.extract.figure_counting import (
    person_group,
)
from accord.extract.figures.hits import trigger_words, triggers
from accord.extract.sources import claims_an_act, source_kind


def modality_of(anchor: Token) -> str | None:
    """reported/threatened/denied/claimed from the predicates above the figure; None if hypothetical/negated."""
    lexicon = triggers()
    hypothetical, unreal = trigger_words("hypothetical_auxiliaries"), trigger_words("unreal_verbs")
    # a coordinated verb shares its head's auxiliaries: "could have hit her and killed her"
    heads = [anchor, anchor.head] if anchor.dep_ == "conj" and anchor.head.pos_ in ("VERB", "AUX") else [anchor]
    for child in (c for h in heads for c in h.children):
        if child.dep_ == "neg" and child.head.i != anchor.i and child.head.i < anchor.i:
            continue  # "was not shot but died": the negation is the first verb's own
        if child.dep_ == "neg":
            return None
        if child.dep_ == "mark" and child.lower_ in ("if", "whether", "unless"):
            return None
        if child.dep_ == "aux" and child.lower_ in hypothetical:
            return None
    for token in anchor.ancestors:
        lemma = token.lemma_.lower()
        if lemma in unreal or any(c.dep_ == "neg" for c in token.children if token.pos_ == "VERB"
                                         and token.i > anchor.i - 4 and token.dep_ != "ROOT"):
            return None
        if lemma in lexicon["threat_verbs"]:
            return lexicon["threat_verbs"][lemma]
        if lemma in lexicon["denial_verbs"]:
            return lexicon["denial_verbs"][lemma]
        if lemma in lexicon["claim_verbs"] and _self_interested_claimant(token):
            if claims_an_act(token, (anchor.idx, anchor.idx + len(anchor.text))):
                # "claimed responsibility for the attack, which killed 20": the claim is authorship,
                # the toll is the report's
                return "reported"
            return lexicon["claim_verbs"][lemma]
    return "reported"


def _self_interested_claimant(verb: Token) -> bool:
    """Whether the one who "claims" is a party speaking of its own act: "the militants claim", "the group claimed".

    "Some sources, such as CNN, claim the number was 35" is the media reporting another figure, not a
    claim; a collective pronoun ("they claimed", "it claimed") is taken for the party the article is about.
    """
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if subject.lower_ in trigger_words("claimant_pronouns") or person_group(subject) == "attackers":
        return True
    name = "".join(t.text_with_ws for t in subject.subtree).strip()
    kind = source_kind(name)
    return kind == "perpetrator" or (kind == "unattributed" and subject.ent_type_ in ("ORG", "NORP"))
