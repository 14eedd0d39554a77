"""``to_json`` / ``from_json``: the JSON text of records, as ``json.dumps(to_dict(...))`` wrote it."""

from __future__ import annotations

import json
from datetime import date, datetime

from accord.models import (
    ArticleExtraction,
    Claim,
    DateMention,
    IncidentMention,
    Interval,
    Source,
    from_json,
    to_dict,
    to_json,
)


def _extraction() -> ArticleExtraction:
    claim = Claim(measure="killed", group="civilians", value=Interval(low=3, high=5), hedge="range",
                  modality="reported", source=Source(kind="official", name="Police chief Ana Ruiz", span=(0, 21)),
                  article="a1", sentence="Entre 3 et 5 morts — “déjà”.", span=(10, 20), sentence_span=(0, 28),
                  text="3 et 5 morts")
    return ArticleExtraction(article="a1", claims=[claim],
                             dates=[DateMention(text="Tuesday", span=(0, 7), date="2025-03-11", kind="weekday")],
                             mentions=[IncidentMention(index=0, article="a1", summary="Zwei Tote in Köln")])


def test_compact_json_is_what_json_dumps_wrote() -> None:
    record = _extraction()
    expected = json.dumps(to_dict(record), ensure_ascii=False, separators=(",", ":"))
    assert to_json(record) == expected
    assert ArticleExtraction.from_dict(from_json(to_json(record))) == record


def test_indented_json_is_laid_out_as_json_dumps_indent_2() -> None:
    data = {"id": "inc-1", "figures": [], "place": {}, "title": "Zwei Tote in Köln", "score": 0.5,
            "articles": [{"id": "a1", "sources": ["AP", None]}]}
    assert to_json(data, indent=True) == json.dumps(data, ensure_ascii=False, indent=2)


def test_values_json_has_no_type_for_become_strings_as_before() -> None:
    data = {"when": datetime(2025, 3, 11, 14, 30), "day": date(2025, 3, 11), "tags": {"x"}, 3: "int key"}
    assert from_json(to_json(data)) == {"when": "2025-03-11 14:30:00", "day": "2025-03-11", "tags": "{'x'}",
                                        "3": "int key"}


def test_what_orjson_refuses_is_still_written_and_read() -> None:
    huge = {"n": 2**70, "text": "broken \udc80 surrogate"}
    assert json.loads(to_json(huge).encode("utf-8", "surrogatepass")) == huge
    assert from_json('{"score": NaN}')["score"] != 0  # NaN, as older stores may hold
