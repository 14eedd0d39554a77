"""Units: the sentences of an article, or the two halves of one cut at a comparison cue, and the
records (anything with a character ``span``) that fall in each."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from accord.extract.mentions.cue_lexicon import cues

_R = TypeVar("_R")


@dataclass
class Unit:
    """A sentence, or part of one, with its paragraph number (plain offsets into the text)."""

    start: int
    end: int
    text: str
    paragraph: int
    compared: bool = False  # follows a comparison cue: speaks of the incident compared with


_LINE_BREAK = re.compile(r"\n")
_LINE = re.compile(r"[^\n]+")


def units_from_sentences(text: str, sentences: Sequence[tuple[int, int]]) -> list[Unit]:
    """Units from sentence offsets: paragraphs from line breaks, sentences cut at comparison cues."""
    breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
    units: list[Unit] = []
    comparison = cues().comparison
    for sentence_start, sentence_end in sentences:
        # A line break ends a sentence whatever the parser says (headlines, crossheads).
        for line in _LINE.finditer(text[sentence_start:sentence_end]):
            start, end = sentence_start + line.start(), sentence_start + line.end()
            piece = line.group(0)
            if not piece.strip():
                continue
            paragraph = bisect_right(breaks, start)
            match = comparison.search(piece)
            # The part after "the deadliest since" speaks of the other incident.
            if match and match.end() < len(piece.rstrip()) - 1:
                cut = start + match.end()
                units.append(Unit(start, cut, text[start:cut], paragraph))
                units.append(Unit(cut, end, text[cut:end], paragraph, compared=True))
            else:
                units.append(Unit(start, end, piece, paragraph))
    return units


def records_by_unit(records: Sequence[_R], units: Sequence[Unit], starts: Sequence[int]) -> list[list[_R]]:
    """The records (anything with a ``span``) that start inside each unit, in one pass."""
    out: list[list[_R]] = [[] for _ in units]
    for record in records:
        span = getattr(record, "span", None)
        if span is None:
            continue
        i = bisect_right(starts, span[0]) - 1
        if 0 <= i < len(units) and span[0] < units[i].end:
            out[i].append(record)
    return out


def inside(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls in one of ``spans`` (sorted, disjoint)."""
    i = bisect_right(spans, (offset, len(spans) and spans[-1][1] + 1)) - 1
    return 0 <= i < len(spans) and spans[i][0] <= offset < spans[i][1]


def outside(spans: Sequence[tuple[int, int]], records: Sequence[_R] | None) -> list[_R]:
    """The records (anything with a ``span``) that do not start inside one of ``spans``."""
    if not spans:
        return list(records or [])
    return [r for r in records or [] if (span := getattr(r, "span", None)) is None or not inside(spans, span[0])]
