"""End to end: `accord run` over real files into a real SQLite store and a real report."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from accord.extract import Extractor
from accord.pipeline import Pipeline, demo_corpus_path
from tests.conftest import SEEDS_DIR, require, unstamped

pytestmark = pytest.mark.slow

# Tolls of other incidents the seed reports mention in passing ("more than two dozen" killed in a
# station bombing, "at least 32", "at least 40"): never a killed or injured figure of the main incident
# ("dozens of hostages" held in it is its own figure).
BACKGROUND_TOLLS = {24, 25, 32, 40}
# Statistics, a population and sums of money: never a figure of any measure.
OTHER_NUMBERS = {2500, 21_700_000, 240_000_000, 62_000_000_000}


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor):
    seeds = require(SEEDS_DIR)
    work = tmp_path_factory.mktemp("seeds")
    with Pipeline(work / "accord.db", extractor=extractor) as pipeline:
        result = pipeline.run([seeds], out=work / "report")
    return work, result


def _main_incident(result):
    main = [i for i in result.incidents if not i.background]
    assert main, "no main incident"
    return max(main, key=lambda i: len(i.articles))


def test_seeds_make_one_main_incident_with_all_three_reports(seeds_run) -> None:
    _, result = seeds_run
    incident = _main_incident(result)
    assert len(incident.articles) == 3
    assert incident.type in {"hijacking", "hostage_taking"}


def test_seeds_main_incident_carries_the_stated_figures(seeds_run) -> None:
    _, result = seeds_run
    incident = _main_incident(result)
    values: dict[tuple[str, str], set[int]] = {}
    for figure in incident.figures:
        for claim in figure.claims:
            values.setdefault((figure.measure, figure.group), set()).update(
                v for v in (claim.value.low, claim.value.high) if v is not None)
    killed_attackers = values.get(("killed", "attackers"), set())
    assert {33, 35, 50} <= killed_attackers, values
    assert 16 in killed_attackers
    held = values.get(("held", "hostages"), set()) | values.get(("held", "all"), set())
    assert {182, 214} & held, values
    present = set().union(*(v for (m, _), v in values.items() if m == "present")) if values else set()
    assert 450 in present, values
    rescued = set().union(*(v for (m, _), v in values.items() if m in {"rescued", "released"}))
    assert 350 in rescued and 100 in rescued and 80 in rescued, values


def test_seeds_claims_are_traced_to_their_sentence(seeds_run) -> None:
    _, result = seeds_run
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS_DIR.iterdir()}
    for incident in result.incidents:
        for figure in incident.figures:
            for claim in figure.claims:
                assert claim.sentence.strip()
                start, end = claim.span
                assert claim.sentence_span[0] <= start < end <= claim.sentence_span[1]
                assert any(claim.sentence in text for text in texts.values()), claim.sentence


def test_seeds_background_figures_stay_out_of_the_main_incident(seeds_run) -> None:
    _, result = seeds_run
    incident = _main_incident(result)
    for figure in incident.figures:
        for claim in figure.claims:
            assert claim.value.low not in OTHER_NUMBERS, (claim.text, claim.sentence)
            if claim.measure in ("killed", "injured"):
                assert claim.value.low not in BACKGROUND_TOLLS, (claim.text, claim.sentence)
            for phrase in ("two dozen", "2,500", "at least 32", "at least 40", "21.7 million"):
                assert phrase not in claim.text


def test_seeds_report_files(seeds_run) -> None:
    work, result = seeds_run
    out = work / "report"
    incidents = json.loads((out / "incidents.json").read_text(encoding="utf-8"))
    assert len(incidents) == len(result.incidents)
    first = incidents[0]
    for key in ("id", "title", "type", "start", "end", "place", "perpetrators", "articles", "figures",
                "quotes", "timeline", "background"):
        assert key in first
    for article in first["articles"]:
        assert set(article) >= {"id", "external_id", "url", "title", "outlet", "published"}
    claim = next(c for i in incidents for f in i["figures"] for c in f["claims"])
    assert set(claim) >= {"measure", "group", "value", "hedge", "modality", "source", "article", "sentence", "span"}
    rows = list(csv.DictReader((out / "claims.csv").open(encoding="utf-8")))
    assert len(rows) == sum(len(f["claims"]) for i in incidents for f in i["figures"])
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script src=" not in html and "stylesheet" not in html.replace('rel="stylesheet"', "")
    assert "33" in html


def test_rerun_adds_nothing(tmp_path: Path, extractor: Extractor) -> None:
    seeds = require(SEEDS_DIR)
    db = tmp_path / "accord.db"
    with Pipeline(db, extractor=extractor) as pipeline:
        first = pipeline.run([seeds], out=None)
        second = pipeline.run([seeds], out=None)
    assert first.new_articles == 3 and second.new_articles == 0 and second.duplicates == 3
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == 3
    assert [i.id for i in first.incidents] == [i.id for i in second.incidents]


def test_bad_files_are_skipped_and_good_ones_processed(tmp_path: Path, extractor: Extractor) -> None:
    seeds = require(SEEDS_DIR)
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(next(iter(sorted(seeds.iterdir()))), inputs / "good.txt")
    (inputs / "empty.txt").write_text("")
    (inputs / "binary.html").write_bytes(bytes(range(256)) * 20)
    (inputs / "broken.jsonl").write_text('{"text": "not closed\n{"title": "no text"}\n')
    with Pipeline(tmp_path / "accord.db", extractor=extractor) as pipeline:
        result = pipeline.run([inputs], out=tmp_path / "report")
        stored_skips = pipeline.store.skipped()
    assert result.new_articles == 1
    skipped_paths = {Path(s.path).name for s in result.skipped}
    assert {"empty.txt", "binary.html", "broken.jsonl"} <= skipped_paths
    assert all(s.reason and "\n" not in s.reason for s in result.skipped)
    assert len(stored_skips) >= 3


def test_demo_corpus_runs_into_several_incidents(tmp_path: Path, extractor: Extractor) -> None:
    with Pipeline(tmp_path / "demo.db", extractor=extractor) as pipeline:
        result = pipeline.run([demo_corpus_path()], out=tmp_path / "report")
    main = [i for i in result.incidents if not i.background]
    assert 2 <= len(main) <= 4
    statuses = {f.status for i in main for f in i.figures}
    assert "disputed" in statuses or "updated" in statuses
    assert any(f.conservative is not None for i in main for f in i.figures)
    assert (tmp_path / "report" / "report.html").stat().st_size > 1000


def test_seeds_reconciliation_statuses(seeds_run) -> None:
    """Attackers killed: sources disagree (16 on the first night, then 33, 35, 50); passengers aboard: about 450."""
    _, result = seeds_run
    incident = _main_incident(result)
    figures = {(f.measure, f.group): f for f in incident.figures}
    killed = figures[("killed", "attackers")]
    assert killed.status in {"disputed", "updated"}
    assert len({c.source.name for c in killed.claims}) >= 3
    assert killed.conservative is not None and killed.high is not None
    assert killed.conservative <= (killed.consensus or killed.conservative) <= killed.high
    present = [f for (measure, _), f in figures.items() if measure == "present"]
    assert present and present[0].status == "agreed" and present[0].consensus == 450


def test_a_run_that_keeps_no_incidents_stores_and_reports_the_same(tmp_path: Path, extractor: Extractor) -> None:
    """The CLI's way for large stores: link reads the store in pages, incidents are stored as they are
    built and the report reads them back in pages; the result is the one a run holding them all gives."""
    with Pipeline(tmp_path / "kept.db", extractor=extractor) as pipeline:
        kept = pipeline.run([demo_corpus_path()], out=tmp_path / "kept")
        kept_stored = pipeline.store.incidents()
    with Pipeline(tmp_path / "streamed.db", extractor=extractor) as pipeline:
        streamed = pipeline.run([demo_corpus_path()], out=tmp_path / "streamed", keep_incidents=False)
        assert unstamped(pipeline.store.incidents()) == unstamped(kept_stored)
    assert streamed.incidents == [] and kept.incidents
    assert (streamed.incident_count, streamed.background_count) == (
        len(kept.incidents), len(kept.incidents) - len(kept.main_incidents))
    assert [i["id"] for i in kept_stored] == [i.id for i in kept.incidents]  # the store keeps sort_incidents' order
    for name in ("claims.csv", "incidents.geojson", "report.html"):
        assert (tmp_path / "streamed" / name).read_bytes() == (tmp_path / "kept" / name).read_bytes(), name
    assert unstamped(json.loads((tmp_path / "streamed" / "incidents.json").read_text(encoding="utf-8"))) == \
        unstamped(json.loads((tmp_path / "kept" / "incidents.json").read_text(encoding="utf-8")))


def test_progress_follows_every_stage_of_a_run(tmp_path: Path, extractor: Extractor) -> None:
    """After extraction a long rebuild still reports progress: linking, then each incident, then the report."""
    events: list[tuple[str, int]] = []
    with Pipeline(tmp_path / "p.db", extractor=extractor) as pipeline:
        result = pipeline.run([demo_corpus_path()], out=tmp_path / "report",
                              progress=lambda event, count: events.append((event, count)))
    totals = {event.removesuffix(".total"): count for event, count in events if event.endswith(".total")}
    events = [(event, count) for event, count in events if not event.endswith(".total")]
    stages = [event for n, (event, _) in enumerate(events) if n == 0 or events[n - 1][0] != event]
    assert stages == ["read", "linking", "incidents", "report"]
    assert totals == {"read": 10, "incidents": result.incident_count, "report": result.incident_count}
    counted = {stage: sum(count for event, count in events if event == stage) for stage in stages}
    assert counted["read"] == result.articles == result.new_articles
    assert counted["incidents"] == counted["report"] == result.incident_count > 0
