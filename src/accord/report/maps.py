"""Maps of incidents on the offline basemap, as plain view dicts for the SVG macros of
``templates/pictures.html.j2`` (shared by report.html and the web UI).

* :func:`incident_map`: one incident, zoomed to its country (its first-level division outlined
  where the basemap has them), the place marked;
* :func:`incidents_map`: many incidents, each a circle sized by its toll and coloured by its
  type, those too close to tell apart drawn as one circle with their count.

Every number here is a pixel of the map's view box; the templates escape every text.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from accord.report import basemap
from accord.report.basemap import Shape, View

#: The incident page's map, in view-box pixels (it scales to the page's width).
INCIDENT_MAP_SIZE = (640, 400)
#: The incident list's map.
LIST_MAP_SIZE = (720, 360)
#: Smallest span of the list map, in degrees: incidents in one town still show their region.
LIST_MIN_SPAN = 8.0

SEA = "#dbe7f3"
LAND = "#f4f1ea"
LAND_FOCUS = "#e2d9c3"
BORDER = "#9a9386"
DIVISION = "#b9b1a1"
DIVISION_FOCUS = "#d7c9a6"
PLACE = "#b3261e"

#: A country is named when its largest part is at least this wide on the map, in pixels, and as wide
#: as its name, which must fit inside the map (a character of the 12-pixel labels is about 7 pixels).
LABEL_MIN_PX = 60.0
LABEL_CHAR_PX = 7.0

#: Colours of the event types (colour-blind-safe enough to tell apart beside their legend).
TYPE_COLOURS: dict[str, str] = {
    "armed_assault": "#d62728", "bombing": "#ff7f0e", "shooting": "#8c564b", "hijacking": "#1f77b4",
    "hostage_taking": "#9467bd", "kidnapping": "#e377c2", "assassination": "#17becf",
    "facility_attack": "#bcbd22", "riot": "#2ca02c", "disaster": "#393b79", "other": "#7f7f7f",
}
MIXED = "#4d4d4d"  # a cluster of incidents of several types

#: Circle radius, in pixels, of an incident with no toll, and how it grows with the toll
#: (radius ∝ √toll, so a circle's area is proportional to the people it counts).
BASE_RADIUS = 4.0
RADIUS_PER_ROOT = 1.6
MAX_RADIUS = 26.0
#: Circles whose centres are closer than this, in pixels, are drawn as one.
CLUSTER_PX = 14.0


def type_colour(event_type: str | None) -> str:
    return TYPE_COLOURS.get(event_type or "other", TYPE_COLOURS["other"])


def _label(shape: Shape, view: View, focus: bool) -> dict[str, Any] | None:
    """The country's name on the map, when its largest part is wide enough on screen to hold it."""
    polygon = max(shape.polygons, key=lambda p: basemap.ring_area(p[0]))
    west, _, east, _ = basemap.points_bbox(polygon[0])
    lon, lat = basemap.label_point(shape)
    x, y = view.x(lon), view.y(lat)
    wide = view.x(east) - view.x(west)
    half = len(shape.name) * LABEL_CHAR_PX / 2
    if wide < max(LABEL_MIN_PX, 2 * half) or not (half < x < view.width - half and
                                                  LABEL_CHAR_PX < y < view.height - LABEL_CHAR_PX):
        return None
    return {"x": round(x, 1), "y": round(y, 1), "text": shape.name, "focus": focus}


@lru_cache(maxsize=512)
def _layers(view: View, focus: str | None) -> dict[str, Any]:
    """The basemap in view: land (the focused country shaded), country names where they fit and, in
    the focused country, the borders of its first-level divisions where the basemap has them.

    Its ``key`` names the drawing, the same for every map that draws the same (a report writes it once);
    the result is shared between calls and must not be changed."""
    land = []
    labels = []
    for shape in basemap.countries().values():
        d = basemap.path_data(shape, view)
        if d:
            land.append({"d": d, "name": shape.name, "fill": LAND_FOCUS if shape.code == focus else LAND})
            label = _label(shape, view, shape.code == focus)
            if label:
                labels.append(label)
    divisions = []
    for shape in basemap.admin1().get(focus or "", ()):
        d = basemap.path_data(shape, view)
        if d:
            divisions.append({"d": d, "name": shape.name, "fill": "none"})
    key = "-".join(part for part in (view.key, focus) if part)
    return {"key": key, "land": land, "divisions": divisions, "labels": labels, "border": BORDER,
            "division": DIVISION,
            "sea": SEA, "width": view.width, "height": view.height}


def _division(country: str, admin1: str | None, lon: float | None, lat: float | None) -> Shape | None:
    """The place's first-level division, by its name, else (when the place names one) the one holding it."""
    shapes = basemap.admin1().get(country, ())
    if not shapes or not admin1:
        return None
    wanted = admin1.casefold()
    for shape in shapes:
        if shape.name.casefold() == wanted:
            return shape
    return basemap.shape_at(shapes, lon, lat) if lon is not None and lat is not None else None


