"""A blank line ends a sentence (extract/paragraphs.py): a paragraph without a final stop is never parsed
into the next one, through the real pipeline."""

from __future__ import annotations

from accord.extract import Extractor
from accord.extract.paragraphs import PARAGRAPH_BREAKS
from accord.models import Article

SUMMARY = ("Summary of what we know:\n\nEight attackers also died, police say\n\n"
           "Two hundred people were injured, 80 of them seriously\n\nShootings were reported in six places")


def test_the_component_runs_before_the_parser(extractor: Extractor) -> None:
    names = extractor.nlp.pipe_names
    assert names.index(PARAGRAPH_BREAKS) < names.index("parser")


def test_each_paragraph_is_its_own_sentence(extractor: Extractor) -> None:
    doc = extractor.nlp(SUMMARY)
    assert [s.text.strip() for s in doc.sents] == [p for p in SUMMARY.split("\n\n")]


def test_a_bullet_without_a_stop_keeps_its_figures(extractor: Extractor) -> None:
    claims = extractor.extract_article(Article(id="t", text=SUMMARY)).claims
    found = {(c.measure, c.group, c.value.low, c.scope) for c in claims}
    assert {("killed", "attackers", 8, "total"), ("injured", "all", 200, "total"),
            ("injured", "civilians", 80, "subset")} <= found


def test_a_line_break_alone_is_no_sentence_end(extractor: Extractor) -> None:
    doc = extractor.nlp("More than 100 people were killed and\nhundreds injured in seven explosions.")
    assert len(list(doc.sents)) == 1
