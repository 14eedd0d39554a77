"""A figure found in a sentence (:class:`Hit`), before per-article resolution, and the measures' order."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Token

from accord.extract.numbers import Count
from accord.lexicons import load_lexicon

EXTRACTOR = "accord.figures.v1"
#: Internal measure of "shot" with no stated outcome; never leaves this package.
HIT = "hit"
#: Measures from the strongest outcome down: "shot and killed" is killed, not hit.
_PRIORITY = ("killed", "injured", HIT, "held", "released", "rescued", "escaped", "arrested", "missing", "present")


@cache
def triggers() -> dict[str, Any]:
    """The lexicon ``figure_triggers``: the words and phrases the figure rules look for."""
    return load_lexicon("figure_triggers")


@dataclass
class Hit:
    """One figure found in a sentence, before per-article resolution."""

    measure: str
    group: str
    count: Count
    start: int  # character span of the figure phrase
    end: int
    anchor: Token
    modality: str
    explicit: bool  # a number was written (not an implicit "a man")
    same_as_before: str | None = None  # "at least as many": the hedge of a count repeating the one before
    scope: str = "total"  # "subset": a part of a toll ("including four Chinese nationals")
    rule: str | None = None  # the id of the rule that found it, where it has one ("figures.toll_phrase")


def strongest(measures: list[str]) -> str | None:
    found = [m for m in measures if m]
    return min(found, key=_PRIORITY.index) if found else None
