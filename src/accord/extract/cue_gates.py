"""Cue patterns gated by the words their matches need.

The cue patterns of ``accord_mentions`` (lexicon ``background_cues``) are case-insensitive alternations,
and the regular expression engine tries every alternative at every character of every unit: that was
most of the component's time. Nearly every
alternative needs some whole words ("shootings", "so far this year", "between" ... "and"): a look-up
in the set of the unit's words rules most alternatives out before their pattern runs. The words are
read off each parsed pattern, so a gate never rejects a text its pattern matches, and whoever edits
the lexicon keeps the gates without knowing of them.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from functools import lru_cache
from types import ModuleType
from typing import Any


def _interpreter_parser() -> tuple[ModuleType, ModuleType] | None:
    """The regular expression parser of this Python and its constants (private modules: the parsed
    form of a pattern is what the gate words are read off), or None where they are not where
    CPython 3.11-3.13 keeps them. Without them every pattern goes ungated: the same matches, slower."""
    try:
        parser, constants = importlib.import_module("re._parser"), importlib.import_module("re._constants")
    except ImportError:
        return None
    needed = ("AT", "LITERAL", "SUBPATTERN", "ASSERT", "BRANCH", "MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT",
              "AT_BOUNDARY", "AT_BEGINNING", "AT_BEGINNING_STRING", "AT_END", "AT_END_STRING")
    if not callable(getattr(parser, "parse", None)) or not all(hasattr(constants, name) for name in needed):
        return None
    return parser, constants


_PARSER = _interpreter_parser()

#: Characters that case-insensitive matching takes for an ASCII letter although ``str.lower`` does not
#: make them one (dotted and dotless i, long s, the Kelvin sign; U+0130 also lowers to two characters).
#: A text holding one goes through the whole patterns, ungated.
_FOLDS_ONTO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
#: The words gates look up: runs of ASCII letters of the lowered text.
_LETTERS = re.compile(r"[a-z]+")
#: Stands, in a pattern's literal text, for a boundary the pattern asserts (``\b``, ``^``, ``$``).
_EDGE = "\0"
if _PARSER is not None:
    sre_parser, sre_constants = _PARSER
    _EDGES = (sre_constants.AT_BOUNDARY, sre_constants.AT_BEGINNING, sre_constants.AT_BEGINNING_STRING,
              sre_constants.AT_END, sre_constants.AT_END_STRING)
    _REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)


def _is_edge(item: tuple[Any, Any]) -> bool:
    """A parsed item no ASCII letter can touch: a boundary assertion or a literal that is not a letter."""
    op, av = item
    if op is sre_constants.AT:
        return av in _EDGES
    return op is sre_constants.LITERAL and av < 128 and not chr(av).isalpha()


def _needed_texts(items: Sequence[tuple[Any, Any]], edge_before: bool, edge_after: bool) -> list[set[str]]:
    """What any match of a parsed pattern holds: sets of lowercase texts, one of each set at least.

    A run of literal characters is needed as such, with ``_EDGE`` at an end no letter may touch;
    so is whatever a group, a required repeat or a lookaround asserting presence needs; an
    alternation needs one of its branches' (nothing when a branch needs nothing). Optional parts,
    classes and the rest need nothing. ``edge_before``/``edge_after``: no letter touches the items.
    """
    needed: list[set[str]] = []
    run: list[str] = []
    items = list(items)
    last = len(items) - 1
    for i, (op, av) in enumerate(items):
        before = edge_before if i == 0 else _is_edge(items[i - 1])
        after = edge_after if i == last else _is_edge(items[i + 1])
        if op is sre_constants.LITERAL and av < 128:
            if not run and before:
                run.append(_EDGE)
            run.append(chr(av).lower())
            if after and (i == last or items[i + 1][0] is sre_constants.AT):
                run.append(_EDGE)  # (a literal that follows goes on with the run)
            continue
        if run:
            needed.append({"".join(run)})
            run = []
        if op is sre_constants.SUBPATTERN:
            needed += _needed_texts(av[-1], before, after)
        elif op in _REPEATS and av[0] >= 1:
            needed += _needed_texts(av[2], False, False)
        elif op is sre_constants.ASSERT:
            needed += _needed_texts(av[1], False, False)
        elif op is sre_constants.BRANCH:
            choices: set[str] = set()
            for branch in av[1]:
                found = [texts for texts in _needed_texts(branch, before, after) if all(map(_word_of, texts))]
                if not found:
                    choices = set()
                    break
                choices |= max(found, key=lambda texts: min(len(_word_of(t)) for t in texts))
            if choices:
                needed.append(choices)
    if run:
        needed.append({"".join(run)})
    return needed


#: A whole word of a needed text: a letter run with no letter on either side.
_WHOLE_WORD = re.compile(r"(?<=[^a-z])[a-z]+(?=[^a-z])")


def _word_of(text: str) -> str:
    """The longest whole word of a needed text ("" if none)."""
    return max(_WHOLE_WORD.findall(text), key=len, default="")


def pattern_gate(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Sets of lowercase words (most selective first), one of each a word of the lowered text of any
    match of ``pattern``; empty when no word is known to be needed (and always without the parser)."""
    if _PARSER is None:
        return ()
    try:
        needed = _needed_texts(sre_parser.parse(pattern, flags), False, False)
    except Exception:  # a parser of another Python: no gate, the pattern alone decides
        return ()
    gate: set[frozenset[str]] = set()
    for texts in needed:
        if len(texts) == 1:  # every whole word of a literal run is needed ("so far this year")
            gate.update(frozenset([word]) for word in _WHOLE_WORD.findall(next(iter(texts))))
        elif all(map(_word_of, texts)):
            gate.add(frozenset(map(_word_of, texts)))
    return tuple(sorted(gate, key=lambda words: (-min(map(len, words)), sorted(words))))