def incident_map(place: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The incident's map: its country, its place marked; None when the place is unknown to the basemap."""
    if not place:
        return None
    lon, lat = place.get("lon"), place.get("lat")
    lon, lat = (float(lon), float(lat)) if lon is not None and lat is not None else (None, None)
    code = (place.get("country") or "").upper()
    country = basemap.countries().get(code)
    width, height = INCIDENT_MAP_SIZE
    if country is not None:
        view = basemap.fit_view(basemap.country_bbox(country, lon, lat), width, height)
    elif lon is not None and lat is not None:
        view = basemap.fit_view((lon, lat, lon, lat), width, height, min_span=LIST_MIN_SPAN)
    else:
        return None
    division = _division(code, place.get("admin1"), lon, lat)
    name = place.get("name") or ""
    where = ", ".join(dict.fromkeys(p for p in (name, division.name if division else place.get("admin1"),
                                                country.name if country else None) if p))
    marks = []
    if lon is not None and lat is not None:
        x, y = view.x(lon), view.y(lat)
        marks.append({"x": round(x, 1), "y": round(y, 1), "r": 6, "fill": PLACE, "title": where, "href": None,
                      "count": None, "background": False, "label": name, "label_x": round(x + 9 if x < view.width - 120 else x - 9, 1),
                      "label_y": round(y + 4, 1), "anchor": "start" if x < view.width - 120 else "end"})
    return {
        "kind": "incident", "width": view.width, "height": view.height, "basemap": _layers(view, code),
        # The place's division, shaded over the shared basemap (drawn apart, so that maps of one
        # country share one basemap whatever their division).
        "highlight": {"d": basemap.path_data(division, view), "name": division.name, "fill": DIVISION_FOCUS,
                      "stroke": DIVISION} if division else None,
        "marks": marks, "label": f"Map of {country.name if country else 'the area'}" + (f", {where} marked" if marks else ""),
        "caption": where, "legend": [],
    }


@dataclass(frozen=True)
class MapPoint:
    """What the list's map needs of an incident."""

    id: str
    title: str
    type: str
    lon: float
    lat: float
    country: str | None = None
    background: bool = False
    killed: int | None = None
    injured: int | None = None

    @property
    def toll(self) -> int:
        """People killed or injured, as the lowest credible figures count them."""
        return (self.killed or 0) + (self.injured or 0)


def radius(toll: int) -> float:
    return min(BASE_RADIUS + RADIUS_PER_ROOT * math.sqrt(max(toll, 0)), MAX_RADIUS)


def _toll_words(killed: int, injured: int) -> str:
    return f"{killed} killed, {injured} injured"


def incidents_map(points: Sequence[MapPoint], href: Callable[[MapPoint], str],
                  cluster_href: Callable[[Sequence[MapPoint]], str | None], *,
                  matched: int | None = None, limited: bool = False) -> dict[str, Any] | None:
    """The list's map of ``points`` (None when there are none). ``matched``: how many incidents the
    list holds, with a place or not; ``limited``: only the newest of those with a place were given."""
    if not points:
        return None
    width, height = LIST_MAP_SIZE
    view = basemap.fit_view(basemap.points_bbox([(p.lon, p.lat) for p in points]), width, height,
                            min_span=LIST_MIN_SPAN)
    clusters: list[list[MapPoint]] = []
    centres: list[tuple[float, float]] = []
    # Largest tolls first, so a cluster sits where its main incident is.
    for point in sorted(points, key=lambda p: (-p.toll, p.id)):
        x, y = view.x(point.lon), view.y(point.lat)
        for index, (cx, cy) in enumerate(centres):
            if math.hypot(x - cx, y - cy) < CLUSTER_PX:
                clusters[index].append(point)
                break
        else:
            clusters.append([point])
            centres.append((x, y))
    marks: list[dict[str, Any]] = []
    for members, (x, y) in zip(clusters, centres, strict=True):
        killed = sum(p.killed or 0 for p in members)
        injured = sum(p.injured or 0 for p in members)
        types = {p.type for p in members}
        lone = members[0] if len(members) == 1 else None
        title = (f"{lone.title}: {_toll_words(killed, injured)}" if lone else
                 f"{len(members)} incidents: {_toll_words(killed, injured)} in all; " + "; ".join(
                     p.title for p in members[:8]) + ("; …" if len(members) > 8 else ""))
        marks.append({
            "x": round(x, 1), "y": round(y, 1), "r": round(radius(killed + injured), 1),
            "fill": type_colour(next(iter(types))) if len(types) == 1 else MIXED,
            "background": all(p.background for p in members), "count": len(members) if not lone else None,
            "href": href(lone) if lone else cluster_href(members), "title": title, "label": None,
        })
    marks.sort(key=lambda m: -m["r"])  # small circles on top of large ones
    present = sorted({p.type for p in points}, key=lambda t: list(TYPE_COLOURS).index(t) if t in TYPE_COLOURS else 99)
    legend = [{"colour": type_colour(t), "label": t.replace("_", " ")} for t in present]
    if any(m["count"] for m in marks) and len(present) > 1:
        legend.append({"colour": MIXED, "label": "several types"})
    shown = len(points)
    if limited:
        drawn = f"The {shown} newest incidents with a known place"
    elif matched is not None and matched > shown:
        drawn = f"{shown} of the {matched} incidents, those with a known place"
    else:
        drawn = f"{shown} incident{'s' if shown != 1 else ''}"
    caption = (f"{drawn}. Circle area: people killed or injured (the lowest credible figures); a number: "
               "incidents too close to tell apart; a dashed circle: an incident "
               "known only from background mentions.")
    return {"kind": "incidents", "width": view.width, "height": view.height,
            "basemap": _layers(view, None), "highlight": None, "marks": marks, "legend": legend, "caption": caption,
            "label": f"Map of {shown} incident{'s' if shown != 1 else ''}"}
