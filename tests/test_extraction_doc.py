"""docs/extraction.md lists every figure rule, in the order figures/rules.py runs them, and its worked
example holds."""

from __future__ import annotations

import re
from pathlib import Path

from accord.extract import Extractor
from accord.extract.figures.rules import FIGURE_RULES
from accord.models import Article

DOC = Path(__file__).resolve().parents[1] / "docs" / "extraction.md"


def test_every_registered_figure_rule_is_listed_in_order() -> None:
    listed = re.findall(r"^\| \d+ \| `(figures\.[a-z_]+)`", DOC.read_text(encoding="utf-8"), re.MULTILINE)
    assert listed == list(FIGURE_RULES.ids), "regenerate the tables of docs/extraction.md from figures/rules.py"


def test_the_worked_example_holds(extractor: Extractor) -> None:
    claims = extractor.extract_article(Article(id="t", text="Police investigate a double homicide.")).claims
    assert [(c.measure, c.value.low, c.rule) for c in claims] == [("killed", 2, "figures.multiple_event")]


def test_the_example_claim_holds(extractor: Extractor) -> None:
    claims = extractor.extract_article(Article(id="t", text="Three people were shot, one of them fatally.")).claims
    injured = next(c for c in claims if c.measure == "injured")
    assert (injured.value.low, injured.rule, injured.rules_changed) == \
        (2, "figures.verb_chain", ("figures.shot_outcome",))
