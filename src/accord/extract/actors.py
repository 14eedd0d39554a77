"""The ``accord_actors`` component: who is named in an article, and in which role.

Finding: ORG and PERSON entities that ``accord_places`` did not read as a
place, plus every alias of the ``aliases`` lexicon (a PhraseMatcher; short
upper-case aliases such as "BLA" or "IS" only in that case).

Naming: each mention gets a canonical name: an alias of the lexicon, a
spelling variant of one (rapidfuzz), an acronym the article defines ("Baloch
Liberation Front (BLF)"), the full name of a person met earlier by surname, or
else the name itself.

Role, from the mention's sentence and the cues of the ``perpetrator_cues``
lexicon (lemmas):

- perpetrator  "X claimed responsibility", "blamed on X", "X said it carried
  out the attack", "militants from X", "X fighters", "an attack by X", a person
  arrested or charged, a person who shot somebody
- target       "an attack on X", "militants targeted X"
- victim       a person killed, shot, wounded: "X was pronounced dead", "the victim, X,"
- official     a person with a title: "Interior Minister X", "X, a police spokesman"
- organisation any other organisation

A person's official and victim roles hold for the whole article (one person,
one identity); a perpetrator role is read per mention. People with no role
(experts, witnesses) are left to the quotes component.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from accord.extract.extensions import doc_text
from accord.lexicons import load_lexicon
from accord.models import Actor

COMPONENT_VERSION = "accord.actors.v1"

ACTOR_LABELS = frozenset({"ORG", "PERSON"})
#: rapidfuzz ratio (0-100) from which a name is a spelling variant of a known
#: alias: "Baluchistan Liberation Army" (96) yes, "Balochistan Liberation Front"
#: vs "...Army" (80) no. Checked on the alias lexicon's own near pairs.
FUZZY_MIN_SCORE = 90
#: Names shorter than this are never matched fuzzily: acronyms differ by one letter.
FUZZY_MIN_LENGTH = 8
#: How many tokens before a name its title or its "by"/"on"/"from" may stand
#: ("by the separatist Balochistan Liberation Army").
LOOKBACK_TOKENS = 4
#: Short aliases matched only in exactly this case (BLA, IS, AP).
CASE_SENSITIVE_MAX_LENGTH = 4

_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z\-]{1,9})\)")


@cache
def _cues() -> dict[str, frozenset[str]]:
    return {key: frozenset(value) for key, value in load_lexicon("perpetrator_cues").items() if not key.startswith("_")}


@cache
def _aliases() -> dict[str, str]:
    """Folded alias (and canonical name) -> canonical name."""
    table: dict[str, str] = {}
    for canonical, aliases in load_lexicon("aliases").items():
        if canonical.startswith("_"):
            continue
        table[_fold(canonical)] = canonical
        for alias in aliases:
            key = alias if _case_sensitive(alias) else _fold(alias)
            table[key] = canonical
    return table


def _case_sensitive(alias: str) -> bool:
    return len(alias) <= CASE_SENSITIVE_MAX_LENGTH and any(c.isupper() for c in alias[1:] or alias)


def _fold(name: str) -> str:
    return " ".join(name.replace("\u2019", "'").lower().split())


def clean_name(text: str) -> str:
    """A name without its article, possessive and surrounding punctuation."""
    text = " ".join(text.split()).strip(" ,.;:\"'()\u201c\u201d")
    for possessive in ("'s", "\u2019s"):
        if text.endswith(possessive):
            text = text[: -len(possessive)]
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip()


def canonical_name(name: str) -> str | None:
    """The lexicon's canonical name for ``name`` (an alias or a spelling variant of one), or None."""
    aliases = _aliases()
    if name in aliases:
        return aliases[name]
    folded = _fold(name)
    if folded in aliases and not _case_sensitive(name):
        return aliases[folded]
    if len(name) >= FUZZY_MIN_LENGTH:
        return _fuzzy_canonical(folded)
    return None


@cache
def _fuzzy_keys() -> list[str]:
    return [key for key in _aliases() if len(key) >= FUZZY_MIN_LENGTH]


def _fuzzy_canonical(folded: str) -> str | None:
    match = process.extractOne(folded, _fuzzy_keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE)
    return _aliases()[match[0]] if match else None


@dataclass
class _Mention:
    span: Span
    name: str
    label: str  # ORG | PERSON
    canonical: str = ""
    role: str | None = None


def _alias_matcher(nlp: Language) -> tuple[PhraseMatcher, PhraseMatcher]:
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    folded = PhraseMatcher(nlp.vocab, attr="LOWER")
    for canonical, aliases in load_lexicon("aliases").items():
        if canonical.startswith("_"):
            continue
        for alias in (canonical, *aliases):
            (exact if _case_sensitive(alias) else folded).add(canonical, [nlp.make_doc(alias)])
    return exact, folded


