"""Exports read back with the libraries their users would use, checked against the store they came from."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from accord.errors import AccordError
from accord.export import FORMATS, export_bytes, export_incidents
from accord.export.common import ExportIncident, mappings
from accord.models import EVENT_TYPES
from accord.pipeline import Pipeline, demo_corpus_path
from accord.store import open_store

ACLED_EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
GTD_ATTACK_TYPES = {
    "Assassination", "Armed Assault", "Bombing/Explosion", "Hijacking", "Hostage Taking (Barricade Incident)",
    "Hostage Taking (Kidnapping)", "Facility/Infrastructure Attack", "Unarmed Assault", "Unknown",
}


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> Path:
    db = tmp_path_factory.mktemp("export") / "demo.db"
    with Pipeline(db, extractor=extractor) as pipeline:
        pipeline.run([demo_corpus_path()], out=None)
    return db


@pytest.fixture(scope="module")
def stored(demo_store: Path) -> list[dict[str, Any]]:
    with open_store(demo_store) as store:
        incidents = store.incidents()
    assert len(incidents) >= 4
    return incidents


def _export(demo_store: Path, fmt: str, out: Path) -> Path:
    with open_store(demo_store) as store:
        return export_incidents(store, fmt, out)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _int(cell: str) -> int | None:
    return int(cell) if cell != "" else None


def test_the_mappings_cover_every_event_type_with_codebook_values() -> None:
    table = mappings()
    assert set(table["acled"]["event_types"]) == set(EVENT_TYPES)
    assert set(table["gtd"]["attack_types"]) == set(EVENT_TYPES)
    for types in [*table["acled"]["event_types"].values(), table["acled"]["battle"]]:
        if types is not None:
            assert types["sub_event_type"] in ACLED_EVENT_TYPES[types["event_type"]]
    assert {v for v in table["gtd"]["attack_types"].values() if v} <= GTD_ATTACK_TYPES


def test_acled_rows_match_the_store(demo_store: Path, stored: list[dict[str, Any]], tmp_path: Path) -> None:
    rows = _read_csv(_export(demo_store, "acled", tmp_path / "acled.csv"))
    by_id = {row["event_id_cnty"]: row for row in rows}
    in_scope = [i for i in stored if mappings()["acled"]["event_types"][i["type"]] is not None]
    assert set(by_id) == {i["id"] for i in in_scope}
    disputed_seen = False
    for data in in_scope:
        row, incident = by_id[data["id"]], ExportIncident(data)
        assert row["event_type"] in ACLED_EVENT_TYPES and row["sub_event_type"] in ACLED_EVENT_TYPES[row["event_type"]]
        killed = [f for f in data["figures"] if f["measure"] == "killed"]
        assert int(row["fatalities"]) == (incident.total("killed") or 0)
        if killed and all(f["group"] != "all" for f in killed):
            assert int(row["fatalities"]) == sum(f["conservative"] or 0 for f in killed)
        place = data["place"] or {}
        assert row["location"] == (place.get("name") or "")
        if place.get("lat") is not None:
            assert float(row["latitude"]) == pytest.approx(place["lat"])
            assert float(row["longitude"]) == pytest.approx(place["lon"])
            assert row["geo_precision"] in {"1", "2", "3"}
        if data["start"]:
            assert row["event_date"].startswith(data["start"][:10]) and row["year"] == data["start"][:4]
            assert row["time_precision"] == ("1" if len(data["start"]) >= 10 else "3")
        assert row["actor1"] == (data["perpetrators"][0] if data["perpetrators"] else
                                 f"Unidentified Armed Group ({row['country'] or 'unknown country'})")
        outlets = {a["outlet"] for a in data["articles"] if a.get("outlet")}
        assert set(filter(None, row["source"].split("; "))) == outlets
        for figure in killed:
            if figure["status"] == "disputed":
                disputed_seen = True
                assert "reports vary" in row["notes"] and "lowest figure is coded" in row["notes"]
                for claim in figure["claims"]:
                    if claim["value"]["low"] is not None and claim["modality"] in ("reported", "claimed"):
                        assert str(claim["value"]["low"]) in row["notes"]
    assert disputed_seen, "the demo corpus has a disputed death toll"


def test_gtd_rows_match_the_store(demo_store: Path, stored: list[dict[str, Any]], tmp_path: Path) -> None:
    rows = _read_csv(_export(demo_store, "gtd", tmp_path / "gtd.csv"))
    by_id = {row["eventid"]: row for row in rows}
    in_scope = [i for i in stored if mappings()["gtd"]["attack_types"][i["type"]] is not None]
    assert set(by_id) == {i["id"] for i in in_scope}
    for data in in_scope:
        row, incident = by_id[data["id"]], ExportIncident(data)
        assert row["attacktype1_txt"] == mappings()["gtd"]["attack_types"][data["type"]]
        assert _int(row["nkill"]) == incident.total("killed")
        assert _int(row["nwound"]) == incident.total("injured")
        assert _int(row["nkillter"]) == incident.total("killed", groups=["attackers"])
        year, month, day = incident.date_parts()
        assert (_int(row["iyear"]), int(row["imonth"]), int(row["iday"])) == (year, month or 0, day or 0)
        held = incident.total("held")
        assert row["ishostkid"] == ("1" if held is not None else "0")
        assert _int(row["nhostkid"]) == held
        assert row["gname"] == (data["perpetrators"][0] if data["perpetrators"] else "Unknown")
        assert row["claimed"] in {"1", "-9"}
        titles = [a["title"] for a in data["articles"] if a.get("title")]
        if titles:
            assert any(t in row["scite1"] + row["scite2"] + row["scite3"] for t in titles)
    assert any(row["ishostkid"] == "1" for row in rows), "the demo corpus has a hostage-taking"


def test_geojson_is_rfc7946_with_the_stored_figures(demo_store: Path, stored: list[dict[str, Any]],
                                                    tmp_path: Path) -> None:
    data = json.loads(_export(demo_store, "geojson", tmp_path / "x.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and isinstance(data["features"], list)
    by_id = {i["id"]: i for i in stored}
    mapped = [i for i in stored if i["place"] and i["place"].get("lat") is not None]
    assert len(data["features"]) == len(mapped) >= 1
    for feature in data["features"]:
        assert feature["type"] == "Feature" and set(feature) >= {"geometry", "properties"}
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
        incident = by_id[feature["properties"]["id"]]
        assert (lon, lat) == (pytest.approx(incident["place"]["lon"]), pytest.approx(incident["place"]["lat"]))
        for figure in incident["figures"]:
            key = f"{figure['measure']}_{figure['group']}"
            assert feature["properties"][f"{key}_status"] == figure["status"]
            assert feature["properties"][f"{key}_conservative"] == figure["conservative"]
            assert feature["properties"][f"{key}_high"] == figure["high"]


def test_parquet_tables_read_back_with_pyarrow_and_pandas(demo_store: Path, stored: list[dict[str, Any]],
                                                          tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    folder = _export(demo_store, "parquet", tmp_path / "parquet")
    assert sorted(p.name for p in folder.iterdir()) == [
        "articles.parquet", "claims.parquet", "figures.parquet", "incidents.parquet"]
    incidents = pq.read_table(folder / "incidents.parquet").to_pylist()
    assert [i["id"] for i in incidents] == [i["id"] for i in stored]
    assert [i["perpetrators"] for i in incidents] == [i["perpetrators"] for i in stored]
    figures = pq.read_table(folder / "figures.parquet").to_pylist()
    expected = [(i["id"], f["measure"], f["group"], f["conservative"], f["consensus"], f["high"], f["status"])
                for i in stored for f in i["figures"]]
    assert [(f["incident_id"], f["measure"], f["group"], f["conservative"], f["consensus"], f["high"], f["status"])
            for f in figures] == expected
    claims = pq.read_table(folder / "claims.parquet")
    assert claims.num_rows == sum(len(f["claims"]) for i in stored for f in i["figures"])
    with open_store(demo_store) as store:
        texts = {a.id: a.text for a in store.articles()}
    for row in pq.read_table(folder / "articles.parquet").to_pylist():
        assert row["text"] == texts[row["id"]] and row["incidents"]
    for row in claims.to_pylist():
        sentence = row["sentence"]
        assert sentence and texts[row["article_id"]][row["span_start"]:row["span_end"]] in sentence
    pd = pytest.importorskip("pandas")
    frame = pd.read_parquet(folder / "figures.parquet")
    assert len(frame) == len(expected) and str(frame["conservative"].dtype) in {"int64", "Int64", "float64"}


def test_parquet_is_written_a_page_at_a_time_as_the_tables_of_the_whole(
        demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of two incidents and texts looked up two articles at a time: the same rows, in the same
    order, as the tables built from every incident at once; no partial file is left."""
    pq = pytest.importorskip("pyarrow.parquet")
    import accord.export.parquet as parquet

    monkeypatch.setattr(parquet, "ARTICLES_PER_ROW_GROUP", 2)
    looked_up: list[int] = []
    with open_store(demo_store) as store:
        texts = {a.id: a.text for a in store.articles()}
        whole = parquet.parquet_tables(store.incidents(), texts)

        def look_up(ids: Any) -> dict[str, str]:
            looked_up.append(len(ids))
            return {i: a.text for i, a in store.articles_by_id(ids).items()}

        folder = parquet.write_parquet(store.iter_incidents(), tmp_path / "paged", look_up, page=2)
    assert len(whole["incidents"]) > 4 and max(looked_up) == 2
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{name}.parquet" for name in parquet.TABLES)
    for name in parquet.TABLES:
        table = pq.read_table(folder / f"{name}.parquet")
        assert table.to_pylist() == [{field: row.get(field) for field in table.column_names} for row in whole[name]]
    assert pq.ParquetFile(folder / "claims.parquet").num_row_groups > 1


