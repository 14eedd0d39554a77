"""Without the interpreter's private regular expression parser (``re._parser``, ``re._constants``: a
Python that moves them), cue patterns go ungated: accord still imports, and extracts the same records."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from accord.extract import Extractor, cue_gates
from accord.extract.mentions import cues
from accord.ingest import iter_inputs
from accord.models import Article, to_dict
from accord.pipeline import demo_corpus_path
from tests.conftest import GVA_FILE

#: Run in a fresh interpreter whose ``re`` package has no private parser modules to give.
WITHOUT_PARSER = """
import json, re, sys
for name in ("_parser", "_constants"):
    if hasattr(re, name):
        delattr(re, name)
    sys.modules["re." + name] = None  # an import of it now fails, as on a Python that moved it

from accord.extract import Extractor, cue_gates
from accord.models import Article, to_dict

assert cue_gates._PARSER is None
articles = [Article(**item) for item in json.load(sys.stdin)]
extractions = list(Extractor().extract_many(articles))
print(json.dumps({"gate": list(cue_gates.pattern_gate(r"\\bso far this year\\b")),
                  "extractions": [to_dict(e) for e in extractions]}))
"""


def _articles() -> list[Article]:
    """The demo corpus and a few GVA dev reports (the cue patterns split their background incidents)."""
    found = [item for item in iter_inputs([demo_corpus_path()]) if isinstance(item, Article)]
    if GVA_FILE.exists():
        with GVA_FILE.open(encoding="utf-8") as handle:
            for line in handle:
                for doc in json.loads(line)["documents"]:
                    if doc.get("text") and len(found) < 24:
                        found.append(Article(id=f"gva-{len(found)}", text=doc["text"], published=doc.get("published")))
    return found


def test_union_without_parser_matches_as_the_alternation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cue_gates, "_PARSER", None)
    assert cue_gates.pattern_gate(r"\bso far this year\b") == ()
    patterns = [part.pattern.pattern for part in cues().temporal.parts]
    union = cue_gates.GatedUnion(patterns, cues().temporal.whole.flags)
    assert all(not part.gate for part in union.parts)
    texts = [article.text for article in _articles()]
    for text in texts:
        whole = [(m.start(), m.end()) for m in union.whole.finditer(text)]
        assert [(m.start(), m.end()) for m in union.finditer(text)] == whole


def test_gates_are_read_with_the_parser() -> None:
    assert cue_gates._PARSER is not None  # CPython 3.11-3.13: the gates are on in this suite
    assert cue_gates.pattern_gate(r"\bso far this year\b") == tuple(
        frozenset([word]) for word in ("this", "year", "far", "so"))


@pytest.mark.slow
def test_extraction_without_parser_is_the_same(extractor: Extractor) -> None:
    articles = _articles()
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", WITHOUT_PARSER], input=json.dumps([to_dict(a) for a in articles]),
                          capture_output=True, text=True, cwd=root, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    ungated = json.loads(done.stdout)
    assert ungated["gate"] == []
    expected = [to_dict(e) for e in extractor.extract_many(articles)]
    assert sum(len(e["mentions"]) for e in expected) > len(articles)  # background incidents were split off
    assert ungated["extractions"] == expected