def _find_mentions(doc: Doc, matchers: tuple[PhraseMatcher, PhraseMatcher]) -> list[_Mention]:
    place_spans = {p.span for p in doc._.places or [] if p.span}
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in ACTOR_LABELS and "\n" not in ent.text and (ent.start_char, ent.end_char) not in place_spans:
            spans.append(ent)
    taken = [(s.start, s.end) for s in spans]
    for matcher in matchers:
        for _match_id, start, end in matcher(doc):
            if any(start < e and s < end for s, e in taken):
                # An alias inside a longer entity: keep the entity unless the alias is longer.
                overlapping = [i for i, (s, e) in enumerate(taken) if start < e and s < end]
                if all(end - start > taken[i][1] - taken[i][0] for i in overlapping):
                    for i in sorted(overlapping, reverse=True):
                        del spans[i], taken[i]
                else:
                    continue
            spans.append(Span(doc, start, end, label="ORG"))
            taken.append((start, end))
    mentions = []
    for span in sorted(spans, key=lambda s: s.start):
        name = clean_name(span.text)
        if len(name) < 2 or not any(c.isupper() for c in name):
            continue
        mentions.append(_Mention(span, name, span.label_))
    return mentions


def _name_canonicals(doc: Doc, mentions: list[_Mention]) -> None:
    defined: dict[str, str] = {}  # acronyms the article defines: "(BLF)" after a name
    full_names: dict[str, str] = {}  # a person's surname -> full name seen earlier
    text = doc_text(doc)
    for mention in mentions:
        name = mention.name
        known = canonical_name(name)
        if known is not None:  # a group of the lexicon, whatever label the model gave it
            mention.label = "ORG"
            mention.canonical = known
        elif mention.label == "PERSON":
            parts = name.split()
            if len(parts) == 1 and name in full_names:
                mention.canonical = full_names[name]
                continue
            if len(parts) > 1:
                full_names.setdefault(parts[-1], name)
            mention.canonical = name
            continue
        else:
            mention.canonical = defined.get(name, name)
        acronym = _ACRONYM_AFTER.match(text, mention.span.end_char)
        if acronym and acronym[1] != name:
            defined[acronym[1]] = mention.canonical


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _before(span: Span, count: int = LOOKBACK_TOKENS) -> list[Token]:
    """The tokens just before ``span`` in its sentence, nearest first."""
    start = max(span.sent.start, span.start - count)
    return list(reversed(span.doc[start:span.start]))


def _preposition_before(span: Span) -> Token | None:
    """"by" in "by the separatist BLA": the nearest preposition, skipping determiners and modifiers."""
    for token in _before(span):
        if token.dep_ == "prep" or token.pos_ == "ADP":
            return token
        modifier = token.pos_ in ("DET", "ADJ", "ADV", "PROPN", "NOUN", "PUNCT") or token.tag_ in ("VBN", "VBG")
        if not modifier or token.text in (",", ";", ".", "(", ")"):
            return None
    return None


def _perpetrator_cue(mention: _Mention) -> bool:
    cues = _cues()
    span = mention.span
    sentence = span.sent
    lemmas_after = [_lemma(t) for t in sentence[span.end - sentence.start:]]
    window_after = lemmas_after[:12]
    # "X claimed / took responsibility", "X, which claimed responsibility"
    if any(lemma in cues["claim_verbs"] for lemma in window_after) and any(
        lemma in cues["claim_nouns"] for lemma in window_after
    ):
        return True
    # "X said it carried out the attack", "X launched the assault"
    for i, lemma in enumerate(window_after):
        if lemma in cues["attack_verbs"] and any(n in cues["attack_nouns"] for n in window_after[i + 1:i + 5]):
            return True
    # "X fighters", "X militants"
    if span.end < len(span.doc) and _lemma(span.doc[span.end]) in cues["member_nouns"]:
        return True
    prep = _preposition_before(span)
    if prep is not None:
        head = _lemma(prep.head)
        word = prep.lower_
        # "blamed on X", "attack by X", "killed by X", "militants from X", "members of X"
        # ("blamed the attack on X" attaches "on" to "attack" as often as to "blamed")
        if word == "on" and (head in cues["blame_verbs"] or _lemma(prep.head.head) in cues["blame_verbs"]):
            return True
        if word == "by" and any(head in cues[kind] for kind in ("attack_nouns", "attack_verbs", "harm_verbs",
                                                                  "target_verbs", "claim_verbs")):
            return True
        if word in ("from", "of") and head in cues["member_nouns"]:
            return True
    # "officials blamed X for the attack"
    root = span.root
    if root.dep_ in ("dobj", "nsubjpass") and _lemma(root.head) in cues["blame_verbs"]:
        return True
    return False


