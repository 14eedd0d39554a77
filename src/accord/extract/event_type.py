"""The ``accord_event_type`` component: what kind of incident an article reports.

Each type of DESIGN's taxonomy has weighted trigger lemmas in the lexicon
``event_types`` ("hijack" 4, "hostage" 2...). A text's type is the type with the
largest weighted sum of its triggers; words of the headline and first
paragraph count :data:`LEAD_WEIGHT` times. Below :data:`MIN_SCORE` the type is
``other``.

The scoring is reusable on any part of an article: :func:`event_type_of_span`
on spaCy sentences (lemmas), :func:`event_type_of_text` on plain text (surface
forms derived from the lemmas), so ``accord_mentions`` can type each incident
an article speaks of.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from accord.extract.dates import MONTH_ABBREVIATIONS, MONTHS
from accord.extract.extensions import doc_text
from accord.lexicons import extend_lexicons, load_lexicon

COMPONENT_VERSION = "accord.event_type.v2"

#: Headline and first paragraph words weigh this many times a body word: the lead
#: says what happened, the body also recalls older incidents of other types.
LEAD_WEIGHT = 3.0
#: The lead is the text up to the first paragraph break, capped at this many characters.
LEAD_MAX_CHARS = 600
#: A weighted sum below this is not evidence of any type: one "assault" or one
#: "shot" in passing (calibrated on GVA dev docs, which are all shootings, and seeds).
MIN_SCORE = 2.0
OTHER = "other"
#: A type earlier in GTD's hierarchy wins when its score is at least this share of
#: the top score: enough evidence that it is part of the incident, not a passing word.
PRECEDENCE_RATIO = 0.5

#: A body sentence that opens on an earlier time ("Last week, gunmen seized a bus ...", "In June 2024,
#: ...") recalls another incident: its triggers count this share. Not zero: "Since Monday, the hostages
#: ..." can still be the incident's own. The demo corpus's police-post report recalls the bus hijacking
#: of the week before this way.
RETROSPECTIVE_WEIGHT = 0.25

#: Words inside quotation marks count this share: a speaker's rhetoric ("we will not let them hold the
#: coast hostage", "this is a war") names no incident type; the reporter's own words do.
QUOTED_WEIGHT = 0.25
_OPENING_QUOTES = frozenset({"\u201c", "``"})
_CLOSING_QUOTES = frozenset({"\u201d", "''"})

_WORD = re.compile(r"[a-z][a-z\-]*")
_MONTH_NAMES = "|".join((*MONTHS, *MONTH_ABBREVIATIONS))


@cache
def _triggers() -> dict[str, dict[str, float]]:
    """Lemma (or "lemma lemma") -> {event type: weight}."""
    table: dict[str, dict[str, float]] = {}
    for event_type, words in load_lexicon("event_types")["triggers"].items():
        for word, weight in words.items():
            table.setdefault(word.lower(), {})[event_type] = float(weight)
    return table


def _inflections(lemma: str) -> set[str]:
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing", lemma + "er", lemma + "ers"}
    if lemma.endswith("e"):
        forms.update({lemma[:-1] + "ing", lemma + "r", lemma + "rs"})
    if lemma.endswith("y"):
        forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied"})
    if len(lemma) > 2 and lemma[-1] in "bdgmnpt" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing", lemma + lemma[-1] + "er"})
    return forms


@cache
def _surface_forms() -> dict[str, str]:
    """Surface word -> lemma, for texts read without spaCy."""
    forms: dict[str, str] = {}
    for key in _triggers():
        for lemma in key.split():
            for form in _inflections(lemma):
                forms.setdefault(form, lemma)
    forms.update(load_lexicon("event_types").get("irregular", {}))
    return forms


@cache
def _cooccurrences() -> list[tuple[str, float, list[frozenset[str]]]]:
    return [(rule["type"], float(rule["weight"]), [frozenset(group) for group in rule["all_of"]])
            for rule in load_lexicon("event_types").get("cooccurrence", [])]


@cache
def _retrospective_opener() -> re.Pattern[str]:
    """A sentence opening on an earlier time: the lexicon's phrases, a month or a year, "N days ago"."""
    phrases = sorted(load_lexicon("event_types").get("retrospective_openers", []), key=len, reverse=True)
    alternatives = [re.escape(p) for p in phrases] + [
        rf"in (?:early |late |mid-?)?(?:{_MONTH_NAMES})\b\.?(?:,? (?:19|20)\d\d)?",
        r"in (?:19|20)\d\d\b",
        r"(?:\w+ ){1,2}(?:days?|weeks?|months?|years?) (?:ago|earlier|before)\b",
    ]
    return re.compile(r"^[\W_]*(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


def is_retrospective(sentence: str) -> bool:
    """Whether a sentence opens on an earlier time ("Last week, ...", "In June 2024, ...")."""
    return _retrospective_opener().match(sentence) is not None


@cache
def _precedence() -> tuple[str, ...]:
    return tuple(load_lexicon("event_types").get("precedence", []))


def _score_sentence(lemmas: list[tuple[str, float]], scores: Counter) -> None:
    """Add one sentence's triggers (single lemmas, lemma pairs, co-occurrences) to ``scores``."""
    triggers = _triggers()
    seen: set[str] = set()
    previous = ""
    for lemma, weight in lemmas:
        pair = f"{previous} {lemma}"
        seen.update((lemma, pair))
        for key in (lemma, pair):
            for event_type, value in triggers.get(key, {}).items():
                scores[event_type] += value * weight  # type: ignore[assignment]  # float weights: a Counter takes any number, typeshed says int
        previous = lemma
    if not lemmas:
        return
    weight = max(w for _, w in lemmas)
    for event_type, value, groups in _cooccurrences():
        if all(group & seen for group in groups):
            scores[event_type] += value * weight  # type: ignore[assignment]  # as above


def best_event_type(scores: Counter) -> str | None:
    """The type the scores point to, or None below MIN_SCORE.

    GTD's hierarchy decides between close types: an earlier type of the
    lexicon's ``precedence`` list wins when it reaches PRECEDENCE_RATIO of the
    top score (hostages held on a seized train are a hijacking).
    """
    if not scores:
        return None
    top_type, top = max(sorted(scores.items()), key=lambda item: item[1])
    if top < MIN_SCORE:
        return None
    for event_type in _precedence():
        if event_type == top_type:
            break
        if scores.get(event_type, 0.0) >= max(MIN_SCORE, PRECEDENCE_RATIO * top):
            return event_type
    return top_type


def _trigger_key(token: Token, text: str) -> str:
    """A token's lemma, or, for a plural noun written as a trigger of its own ("gunmen", "militants"), the
    word as written (rule ``event_type.plural_attackers``): several attackers are an armed assault, where
    "a gunman" is a shooting."""
    lemma = (token.lemma_ or text).lower()
    if token.tag_ in ("NNS", "NNPS") and (written := text.lower()) != lemma and written in _triggers():
        return written
    return lemma


def _token_lemmas(tokens: Iterable[Token], lead_end: int, body_weight: float = 1.0) -> list[tuple[str, float]]:
    lemmas = []
    quoted = False
    for t in tokens:
        text = t.text  # read once: each read of a token attribute builds a new string
        if text in _OPENING_QUOTES or (text == '"' and not quoted):
            quoted = True
        elif text in _CLOSING_QUOTES or text == '"':
            quoted = False
        elif t.is_alpha or "-" in text:
            weight = LEAD_WEIGHT if t.idx < lead_end else body_weight
            lemmas.append((_trigger_key(t, text), weight * QUOTED_WEIGHT if quoted else weight))
    return lemmas


def event_type_scores(sentences: Iterable[Span], lead_end: int = 0) -> Counter:
    """Weighted trigger sums per type; tokens starting before ``lead_end`` count LEAD_WEIGHT times, those
    of a body sentence opening on an earlier time RETROSPECTIVE_WEIGHT times."""
    scores: Counter = Counter()
    for sentence in sentences:
        retrospective = sentence.start_char >= lead_end and is_retrospective(sentence.text)
        _score_sentence(_token_lemmas(sentence, lead_end, RETROSPECTIVE_WEIGHT if retrospective else 1.0), scores)
    return scores


def event_type_of_span(span_or_sentences: Span | Doc | Iterable[Span]) -> str | None:
    """The event type a sentence range speaks of, or None when no trigger is strong enough."""
    if isinstance(span_or_sentences, Doc):
        sentences: Iterable[Span] = span_or_sentences.sents
    elif isinstance(span_or_sentences, Span):
        sentences = span_or_sentences.sents if span_or_sentences.doc.has_annotation("SENT_START") else [span_or_sentences]  # type: ignore[attr-defined]  # Span.sents: spaCy has it, its stub does not
    else:
        sentences = span_or_sentences
    return best_event_type(event_type_scores(sentences))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def event_type_of_text(text: str, *, lead_chars: int = 0) -> str | None:
    """The event type of a plain text, or None; the first ``lead_chars`` count LEAD_WEIGHT times."""
    forms = _surface_forms()
    scores: Counter = Counter()
    offset = 0
    for sentence in _SENTENCE_END.split(text.lower()):
        start = text.lower().find(sentence, offset) if sentence else offset
        offset = max(offset, start)
        lemmas = [(forms.get(m[0], m[0]), LEAD_WEIGHT if start + m.start() < lead_chars else 1.0)
                  for m in _WORD.finditer(sentence)]
        _score_sentence(lemmas, scores)
    return best_event_type(scores)


def lead_end(text: str) -> int:
    """Where the headline and first paragraph end: after the first two non-empty lines, capped."""
    seen = 0
    position = 0
    for line in text.split("\n"):
        position += len(line) + 1
        if line.strip():
            seen += 1
            if seen == 2:
                break
    return min(position, LEAD_MAX_CHARS, len(text))


def article_event_type(doc: Doc) -> str:
    """The event type of a whole article, the lead weighted more."""
    return best_event_type(event_type_scores(doc.sents, lead_end(doc_text(doc)))) or OTHER


@Language.factory("accord_event_type", assigns=["doc._.event_type"], requires=["token.lemma"],
                  default_config={"lexicons": {}})
def make_component(nlp: Language, name: str, lexicons: dict[str, Any]) -> Callable[[Doc], Doc]:
    extend_lexicons(lexicons)
    def component(doc: Doc) -> Doc:
        doc._.event_type = article_event_type(doc)
        return doc

    return component


__all__ = ["article_event_type", "best_event_type", "event_type_of_span", "event_type_of_text", "event_type_scores",
           "is_retrospective", "lead_end",
           "COMPONENT_VERSION", "OTHER"]
