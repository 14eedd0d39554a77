"""JSON written a piece at a time, laid out as one indented ``models.to_json`` of the whole lays it out.

The report's ``incidents.json`` and ``incidents.geojson`` and the GeoJSON export are written while
their incidents are read from the store, so none of them is ever in memory; these helpers keep the
files identical to what one ``to_json(..., indent=True)`` of the whole would write (the layout of
``json.dumps(..., indent=2)``).
"""

from __future__ import annotations

from typing import IO, Any

from accord.models import to_json
from accord.report.geojson import collection_properties


def indented(data: object) -> str:
    """``data`` as indented JSON (UTF-8 text, not escaped)."""
    return to_json(data, indent=True)


def nested(text: str, depth: int) -> str:
    """Indented JSON ``text`` moved ``depth`` levels in (JSON text has no line break inside a string)."""
    margin = "  " * depth
    return margin + text.replace("\n", "\n" + margin)


def array_item(data: object, depth: int, first: bool) -> str:
    """One element of an indented JSON array nested ``depth`` levels deep."""
    return ("" if first else ",") + "\n" + nested(indented(data), depth)


class FeatureCollectionWriter:
    """A GeoJSON FeatureCollection written to ``handle`` one feature at a time; :meth:`finish` closes
    it with the collection's counts (incidents given, incidents mapped)."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.mapped = 0
        handle.write('{\n  "type": "FeatureCollection",\n  "features": [')

    def add(self, feature: dict[str, Any]) -> None:
        self.handle.write(array_item(feature, 2, self.mapped == 0))
        self.mapped += 1

    def finish(self, incidents: int) -> None:
        properties = nested(indented(collection_properties(incidents, self.mapped)), 1).lstrip()
        self.handle.write(("\n  ]" if self.mapped else "]") + f',\n  "properties": {properties}\n}}\n')