def test_csv_and_jsonl_round_trip(demo_store: Path, stored: list[dict[str, Any]], tmp_path: Path) -> None:
    rows = _read_csv(_export(demo_store, "csv", tmp_path / "claims.csv"))
    assert len(rows) == sum(len(f["claims"]) for i in stored for f in i["figures"])
    lines = _export(demo_store, "jsonl", tmp_path / "i.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [i["id"] for i in stored]
    assert [len(json.loads(line)["figures"]) for line in lines] == [len(i["figures"]) for i in stored]


def test_a_store_is_exported_a_page_at_a_time_as_one_export_of_all(
        demo_store: Path, stored: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of two incidents: one header, every row, the same bytes as the export of the whole list."""
    import accord.export

    assert len(stored) > 4  # several pages, and a last page that is not full or is empty
    monkeypatch.setattr(accord.export, "READ_PAGE", 2)
    for fmt in ("acled", "gtd", "geojson", "csv", "jsonl"):
        from_store = _export(demo_store, fmt, tmp_path / f"store-{fmt}").read_bytes()
        whole = export_incidents(stored, fmt, tmp_path / f"list-{fmt}").read_bytes()
        assert from_store == whole, fmt
        with open_store(demo_store) as store:
            assert export_bytes(store, fmt)[0] == whole, fmt
    header = _export(demo_store, "gtd", tmp_path / "gtd.csv").read_text(encoding="utf-8").splitlines()[0]
    assert (tmp_path / "gtd.csv").read_text(encoding="utf-8").count(header) == 1


def test_export_from_a_list_of_incidents_and_in_memory(stored: list[dict[str, Any]], tmp_path: Path) -> None:
    one = [stored[0]]
    path = export_incidents(one, "acled", tmp_path / "one.csv")
    assert len(_read_csv(path)) <= 1
    content, media, name = export_bytes(one, "geojson")
    assert media == "application/geo+json" and json.loads(content)["type"] == "FeatureCollection"
    pytest.importorskip("pyarrow")
    content, media, name = export_bytes(one, "parquet")
    assert name.endswith(".zip") and len(zipfile.ZipFile(io.BytesIO(content)).namelist()) == 4
    assert set(FORMATS) == {"acled", "gtd", "geojson", "parquet", "csv", "jsonl"}
    with pytest.raises(AccordError, match="unknown export format"):
        export_incidents(one, "xlsx", tmp_path / "x")


def test_csv_exports_guard_against_formulas(stored: list[dict[str, Any]], tmp_path: Path) -> None:
    hostile = json.loads(json.dumps(stored[0]))
    hostile["perpetrators"] = ["=HYPERLINK(\"http://evil\")"]
    row = _read_csv(export_incidents([hostile], "gtd", tmp_path / "g.csv"))
    if row:
        assert row[0]["gname"].startswith("'=")
