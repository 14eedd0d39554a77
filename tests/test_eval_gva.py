"""The GVA evaluation: a fixed slice of the dev incidents must stay above the floors in eval/baseline.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accord.evaluate.gva import evaluate_gva, predict_incident, render_gva
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


def _incident(extractor: Extractor, *texts: str) -> tuple[int, int]:
    articles = [Article(id=f"a{i}", text=text, published="2025-03-12") for i, text in enumerate(texts)]
    prediction = predict_incident("i1", list(extractor.extract_many(articles)))
    return prediction.killed, prediction.injured


def test_rementioned_dead_is_not_also_injured(extractor: Extractor) -> None:
    # "he" in critical condition is the man reported dead, not a second victim
    text = "A man was shot and killed on Main Street. He was taken to the hospital in critical condition."
    assert _incident(extractor, text) == (1, 0)


def test_new_person_injured_beside_the_dead(extractor: Extractor) -> None:
    text = "A man was shot and killed on Main Street. A woman was wounded."
    assert _incident(extractor, text) == (1, 1)


def test_ordinal_bounds_everybody_hit(extractor: Extractor) -> None:
    # "a fifth victim" means five people were hit
    text = "Four people were shot on Main Street. A fifth victim was wounded later."
    assert _incident(extractor, text) == (0, 5)


def test_shooter_who_kills_himself_is_added_to_those_he_killed(extractor: Extractor) -> None:
    # "killed his wife and son" names those he killed: he is a third death, not one of the two
    text = "A man shot and killed his wife and her son on Friday, then turned the gun on himself, police said."
    assert _incident(extractor, text)[0] == 3


def test_event_killing_its_count_includes_nobody_else(extractor: Extractor) -> None:
    # "the shooting killed two": no shooter did it in the sentence, so nothing is added
    text = "A shooting killed 2 people on Main Street on Friday."
    assert _incident(extractor, text)[0] == 2


def test_victim_who_died_later_is_no_longer_injured(extractor: Extractor) -> None:
    first = Article(id="a1", text="Four people were shot on Main Street. One man was killed.", published="2025-03-10")
    later = Article(id="a2", text="A second victim of the Main Street shooting died on Sunday.", published="2025-03-12")
    extractions = list(extractor.extract_many([first, later]))
    prediction = predict_incident("i1", extractions, [first.published, later.published])
    assert (prediction.killed, prediction.injured) == (2, 2)


def test_unnumbered_victim_in_a_report_of_one_death_is_that_death(extractor: Extractor) -> None:
    # "a child who had shot himself" in a report of one child's death is the same child ...
    text = ("A 4-year-old boy died after an accidental shooting on Friday. Deputies were called for a report "
            "of a child who had shot himself and was suffering from a gunshot wound.")
    assert _incident(extractor, text) == (1, 0)
    # ... but "another" brings somebody else in
    text = "A man was shot and killed on Main Street. Another man was wounded."
    assert _incident(extractor, text) == (1, 1)
