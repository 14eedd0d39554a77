"""The figure constructions written as spaCy patterns (lexicon ``figure_patterns``), run by spaCy.

Each named entry is a list of ``Matcher`` or ``DependencyMatcher`` patterns; a string "@key" in a
pattern stands for the words of the ``figure_triggers`` list ``key`` (or a mapping's keys), so the
words keep one home. A rule runs the matchers on a sentence that has one of its words, and judges
the matches in Python (modality, counts).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Token
from spacy.vocab import Vocab

from accord.extract.figures.hits import triggers
from accord.lexicons import load_lexicon


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


def matches_in(sent: list[Token], name: str, anchor: int, *, whole: bool = False, reach: int = 0) -> list[list[Token]]:
    """The matches of pattern ``name`` in ``sent`` (and the ``reach`` tokens before it), whose token
    number ``anchor`` (-1: the last) is in ``sent`` (with ``whole``, every token of the match), in the
    order of that token, each as its tokens. Run on the sentence alone: a rule asks only when the
    sentence has one of its words."""
    if not sent:
        return []
    doc = sent[0].doc
    first, last = sent[0].i, sent[-1].i
    span = doc[max(0, first - reach) : last + 1]
    matcher, dependencies = _matchers(doc.vocab)
    strings = doc.vocab.strings
    if _patterns()[name]["kind"] == "matcher":
        found = [tuple(range(span.start + start, span.start + end)) for match_id, start, end in matcher(span)
                 if strings[match_id] == name]
    else:
        found = [tuple(span.start + i for i in tokens) for match_id, tokens in dependencies(span)
                 if strings[match_id] == name]
    inside = sorted({m for m in found if first <= m[anchor] <= last and (not whole or first <= min(m) and max(m) <= last)},
                    key=lambda m: (m[anchor], m))
    return [[doc[i] for i in match] for match in inside]
