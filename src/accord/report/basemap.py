"""The offline basemap: Natural Earth country and first-level borders, projected for an SVG map.

The shapes ship inside the package (``report/data/*.topo.json.gz``, built by ``tools/build_basemap.py``
from Natural Earth 1:50m, public domain; provenance in each file's ``accord.source``), so a map
needs no network and no tiles. This module reads them, chooses a view (around a country, or
around a set of points) and turns the shapes in view into SVG path data in that view's pixels.
Which shapes are drawn and how is decided by :mod:`accord.report.pictures`.

The projection is equirectangular with the view's middle latitude as standard parallel: over a
country or a region it keeps shapes and distances close to true, and it is one multiplication.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

Ring = tuple[tuple[float, float], ...]  # (lon, lat) points, first == last

#: Share of the view's span added on every side around what it must show.
VIEW_MARGIN = 0.12
#: Smallest span a view may have, in degrees of latitude: a town in a small country still shows
#: the country's neighbours.
MIN_SPAN_DEGREES = 3.0
#: The parts of a country drawn in its view: the part holding the place and every part at least this
#: share of the largest part's area (Indonesia's main islands; not Alaska beside the 48 states, nor
#: French Guiana beside France).
MAJOR_PART_SHARE = 0.25
#: Points closer than this, in pixels, to the last point drawn are skipped: a world map does not
#: carry every bend of a coastline drawn at 1:50m.
MIN_STEP_PX = 0.8
#: Latitudes past these are never in view (Antarctica's interior, the Arctic Ocean).
SOUTH_LIMIT, NORTH_LIMIT = -60.0, 84.0


@dataclass(frozen=True)
class Shape:
    """A country or a first-level division: its code, name and polygons (outer ring first)."""

    code: str
    name: str
    country: str  # the ISO 3166-1 alpha-2 code: the shape's own for a country
    polygons: tuple[tuple[Ring, ...], ...]
    bbox: tuple[float, float, float, float]  # west, south, east, north
    #: The polygons that run past the antimeridian, again a world away (drawn, never measured).
    copies: tuple[tuple[Ring, ...], ...] = ()


def _decode(topology: dict[str, Any]) -> list[Shape]:
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)

    def ring(indexes: Sequence[int]) -> Ring:
        points: list[tuple[float, float]] = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)  # consecutive arcs share their end point
        return tuple(points)

    shapes = []
    (collection,) = topology["objects"].values()
    for geometry in collection["geometries"]:
        if geometry["type"] == "Polygon":
            parts = [[ring(r) for r in geometry["arcs"]]]
        elif geometry["type"] == "MultiPolygon":
            parts = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        planar = [_planar(polygon) for polygon in parts]
        polygons = tuple(copies[0] for copies in planar if copies and len(copies[0][0]) >= 4)
        if not polygons:
            continue
        properties = geometry["properties"]
        shapes.append(Shape(code=properties["code"], name=properties["name"],
                            country=properties.get("country", properties["code"]), polygons=polygons,
                            bbox=_bbox(point for polygon in polygons for point in polygon[0]),
                            copies=tuple(copy for copies in planar for copy in copies[1:] if len(copy[0]) >= 4)))
    return shapes


def _unwrap(ring: Ring) -> Ring:
    """The ring with no jump of more than 180 degrees of longitude between two points: a shape that
    crosses the antimeridian (Chukotka, Fiji) runs past 180 instead of across the whole map."""
    points = [ring[0]]
    for lon, lat in ring[1:]:
        previous = points[-1][0]
        lon += 360 * round((previous - lon) / 360)
        points.append((lon, lat))
    return tuple(points)


def _planar(polygon: list[Ring]) -> list[tuple[Ring, ...]]:
    """The polygon on the flat map: unwrapped at the antimeridian, and drawn again a world away when it
    runs past it (each copy is cut by the map's edge); none for a ring around a pole (Antarctica),
    which no view past SOUTH_LIMIT shows."""
    rings = [_unwrap(ring) for ring in polygon]
    outer = rings[0]
    if abs(outer[0][0] - outer[-1][0]) > 1e-6:
        return []
    copies = [tuple(rings)]
    west, _, east, _ = _bbox(outer)
    for shift in ((360.0,) if west < -180 else ()) + ((-360.0,) if east > 180 else ()):
        copies.append(tuple(tuple((lon + shift, lat) for lon, lat in ring) for ring in rings))
    return copies


def _bbox(points: Iterable[tuple[float, float]]) -> tuple[float, float, float, float]:
    lons, lats = zip(*points, strict=True)
    return min(lons), min(lats), max(lons), max(lats)


def _load(name: str) -> dict[str, Any]:
    return json.loads(gzip.decompress(resources.files("accord.report").joinpath("data", name).read_bytes()))


@cache
def countries() -> dict[str, Shape]:
    """Every country of the basemap by its ISO 3166-1 alpha-2 code (upper case)."""
    return {shape.code: shape for shape in _decode(_load("countries.topo.json.gz"))}


@cache
def admin1() -> dict[str, tuple[Shape, ...]]:
    """The first-level divisions of the countries that have them in the basemap, by country code."""
    by_country: dict[str, list[Shape]] = {}
    for shape in _decode(_load("admin1.topo.json.gz")):
        by_country.setdefault(shape.country, []).append(shape)
    return {country: tuple(shapes) for country, shapes in by_country.items()}


def source_notes() -> list[str]:
    """Where the basemap's shapes come from, one line per file (shown under a map)."""
    return [_load(name)["accord"]["source"] for name in ("countries.topo.json.gz", "admin1.topo.json.gz")]


# ---------------------------------------------------------------------- geometry


def ring_area(ring: Ring) -> float:
    """The ring's area in square degrees at the equator (about 12,400 km² each): the shoelace formula on
    the sinusoidal projection (longitude times the cosine of latitude), which keeps areas true."""
    projected = [(lon * math.cos(math.radians(lat)), lat) for lon, lat in ring]
    total = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(projected, projected[1:], strict=False))
    return abs(total) / 2


