"""Live incidents: reports fed a batch at a time, in any order, give the incidents of a full rebuild;
what changed is stamped and asked for; a real server answers while a real run writes."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from accord.evaluate.link import bcubed
from accord.models import Article, ArticleExtraction
from accord.pipeline import Pipeline
from accord.store import open_store
from tests.conftest import gva_pool_file as _pool_file
from tests.serve_helpers import read_while_running, running_server

#: B-cubed F1 of the incremental partition of mentions against the full rebuild's, at least. Measured on
#: this pool (three orders, batches of 5 after a first 10): 1.000, 1.000, 1.000; on the 1,166 GVA dev
#: reports fed 10 at a time after a first 1,000: 0.991 (docs/linking.md, "Incremental link").
MIN_BCUBED = 0.97


def _mentions(db: Path) -> dict[str, str]:
    """Each linked mention ("article:index") and its incident."""
    with open_store(db) as store:
        return {f"{r['article']}:{r['idx']}": r["incident"]
                for r in store._read("SELECT article, idx, incident FROM link_mentions")}  # type: ignore[attr-defined]


def _feed(db: Path, pairs: list[tuple[Article, ArticleExtraction]], first: int, step: int) -> None:
    with Pipeline(db) as pipeline:
        for start in [0, *range(first, len(pairs), step)]:
            chunk = pairs[start:first] if start == 0 else pairs[start:start + step]
            pipeline.store.save_batch([a for a, _ in chunk], [e for _, e in chunk], [])
            assert pipeline.update_incidents() == len(chunk)


def test_batches_in_any_order_give_the_incidents_of_a_full_rebuild(
        tmp_path: Path, gva_pool: list[tuple[Article, ArticleExtraction]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("accord.pipeline.FULL_REBUILD_SHARE", 10.0)  # every batch after the first incremental
    with Pipeline(tmp_path / "full.db") as pipeline:
        pipeline.store.save_batch([a for a, _ in gva_pool], [e for _, e in gva_pool], [])
        pipeline.rebuild_incidents(keep=False)
    full = _mentions(tmp_path / "full.db")
    gold = {mention: {incident} for mention, incident in full.items()}
    scores = []
    for seed in (1, 2, 3):
        pairs = list(gva_pool)
        random.Random(seed).shuffle(pairs)
        db = tmp_path / f"fed-{seed}.db"
        _feed(db, pairs, 10, 5)
        fed = _mentions(db)
        assert fed.keys() == full.keys()  # every mention linked once
        scores.append(bcubed(fed, gold)["f1"])
    assert min(scores) >= MIN_BCUBED, scores


def test_figures_and_incidents_say_when_they_last_changed(
        tmp_path: Path, gva_pool: list[tuple[Article, ArticleExtraction]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("accord.pipeline.FULL_REBUILD_SHARE", 10.0)
    db = tmp_path / "stamps.db"
    _feed(db, gva_pool[:40], 40, 40)
    with open_store(db) as store:
        before = {i["id"]: i for i in store.iter_incidents()}
    assert all(i["first_seen"] and i["changed_at"] and all(f["changed_at"] for f in i["figures"])
               for i in before.values())
    cut = max(i["changed_at"] for i in before.values())
    time.sleep(0.01)
    with Pipeline(db) as pipeline:
        pipeline.store.save_batch([a for a, _ in gva_pool[40:]], [e for _, e in gva_pool[40:]], [])
        pipeline.update_incidents()
        after = {i["id"]: i for i in pipeline.store.iter_incidents()}
        changed = {i["id"] for i in after.values() if i["changed_at"] > cut}
        new_articles = {a.id for a, _ in gva_pool[40:]}
        # what the new reports joined or opened changed; an incident they did not touch kept its stamps
        assert {i for i, inc in after.items() if new_articles & {a["id"] for a in inc["articles"]}} <= changed
        for incident_id in set(before) & set(after) - changed:
            assert after[incident_id]["changed_at"] == before[incident_id]["changed_at"]
            assert after[incident_id]["first_seen"] == before[incident_id]["first_seen"]
    with running_server(db) as base:
        page = httpx.get(f"{base}/api/incidents", params={"changed_since": cut, "per_page": 500}, timeout=30).json()
    assert {i["id"] for i in page["items"]} == changed and page["total"] == len(changed)


def test_the_server_answers_while_a_run_writes(tmp_path: Path, gva_pool: list[tuple[Article, ArticleExtraction]]) -> None:
    """A real `accord run` writes the store (batch commits, the incident update, the report) while a real
    `accord serve` answers pages and API calls over it: no request waits for the writer."""
    db = tmp_path / "busy.db"
    with Pipeline(db) as pipeline:
        pipeline.store.save_batch([a for a, _ in gva_pool[:20]], [e for _, e in gva_pool[:20]], [])
        pipeline.update_incidents()
    corpus = _pool_file(tmp_path)  # the other 40 reports are new to the store: extracted and linked
    with running_server(db) as base:
        run = subprocess.Popen([sys.executable, "-m", "accord.cli", "run", str(corpus), "--db", str(db),
                                "--out", str(tmp_path / "out"), "--workers", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            answered, slowest = read_while_running(run, base)
        finally:
            run.wait(timeout=600)
        assert run.returncode == 0
    assert answered >= 10 and slowest < 5.0, (answered, slowest)


def test_the_list_page_marks_what_is_new_or_changed_since(tmp_path: Path, gva_pool: list[tuple[Article, ArticleExtraction]]) -> None:
    db = tmp_path / "marks.db"
    with Pipeline(db) as pipeline:
        pipeline.store.save_batch([a for a, _ in gva_pool[:30]], [e for _, e in gva_pool[:30]], [])
        pipeline.update_incidents()
        cut = max(i["changed_at"] for i in pipeline.store.iter_incidents())
        time.sleep(0.01)
        pipeline.store.save_batch([a for a, _ in gva_pool[30:]], [e for _, e in gva_pool[30:]], [])
        pipeline.update_incidents()
        fresh = [i for i in pipeline.store.iter_incidents() if i["first_seen"] > cut]
    assert fresh
    with running_server(db) as base:
        marked = httpx.get(base + "/", params={"changed_since": cut, "sort": "-start"}, timeout=30).text
        plain = httpx.get(base + "/", params={"sort": "-start"}, timeout=30).text
    assert 'class="tag new"' in marked and 'class="tag new"' not in plain