@lru_cache(maxsize=1024)
def gate_words(text: str) -> frozenset[str] | None:
    """The words of ``text`` gates look up (None: a character of it defeats them). Cached: a unit goes
    through a dozen cue patterns, in phases over all the units of its article."""
    return None if _FOLDS_ONTO_ASCII.search(text) else frozenset(_LETTERS.findall(text.lower()))


class GatedPattern:
    """A compiled pattern and the words its matches need (see :func:`pattern_gate`)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = re.compile(pattern, flags)
        self.gate = pattern_gate(pattern, flags)

    def possible(self, words: frozenset[str] | None) -> bool:
        """Whether a text of these words (from :func:`gate_words`) has the words a match needs."""
        return words is None or all(not words.isdisjoint(needed) for needed in self.gate)


class GatedUnion:
    """The alternation of ``patterns`` (each wrapped in a group), searched one gated alternative at a
    time. Matches are the alternation's: the leftmost, and at one position the first alternative."""

    def __init__(self, patterns: Sequence[str], flags: int = 0) -> None:
        self.parts = [GatedPattern(p, flags) for p in patterns]
        self.whole = re.compile("|".join(f"(?:{p})" for p in patterns), flags)
        self._every = [part.pattern for part in self.parts]
        self._ungated = [i for i, part in enumerate(self.parts) if not part.gate]
        self._ungated_patterns = [self.parts[i].pattern for i in self._ungated]
        # the alternatives each word of their most selective needed set lets through
        self._by_word: dict[str, list[int]] = {}
        for i, part in enumerate(self.parts):
            for word in part.gate[0] if part.gate else ():
                self._by_word.setdefault(word, []).append(i)

    def _possible(self, text: str) -> list[re.Pattern[str]]:
        """The alternatives that may match ``text``, in their order."""
        words = gate_words(text)
        if words is None:
            return self._every
        hits = words.intersection(self._by_word)
        if not hits:
            return self._ungated_patterns
        found = set(self._ungated)
        for word in hits:
            found.update(self._by_word[word])
        return [self.parts[i].pattern for i in sorted(found) if self.parts[i].possible(words)]

    def search(self, text: str) -> re.Match[str] | None:
        best = None
        for pattern in self._possible(text):
            found = pattern.search(text)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
        return best

    def finditer(self, text: str) -> list[re.Match[str]]:
        """The alternation's ``finditer``: non-overlapping matches, each searched from the last's end."""
        patterns = self._possible(text)
        found: list[re.Match[str]] = []
        at = 0
        while patterns:
            best = None
            for pattern in patterns:
                match = pattern.search(text, at)
                if match is not None and (best is None or match.start() < best.start()):
                    best = match
            if best is None:
                break
            if best.end() == best.start():
                return list(self.whole.finditer(text))  # empty matches step on by rules of their own
            found.append(best)
            at = best.end()
        return found


def word_beginnings(triggers: Sequence[str]) -> tuple[str, ...]:
    """The letters each trigger begins a word with ("opened" of "opened fire"); empty, so no gate, when a
    trigger begins with anything else."""
    beginnings = [_LETTERS.match(trigger.lower()) for trigger in triggers]
    return tuple(m.group(0) for m in beginnings if m) if all(beginnings) else ()


__all__ = ["GatedPattern", "GatedUnion", "gate_words", "pattern_gate", "word_beginnings"]
