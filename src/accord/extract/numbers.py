"""Number phrases → an interval and a hedge: "more than two dozen" → [24, None], at_least.

A pure function of a string (no spaCy): :func:`parse_count` reads the phrase a
figure is written with, :func:`count_word_value` tells whether one word is part
of a count. The words are data (lexicons ``number_words`` and ``hedges``).

    >>> parse_count("nearly 350")
    Count(value=Interval(low=350, high=350), hedge='about')
    >>> parse_count("between 10 and 15")
    Count(value=Interval(low=10, high=15), hedge='range')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from accord.lexicons import load_lexicon
from accord.models import Interval

# ASCII only: unicode digits (superscripts, other scripts) pass ``str.isdigit``
# but are not how a report writes a count, and some cannot go through ``int``.
_WORD = re.compile(r"[0-9]+(?:st|nd|rd|th)\b|[0-9][0-9,]*(?:\.[0-9]+)?|[a-z]+(?:\.)?|[-–%]", re.IGNORECASE | re.ASCII)
_DIGITS = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+$|^[0-9]+$")
#: A numeric ordinal: "8th", "21st".
_DIGIT_ORDINAL = re.compile(r"^([0-9]+)(?:st|nd|rd|th)$")

#: Digits that are never a count, blanked before a phrase is read: URLs and paths, ISO and numeric
#: dates ("2018-09-22", a dateline's "05-31", "11/3/2025"), clock times ("11:33"), phone numbers, and
#: zero-padded numbers ("007", but not the thousands of "9,000"). A range of counts ("70-80") has no leading zero and two parts.
_NOT_COUNTS = re.compile(
    r"(?:https?://|www\.)\S+|\S+\.(?:com|org|net|gov|pk|in|ng|uk)(?:/\S*)?"
    r"|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b|\b0\d[-/.]\d{1,2}\b|\b\d{1,2}[-/.]0\d\b"
    r"|\b\d{1,2}:\d\d(?::\d\d)?\b|\+?\b\d{3,4}[-. ]\d{3}[-. ]\d{3,4}\b|(?<![\d,.])\b0\d+\b",
    re.IGNORECASE | re.ASCII,
)

#: Trailing words that widen an exact count: "20-odd", "30 or so", "100-plus".
_TRAILING_ABOUT = (("or", "so"), ("odd",), ("or", "more"), ("plus",))


@dataclass(frozen=True)
class Count:
    """A parsed count: its interval and how it was hedged."""

    value: Interval
    hedge: str


@cache
def _numbers() -> dict[str, dict[str, Any]]:  # the JSON tables of number_words.json
    return load_lexicon("number_words")


@cache
def _hedge_phrases() -> list[tuple[tuple[str, ...], str]]:
    """(words, hedge) pairs, longest first so "more than" beats "more"."""
    lexicon = load_lexicon("hedges")
    pairs = [
        (tuple(_WORD.findall(phrase.lower())), hedge)
        for hedge in ("at_least", "at_most", "about")
        for phrase in lexicon[hedge]
    ]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


@lru_cache(maxsize=16384)  # called on nearly every token; words repeat
def count_word_value(word: str) -> int | None:
    """The value of a single count word or numeral ("three" → 3, "2,500" → 2500), else None.

    Articles ("a", "an") and "no" are not counts on their own: callers decide.
    """
    lower = word.lower().replace(",", "") if _DIGITS.match(word) else word.lower()
    if _DIGITS.match(lower):
        return int(lower)
    lexicon = _numbers()
    for table in ("units", "tens", "multipliers"):
        value = lexicon[table].get(lower)
        if value is not None and lower not in ("a", "an", "no", "pair"):
            return int(value)
    return None


@lru_cache(maxsize=16384)
def is_count_word(word: str) -> bool:
    """True for numerals, number words, "dozen(s)", "several" ... (the head of a count)."""
    lower = word.lower()
    lexicon = _numbers()
    return (
        count_word_value(word) is not None
        or lower in lexicon["vague"]
        or lower in lexicon["scales"]
    )


def _number_at(words: list[str], i: int) -> tuple[Interval, bool, int] | None:
    """The number starting at ``words[i]``: (interval, vague, index after it), or None."""
    lexicon = _numbers()
    units: dict[str, int] = lexicon["units"]
    tens: dict[str, int] = lexicon["tens"]
    scales: dict[str, int] = lexicon["scales"]
    multipliers: dict[str, int] = lexicon["multipliers"]
    vague: dict[str, list[int | None]] = lexicon["vague"]
    ordinals: dict[str, int] = lexicon["ordinals"]
    if i >= len(words):
        return None
    first = words[i]
    # "a couple of", "a few", "a handful"
    if first in ("a", "an") and i + 1 < len(words) and words[i + 1] in vague:
        low, high = vague[words[i + 1]]
        end = i + 2
        if end < len(words) and words[end] == "of":
            end += 1
        return Interval(low, high), high is None or low != high, end
    if first in vague:
        low, high = vague[first]
        end = i + 1
        if end < len(words) and words[end] == "of":
            end += 1
        return Interval(low, high), True, end
    # "a third (person)": an ordinal implies at least that many.
    if first in ("a", "an") and i + 1 < len(words) and words[i + 1] in ordinals:
        return Interval(ordinals[words[i + 1]], None), False, i + 2
    ordinal = _DIGIT_ORDINAL.match(words[i + 1]) if first in ("a", "an") and i + 1 < len(words) else None
    if ordinal:  # "an 8th victim"
        return Interval(int(ordinal.group(1)), None), False, i + 2
    total, current, seen, j = 0, 0, False, i
    while j < len(words):
        word = words[j]
        if seen and _DIGITS.match(words[j - 1]) and word not in scales and word not in multipliers:
            break  # "12 one" is two numbers
        if _DIGITS.match(word):
            if seen:
                break
            current = int(word.replace(",", ""))
            seen = True
        elif word in tens:
            current += tens[word]
            seen = True
        elif word in units and (word not in ("a", "an") or _multiplier_follows(words, j, scales, multipliers)
                                or (j + 1 < len(words) and words[j + 1] == "half")):
            if word in ("a", "an") and words[j + 1] == "half":
                j += 1
                continue
            if word in ("no",):
                break
            current += units[word]
            seen = True
        elif word in scales and seen:
            current *= scales[word]
            if scales[word] >= 1000:
                total, current = total + current, 0
        elif word in multipliers:
            current = (current or 1) * multipliers[word]
            seen = True
        elif word == "half" and not seen:
            # "a half-dozen", "half a dozen"
            k = j + 1
            while k < len(words) and words[k] in ("-", "a"):
                k += 1
            if k >= len(words) or words[k] not in multipliers:
                break
            current = multipliers[words[k]] // 2
            seen = True
            j = k
        elif word == "-" and seen and j + 1 < len(words) and words[j + 1] in units and words[j - 1] in tens:
            pass  # "thirty-three"
        elif word == "and" and seen and j + 1 < len(words) and (words[j + 1] in units or words[j + 1] in tens) \
                and j > i and words[j - 1] in scales:
            pass  # "two hundred and fifty"
        else:
            break
        j += 1
    if not seen:
        return None
    value = total + current
    return Interval(value, value), False, j


def _multiplier_follows(words: list[str], j: int, scales: dict[str, int], multipliers: dict[str, int]) -> bool:
    return j + 1 < len(words) and (words[j + 1] in scales or words[j + 1] in multipliers or words[j + 1] == "half")


def _hedge_at(words: list[str], i: int) -> tuple[str, int] | None:
    for phrase, hedge in _hedge_phrases():
        if tuple(words[i : i + len(phrase)]) == phrase:
            return hedge, i + len(phrase)
    return None


def parse_count(text: str) -> Count | None:
    """The count a phrase states, or None when it states none.

    Understands numerals ("2,500"), number words ("thirty-three", "two hundred"),
    "a dozen", "two dozen", vague counts ("dozens", "scores", "several"), hedges
    ("at least", "more than", "nearly", "up to"), ranges ("70 to 80",
    "between 10 and 15", "70-80") and ordinals implying a count ("a third").
    Leading words that are not part of a count ("the", adjectives) are skipped.
    """
    words = [w.lower() for w in _WORD.findall(_NOT_COUNTS.sub(" ", text))]
    i = 0
    while i < len(words):
        start = i
        hedge = None
        range_open = words[i] in load_lexicon("hedges")["range_openers"]
        if range_open:
            i += 1
        found = _hedge_at(words, i)
        if found:
            hedge, i = found
        parsed = _number_at(words, i)
        if parsed is None:
            i = start + 1
            continue
        value, vague, i = parsed
        second = _range_end(words, i, range_open)
        if second is not None and value.low is not None and second.low is not None and second.low > value.low:
            return Count(Interval(value.low, second.high), "range")
        if vague:
            if hedge == "at_least" and value.low is not None:
                return Count(Interval(value.low, None), "at_least")
            return Count(value, "vague")
        if value.high is None:  # an ordinal: "a third person"
            return Count(value, "at_least")
        after = i + 1 if i < len(words) and words[i] == "-" else i
        if hedge is None and any(tuple(words[after : after + len(t)]) == t for t in _TRAILING_ABOUT):
            hedge = "about"
        if hedge == "at_least":
            return Count(Interval(value.low, None), hedge)
        if hedge == "at_most":
            return Count(Interval(None, value.high), hedge)
        return Count(value, hedge or "exact")
    return None


def _range_end(words: list[str], i: int, range_open: bool) -> Interval | None:
    """The upper number of "70 to 80" / "between 10 and 15", when ``words[i]`` joins one."""
    if i >= len(words):
        return None
    joiners = load_lexicon("hedges")["range_joiners"]
    if words[i] not in joiners or (words[i] == "and" and not range_open):
        return None
    parsed = _number_at(words, i + 1)
    if parsed is None or parsed[1]:
        return None
    return parsed[0]


__all__ = ["Count", "parse_count", "count_word_value", "is_count_word"]
