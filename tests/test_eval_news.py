"""``accord eval news``: the same figures as the team's reference scorer, and floors on the train parts."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.testing import CliRunner

from accord.cli import app
from accord.evaluate.news import (
    bcubed,
    claim_matches,
    load_news_gold,
    render_news,
    run_on_gold,
    score_breakdown,
    score_news,
)
from accord.extract import Extractor
from tests.conftest import ROOT, SHARED_DATA, require

REALNEWS = SHARED_DATA / "realnews-dev"
REFERENCE = SHARED_DATA.parent / "tools" / "realnews_score.py"
BASELINE = ROOT / "eval" / "baseline.json"
#: The train parts: their misses may be read, so they carry the CI floor (the blind parts never do).
TRAIN_PARTS = ("south-asia", "hostages", "world", "middle-east")

pytestmark = pytest.mark.slow


def _reference(parts: tuple[str, ...]) -> ModuleType:
    """The reference scorer, loaded with its part list (it reads REALNEWS_PARTS when imported)."""
    require(REFERENCE)
    os.environ["REALNEWS_PARTS"] = ",".join(parts)
    try:
        spec = importlib.util.spec_from_file_location("realnews_score_" + "_".join(parts), REFERENCE)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        os.environ.pop("REALNEWS_PARTS", None)
    return module


@pytest.fixture(scope="module")
def train_run(extractor: Extractor) -> tuple[list[dict[str, Any]], Any]:
    gold = load_news_gold([require(REALNEWS / part) for part in TRAIN_PARTS])
    return run_on_gold(gold, extractor=extractor), gold


def test_agrees_with_the_reference_scorer(train_run: tuple[list[dict[str, Any]], Any]) -> None:
    incidents, gold = train_run
    ours = score_news(gold, incidents)
    theirs = _reference(TRAIN_PARTS).score(incidents)
    assert ours["link_b3"] == tuple(theirs["link_b3"])
    assert {k: ours["recall"][k] for k in theirs["recall"]} == theirs["recall"]
    assert ours["precision"]["precision"] == theirs["precision_in_incident"]
    assert ours["precision"]["false_claims"] == theirs["false_claims"]
    assert ours["precision"]["leaks"] == theirs["leaks"]
    assert ours["fields"] == theirs["incident_fields"]
    assert {k: ours["headline_killed"][k] for k in ("conservative", "consensus", "high")} == theirs["headline_killed"]
    assert ours["headline_killed"]["incidents"] == theirs["headline_incidents"]


def test_train_parts_meet_the_floors(train_run: tuple[list[dict[str, Any]], Any]) -> None:
    incidents, gold = train_run
    result = score_news(gold, incidents)
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["news_train"]
    read = {
        "recall.strict": result["recall"]["strict_any"],
        "recall.in_incident": result["recall"]["strict_in_incident"],
        "precision": result["precision"]["precision"],
        "link_b3_f1": result["link_b3"][2],
        "date": result["fields"]["date"],
        "country": result["fields"]["country"],
        "type": result["fields"]["type"],
        "perpetrator": result["fields"]["perpetrator"],
        "killed.conservative": result["headline_killed"]["conservative"],
        "killed.consensus": result["headline_killed"]["consensus"],
    }
    low = {key: (read[key], floor) for key, floor in floors.items()
           if key in read and read[key] < floor}
    assert not low, f"below the floor (value, floor): {low}"
    assert result["precision"]["leaks"] <= floors["leaks"]


def test_breakdown_and_render(train_run: tuple[list[dict[str, Any]], Any]) -> None:
    from rich.console import Console

    incidents, gold = train_run
    result = score_breakdown(gold, incidents)
    assert set(result["parts"]) == set(TRAIN_PARTS)
    # every gold claim is counted in exactly one part and one measure
    assert sum(p["recall"]["gold_claims"] for p in result["parts"].values()) == result["recall"]["gold_claims"]
    assert sum(m["recall"]["gold_claims"] for m in result["measures"].values()) == result["recall"]["gold_claims"]
    console = Console(record=True, width=120)
    console.print(render_news(result))
    text = console.export_text()
    assert "claims recall" in text and "hostages" in text and "killed" in text


def _claim(measure: str, group: str, low: int | None, high: int | None, **extra: Any) -> dict[str, Any]:
    return {"measure": measure, "group": group, "value": {"low": low, "high": high}, **extra}


def test_claim_matching() -> None:
    gold = {"measure": "held", "group": "hostages", "group_any_of": ["hostages", "civilians"], "low": 100,
            "high": None, "measure_any_of": ["held", "missing"]}
    assert claim_matches(_claim("missing", "civilians", 100, None), gold, strict=True)
    assert claim_matches(_claim("held", "hostages", 80, 100), gold, strict=True)  # shares an end
    assert not claim_matches(_claim("held", "all", 100, 100), gold, strict=True)
    assert claim_matches(_claim("held", "all", 100, 100), gold, strict=False)
    assert not claim_matches(_claim("killed", "hostages", 100, 100), gold, strict=False)
    assert not claim_matches(_claim("held", "hostages", 99, 101), gold, strict=False)


def test_bcubed() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed(gold, {"a": 1, "b": 1, "c": 2}) == (1.0, 1.0, 1.0)
    # everything in one cluster: precision falls, recall stays whole
    precision, recall, _ = bcubed(gold, {"a": 1, "b": 1, "c": 1})
    assert recall == 1.0 and precision == round((2 / 3 + 2 / 3 + 1 / 3) / 3, 3)
    # an article no incident holds is alone
    assert bcubed(gold, {"a": 1, "c": 2})[1] == round((1 / 2 + 1 / 2 + 1) / 3, 3)


def test_cli_json_on_one_part(extractor: Extractor, tmp_path: Path) -> None:
    part = require(REALNEWS / "south-asia")
    out = tmp_path / "incidents.json"
    result = CliRunner().invoke(app, ["eval", "news", str(part), "--incidents", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["parts_scored"] == ["south-asia"] and data["articles"] == 45
    assert 0 < data["recall"]["strict_any"] <= 1
    incidents = json.loads(out.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps({**score_breakdown(load_news_gold([part]), incidents),
                                          "parts_scored": ["south-asia"]}))


def test_bad_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "news", str(tmp_path)])
    assert result.exit_code != 0
    assert "gold.json" in str(result.exception) or "gold.json" in result.output
