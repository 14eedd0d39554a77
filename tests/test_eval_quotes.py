"""`accord eval quotes`: the brat reader, the matching rule, the predictions file and the CI floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.evaluate.quotes import evaluate_quotes, match_contents, overlap, read_brat, render_quotes
from tests.conftest import POLNEAR_DIR, ROOT, require

BASELINE = ROOT / "eval" / "quotes_baseline.json"


def test_brat_reader_keeps_discontinuous_pieces() -> None:
    directory = require(POLNEAR_DIR)
    path = sorted((directory / "attributions").glob("nyt_2016-09-08_obama-on-climat*.ann"))[0]
    text = (directory / "text" / "nyt_2016-09-08_obama-on-climate-change-the-tren.txt").read_text(encoding="utf-8")
    gold = read_brat(path)
    assert len(gold) > 20
    split = [g for g in gold if len(g.content) == 2 and g.source and text[slice(*g.source[0])] == "he"]
    assert split, "a quotation split by its attribution is two pieces"
    first, second = split[0].content
    assert text[first[0]] == '"' and text[second[1] - 1] == '"'
    assert all(g.content for g in gold)


def test_matching_is_one_to_one_and_needs_half_the_shorter_span() -> None:
    gold = [[(0, 100)], [(200, 210), (220, 230)]]
    # The first prediction covers half of nothing else; the second overlaps gold 0 for 40 of its 60.
    predicted = [[(0, 100)], [(60, 120)], [(200, 230)]]
    pairs = match_contents(predicted, gold)
    assert sorted(pairs) == [(0, 0), (2, 1)]
    assert overlap([(200, 230)], gold[1]) == 20
    assert match_contents([[(0, 10)]], [[(5, 100)]]) == [(0, 0)]  # 5 of 10: exactly half counts...
    assert match_contents([[(0, 10)]], [[(6, 100)]]) == []  # ...and less does not


@pytest.fixture(scope="module")
def slice_result(extractor, tmp_path_factory) -> tuple[dict, Path]:
    directory = require(POLNEAR_DIR)
    limit = json.loads(BASELINE.read_text(encoding="utf-8"))["polnear-dev"]["limit"]
    out = tmp_path_factory.mktemp("quotes") / "predictions.jsonl"
    return evaluate_quotes(directory, predictions=out, limit=limit, extractor=extractor), out


def test_polnear_slice_stays_above_the_floor(slice_result) -> None:
    result, _out = slice_result
    floor = json.loads(BASELINE.read_text(encoding="utf-8"))["polnear-dev"]
    assert result["files"] == floor["limit"] and result["gold"] > 0
    assert result["content"]["f1"] >= floor["content_f1"], render_quotes(result)
    assert result["attribution"]["f1"] >= floor["attribution_f1"], render_quotes(result)


def test_predictions_file_has_offsets_into_the_text(slice_result) -> None:
    result, out = slice_result
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == result["files"]
    assert sum(len(line["quotes"]) for line in lines) == result["quotes"]
    for line in lines:
        with (POLNEAR_DIR / "text" / line["file"]).open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        for quote in line["quotes"]:
            for part in ("content", "cue", "speaker"):
                if quote[part] is not None:
                    assert text[quote[part]["start"] : quote[part]["end"]] == quote[part]["text"]
    assert "content" in render_quotes(result) and "attribution" in render_quotes(result)


def test_a_folder_without_text_is_a_clear_error(tmp_path, extractor) -> None:
    from accord.errors import InputError

    with pytest.raises(InputError, match="text/"):
        evaluate_quotes(tmp_path, extractor=extractor)


def test_a_folder_without_gold_gives_predictions_only(tmp_path, extractor) -> None:
    from tests.conftest import SEEDS_DIR

    seed = sorted(require(SEEDS_DIR).glob("*.txt"))[0]
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / seed.name).write_bytes(seed.read_bytes())
    result = evaluate_quotes(tmp_path, predictions=tmp_path / "out.jsonl", extractor=extractor)
    assert result["quotes"] > 5 and "content" not in result
    assert "predictions only" in render_quotes(result)
    assert json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))["file"] == seed.name
