"""The benchmark's profile: a real run's samples summed by part of the pipeline."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from accord.benchmark.profile import part_of, profile_by_part
from accord.engines import InProcessEngine
from accord.pipeline import Pipeline, demo_corpus_path

pytest.importorskip("pyinstrument")


def test_frames_belong_to_the_innermost_part_and_library_code_to_its_caller() -> None:
    accord_dir = "/opt/x/accord/"
    assert part_of("/opt/x/accord/extract/figures.py", "spaCy model", accord_dir) == "extract.figures"
    assert part_of("/opt/x/accord/extract/__init__.py", "pipeline", accord_dir) == "extract"
    assert part_of("/opt/x/accord/link/cluster.py", "other", accord_dir) == "link"
    assert part_of("/usr/lib/python3.11/json/encoder.py", "report", accord_dir) == "report"
    assert part_of("/venv/site-packages/thinc/layers/chain.py", "extract", accord_dir) == "spaCy model"
    assert part_of("spacy/tokens/token.pxd", "x", accord_dir) == "spaCy model"  # Cython frames: relative paths
    assert part_of("/opt/x/accord/benchmark/profile.py", "x", accord_dir) == "x"
    assert part_of("/home/accord/venv/site-packages/spacy/language.py", "x", accord_dir) == "spaCy model"
    assert part_of(None, "store", accord_dir) == "store"


def test_a_profiled_run_says_where_its_time_goes(tmp_path: Path, extractor: Any) -> None:
    def run() -> None:
        with Pipeline(tmp_path / "p.db", engine=InProcessEngine(extractor=extractor)) as pipeline:
            pipeline.run([demo_corpus_path()], out=tmp_path / "report")

    start = time.perf_counter()
    summary = profile_by_part(run, tmp_path / "profile.html")
    elapsed = time.perf_counter() - start
    parts = {part: seconds for part, seconds, _ in summary.shares()}
    assert parts["spaCy model"] > 0 and any(p.startswith("extract.") and s > 0 for p, s in parts.items())
    assert {"link", "reconcile", "store", "report"} <= set(parts)
    # Every sample is given to one part: the parts add up to the profiled wall time.
    assert 0.5 * elapsed < summary.total <= 1.05 * elapsed
    assert abs(sum(share for _, _, share in summary.shares()) - 1.0) < 1e-6
    assert "<html" in (tmp_path / "profile.html").read_text(encoding="utf-8").lower()


def test_cpu_seconds_by_component_cover_the_whole_pipeline(extractor: Any) -> None:
    from accord.benchmark.component_timing import cpu_seconds_by_component
    from accord.models import Article

    text = "Police said two people were killed and three wounded in a shooting in Nairobi on Monday."
    seconds = cpu_seconds_by_component(extractor, [Article(id=f"a{n}", text=text) for n in range(8)])
    assert list(seconds) == ["tokenizer", *extractor.nlp.pipe_names]
    assert all(value >= 0 for value in seconds.values()) and sum(seconds.values()) > 0


def test_repeated_rounds_keep_each_stage_median() -> None:
    from accord.benchmark.throughput import Measurement, _medians

    rounds = [Measurement("a", s, 10, 100) for s in (3.0, 1.0, 2.0)] + [Measurement("b", 5.0, 10, 100)]
    assert [(m.name, m.seconds) for m in _medians(rounds)] == [("a", 2.0), ("b", 5.0)]
