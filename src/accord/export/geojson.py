"""GeoJSON (RFC 7946): incidents as points with their headline figures and status.

The report's ``incidents.geojson`` features, with each figure's three
estimates (``killed_attackers_conservative`` / ``_consensus`` / ``_high``)
next to its status, so a map can show the range as well as the middle.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from accord.export.common import load
from accord.report.contract import IncidentLike
from accord.report.geojson import incidents_geojson


def geojson_collection(incidents: Sequence[IncidentLike]) -> dict[str, Any]:
    collection = incidents_geojson(incidents)
    by_id = {incident.id: incident for incident in load(incidents)}
    for feature in collection["features"]:
        incident = by_id[feature["id"]]
        properties = feature["properties"]
        for figure in incident.data["figures"]:
            key = f"{figure['measure']}_{figure['group']}"
            for estimate in ("conservative", "consensus", "high"):
                properties[f"{key}_{estimate}"] = figure[estimate]
        properties["fatalities"] = incident.total("killed")
    return collection
