"""Who says a figure: the attribution of a claim, read from the dependency tree.

Order of evidence: a quote (from ``accord_quotes``) whose content holds the
figure gives its speaker; otherwise the nearest attribution above the figure in
the parse ("police said", "a security source told CNN", "the group said on
Telegram"), or "according to X" anywhere on the figure's path or in its
sentence. The kind of source (official, security, perpetrator, media, ...)
comes from the words of its name (lexicon ``source_kinds``).

An attribution clause that states something of its own ("..., although some
sources claim the number was 35", "... and officials said the gunman fled")
does not lend its source to a neighbouring clause's figure. An outlet citing
someone ("Reuters reported, citing hospital officials") makes the cited one the
source and the outlet its ``via``; an attribution inside quoted words ("Militants
have confirmed that they hold 182 passengers") beats the quote's speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from accord.lexicons import load_lexicon
from accord.models import Quote, Source

#: Longest source name kept, in tokens: a subject longer than this is a clause, not a name;
#: 12 keeps "a spokesman for the Chicago Police Department" and cuts relative clauses.
MAX_SOURCE_TOKENS = 12

UNATTRIBUTED = Source(name="", kind="unattributed")

_SUBJECTS = ("nsubj", "nsubjpass")
_DASHES = ("—", "–", "--", "-")
_CLAUSAL = ("parataxis", "advcl", "ccomp", "conj")


@cache
def _lexicon() -> dict:  # type: ignore[type-arg]
    return load_lexicon("source_kinds")


@cache
def _kind_patterns() -> list[tuple[str, re.Pattern[str]]]:
    lexicon = _lexicon()
    patterns = []
    for kind in lexicon["kind_order"]:
        words = sorted(lexicon["kinds"][kind], key=len, reverse=True)
        patterns.append((kind, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)))
    return patterns


@cache
def _outlet_pattern() -> re.Pattern[str]:
    names = sorted(_lexicon()["outlets"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def source_kind(name: str) -> str:
    """The kind of a source from its name: "the interior ministry" → official."""
    if not name:
        return "unattributed"
    if _outlet_pattern().search(name):
        return "media"
    for kind, pattern in _kind_patterns():
        if pattern.search(name):
            return kind
    return "unattributed"


def _outlet_in(tokens: Iterable[Token]) -> str | None:
    for token in tokens:
        text = _phrase(token)
        match = _outlet_pattern().search(text)
        if match:
            return match.group(0)
    return None


def _phrase_tokens(token: Token) -> list[Token]:
    """The words of the noun phrase headed by ``token``, without relative clauses or appositions."""
    excluded = {t.i for c in token.children if c.dep_ in ("relcl", "acl", "appos") for t in c.subtree}
    kept = [t for t in token.subtree if t.i not in excluded]
    # A dateline parsed into the subject ("MILWAUKEE (AP) – Police say ..."): the name starts after the dash.
    dashes = [k for k, t in enumerate(kept) if t.text in _DASHES and t.i < token.i]
    if dashes:
        kept = kept[dashes[-1] + 1:]
    return kept[:MAX_SOURCE_TOKENS]


def _phrase(token: Token) -> str:
    """The noun phrase headed by ``token``, as text."""
    return "".join(t.text_with_ws for t in _phrase_tokens(token)).strip(" ,")


def _span_of(token: Token) -> tuple[int, int]:
    kept = _phrase_tokens(token) or [token]
    return kept[0].idx, kept[-1].idx + len(kept[-1].text)


def _make(subject: Token, via: str | None) -> Source:
    name = _phrase(subject)
    kind = source_kind(name)
    if kind == "unattributed" and subject.ent_type_ in ("ORG", "NORP"):
        kind = "official"
    return Source(name=name, kind=kind, span=_span_of(subject), via=via if via != name else None)


def _according_to(token: Token) -> Token | None:
    """The pobj of "according to X" attached to ``token``."""
    for child in token.children:
        if child.lower_ in _lexicon()["according"]:
            for prep in child.children:
                if prep.lower_ == "to":
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return obj
    return None


def _has_own_content(verb: Token) -> bool:
    """An attribution verb that states something of its own ("although some sources claim the number
    was 35", "and officials said the gunman fled"): it vouches for its complement, not for a figure
    of a neighbouring clause."""
    return any(c.dep_ in ("ccomp", "xcomp") for c in verb.children) or any(
        c.dep_ == "mark" and c.lower_ in _lexicon()["contrast_marks"] for c in verb.children)


def _cited(verb: Token) -> Token | None:
    """The source an outlet cites: "Reuters reported, citing hospital officials" → officials."""
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp", "prep", "conj") and child.lemma_.lower() in _lexicon()["citing_verbs"]:
            for obj in child.children:
                if obj.dep_ in ("dobj", "pobj"):
                    return obj
    return None


def _from_verb(verb: Token) -> Source | None:
    """A source named as the subject of an attribution verb ("police said", "X told CNN")."""
    if verb.lemma_.lower() not in _lexicon()["attribution_verbs"]:
        return None
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if subject is None:
        # "..., the group said on Telegram" parsed as a conjunct sharing the subject
        if verb.dep_ == "conj":
            subject = next((c for c in verb.head.children if c.dep_ in _SUBJECTS), None)
        if subject is None:
            return None
    via_tokens = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")]
    via_tokens += [o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("to", "on", "in", "via")
                   for o in p.children if o.dep_ == "pobj"]
    channels = [o for o in via_tokens if o.text in _lexicon()["channels"]]
    via = _outlet_in(via_tokens) or (channels[0].text if channels else None)
    if subject.lower_ in ("it", "this", "that", "which"):
        return None
    cited = _cited(verb)
    if cited is not None:
        # the outlet relays the cited source: it becomes the "via"
        outlet = _outlet_in([subject]) or _phrase(subject)
        return _make(cited, outlet)
    return _make(subject, via)


def _inside(inner: tuple[int, int] | None, outer: tuple[int, int]) -> bool:
    return inner is not None and outer[0] <= inner[0] and inner[1] <= outer[1]


def _without_determiner(name: str) -> str:
    first, _, rest = name.partition(" ")
    return rest if rest and first.lower() in ("the", "a", "an") else name


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def find_source(anchor: Token, span: tuple[int, int], quotes: list[Quote] | None) -> Source:
    """Who says the figure at ``span`` whose predicate is ``anchor``."""
    from_parse = _from_parse(anchor)
    for quote in quotes or []:
        if quote.speaker is None or not _inside(span, quote.span):
            continue
        speaker = quote.speaker
        kind = speaker.kind if speaker.kind != "unattributed" else source_kind(speaker.name)
        same = _overlap(from_parse.span, speaker.span)
        if _inside(from_parse.span, quote.span) and not same:
            # The quoted words name their own source ("militants have confirmed that they hold
            # 182 passengers"): that source says the figure; an outlet quoting it relays it.
            outlet = _outlet_pattern().search(speaker.name)
            via = from_parse.via or (outlet.group(0) if outlet else None)
            return Source(name=from_parse.name, kind=from_parse.kind, span=from_parse.span, via=via)
        if from_parse.via and speaker.name and (speaker.name in from_parse.via or from_parse.via in speaker.name):
            return from_parse  # "Reuters reported, citing hospital officials": the officials, via Reuters
        if same and from_parse.name and from_parse.kind != "media" and _outlet_pattern().fullmatch(speaker.name):
            # "MILWAUKEE (AP) – Police say ...": the police say it, in the wire's report
            return Source(name=from_parse.name, kind=from_parse.kind, span=from_parse.span, via=speaker.name)
        # the quote names the speaker; the parse may add the outlet it was told to, or a fuller name
        name = speaker.name
        fuller = _without_determiner(from_parse.name)
        if same and speaker.name and speaker.name.lower() in fuller.lower() and len(fuller) > len(speaker.name):
            name = fuller  # "spokesman for the militants", not "spokesman"
        return Source(name=name, kind=kind, span=speaker.span, via=from_parse.via if same else None)
    return from_parse


def _from_parse(anchor: Token) -> Source:
    """The attribution found in the dependency tree above ``anchor``, or in its sentence."""
    path = [anchor, *anchor.ancestors]
    on_path = {t.i for t in path}
    for token in path:
        found = _according_to(token)
        if found is not None:
            return _make(found, None)
        source = _from_verb(token)
        if source is not None:
            return source
        for child in token.children:
            if child.dep_ in _CLAUSAL and child.i not in on_path and not _has_own_content(child):
                source = _from_verb(child)
                if source is not None:
                    return source
    sentence: SpacySpan = anchor.sent
    for token in sentence:
        found = _according_to(token)
        if found is not None:
            return _make(found, None)
    return UNATTRIBUTED


__all__ = ["find_source", "source_kind", "UNATTRIBUTED"]
