"""Whether a figure's words make it an aggregate statistic (a year's total, a rate), not one incident's count.

Two kinds of evidence, both read from the words around the figure:

- a *statistic cue* in the figure's own phrase ("percent", "so far this year", "nationwide"; lexicon
  ``figure_triggers``: ``statistic_cues``). "As of" is one only before a period ("as of June, 300 people
  had been shot"); before a day or an hour ("as of Saturday afternoon, 129 were killed") it stamps the
  time of a toll.
- a *period* anywhere in the sentence ("in the last seven months ... 47 people killed", "in 2016").
  A date is a period only when it spans time: a year ("in 2014"), "this year", "the past seven
  months". The year of a calendar date ("14th Jul, 2021", a dateline) or "last week" says when one thing
  happened. A period after a comparison ("the deadliest attack in three years",
  "the first such bombing for two years", "the worst since 2018", however far back in the period's own
  clause) measures how rare the incident is, not a span the figure counts over.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from accord.extract.extensions import entities_within
from accord.lexicons import load_lexicon

#: A date entity's text that names a span of time: a year, this/last year, "the past seven months".
_PERIOD = re.compile(r"^(?:in |since |during |over )?(?:the )?(?:(?:19|20)\d\d|(?:this|last|past|previous) (?:year|decade)|"
                     r"so far this year|this year so far|.*\byears?\b|(?:last|past) .*(?:weeks|months)|past .*(?:week|month))$",
                     re.IGNORECASE)
_BARE_YEAR = re.compile(r"^(?:19|20)\d\d$")
#: How many tokens before a period a comparison word may stand: "the deadliest such attack on the city in".
COMPARISON_REACH = 8
#: Tags of a finite verb: a comparison before one is in another clause than the period after it.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


@cache
def _lexicon() -> dict[str, Any]:
    return load_lexicon("figure_triggers")


@cache
def _comparison_words() -> frozenset[str]:
    return frozenset(_lexicon()["statistic_periods"]["comparison_words"])


@cache
def _time_prepositions() -> frozenset[str]:
    return frozenset(_lexicon()["statistic_periods"]["time_prepositions"])


@cache
def _months() -> frozenset[str]:
    return frozenset(_lexicon()["statistic_periods"]["months"])


@cache
def _moments() -> frozenset[str]:
    return frozenset(_lexicon()["statistic_periods"]["moments"])


def _comparing(token: Token) -> bool:
    """A word of comparison: a superlative ("deadliest", "most serious") or "first"; not "at least"."""
    if token.lower_ in _comparison_words():
        return True
    return token.tag_ in ("JJS", "RBS") and not (token.i > 0 and token.doc[token.i - 1].lower_ == "at")


def _after_comparison(entity: Span) -> bool:
    """ "the deadliest attack in three years", "the first in more than a year": a period of a comparison."""
    doc = entity.doc
    start = max(entity.sent.start, entity.start - COMPARISON_REACH)
    return any(_comparing(t) for t in doc[start : entity.start]) or _compared_in_clause(entity)


def _compared_in_clause(entity: Span) -> bool:
    """A superlative however far back in the period's own clause (no finite verb between them): "the most
    serious such attack in the northern region of Kashmir since 2014", "the deadliest single bombing since
    the US-led invasion of Iraq in 2003" (not an ordinal: "the fourth child shot in the last eight days"
    counts over the period)."""
    for token in reversed(entity.doc[entity.sent.start : entity.start]):
        if token.tag_ in _FINITE or token.text in (";", ":"):
            return False
        if token.tag_ in ("JJS", "RBS") and not (token.i > 0 and token.doc[token.i - 1].lower_ == "at"):
            return True
    return False


def _calendar_date(entity: Span) -> bool:
    """A year that ends a calendar date or a dateline: "14th Jul, 2021", "Dec 16, 2014", "Monday, 22 December 2014"."""
    doc = entity.doc
    before = doc[max(0, entity.start - 3) : entity.start]
    return any(t.lower_.rstrip(".") in _months() for t in before)


def _preposition_before(entity: Span) -> str | None:
    doc = entity.doc
    first = entity.start
    # "in more than a year": hedge words between the preposition and the period
    while first > entity.sent.start and doc[first - 1].lower_ in ("more", "than", "over", "nearly", "almost", "about"):
        first -= 1
    return doc[first - 1].lower_ if first > entity.sent.start else None


def is_period(entity: Span) -> bool:
    """Whether a DATE entity names a span of time an aggregate is counted over."""
    text = entity.text.strip()
    if entity.label_ != "DATE" or not _PERIOD.match(text):
        return False
    preposition = _preposition_before(entity)
    if _BARE_YEAR.match(text) and _calendar_date(entity):
        return False  # "14th Jul, 2021", a dateline's year: a point in time
    return not (_after_comparison(entity) and preposition in _time_prepositions() | {"of"})


def has_period(sent: Span) -> bool:
    return any(is_period(e) for e in entities_within(sent.doc, sent.start, sent.end))


def _cue_stamps_a_moment(words: list[Token], at: int) -> bool:
    """Whether the cue at ``words[at]`` is "as of" before a day or an hour ("as of Tuesday evening")."""
    if [t.lower_ for t in words[at : at + 2]] != ["as", "of"]:
        return False
    following = [t.lower_ for t in words[at + 2 : at + 4]]
    return any(w in _moments() for w in following)


def _compared(words: list[Token], at: int) -> bool:
    """A cue after a comparison: "the first such attack in more than a year"."""
    return any(_comparing(t) for t in words[max(0, at - COMPARISON_REACH) : at])


@cache
def _cue_words() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(cue.split()) for cue in _lexicon()["statistic_cues"])


def has_statistic_cue(words: list[Token]) -> bool:
    """Whether a statistic cue stands among ``words`` (the figure's phrase, or a whole title)."""
    lowers = [t.lower_ for t in words]
    for cue in _cue_words():
        size = len(cue)
        for at in range(len(lowers) - size + 1):
            if tuple(lowers[at : at + size]) == cue and not _cue_stamps_a_moment(words, at) and not _compared(words, at):
                return True
    return False


__all__ = ["has_period", "has_statistic_cue", "is_period"]
