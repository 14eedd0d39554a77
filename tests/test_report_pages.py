"""The run's report written for what changed (accord.report.incremental) and paged by month above a size
(accord.report.pages): real runs of the demo corpus into a real SQLite store, the page limit lowered so
that its six incidents (four months) make a paged report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.extract import Extractor
from accord.pipeline import Pipeline, demo_corpus_path
from accord.report import write_report
from accord.report.pages import month_of
from accord.store import open_store

pytestmark = pytest.mark.slow

INDEX_DIR = ".accord-report"


def _files(out: Path) -> dict[str, bytes]:
    """The report's files a reader sees (not its index), by path in the folder."""
    return {str(path.relative_to(out)): path.read_bytes() for path in sorted(out.rglob("*"))
            if path.is_file() and INDEX_DIR not in path.parts}


def _inodes(out: Path) -> dict[str, int]:
    return {str(path.relative_to(out)): path.stat().st_ino for path in out.rglob("*.*") if path.is_file()}


@pytest.fixture()
def corpus(tmp_path: Path) -> tuple[Path, list[Path]]:
    """The demo corpus in two parts: half of its JSONL reports, then the rest and its two pages."""
    folder = demo_corpus_path()
    lines = (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    first, rest = tmp_path / "first.jsonl", tmp_path / "rest.jsonl"
    first.write_text("\n".join(lines[: len(lines) // 2]) + "\n", encoding="utf-8")
    rest.write_text("\n".join(lines[len(lines) // 2:]) + "\n", encoding="utf-8")
    return first, [rest, *(p for p in folder.iterdir() if p.suffix in (".html", ".txt"))]


@pytest.fixture()
def paged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("accord.report.incremental.SINGLE_PAGE_LIMIT", 2)


def test_paged_report_written_run_by_run_is_the_one_written_at_once(
        tmp_path: Path, extractor: Extractor, corpus: tuple[Path, list[Path]], paged: None) -> None:
    first, rest = corpus
    out = tmp_path / "out"
    with Pipeline(tmp_path / "a.db", extractor=extractor) as pipeline:
        pipeline.run([first], out=out, keep_incidents=False)
        pipeline.run(rest, out=out, keep_incidents=False)
        pipeline.write_report(tmp_path / "fresh")  # the same store's report, from nothing
        stored = pipeline.store.incidents()
    assert _files(out) == _files(tmp_path / "fresh")
    months = {month_of(incident) for incident in stored}
    assert len(months) > 1 and len(stored) > 2
    assert {p.stem for p in (out / "pages").glob("*.html")} == months
    # every incident's block is on its month's page, once; incidents.json is whole
    for incident in stored:
        page = (out / "pages" / f"{month_of(incident)}.html").read_text(encoding="utf-8")
        assert page.count(f'id="incident-{incident["id"]}"') == 1
    assert [i["id"] for i in json.loads((out / "incidents.json").read_text(encoding="utf-8"))] == \
        [i["id"] for i in stored]
    front = (out / "report.html").read_text(encoding="utf-8")
    assert front.count('<article class="incident"') == 0 and front.count('href="pages/') >= len(months)
    assert f"<b>{sum(not i['background'] for i in stored)}</b> incidents" in front


def test_a_run_that_changes_nothing_writes_only_the_first_page(
        tmp_path: Path, extractor: Extractor, corpus: tuple[Path, list[Path]], paged: None) -> None:
    first, rest = corpus
    out = tmp_path / "out"
    with Pipeline(tmp_path / "a.db", extractor=extractor) as pipeline:
        pipeline.run([first, *rest], out=out, keep_incidents=False)
        before = _inodes(out)
        pipeline.run([first], out=out, keep_incidents=False)  # nothing new
    after = _inodes(out)
    assert after.keys() == before.keys()
    # the first page and the index, rewritten each time, are all
    assert {name for name in after if after[name] != before[name]} == {"report.html", f"{INDEX_DIR}/index.json"}


def test_a_page_changed_by_hand_is_written_again(
        tmp_path: Path, extractor: Extractor, corpus: tuple[Path, list[Path]], paged: None) -> None:
    first, rest = corpus
    out = tmp_path / "out"
    with Pipeline(tmp_path / "a.db", extractor=extractor) as pipeline:
        pipeline.run([first, *rest], out=out, keep_incidents=False)
        written = _files(out)
        spoiled = sorted((out / "pages").glob("*.html"))[0]
        spoiled.write_text("not the page", encoding="utf-8")
        before = _inodes(out)
        pipeline.write_report(out)
    assert _files(out) == written
    after = _inodes(out)
    rewritten = {name for name in after if after[name] != before[name]}
    assert rewritten == {"report.html", f"{INDEX_DIR}/index.json", str(spoiled.relative_to(out)),
                         f"{INDEX_DIR}/pages/{spoiled.stem}.json"}


def test_a_report_that_shrinks_below_the_limit_is_one_page_again(
        tmp_path: Path, extractor: Extractor, corpus: tuple[Path, list[Path]], monkeypatch: pytest.MonkeyPatch) -> None:
    first, rest = corpus
    out = tmp_path / "out"
    monkeypatch.setattr("accord.report.incremental.SINGLE_PAGE_LIMIT", 2)
    with Pipeline(tmp_path / "a.db", extractor=extractor) as pipeline:
        pipeline.run([first, *rest], out=out, keep_incidents=False)
        assert list((out / "pages").glob("*.html"))
        monkeypatch.setattr("accord.report.incremental.SINGLE_PAGE_LIMIT", 500)
        pipeline.write_report(out)
    with open_store(tmp_path / "a.db") as store:
        write_report(store.iter_incidents(), tmp_path / "whole", skipped=store.skipped())
    assert not (out / "pages").exists()
    assert _files(out) == _files(tmp_path / "whole")
