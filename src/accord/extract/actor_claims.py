"""How a sentence tells that a group did, claimed or disowned an attack, beyond its subject and agent.

Helpers of ``accord_actors`` (which reads the main constructions off the parse); each carries a stable
rule id, listed in docs/extraction.md:

- ``actors.perpetrator.negated``      "X did not claim the attack", "X denied carrying out the attack",
                                      "X said it does not target civilians": no doing, no claim
- ``actors.perpetrator.name_before_claim``  "IS claimed responsibility", "IS-K claimed the attack": a
                                      known group right before a claim verb whose object is a claim or an
                                      attack, whatever the parser made of an upper-case acronym ("IS" read
                                      as the verb "is")
- ``actors.perpetrator.work_of``      "the bombing was the work of X"
- ``actors.perpetrator.identified_as`` "the attackers were identified as members of X"
- ``actors.perpetrator.plotted``      "X planned the attacks", "X masterminded the bombing"

Words live in the ``perpetrator_cues`` lexicon.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from accord.lexicons import load_lexicon


@cache
def _cues() -> dict[str, frozenset[str]]:
    return {key: frozenset(value) for key, value in load_lexicon("perpetrator_cues").items() if not key.startswith("_")}


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def negated_or_denied(verb: Token) -> bool:
    """Whether ``verb`` says the doing did not happen or is disowned (rule ``actors.perpetrator.negated``):
    "did not claim", "never carried out", "denied carrying out", "rejected responsibility"."""
    if _lemma(verb) in _cues()["denial_verbs"]:
        return True
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in verb.children)


def _claim_object(verb: Token) -> bool:
    cues = _cues()
    return any(c.dep_ in ("dobj", "attr", "oprd") and _lemma(c) in cues["claim_nouns"] | cues["attack_nouns"]
               for c in verb.children)


def claims_right_after(span: Span) -> bool:
    """A group's name right before a claim verb with a claim or an attack for its object (rule
    ``actors.perpetrator.name_before_claim``): "IS claimed responsibility", "IS-K claimed the attack".
    The caller checks the name is a known group: acronyms are where the parser goes wrong."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    verb = doc[span.end]
    if verb.pos_ == "AUX" and verb.i + 1 < len(doc):  # "IS has claimed", "ISKP had claimed"
        verb = doc[verb.i + 1]
    return verb.sent == span.sent and _lemma(verb) in _cues()["claim_verbs"] and verb.pos_ == "VERB" \
        and not negated_or_denied(verb) and _claim_object(verb)


def _subject_of(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]


def work_of(head: Token) -> bool:
    """"The bombing was the work of X", "the attack was the handiwork of X" (rule
    ``actors.perpetrator.work_of``): X after "of", the noun before it said of an attack by "be"."""
    if head.dep_ != "pobj" or head.head.lower_ != "of":
        return False
    noun = head.head.head
    verb = noun.head
    return noun.dep_ == "attr" and _lemma(verb) == "be" and _lemma(noun) in _cues()["work_nouns"] \
        and any(_lemma(s) in _cues()["attack_nouns"] for s in _subject_of(verb))


def identified_as_members(head: Token) -> bool:
    """"The attackers were identified as members of X", "the gunmen were identified as X fighters" (rule
    ``actors.perpetrator.identified_as``): the attackers are said to be X's."""
    cues = _cues()
    token = head
    if token.dep_ == "pobj" and token.head.lower_ in ("of", "from"):
        token = token.head.head
    elif token.dep_ in ("compound", "nmod"):
        token = token.head
    if _lemma(token) not in cues["member_nouns"] | cues["attacker_nouns"] or token.dep_ != "pobj" \
            or token.head.lower_ != "as":
        return False
    verb = token.head.head
    if _lemma(verb) not in cues["identify_verbs"]:
        return False
    said_of = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
    return any(_lemma(c) in cues["attacker_nouns"] | cues["suspect_nouns"] for c in said_of)


def plotted(verb: Token) -> bool:
    """"X planned the attacks", "X masterminded the bombing", "X ordered the assault" (rule
    ``actors.perpetrator.plotted``): a plot verb whose object is an attack."""
    cues = _cues()
    return _lemma(verb) in cues["plot_verbs"] and not negated_or_denied(verb) and any(
        c.dep_ == "dobj" and _lemma(c) in cues["attack_nouns"] for c in verb.children)


__all__ = ["claims_right_after", "identified_as_members", "negated_or_denied", "plotted", "work_of"]