def contains(polygon: tuple[Ring, ...], lon: float, lat: float) -> bool:
    """Whether the point is inside the polygon's outer ring and outside its holes (even-odd rule)."""
    inside = False
    for ring in polygon:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
            if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
    return inside


@cache
def label_point(shape: Shape) -> tuple[float, float]:
    """Where the shape's name goes: the middle of the widest stretch of its largest part along the
    parallel through that part's centre (inside the shape even when it is a crescent)."""
    polygon = max(shape.polygons, key=lambda p: ring_area(p[0]))
    west, south, east, north = _bbox(polygon[0])
    lat = (south + north) / 2
    crossings = sorted(x0 + (lat - y0) * (x1 - x0) / (y1 - y0)
                       for ring in polygon for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)
                       if (y0 > lat) != (y1 > lat))
    stretches = list(zip(crossings[::2], crossings[1::2], strict=False))
    if not stretches:
        return (west + east) / 2, lat
    start, end = max(stretches, key=lambda pair: pair[1] - pair[0])
    return (start + end) / 2, lat


def shape_at(shapes: Iterable[Shape], lon: float, lat: float) -> Shape | None:
    """The first shape holding the point."""
    for shape in shapes:
        west, south, east, north = shape.bbox
        if west <= lon <= east and south <= lat <= north and any(contains(p, lon, lat) for p in shape.polygons):
            return shape
    return None


# ---------------------------------------------------------------------- views


@dataclass(frozen=True)
class View:
    """What part of the world a map shows, and its size in pixels."""

    west: float
    south: float
    east: float
    north: float
    width: int
    height: int

    @property
    def key(self) -> str:
        """A name for the view, the same for every map of the same view (a shared basemap's id)."""
        return "v" + "_".join(f"{round(v * 100)}" for v in (self.west, self.south, self.east, self.north)).replace(
            "-", "m") + f"_{self.width}x{self.height}"

    def x(self, lon: float) -> float:
        return (lon - self.west) / (self.east - self.west) * self.width

    def y(self, lat: float) -> float:
        return (self.north - lat) / (self.north - self.south) * self.height

    def overlaps(self, bbox: tuple[float, float, float, float]) -> bool:
        west, south, east, north = bbox
        return west <= self.east and east >= self.west and south <= self.north and north >= self.south


