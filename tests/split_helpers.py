"""Hand-made inputs for ``split_article``, shared by the tests of accord_mentions: sentences cut by
punctuation instead of the parser, spans found by phrase, and claims of exact counts."""

from __future__ import annotations

import re
from typing import Any

from accord.extract.mentions import split_article, units_from_sentences
from accord.models import Claim, Interval, Source


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets by final stops and line breaks, standing in for the parser."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^.\n]+[.]?", text) if m.group(0).strip()]


def span_of(text: str, phrase: str, start: int = 0) -> tuple[int, int]:
    """The span of the first ``phrase`` in ``text`` at or after ``start``."""
    found = text.index(phrase, start)
    return (found, found + len(phrase))


def claim(text: str, phrase: str, measure: str, low: int, start: int = 0) -> Claim:
    """An exact count of ``low`` people, said by the police, at ``phrase`` (its own sentence)."""
    span = span_of(text, phrase, start)
    return Claim(measure=measure, group="all", value=Interval(low, low), hedge="exact", modality="reported",
                 source=Source(name="police"), article="a1", sentence=phrase, span=span, sentence_span=span,
                 text=phrase)


def split_text(text: str, claims: list[Claim], *, published: str, event_type: str = "shooting",
               **kwargs: Any) -> Any:
    """``split_article`` of ``text`` (article "a1") with its sentences from :func:`sentences`."""
    units = units_from_sentences(text, sentences(text))
    return split_article("a1", units, claims=claims, published=published, event_type=event_type, **kwargs)