def _target_cue(mention: _Mention) -> bool:
    cues = _cues()
    prep = _preposition_before(mention.span)
    if prep is not None and prep.lower_ in ("on", "against") and _lemma(prep.head) in cues["attack_nouns"]:
        return True
    root = mention.span.root
    return root.dep_ == "dobj" and _lemma(root.head) in cues["target_verbs"]


def _person_role(mention: _Mention) -> str | None:
    cues = _cues()
    span = mention.span
    root = span.root
    head = _lemma(root.head)
    # Titles: "Interior Minister X", "Sheriff X", "X, a police spokesman", "X, the police chief"
    if any(_lemma(t) in cues["official_titles"] for t in span[:-1]):
        return "official"
    for token in _before(span, 3):
        if token.text in (",", ";", ".") or token.pos_ == "VERB":
            break
        if _lemma(token) in cues["official_titles"]:
            return "official"
    for child in root.children:
        if child.dep_ == "appos" and any(_lemma(t) in cues["official_titles"] for t in child.subtree):
            return "official"
    if root.dep_ == "appos" and _lemma(root.head) in cues["official_titles"]:
        return "official"
    # Suspects: "X was arrested", "X is charged with", "the suspect, X,"
    if root.dep_ in ("nsubjpass", "dobj") and head in cues["suspect_verbs"]:
        return "perpetrator"
    if root.dep_ == "appos" and head in cues["suspect_nouns"]:
        return "perpetrator"
    # Victims: "X was shot", "X died", "X was pronounced dead", "the victim, X,", "identified as X"
    if root.dep_ == "nsubjpass" and (head in cues["harm_verbs"] or head == "pronounce"):
        return "victim"
    if root.dep_ == "nsubj" and head in cues["death_verbs"]:
        return "victim"
    if root.dep_ == "dobj" and head in cues["harm_verbs"]:
        return "victim"
    if root.dep_ == "appos" and head in cues["victim_nouns"]:
        return "victim"
    if root.dep_ == "pobj" and root.head.lower_ == "as" and _lemma(root.head.head) in cues["identify_verbs"]:
        # "identified the suspect as X" / "the victim was identified as X"
        identified = [_lemma(t) for t in root.head.head.children if t.dep_ in ("dobj", "nsubjpass")]
        return "perpetrator" if any(lemma in cues["suspect_nouns"] for lemma in identified) else "victim"
    # "X shot his friend": the one who shot
    if root.dep_ == "nsubj" and head in cues["harm_verbs"]:
        return "perpetrator"
    return None


def _assign_roles(mentions: list[_Mention]) -> None:
    person_roles: dict[str, str] = {}
    for mention in mentions:
        if mention.label == "PERSON":
            mention.role = _person_role(mention)
            if mention.role in ("official", "victim"):
                person_roles.setdefault(mention.canonical, mention.role)
        elif mention.canonical == mention.name and _person_role(mention) == "victim":
            mention.role = "victim"  # a person the model tagged ORG: "Marcus Reed, 24, was pronounced dead"
        elif _perpetrator_cue(mention):
            mention.role = "perpetrator"
        elif _target_cue(mention):
            mention.role = "target"
        else:
            mention.role = "organisation"
    for mention in mentions:
        if mention.label == "PERSON" and mention.role is None:
            mention.role = person_roles.get(mention.canonical)


def actors_of(doc: Doc, matchers: tuple[PhraseMatcher, PhraseMatcher]) -> list[Actor]:
    """Every named organisation and every person with a role, per mention, in text order."""
    mentions = _find_mentions(doc, matchers)
    _name_canonicals(doc, mentions)
    _assign_roles(mentions)
    return [
        Actor(name=m.name, role=m.role, canonical=m.canonical, span=(m.span.start_char, m.span.end_char))
        for m in mentions
        if m.role is not None
    ]


def actors_in_range(doc: Doc, start_char: int, end_char: int, role: str | None = None) -> list[Actor]:
    """The actors ``accord_actors`` found between two character offsets of ``doc`` (of one role)."""
    return [a for a in doc._.actors or []
            if a.span and start_char <= a.span[0] and a.span[1] <= end_char and (role is None or a.role == role)]


def perpetrators(actors: Iterable[Actor]) -> list[str]:
    """Canonical names of the perpetrators among ``actors``, each once, in order."""
    seen: dict[str, None] = {}
    for actor in actors:
        if actor.role == "perpetrator":
            seen.setdefault(actor.canonical or actor.name, None)
    return list(seen)


@Language.factory("accord_actors", assigns=["doc._.actors"], requires=["doc.ents", "token.dep", "token.lemma"])
def make_component(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    matchers = _alias_matcher(nlp)

    def component(doc: Doc) -> Doc:
        doc._.actors = actors_of(doc, matchers)
        return doc

    return component


__all__ = ["actors_of", "actors_in_range", "canonical_name", "clean_name", "perpetrators", "COMPONENT_VERSION"]
