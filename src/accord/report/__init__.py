"""report: incidents as files a reader or a program can use.

``write_report(incidents, out_dir)`` writes, into ``out_dir``, in one pass over the incidents:

* ``incidents.json``: a list of incident objects (the JSON contract of DESIGN.md);
* ``claims.csv``: one row per claim, with its incident and figure status;
* ``incidents.geojson``: one point per incident with coordinates, headline figures as properties;
* ``report.html``: one self-contained page, readable offline and printable.

Incidents may be :class:`~accord.models.Incident` records or the dicts the
store gives back, so a report can be rebuilt from a store without re-running.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from accord.models import Skipped
from accord.report.claims_csv import COLUMNS, claims_csv, incident_claim_rows
from accord.report.contract import IncidentLike, claim_to_json, incident_to_json
from accord.report.geojson import incident_feature, incidents_geojson
from accord.report.html import HtmlReport, render_html
from accord.report.json_stream import FeatureCollectionWriter, array_item

__all__ = ["claim_to_json", "claims_csv", "incident_to_json", "incidents_geojson", "render_html", "write_report"]

JSON_FILE = "incidents.json"
CSV_FILE = "claims.csv"
GEOJSON_FILE = "incidents.geojson"
HTML_FILE = "report.html"


@contextmanager
def _partial(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Write ``path`` through ``path.partial``, renamed over it only when all went well: a reader never
    sees half a file, and a failed or interrupted report leaves the previous one."""
    partial = path.with_name(path.name + ".partial")
    # newline="": keep CSV's \r\n as written
    handle = partial.open(mode, encoding="utf-8", newline="") if "b" not in mode else partial.open(mode)
    try:
        with handle:
            yield handle
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)


def write_report(incidents: Iterable[IncidentLike], out_dir: Path, *, skipped: Sequence[Skipped] = (),
                 title: str = "accord report") -> dict[str, Path]:
    """Write the four report files into ``out_dir`` (created if missing); returns file name -> path.

    One pass over ``incidents``, each written to every file as it comes: given a generator that reads a
    store page by page, memory does not grow with the number of incidents.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {name: out_dir / name for name in (JSON_FILE, CSV_FILE, GEOJSON_FILE, HTML_FILE)}
    with _partial(paths[JSON_FILE]) as json_file, _partial(paths[CSV_FILE]) as csv_file, \
            _partial(paths[GEOJSON_FILE]) as geojson_file, _partial(paths[HTML_FILE], "wb") as html_file:
        rows = csv.DictWriter(csv_file, fieldnames=COLUMNS)
        rows.writeheader()
        html = HtmlReport(html_file, skipped=skipped, title=title)
        json_file.write("[")
        features = FeatureCollectionWriter(geojson_file)
        count = 0
        for incident in incidents:
            data = incident_to_json(incident)
            json_file.write(array_item(data, 1, count == 0))
            rows.writerows(incident_claim_rows(data))
            feature = incident_feature(data)
            if feature is not None:
                features.add(feature)
            html.add(incident)
            count += 1
        json_file.write("\n]\n" if count else "]\n")
        features.finish(count)
        html.finish()
    return paths
