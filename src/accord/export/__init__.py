"""export: incidents in the formats other tools read.

``export_incidents(store_or_incidents, format, out)`` writes one export and
returns its path. Formats:

* ``acled`` — CSV, one row per incident in ACLED's columns (:func:`acled_csv`);
* ``gtd`` — CSV, GTD codebook fields (:func:`gtd_csv`);
* ``geojson`` — RFC 7946 points with headline figures and status (:func:`geojson_collection`);
* ``parquet`` — a folder of four tables: incidents, figures, claims, articles (:func:`write_parquet`);
* ``csv`` — one row per claim, the report's ``claims.csv`` (:func:`claims_csv`);
* ``jsonl`` — one incident (the JSON contract) per line (:func:`incidents_jsonl`).

The taxonomy mappings are data (``mappings.json``); docs/exports.md explains them.

>>> from accord.store import open_store  # doctest: +SKIP
>>> with open_store("accord.db") as store:  # doctest: +SKIP
...     export_incidents(store, "acled", Path("incidents-acled.csv"))
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import IO

from accord.errors import AccordError
from accord.export.acled import acled_csv, acled_rows
from accord.export.geojson import geojson_collection
from accord.export.gtd import gtd_csv, gtd_rows
from accord.export.parquet import parquet_tables, write_parquet
from accord.report.claims_csv import claims_csv
from accord.report.contract import IncidentLike, incident_to_json
from accord.report.json_stream import FeatureCollectionWriter
from accord.store.base import Store
from accord.store.paging import chunked
from accord.store.rows import READ_PAGE

__all__ = [
    "FORMATS", "ExportError", "ExportFormat", "acled_csv", "acled_rows", "claims_csv", "export_bytes", "export_incidents",
    "geojson_collection", "gtd_csv", "gtd_rows", "incidents_jsonl", "parquet_tables", "write_parquet",
]

class ExportFormat(StrEnum):
    """The export formats, as ``accord export --format`` and the API's ``format`` list them."""

    acled = "acled"
    gtd = "gtd"
    geojson = "geojson"
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


#: format -> (default file name, media type). Parquet is a folder (zipped when sent over HTTP).
FORMATS: dict[str, tuple[str, str]] = {
    ExportFormat.acled: ("incidents-acled.csv", "text/csv; charset=utf-8"),
    ExportFormat.gtd: ("incidents-gtd.csv", "text/csv; charset=utf-8"),
    ExportFormat.geojson: ("incidents.geojson", "application/geo+json"),
    ExportFormat.parquet: ("incidents-parquet", "application/zip"),
    ExportFormat.csv: ("claims.csv", "text/csv; charset=utf-8"),
    ExportFormat.jsonl: ("incidents.jsonl", "application/x-ndjson"),
}


class ExportError(AccordError):
    """An unknown export format, or an output that cannot be written."""


def incidents_jsonl(incidents: Sequence[IncidentLike]) -> str:
    """One incident per line, each the JSON contract object of ``incidents.json``."""
    return "".join(json.dumps(incident_to_json(i), ensure_ascii=False) + "\n" for i in incidents)


#: Formats written as CSV: a page after the first leaves out its header row.
_CSV_FORMATS = frozenset({"acled", "gtd", "csv"})


def _text(incidents: Sequence[IncidentLike], format: str) -> str:
    """A page of a line-based format (the CSVs, JSON lines); GeoJSON is written by :func:`_write_text`."""
    if format == "acled":
        return acled_csv(incidents)
    if format == "gtd":
        return gtd_csv(incidents)
    if format == "csv":
        return claims_csv(incidents)
    if format == "jsonl":
        return incidents_jsonl(incidents)
    raise ExportError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}")


def _check(format: str) -> str:
    name = format.lower().strip()
    if name not in FORMATS:
        raise ExportError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}")
    return name


def _write_parquet(source: Store | Sequence[IncidentLike], out: Path) -> Path:
    """Parquet from a store (incidents streamed a page at a time, article texts looked up by id at the
    end) or from a list of incidents (no texts)."""
    if isinstance(source, Store):
        store = source
        return write_parquet(store.iter_incidents(), out,
                             lambda ids: {i: a.text for i, a in store.articles_by_id(ids).items()})
    return write_parquet(list(source), out)


def _pages(source: Store | Sequence[IncidentLike]) -> Iterator[Sequence[IncidentLike]]:
    """Incidents a page at a time, at least one page: a store's read as a stream, a list as one page."""
    if not isinstance(source, Store):
        yield list(source)
        return
    pages = chunked(source.iter_incidents(), READ_PAGE)
    yield next(pages, [])
    yield from pages


def _write_text(source: Store | Sequence[IncidentLike], format: str, handle: IO[str]) -> None:
    """Write a text format page by page: a store's export never holds all its incidents."""
    if format == "geojson":
        features = FeatureCollectionWriter(handle)
        count = 0
        for page in _pages(source):
            for feature in geojson_collection(page)["features"]:
                features.add(feature)
            count += len(page)
        features.finish(count)
        return
    for number, page in enumerate(_pages(source)):
        text = _text(page, format)
        if number and format in _CSV_FORMATS:
            text = text.partition("\n")[2]  # the header row once
        handle.write(text)


def export_incidents(store_or_incidents: Store | Sequence[IncidentLike], format: str, out: Path) -> Path:
    """Write ``format`` to ``out`` (a file; a folder for parquet); returns the path written.

    Files are written through a temporary name and renamed, so a reader never sees half a file. From a
    store, every format is written a page of incidents at a time.
    """
    name = _check(format)
    out = Path(out)
    if name == "parquet":
        return _write_parquet(store_or_incidents, out)
    partial = out.with_name(out.name + ".partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("w", encoding="utf-8", newline="") as handle:  # newline="": CSV keeps its \r\n
            _write_text(store_or_incidents, name, handle)
        os.replace(partial, out)
    except OSError as e:
        partial.unlink(missing_ok=True)
        raise ExportError(f"cannot write {out}: {e.strerror or e}") from e
    return out


def export_bytes(store_or_incidents: Store | Sequence[IncidentLike], format: str) -> tuple[bytes, str, str]:
    """An export in memory for a web response: (content, media type, file name). Parquet comes zipped."""
    name = _check(format)
    filename, media_type = FORMATS[name]
    if name != "parquet":
        buffer_text = io.StringIO(newline="")
        _write_text(store_or_incidents, name, buffer_text)
        return buffer_text.getvalue().encode("utf-8"), media_type, filename
    with tempfile.TemporaryDirectory(prefix="accord-parquet-") as folder:
        written = _write_parquet(store_or_incidents, Path(folder))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:  # parquet is compressed
            for path in sorted(written.glob("*.parquet")):
                archive.write(path, arcname=f"{filename}/{path.name}")
    return buffer.getvalue(), media_type, filename + ".zip"
