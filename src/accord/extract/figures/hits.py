"""A figure found in a sentence (:class:`Hit`), before per-article resolution, and the measures' order."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from spacy.tokens import Token

from accord.extract.numbers import Count
from accord.lexicons import load_lexicon

#: The figures component's version: it goes up whenever what it extracts changes (the store
#: re-extracts articles of an older one).
EXTRACTOR = "accord.figures.v4"

#: Internal measure of "shot" with no stated outcome; never leaves this package.
HIT = "hit"

#: Measures from the strongest outcome down: "shot and killed" is killed, not hit.
_PRIORITY = ("killed", "injured", HIT, "held", "released", "rescued", "escaped", "arrested", "missing", "present")


@cache
def triggers() -> dict[str, Any]:
    """The lexicon ``figure_triggers``: the words and phrases the figure rules look for."""
    return load_lexicon("figure_triggers")


@cache
def trigger_words(key: str) -> frozenset[str]:
    """The words of the ``figure_triggers`` list ``key``, as a set."""
    return frozenset(triggers()[key])


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
    rule: str = ""  # the id of the rule that found it (figures/rules.py)
    changed: tuple[str, ...] = field(default_factory=tuple)  # ids of the rules that changed it since


def changed_by(hit: Hit, rule: str, **changes: Any) -> Hit:
    """``hit`` with ``changes`` made by the rule ``rule``, which it records."""
    return replace(hit, changed=(*hit.changed, rule) if rule not in hit.changed else hit.changed, **changes)


@dataclass(frozen=True)
class Switches:
    """Which rules are off for this run (the component's ``disabled_rules``)."""

    disabled: frozenset[str] = frozenset()

    def on(self, rule: str) -> bool:
        return rule not in self.disabled


def strongest(measures: list[str]) -> str | None:
    found = [m for m in measures if m]
    return min(found, key=_PRIORITY.index) if found else None
