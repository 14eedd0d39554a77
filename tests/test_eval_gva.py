"""The GVA evaluation: a fixed slice of the dev incidents must stay above the floors in eval/baseline.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accord.evaluate.gva import evaluate_gva, incident_of, predict_incident, render_gva
from accord.extract import Extractor
from accord.models import Article
from tests.conftest import GVA_FILE, ROOT, require

BASELINE = ROOT / "eval" / "baseline.json"

# The slice runs ~100 documents through the whole pipeline (15-60 s depending on the machine).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def slice_result(extractor: Extractor, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["gva_slice"]
    out = tmp_path_factory.mktemp("gva") / "predictions.jsonl"
    result = evaluate_gva(require(GVA_FILE), predictions=out, limit=floors["limit"], extractor=extractor)
    result["_out"] = out
    return result


def test_slice_meets_floors(slice_result: dict[str, Any]) -> None:
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["gva_slice"]
    assert slice_result["n"] == floors["limit"]
    for key, floor in floors.items():
        if key == "limit":
            continue
        scope, measure, metric = key.split(".")
        value = slice_result[scope][measure][metric]
        assert value >= floor if metric != "mae" else value <= floor, f"{key}: {value} vs floor {floor}"


def test_predictions_file(slice_result: dict[str, Any]) -> None:
    lines = [json.loads(line) for line in slice_result["_out"].read_text(encoding="utf-8").splitlines()]
    assert len(lines) == slice_result["n"]
    assert set(lines[0]) == {"incident_id", "killed", "injured", "claims"}
    # every predicted number is backed by the claims behind it
    for line in lines:
        if line["killed"]:
            assert line["claims"]["killed"], line["incident_id"]


def test_render(slice_result: dict[str, Any]) -> None:
    table = render_gva(slice_result)
    assert "killed" in table and "injured" in table and "2+ victims" in table


def test_without_gold(extractor: Extractor, tmp_path: Path) -> None:
    incidents = []
    with require(GVA_FILE).open(encoding="utf-8") as handle:
        for line in handle:
            incident = json.loads(line)
            incident.pop("killed", None)
            incident.pop("injured", None)
            incidents.append(incident)
            if len(incidents) == 3:
                break
    path = tmp_path / "nogold.jsonl"
    path.write_text("".join(json.dumps(i) + "\n" for i in incidents), encoding="utf-8")
    result = evaluate_gva(path, extractor=extractor)
    assert result["n"] == 3 and "overall" not in result
    assert "predictions only" in render_gva(result)


def test_prediction_is_the_incidents_totals(extractor: Extractor) -> None:
    # the eval applies no counting of its own: what the incident's killed and injured totals say
    first = Article(id="a1", text="Four people were shot on Main Street. One man was killed.", published="2025-03-10")
    later = Article(id="a2", text="A second victim of the Main Street shooting died on Sunday.", published="2025-03-12")
    articles = [first, later]
    extractions = list(extractor.extract_many(articles))
    incident = incident_of("i1", articles, extractions)
    prediction = predict_incident("i1", articles, extractions)
    assert (prediction.killed, prediction.injured) == (incident.totals["killed"].high, incident.totals["injured"].high)
    assert (prediction.killed, prediction.injured) == (2, 2)
    assert prediction.claims["killed"] and all(c["measure"] == "killed" for c in prediction.claims["killed"])
