"""The figure constructions written as spaCy patterns (lexicon ``figure_patterns``), run by spaCy.

Each named entry is a list of ``Matcher`` or ``DependencyMatcher`` patterns; a string "@key" in a
pattern stands for the words of the ``figure_triggers`` list ``key`` (or a mapping's keys), so the
words keep one home. The matchers run once per document, the first time a rule asks; a rule reads
the matches of one sentence and judges them in Python (modality, counts).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from accord.extract.extensions import made_once
from accord.extract.figures.hits import triggers
from accord.lexicons import load_lexicon

_MATCHES_KEY = "accord.figure_matches"


def _resolved(value: Any) -> Any:
    """A pattern with every "@key" replaced by the words it names."""
    if isinstance(value, str) and value.startswith("@"):
        found: Any = triggers()
        for part in value[1:].split("."):
            found = found[part]
        return sorted(found) if isinstance(found, dict) else list(found)
    if isinstance(value, dict):
        return {key: _resolved(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolved(item) for item in value]
    return value


@cache
def _patterns() -> dict[str, dict[str, Any]]:
    lexicon = load_lexicon("figure_patterns")
    return {name: {"kind": entry["kind"], "patterns": _resolved(entry["patterns"])}
            for name, entry in lexicon.items() if not name.startswith("_")}


@cache
def _matchers(vocab: Vocab) -> tuple[Matcher, DependencyMatcher]:
    matcher, dependencies = Matcher(vocab), DependencyMatcher(vocab)
    for name, entry in _patterns().items():
        (matcher if entry["kind"] == "matcher" else dependencies).add(name, entry["patterns"])
    return matcher, dependencies


def _doc_matches(doc: Doc) -> dict[str, list[tuple[int, ...]]]:
    """Every pattern's matches in ``doc``: the token indices of each (start to end for a Matcher, the
    pattern's tokens in order for a DependencyMatcher)."""
    matcher, dependencies = _matchers(doc.vocab)
    found: dict[str, list[tuple[int, ...]]] = {name: [] for name in _patterns()}
    strings = doc.vocab.strings
    for match_id, start, end in matcher(doc):
        found[strings[match_id]].append(tuple(range(start, end)))
    for match_id, tokens in dependencies(doc):
        found[strings[match_id]].append(tuple(tokens))
    return found


def matches_in(sent: list[Token], name: str, anchor: int, *, whole: bool = False) -> list[list[Token]]:
    """The matches of pattern ``name`` whose token number ``anchor`` (-1: the last) is in ``sent`` (with
    ``whole``, every token of the match), in the order of that token, each as its tokens."""
    if not sent:
        return []
    doc = sent[0].doc
    first, last = sent[0].i, sent[-1].i
    found = made_once(doc, _MATCHES_KEY, lambda: _doc_matches(doc))[name]
    inside = sorted({m for m in found if first <= m[anchor] <= last and (not whole or first <= min(m) and max(m) <= last)},
                    key=lambda m: (m[anchor], m))
    return [[doc[i] for i in match] for match in inside]
