"""The offline basemap, the incident maps and the toll-over-time charts (no browser: the view dicts
and the SVG they make; tests/test_serve_browser.py looks at them in Chromium)."""

from __future__ import annotations

import gzip
import json
import math
import re
from importlib import resources
from typing import Any

import pycountry
import pytest
from tools.build_basemap import encode_arcs, simplify

from accord.report import basemap
from accord.report.maps import MapPoint, incident_map, incidents_map, radius, type_colour
from accord.report.toll_chart import HEADLINE_MEASURES, KIND_COLOURS, toll_chart, toll_charts

# ---------------------------------------------------------------------- basemap data


def test_every_country_has_an_iso_code_and_the_data_names_its_source() -> None:
    countries = basemap.countries()
    assert len(countries) > 200
    unofficial = {"XK", "XS", "XN", "XG", "XI"}  # Kosovo, Somaliland, N. Cyprus, Siachen, Indian Ocean Ter.
    for code, shape in countries.items():
        assert code in unofficial or pycountry.countries.get(alpha_2=code) is not None, code
        assert shape.polygons and all(len(ring) >= 4 for polygon in shape.polygons for ring in polygon)
    # Two Natural Earth features share Australia's ISO number: both are parts of one Australia.
    assert countries["AU"].name == "Australia"
    assert any(polygon for polygon in countries["AU"].polygons if basemap.ring_area(polygon[0]) > 500)
    notes = basemap.source_notes()
    assert all("Natural Earth" in note and "public domain" in note for note in notes)


def test_the_shipped_files_stay_small() -> None:
    data = resources.files("accord.report").joinpath("data")
    sizes = {name: data.joinpath(name).read_bytes() for name in ("countries.topo.json.gz", "admin1.topo.json.gz")}
    assert sum(len(raw) for raw in sizes.values()) < 300_000
    topology = json.loads(gzip.decompress(sizes["countries.topo.json.gz"]))
    assert topology["type"] == "Topology" and "world-atlas" in topology["accord"]["source"]


@pytest.mark.parametrize(("code", "lon", "lat"), [
    ("KE", 36.82, -1.29),  # Nairobi
    ("PK", 67.01, 24.86),  # Karachi
    ("US", -95.37, 29.76),  # Houston
    ("FR", 2.35, 48.86),  # Paris
    ("NG", 7.44, 10.53),  # Kaduna
])
def test_places_fall_inside_their_country(code: str, lon: float, lat: float) -> None:
    found = basemap.shape_at(basemap.countries().values(), lon, lat)
    assert found is not None and found.code == code


def test_divisions_of_the_four_countries_that_have_them() -> None:
    divisions = basemap.admin1()
    assert set(divisions) == {"US", "CA", "AU", "BR"}
    assert len(divisions["US"]) == 51  # 50 states and DC
    texas = basemap.shape_at(divisions["US"], -95.37, 29.76)
    assert texas is not None and (texas.code, texas.name) == ("US-TX", "Texas")
    assert basemap.shape_at(divisions["AU"], 151.21, -33.87).name == "New South Wales"


NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")


def rings_of(d: str) -> list[list[tuple[float, float]]]:
    """The absolute points of each ring of path data made by basemap.path_data ("Mx yl dx dy …Z")."""
    rings = []
    for ring in filter(None, d.split("Z")):
        assert ring.startswith("M") and "l" in ring, ring[:40]
        numbers = [float(n) for n in NUMBER.findall(ring)]
        points = [(numbers[0], numbers[1])]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            points.append((points[-1][0] + dx, points[-1][1] + dy))
        rings.append(points)
    return rings


def test_path_data_is_relative_and_lands_on_the_projected_points() -> None:
    view = basemap.fit_view(basemap.country_bbox(basemap.countries()["KE"]), 640, 400)
    kenya = basemap.countries()["KE"]
    (ring,) = [r for r in rings_of(basemap.path_data(kenya, view)) if len(r) > 50]
    outer = max(kenya.polygons, key=lambda p: basemap.ring_area(p[0]))[0]
    assert ring[0] == pytest.approx((view.x(outer[0][0]), view.y(outer[0][1])), abs=0.06)
    xs, ys = zip(*ring, strict=True)
    west, south, east, north = kenya.bbox
    assert min(xs) == pytest.approx(view.x(west), abs=0.6) and max(ys) == pytest.approx(view.y(south), abs=0.6)


