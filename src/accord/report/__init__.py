"""report: incidents as files a reader or a program can use.

``write_report(incidents, out_dir)`` writes, into ``out_dir``:

* ``incidents.json``: a list of incident objects (the JSON contract of DESIGN.md);
* ``claims.csv``: one row per claim, with its incident and figure status;
* ``incidents.geojson``: one point per incident with coordinates, headline figures as properties;
* ``report.html``: one self-contained page, readable offline and printable.

Incidents may be :class:`~accord.models.Incident` records or the dicts the
store gives back, so a report can be rebuilt from a store without re-running.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from accord.models import Skipped
from accord.report.claims_csv import claims_csv
from accord.report.contract import IncidentLike, claim_to_json, incident_to_json
from accord.report.geojson import incidents_geojson
from accord.report.html import render_html

__all__ = ["claim_to_json", "claims_csv", "incident_to_json", "incidents_geojson", "render_html", "write_report"]

JSON_FILE = "incidents.json"
CSV_FILE = "claims.csv"
GEOJSON_FILE = "incidents.geojson"
HTML_FILE = "report.html"


def _replace(path: Path, text: str) -> Path:
    """Write through a temporary file so a reader never sees half a file."""
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:  # newline="": keep CSV's \r\n as written
        handle.write(text)
    os.replace(partial, path)
    return path


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_report(incidents: Sequence[IncidentLike], out_dir: Path, *, skipped: Sequence[Skipped] = (),
                 title: str = "accord report") -> dict[str, Path]:
    """Write the four report files into ``out_dir`` (created if missing); returns file name -> path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    contract = [incident_to_json(incident) for incident in incidents]
    return {
        JSON_FILE: _replace(out_dir / JSON_FILE, _json(contract)),
        CSV_FILE: _replace(out_dir / CSV_FILE, claims_csv(contract)),
        GEOJSON_FILE: _replace(out_dir / GEOJSON_FILE, _json(incidents_geojson(contract))),
        HTML_FILE: _replace(out_dir / HTML_FILE, render_html(incidents, skipped=skipped, title=title)),
    }
