"""``incidents.geojson``: one point per incident that has coordinates, with its headline figures.

Each feature's properties are flat (``killed_attackers``: the consensus
figure, ``killed_attackers_status``: agreed / updated / disputed) so GIS
tools can style and filter on them. Incidents without coordinates are left
out of the features and counted in the collection's ``properties``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from accord.report.contract import IncidentLike, incident_to_json


def incident_feature(data: dict[str, Any]) -> dict[str, Any] | None:
    """The GeoJSON feature of one incident (its JSON contract object); None without coordinates."""
    place = data["place"]
    if not place or place.get("lat") is None or place.get("lon") is None:
        return None
    properties: dict[str, Any] = {
        "id": data["id"], "title": data["title"], "type": data["type"], "start": data["start"],
        "end": data["end"], "place": place.get("name"), "admin1": place.get("admin1"),
        "country": place.get("country"), "perpetrators": ", ".join(data["perpetrators"]),
        "background": data["background"], "articles": len(data["articles"]),
    }
    headline = []
    for figure in data["figures"]:
        key = f"{figure['measure']}_{figure['group']}"
        properties[key] = figure["consensus"]
        properties[f"{key}_status"] = figure["status"]
        headline.append(f"{figure['measure']} ({figure['group']}): {_range(figure)} {figure['status']}")
    properties["headline"] = "; ".join(headline)
    return {
        "type": "Feature", "id": data["id"],
        # RFC 7946: longitude first.
        "geometry": {"type": "Point", "coordinates": [float(place["lon"]), float(place["lat"])]},
        "properties": properties,
    }


def _range(figure: dict[str, Any]) -> str:
    low, mid, high = figure["conservative"], figure["consensus"], figure["high"]
    if low is None and high is None:
        return "?" if mid is None else str(mid)
    if low == high:
        return str(low)
    return f"{'?' if low is None else low}–{'?' if high is None else high}"


def incidents_geojson(incidents: Sequence[IncidentLike]) -> dict[str, Any]:
    datas = [incident_to_json(incident) for incident in incidents]
    features = [f for f in (incident_feature(d) for d in datas) if f is not None]
    return {
        "type": "FeatureCollection",
        "features": features,
        "properties": collection_properties(len(datas), len(features)),
    }


def collection_properties(incidents: int, mapped: int) -> dict[str, int]:
    return {"incidents": incidents, "mapped": mapped, "without_coordinates": incidents - mapped}
