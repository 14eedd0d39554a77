"""The mentions package: its public names stay where callers import them, and its functions stay short."""

from __future__ import annotations

import ast
from pathlib import Path

import accord.extract.mentions as mentions

PACKAGE = Path(mentions.__file__).parent

#: The charter's limit for a function of new code.
MAX_FUNCTION_LINES = 80


def test_public_names_import_from_the_package() -> None:
    # evaluate/gva.py and the tests import these from accord.extract.mentions
    for name in ("SAME_INCIDENT_DAYS", "cues", "parse_date", "split_article", "units_from_sentences", "apply_split",
                 "split_records", "related_units", "crosshead_sections", "places_compatible", "temporal_cue",
                 "unit_event_type", "is_statistic", "COMPONENT_VERSION"):
        assert hasattr(mentions, name), name
    assert callable(mentions.cues) and mentions.cues().temporal is not None


def test_no_function_of_the_package_over_80_lines() -> None:
    long = []
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno is not None:
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.name}:{node.name} ({lines} lines)")
    assert not long, long
