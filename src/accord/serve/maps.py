"""A map of incidents drawn as inline SVG, so it renders with no network and no tiles.

Points are placed by an equirectangular projection of the gazetteer
coordinates over a graticule; the view fits the points shown, with a margin.
"""

from __future__ import annotations

from html import escape
from typing import Any

WIDTH, HEIGHT = 640, 320
#: Degrees of margin around the points; a lone point gets a regional view.
MARGIN_DEGREES = 4.0
MIN_SPAN_DEGREES = 12.0


def _points(incidents: list[dict[str, Any]]) -> list[tuple[float, float, dict[str, Any]]]:
    points = []
    for incident in incidents:
        place = incident.get("place") or {}
        if place.get("lat") is not None and place.get("lon") is not None:
            points.append((float(place["lon"]), float(place["lat"]), incident))
    return points


def _view(points: list[tuple[float, float, dict[str, Any]]]) -> tuple[float, float, float, float]:
    if not points:
        return -180.0, -90.0, 180.0, 90.0
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    west, east = min(lons) - MARGIN_DEGREES, max(lons) + MARGIN_DEGREES
    south, north = min(lats) - MARGIN_DEGREES, max(lats) + MARGIN_DEGREES
    # Keep the 2:1 shape of the canvas so distances are not distorted.
    span_lon = max(east - west, MIN_SPAN_DEGREES, 2 * (north - south))
    span_lat = span_lon / 2
    centre_lon, centre_lat = (west + east) / 2, (south + north) / 2
    return centre_lon - span_lon / 2, centre_lat - span_lat / 2, centre_lon + span_lon / 2, centre_lat + span_lat / 2


def incident_map_svg(incidents: list[dict[str, Any]], *, single: bool = False) -> str:
    """An accessible SVG map of the incidents that have coordinates ('' when none has)."""
    points = _points(incidents)
    if not points:
        return ""
    west, south, east, north = _view(points)

    def x(lon: float) -> float:
        return (lon - west) / (east - west) * WIDTH

    def y(lat: float) -> float:
        return (north - lat) / (north - south) * HEIGHT

    step = 1 if east - west <= 20 else 5 if east - west <= 60 else 30
    parts = [f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="Map of {len(points)} incident(s)" xmlns="http://www.w3.org/2000/svg">',
             f'<rect width="{WIDTH}" height="{HEIGHT}" class="map-sea"/>']
    lon = (int(west) // step) * step
    while lon <= east:
        parts.append(f'<line x1="{x(lon):.1f}" y1="0" x2="{x(lon):.1f}" y2="{HEIGHT}" class="map-grid"/>'
                     f'<text x="{x(lon) + 2:.1f}" y="{HEIGHT - 4}" class="map-label">{lon}°</text>')
        lon += step
    lat = (int(south) // step) * step
    while lat <= north:
        parts.append(f'<line x1="0" y1="{y(lat):.1f}" x2="{WIDTH}" y2="{y(lat):.1f}" class="map-grid"/>'
                     f'<text x="2" y="{y(lat) - 2:.1f}" class="map-label">{lat}°</text>')
        lat += step
    for lon_, lat_, incident in points:
        place = incident.get("place") or {}
        label = escape(f"{incident.get('title') or ''} ({place.get('name') or ''})")
        dot = (f'<circle cx="{x(lon_):.1f}" cy="{y(lat_):.1f}" r="6" class="map-dot '
               f'{"map-background" if incident.get("background") else ""}"><title>{label}</title></circle>')
        if single:
            parts.append(dot + f'<text x="{x(lon_) + 9:.1f}" y="{y(lat_) + 4:.1f}" class="map-name">'
                         f'{escape(place.get("name") or "")}</text>')
        else:
            parts.append(f'<a href="/incidents/{escape(incident["id"])}">{dot}</a>')
    parts.append("</svg>")
    return "".join(parts)