def test_shapes_across_the_antimeridian_are_not_drawn_across_the_map() -> None:
    world = basemap.fit_view((-180, -60, 180, 84), 720, 360)
    for code in ("RU", "FJ", "US", "NZ"):
        rings = rings_of(basemap.path_data(basemap.countries()[code], world))
        assert rings
        for ring in rings:
            xs = [x for x, _ in ring]
            assert all(abs(a - b) < world.width / 2 for a, b in zip(xs, xs[1:], strict=False)), code
    russia = basemap.countries()["RU"]
    assert russia.copies and basemap.country_bbox(russia)[0] > 0  # measured on its own side


def test_views_keep_the_canvas_shape_and_show_what_they_must() -> None:
    kenya = basemap.country_bbox(basemap.countries()["KE"])
    view = basemap.fit_view(kenya, 640, 400)
    west, south, east, north = kenya
    assert view.west < west and view.east > east and view.south < south and view.north > north
    stretch = math.cos(math.radians((view.south + view.north) / 2))
    assert (view.east - view.west) * stretch / (view.north - view.south) == pytest.approx(640 / 400, rel=0.02)
    world = basemap.fit_view((-170, -50, 170, 70), 720, 360)
    assert (world.west, world.east) == (-180, 180) and world.height < 360  # a shorter canvas, no blank bands
    # A country's view leaves out its far-off small parts (Alaska, Hawaii, French Guiana).
    us = basemap.country_bbox(basemap.countries()["US"], -95.37, 29.76)
    assert us[0] > -130 and us[3] < 50
    assert basemap.country_bbox(basemap.countries()["FR"])[0] > -10


def test_simplify_keeps_the_ends_and_encode_round_trips() -> None:
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 1.0), (4.0, 0.0)]
    assert simplify(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (3.0, 1.0), (4.0, 0.0)]
    ring = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    assert simplify(ring, 0.01)[0] == simplify(ring, 0.01)[-1] and len(simplify(ring, 0.01)) >= 4
    topology = {"transform": {"scale": [0.005, 0.005], "translate": [-180, -90]}, "arcs": encode_arcs([ring]),
                "objects": {"x": {"geometries": [{"type": "Polygon", "arcs": [[0]],
                                                  "properties": {"code": "ZZ", "name": "Square"}}]}}}
    (square,) = basemap._decode(topology)
    assert [tuple(round(v, 3) for v in p) for p in square.polygons[0][0]] == ring


# ---------------------------------------------------------------------- maps


def _svg_paths(layers: dict[str, Any]) -> list[str]:
    return [s["d"] for s in layers["land"]]


def test_incident_map_zooms_to_the_country_and_marks_the_place() -> None:
    picture = incident_map({"name": "Hola", "admin1": "Tana River", "country": "KE", "lat": -1.48, "lon": 40.03})
    assert picture is not None
    layers = picture["basemap"]
    names = {s["name"]: s for s in layers["land"]}
    assert {"Kenya", "Somalia", "Ethiopia", "Tanzania"} <= set(names)
    assert names["Kenya"]["fill"] != names["Somalia"]["fill"]  # the incident's country stands out
    assert "Russia" not in names  # only what is in view
    (mark,) = picture["marks"]
    assert 0 < mark["x"] < picture["width"] and 0 < mark["y"] < picture["height"] and mark["label"] == "Hola"
    assert picture["caption"] == "Hola, Tana River, Kenya"
    assert any(label["text"] == "Kenya" and label["focus"] for label in layers["labels"])
    assert not layers["divisions"]  # the basemap has no divisions of Kenya


def test_incident_map_outlines_the_division_where_the_basemap_has_them() -> None:
    picture = incident_map({"name": "Houston", "admin1": "Texas", "country": "US", "lat": 29.76, "lon": -95.37})
    assert len(picture["basemap"]["divisions"]) > 40
    assert picture["highlight"]["name"] == "Texas" and rings_of(picture["highlight"]["d"])
    # Maps of one country share their basemap, whatever their division; the division is drawn apart.
    ohio = incident_map({"name": "Columbus", "admin1": "Ohio", "country": "US", "lat": 39.96, "lon": -83.0})
    assert ohio["basemap"] is picture["basemap"] and ohio["highlight"]["name"] == "Ohio"
    # A place known only at the country level shades no division.
    country_only = incident_map({"name": "United States", "country": "US", "lat": 39.76, "lon": -98.5})
    assert country_only["highlight"] is None


def test_incident_map_without_a_known_country_or_place() -> None:
    assert incident_map(None) is None
    assert incident_map({"name": "somewhere"}) is None
    at_sea = incident_map({"name": "Gulf", "country": "XA", "lat": 12.5, "lon": 45.25})
    assert at_sea is not None and len(at_sea["marks"]) == 1 and _svg_paths(at_sea["basemap"])
    country_only = incident_map({"name": "Kenya", "country": "KE"})
    assert country_only is not None and not country_only["marks"]