def fit_view(bbox: tuple[float, float, float, float], width: int, height: int, *,
             min_span: float = MIN_SPAN_DEGREES) -> View:
    """The view showing ``bbox`` with a margin, at the canvas's shape (longitudes shrunk by the
    cosine of the middle latitude, so a degree east is as long on screen as it is on the ground).

    A view wider than the world shows the world, between SOUTH_LIMIT and NORTH_LIMIT, on a canvas
    made less tall to fit.
    """
    west, south, east, north = bbox
    south, north = max(south, SOUTH_LIMIT), min(max(north, south), NORTH_LIMIT)
    centre_lon, centre_lat = (west + east) / 2, (south + north) / 2
    stretch = math.cos(math.radians(centre_lat))
    span_lat = max((north - south) * (1 + 2 * VIEW_MARGIN), min_span)
    span_lon = max((east - west) * (1 + 2 * VIEW_MARGIN), min_span / stretch)
    if span_lon * stretch / span_lat < width / height:  # grow the narrower side to the canvas's aspect
        span_lon = span_lat * width / height / stretch
    else:
        span_lat = span_lon * stretch * height / width
    if span_lon > 360:
        centre_lon, span_lon = 0.0, 360.0
        span_lat = min(span_lat, span_lon * stretch * height / width)
    band = NORTH_LIMIT - SOUTH_LIMIT
    if span_lat > band:
        height = max(1, round(height * band / span_lat))
        span_lat = band
    south_edge = min(max(centre_lat - span_lat / 2, SOUTH_LIMIT), NORTH_LIMIT - span_lat)
    return View(round(centre_lon - span_lon / 2, 3), round(south_edge, 3), round(centre_lon + span_lon / 2, 3),
                round(south_edge + span_lat, 3), width, height)


def country_bbox(shape: Shape, lon: float | None = None, lat: float | None = None) -> tuple[float, float, float, float]:
    """The extent of the country's main parts: the part holding the point and the large parts."""
    points = list(_major_part_points(shape))
    if lon is not None and lat is not None:
        holding = [p for p in shape.polygons if contains(p, lon, lat)]
        points.extend(point for polygon in holding for point in polygon[0])
        points.append((lon, lat))
    return _bbox(points)


@cache
def _major_part_points(shape: Shape) -> tuple[tuple[float, float], ...]:
    """The points of the outer rings of the shape's large parts: measured once per shape, as every
    incident map of a country asks for them (the areas of its many islands were most of a report's time)."""
    areas = [ring_area(polygon[0]) for polygon in shape.polygons]
    largest = max(areas)
    parts = [p for p, area in zip(shape.polygons, areas, strict=True) if area >= MAJOR_PART_SHARE * largest]
    return tuple(point for polygon in parts for point in polygon[0])


def points_bbox(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    return _bbox(points)


# ---------------------------------------------------------------------- drawing


def path_data(shape: Shape, view: View) -> str:
    """SVG path data of the shape's rings in the view's pixels; '' when none shows."""
    parts: list[str] = []
    px_per_degree = view.width / (view.east - view.west)
    for polygon in shape.polygons + shape.copies:
        outer = polygon[0]
        west, south, east, north = _bbox(outer)
        if not view.overlaps((west, south, east, north)):
            continue
        if max(east - west, north - south) * px_per_degree < 1.5:
            continue  # an island smaller than a pixel or two
        for ring in polygon:
            parts.append(_ring_path(ring, view))
    return "".join(parts)


def _ring_path(ring: Ring, view: View) -> str:
    """One ring as path data: a first point, then each next one relative to it in tenths of a pixel,
    as short as SVG allows ("M12.3 4l1.2-.3 .5 2"): a country's borders are most of a report's maps."""
    numbers: list[str] = []
    last_x = last_y = 0  # in tenths of a pixel
    for index, (lon, lat) in enumerate(ring):
        x, y = round(view.x(lon) * 10), round(view.y(lat) * 10)
        if index and (index < len(ring) - 1 and abs(x - last_x) < MIN_STEP_PX * 10
                      and abs(y - last_y) < MIN_STEP_PX * 10 or (x, y) == (last_x, last_y)):
            continue
        numbers += [_tenths(x - last_x), _tenths(y - last_y)]
        last_x, last_y = x, y
    # A minus sign separates two numbers by itself.
    text = "".join(n if n.startswith("-") or i == 0 else " " + n for i, n in enumerate(numbers))
    first_pair_end = len(numbers[0]) + len(numbers[1]) + (0 if numbers[1].startswith("-") else 1)
    return f"M{text[:first_pair_end]}l{text[first_pair_end:].lstrip()}Z" if len(numbers) > 2 else ""


def _tenths(value: int) -> str:
    """A number of tenths as the shortest SVG number: 12 → "1.2", -3 → "-.3", 20 → "2"."""
    whole, tenth = divmod(abs(value), 10)
    sign = "-" if value < 0 else ""
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"
