"""Engines: worker processes and Ray give exactly the in-process result, and stream with bounded memory."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from accord.engines import InProcessEngine
from accord.engines.local import WINDOW_PER_WORKER, LocalEngine, split_among
from accord.extract import Extractor
from accord.models import Article
from accord.pipeline import Pipeline, demo_corpus_path
from tests.conftest import unstamped


def _incidents_json(tmp_path: Path, name: str, engine: object) -> str:
    out = tmp_path / f"{name}-report"
    with Pipeline(tmp_path / f"{name}.db", engine=engine) as pipeline:  # type: ignore[arg-type]
        result = pipeline.run([demo_corpus_path()], out=out)
    assert result.new_articles > 0
    return json.dumps(unstamped(json.loads((out / "incidents.json").read_text(encoding="utf-8"))), indent=1)


@pytest.fixture(scope="module")
def in_process_json(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> str:
    text = _incidents_json(tmp_path_factory.mktemp("inprocess"), "inprocess", InProcessEngine(extractor=extractor))
    assert '"figures"' in text  # the demo corpus has incidents with figures: the comparison means something
    return text


@pytest.mark.slow
def test_local_workers_give_the_in_process_incidents(tmp_path: Path, in_process_json: str) -> None:
    assert _incidents_json(tmp_path, "local", LocalEngine(2)) == in_process_json


@pytest.mark.slow
def test_ray_gives_the_in_process_incidents(tmp_path: Path, in_process_json: str) -> None:
    if importlib.util.find_spec("ray") is None:
        pytest.skip("ray is not installed (pip install 'accord[ray]')")
    from accord.engines.ray import RayEngine

    engine = RayEngine(workers=2)
    assert _incidents_json(tmp_path, "ray", engine) == in_process_json


def test_ray_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from accord.errors import MissingExtra

    monkeypatch.setitem(sys.modules, "ray", None)  # makes `import ray` raise ImportError
    from accord.engines.ray import RayEngine

    with pytest.raises(MissingExtra, match=r"accord\[ray\]"):
        RayEngine()


def test_local_engine_keeps_a_bounded_window_of_batches() -> None:
    """The input is pulled only a window ahead of what has been handed back."""
    workers = 1
    engine = LocalEngine(workers)
    pulled: list[int] = []
    texts = ["Police said two people were killed in a shooting on Main Street on Tuesday."] * 2

    def batches() -> Iterator[list[Article]]:
        for number in range(12):
            pulled.append(number)
            yield [Article(id=f"a{number}-{i}", text=text) for i, text in enumerate(texts)]

    try:
        for returned, extracted in enumerate(engine.extract_batches(batches()), 1):
            assert [e.article for e in extracted] == [f"a{returned - 1}-0", f"a{returned - 1}-1"]
            # Batches read but not yet returned are the ones in flight.
            assert len(pulled) - returned <= workers * WINDOW_PER_WORKER
    finally:
        engine.close()
    assert len(pulled) == 12


def test_a_batch_is_shared_out_by_text_among_the_workers() -> None:
    """Consecutive runs, in order, about equal text each: the last batch of a run keeps every worker busy."""
    batch = [Article(id=f"a{n}", text="word " * size) for n, size in enumerate([10, 10, 10, 10, 40, 10, 10])]
    shares = split_among(batch, 2)
    assert [a for share in shares for a in share] == batch
    assert [[a.id for a in share] for share in shares] == [["a0", "a1", "a2", "a3"], ["a4", "a5", "a6"]]
    assert split_among(batch, 1) == [batch]
    assert split_among(batch[:1], 4) == [batch[:1]]
    assert split_among([], 2) == []
    assert len(split_among(batch, 10)) == len(batch)  # never an empty share


@pytest.mark.slow
def test_ray_readers_give_the_articles_of_accord_ingest(tmp_path: Path) -> None:
    if importlib.util.find_spec("ray") is None:
        pytest.skip("ray is not installed (pip install 'accord[ray]')")
    import dataclasses
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from accord.engines.ray import RayEngine
    from accord.ingest import iter_inputs

    demo_jsonl = next(demo_corpus_path().glob("*.jsonl"))
    records = [json.loads(line) for line in demo_jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
    parquet = tmp_path / "articles.parquet"
    pq.write_table(pa.Table.from_pylist(records), parquet)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Police said two people were killed on Main Street on Tuesday night."}\n{not json\n',
                   encoding="utf-8")
    paths = [demo_corpus_path(), bad]
    engine = RayEngine(workers=2)
    try:
        assert list(engine.read(paths)) == list(iter_inputs(paths))
        from_parquet = [dataclasses.replace(a, path=None) for a in engine.read([parquet])]
        assert from_parquet == [dataclasses.replace(a, path=None) for a in iter_inputs([demo_jsonl])]
    finally:
        engine.close()
