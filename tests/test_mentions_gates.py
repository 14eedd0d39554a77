"""Gated cue patterns: the word look-ups that spare most regular expression runs must never change a match."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.extract.cue_gates import GatedUnion, gate_words, pattern_gate
from accord.extract.mentions import cues, unit_event_type
from tests.conftest import GVA_FILE, require

#: How many GVA dev reports the equivalence test reads (about 4,000 paragraphs and sentences).
GVA_REPORTS = 40


def _gated_unions() -> dict[str, GatedUnion]:
    found = {name: value for name, value in vars(cues()).items() if isinstance(value, GatedUnion)}
    assert {"temporal", "statistic", "comparison", "separation", "related"} <= set(found)
    return found


def _spans(matches: object) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in matches]  # type: ignore[attr-defined]


def _assert_same(union: GatedUnion, text: str) -> None:
    whole = union.whole.search(text)
    gated = union.search(text)
    assert (whole and (whole.start(), whole.end())) == (gated and (gated.start(), gated.end())), text
    assert _spans(union.whole.finditer(text)) == _spans(union.finditer(text)), text


def _plain_event_type(text: str) -> str | None:
    """unit_event_type without gates: every type's pattern runs."""
    found = None
    for event_type, pattern, _ in cues().triggers:
        if pattern.search(text):
            if event_type not in ("other", "armed_assault"):
                return event_type
            found = found or event_type
    return found


def test_gates_are_the_whole_words_a_match_needs() -> None:
    assert pattern_gate(r"\bso far this year\b", re.IGNORECASE) == (
        frozenset({"this"}), frozenset({"year"}), frozenset({"far"}), frozenset({"so"}))
    gate = pattern_gate(r"\b(?:attacks|shootings)\b[^.;]*\b(?:in|since) (?:19|20)\d\d\b", re.IGNORECASE)
    assert gate == (frozenset({"attacks", "shootings"}), frozenset({"in", "since"}))
    # a trigger matches the beginning of a word ("kidnappers"): no whole word is needed
    assert pattern_gate(r"\b(?:kidnap|abduct)", re.IGNORECASE) == ()
    # "weekends?" may be "weekends": "weekend" is no whole word of every match
    assert pattern_gate(r"\bweekends? of shootings\b", re.IGNORECASE) == (frozenset({"shootings"}), frozenset({"of"}))
    # optional words need nothing, and what follows them may touch a letter as far as the gate knows
    assert pattern_gate(r"\bweekend (?:of )?shootings", re.IGNORECASE) == (frozenset({"weekend"}),)
    # an alternation needs one word of each branch, or nothing when a branch needs none
    assert pattern_gate(r"\b(?:in|at) (?:the|\d+) hours\b") == (frozenset({"hours"}), frozenset({"at", "in"}))


def test_gate_words_give_up_on_characters_that_fold_onto_ascii_letters() -> None:
    assert gate_words("Two SHOT in Paris, 3 dead") == frozenset({"two", "shot", "in", "paris", "dead"})
    # the Kelvin sign matches "k" case-insensitively, the long s "s": no gate may rule them out
    assert gate_words("\u212aILLED") is None and gate_words("\u017fhootings") is None
    assert cues().statistic.search("three \u017fhootings in 2015") is not None


def test_gated_cues_match_as_the_whole_alternations_on_real_reports() -> None:
    texts: list[str] = []
    with require(GVA_FILE).open(encoding="utf-8") as handle:
        for line, _ in zip(handle, range(GVA_REPORTS), strict=False):
            for doc in json.loads(line).get("documents", []):
                for paragraph in (doc.get("text") or "").splitlines():
                    texts += [paragraph, *re.split(r"(?<=[.!?])\s+", paragraph)]
    assert len(texts) > 2000
    unions = _gated_unions()
    for text in texts:
        for variant in (text, text.upper()):
            for union in unions.values():
                _assert_same(union, variant)
            assert unit_event_type(variant) == _plain_event_type(variant), variant


#: Strings holding a match of some alternative of a gated cue (with anything around it), and pieces
#: that touch them: separators, letters, and characters that fold onto ASCII letters.
_CUE_TEXT = st.one_of(*(st.from_regex(part.pattern) for union in _gated_unions().values() for part in union.parts))
_GLUE = st.one_of(st.sampled_from([" ", ", ", ". ", ": ", "-", "\u2019", "\n", ""]),
                  st.text(alphabet="aeiKkSs2\u0131\u017f\u212a\u0130 ;.", max_size=3))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_CUE_TEXT, _GLUE), max_size=12), st.sampled_from([str, str.upper, str.title]))
def test_gated_cues_match_as_the_whole_alternations_on_generated_cues(pieces: list[str], case: object) -> None:
    text = case("".join(pieces))  # type: ignore[operator]
    for union in _gated_unions().values():
        _assert_same(union, text)
    assert unit_event_type(text) == _plain_event_type(text)


def test_a_gated_union_steps_over_empty_matches_as_the_alternation_does() -> None:
    union = GatedUnion([r"\bshots?\b", r"x*"], re.IGNORECASE)
    for text in ("two shots, xx shot", "", "Shot"):
        _assert_same(union, text)