def _point(id_: str, lon: float, lat: float, type_: str = "bombing", killed: int = 0, country: str = "KE") -> MapPoint:
    return MapPoint(id=id_, title=f"Incident {id_}", type=type_, lon=lon, lat=lat, country=country, killed=killed)


def test_incidents_map_sizes_by_toll_colours_by_type_and_clusters_close_ones() -> None:
    points = [_point("a", 36.8, -1.3, "bombing", killed=40), _point("b", 36.81, -1.29, "shooting", killed=2),
              _point("c", 40.0, -1.5, "hijacking", killed=0), _point("d", 67.0, 24.9, "bombing", killed=5, country="PK")]
    picture = incidents_map(points, lambda p: f"/incidents/{p.id}", lambda members: "/?country=KE")
    marks = picture["marks"]
    assert len(marks) == 3  # a and b are one circle
    cluster = next(m for m in marks if m["count"])
    assert cluster["count"] == 2 and cluster["href"] == "/?country=KE" and "42 killed" in cluster["title"]
    lone = {m["href"]: m for m in marks if not m["count"]}
    assert lone["/incidents/c"]["fill"] == type_colour("hijacking") != lone["/incidents/d"]["fill"]
    assert lone["/incidents/d"]["r"] > lone["/incidents/c"]["r"] == radius(0)
    assert radius(10_000) == pytest.approx(26.0)
    assert {item["label"] for item in picture["legend"]} >= {"bombing", "shooting", "hijacking", "several types"}
    assert incidents_map([], str, lambda members: None) is None


# ---------------------------------------------------------------------- toll charts


def _claim(id_: str, low: int | None, high: int | None, hedge: str = "exact", as_of: str | None = "2025-03-11",
           kind: str = "official", modality: str = "reported", name: str = "interior ministry") -> dict[str, Any]:
    return {"id": id_, "measure": "killed", "group": "attackers", "value": {"low": low, "high": high},
            "hedge": hedge, "modality": modality, "source": {"name": name, "kind": kind, "via": None},
            "article": "art1", "sentence": f"Sentence {id_}.", "span": [0, 5], "as_of": as_of, "text": "x",
            "outlet": "Example News"}


def _figure(claims: list[dict[str, Any]], **estimates: int) -> dict[str, Any]:
    return {"measure": "killed", "group": "attackers", "status": "disputed", "claims": claims,
            "conservative": estimates.get("conservative", 16), "consensus": estimates.get("consensus", 35),
            "high": estimates.get("high", 50)}


# The seeds' attackers killed: 16 → 33 → 35 → 50 across four sources in a day and a half.
SEEDS = [
    _claim("c16", 16, None, "at_least", "2025-03-11", "official"),
    _claim("c33", 33, 33, "exact", "2025-03-12", "security", name="army"),
    _claim("c35", 35, 35, "exact", "2025-03-12", "media", name="CNN"),
    _claim("c50", 50, 50, "exact", "2025-03-13", "media", name="Associated Press"),
    _claim("c350", 350, 350, "about", "2025-03-13", "perpetrator", name="the group"),
    _claim("c70", 70, 80, "range", "2025-03-13", "witness", name="a witness"),
    _claim("cthreat", 10, 10, "exact", "2025-03-12", "perpetrator", modality="threatened", name="the group"),
    _claim("cnone", None, None, "vague", None, "unattributed", name="unattributed"),
]


def _chart(claims: list[dict[str, Any]] = SEEDS, **estimates: int) -> dict[str, Any]:
    chart = toll_chart(_figure(claims, **estimates), lambda c: f"/articles/{c['article']}#claim-{c['id']}",
                       dom_id="toll-killed-attackers")
    assert chart is not None
    return chart


def test_one_mark_per_claim_each_linked_to_its_sentence() -> None:
    chart = _chart()
    assert len(chart["marks"]) == len(SEEDS) == len(chart["rows"])
    assert [m["href"] for m in chart["marks"]].count("/articles/art1#claim-c33") == 1
    assert {m["id"] for m in chart["marks"]} == {c["id"] for c in SEEDS}
    for mark in chart["marks"]:
        assert chart["plot"]["left"] <= mark["x"] <= chart["plot"]["right"]
        assert chart["plot"]["top"] <= mark["y"] <= chart["plot"]["bottom"]
        assert mark["label"].endswith("open the sentence")


def test_hedges_are_drawn_as_the_counts_they_allow() -> None:
    marks = {m["id"]: m for m in _chart()["marks"]}
    assert marks["c33"]["bar"] is None  # an exact figure is a dot
    at_least = marks["c16"]["bar"]
    assert at_least["arrow"] and at_least["y2"] == 14 and at_least["y1"] == marks["c16"]["y"]  # runs off the top
    about = marks["c350"]["bar"]
    assert about["y2"] < marks["c350"]["y"] < about["y1"] and about["arrow"] is None  # 315 to 385 around 350
    span = marks["c70"]["bar"]
    assert span["y2"] < marks["c70"]["y"] < span["y1"]
    assert marks["cthreat"]["hollow"] and not marks["c33"]["hollow"]
    assert marks["cnone"]["unknown"] and marks["cnone"]["y"] == _chart()["plot"]["bottom"]


def test_a_dispute_spreads_at_one_date_and_an_update_steps() -> None:
    chart = _chart()
    marks = {m["id"]: m for m in chart["marks"]}
    # 33 (army) and 35 (CNN) on the same day: side by side, one above the other.
    assert abs(marks["c33"]["x"] - marks["c35"]["x"]) < 25 and marks["c33"]["x"] != marks["c35"]["x"]
    assert marks["c35"]["y"] < marks["c33"]["y"]
    assert marks["c16"]["x"] < marks["c33"]["x"] < marks["c50"]["x"]
    assert marks["cnone"]["x"] < marks["c16"]["x"]  # the undated at the left
    lines = {line["key"]: line for line in chart["lines"]}
    assert set(lines) == {"conservative", "consensus", "latest"}
    # Latest by date: 16, then the median of 33 and 35, then of 50, 350 and 75 (perpetrators left out).
    assert lines["latest"]["description"] == ("latest figure by date: 16 on 2025-03-11, 34 on 2025-03-12, "
                                              "62.5 on 2025-03-13")
    assert lines["latest"]["d"].count("V") == 2  # two steps
    y_of = {t["label"]: t["y"] for t in chart["y_ticks"]}
    assert y_of["0"] == chart["plot"]["bottom"] and "2.5" not in y_of  # whole-number ticks
    assert [t["label"] for t in chart["x_ticks"]] == ["undated", "11 Mar", "12 Mar", "13 Mar"]
    assert {item["label"] for item in chart["legend"]} == {"official", "security", "media", "perpetrator",
                                                           "witness", "unattributed"}
    assert "8 claims of killed (attackers), given from 2025-03-11 to 2025-03-13" in chart["summary"]


def test_crowded_dates_keep_their_marks_inside_the_plot_and_in_order() -> None:
    claims = ([_claim(f"u{n}", n + 1, n + 1, as_of=None) for n in range(9)]
              + [_claim(f"d{n}", n + 1, n + 1, as_of="2025-03-11") for n in range(30)]
              + [_claim("late", 5, 5, as_of="2025-03-12")])
    chart = _chart(claims)
    plot = chart["plot"]
    xs = {m["id"]: m["x"] for m in chart["marks"]}
    assert all(plot["left"] + 5 <= x <= plot["right"] - 5 for x in xs.values())
    undated = [xs[f"u{n}"] for n in range(9)]
    assert max(undated) < chart["undated_edge"] < min(xs[f"d{n}"] for n in range(30))
    assert len(set(xs.values())) == len(claims)  # closed up, never on top of each other
    assert max(xs[f"d{n}"] for n in range(30)) < xs["late"]


def test_a_part_of_a_total_is_drawn_hollow_and_left_out_of_the_latest() -> None:
    claims = [_claim("all", 12, 12, as_of="2025-03-11"), dict(_claim("kids", 7, 7, as_of="2025-03-12"), scope="subset"),
              _claim("later", 15, 15, as_of="2025-03-13")]
    chart = _chart(claims)
    marks = {m["id"]: m for m in chart["marks"]}
    assert marks["kids"]["hollow"] and not marks["all"]["hollow"] and "a part of a total" in marks["kids"]["label"]
    latest = next(line for line in chart["lines"] if line["key"] == "latest")
    assert latest["description"] == "latest figure by date: 12 on 2025-03-11, 15 on 2025-03-13"


def test_equal_estimates_are_one_line() -> None:
    chart = _chart([_claim("a", 4, 4), _claim("b", 4, 4, as_of="2025-03-12")], conservative=4, consensus=4)
    assert [line["label"] for line in chart["lines"]] == ["conservative = consensus 4", "latest figure by date"]


def test_charts_only_for_headline_measures() -> None:
    arrested = dict(_figure([_claim("x", 3, 3)]), measure="arrested")
    charts = toll_charts([_figure(SEEDS), arrested, dict(_figure([]), measure="injured")], lambda c: "#")
    assert list(charts) == [("killed", "attackers")]
    assert HEADLINE_MEASURES == ("killed", "injured", "held", "rescued", "released")
    assert set(KIND_COLOURS) == {"official", "security", "perpetrator", "witness", "media", "expert", "unattributed"}
