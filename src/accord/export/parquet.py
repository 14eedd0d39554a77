"""Parquet: incidents, figures, claims and articles as four tables in one folder.

A folder of one file per table, not one file: a Parquet file holds one table
schema, and pandas (``read_parquet``), DuckDB (``FROM 'out/claims.parquet'``),
Spark and BigQuery (one load job per table) all read a file per table directly.
Join keys: ``figures.incident_id``, ``claims.incident_id`` and
``claims.article_id``, ``articles.incidents`` (a list of incident ids).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from accord.errors import MissingExtra
from accord.export.common import load
from accord.report.contract import IncidentLike

TABLES: tuple[str, ...] = ("incidents", "figures", "claims", "articles")


def _schemas() -> dict[str, Any]:
    import pyarrow as pa

    text, integer, real = pa.string(), pa.int64(), pa.float64()
    return {
        "incidents": pa.schema([
            ("id", text), ("title", text), ("type", text), ("start", text), ("end", text), ("place_name", text),
            ("admin1", text), ("country", text), ("lat", real), ("lon", real), ("perpetrators", pa.list_(text)),
            ("background", pa.bool_()), ("articles", integer), ("figures", integer), ("fatalities", integer),
        ]),
        "figures": pa.schema([
            ("incident_id", text), ("measure", text), ("group", text), ("conservative", integer),
            ("consensus", integer), ("high", integer), ("latest", integer), ("latest_official", integer),
            ("status", text), ("sources", integer), ("claims", integer), ("explanation", text),
        ]),
        "claims": pa.schema([
            ("incident_id", text), ("claim_id", text), ("measure", text), ("group", text), ("low", integer),
            ("high", integer), ("hedge", text), ("modality", text), ("source_name", text), ("source_kind", text),
            ("source_via", text), ("outlet", text), ("article_id", text), ("as_of", text), ("text", text),
            ("sentence", text), ("span_start", integer), ("span_end", integer), ("figure_status", text),
        ]),
        "articles": pa.schema([
            ("id", text), ("external_id", text), ("url", text), ("title", text), ("outlet", text),
            ("published", text), ("incidents", pa.list_(text)), ("text", text),
        ]),
    }


def parquet_tables(incidents: Sequence[IncidentLike], texts: Mapping[str, str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """The four tables as lists of rows; ``texts`` (article id -> text) fills ``articles.text`` when given."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    articles: dict[str, dict[str, Any]] = {}
    for incident in load(incidents):
        data, place = incident.data, incident.place
        out["incidents"].append({
            "id": data["id"], "title": data["title"], "type": data["type"], "start": data["start"],
            "end": data["end"], "place_name": place.get("name"), "admin1": place.get("admin1"),
            "country": place.get("country"), "lat": place.get("lat"), "lon": place.get("lon"),
            "perpetrators": list(data["perpetrators"]), "background": bool(data["background"]),
            "articles": len(data["articles"]), "figures": len(data["figures"]),
            "fatalities": incident.total("killed"),
        })
        for figure in data["figures"]:
            out["figures"].append({
                "incident_id": data["id"], **{k: figure[k] for k in (
                    "measure", "group", "conservative", "consensus", "high", "latest", "latest_official", "status",
                    "sources", "explanation")},
                "claims": len(figure["claims"]),
            })
            for claim in figure["claims"]:
                source = claim["source"]
                span = claim["span"] or [None, None]
                out["claims"].append({
                    "incident_id": data["id"], "claim_id": claim["id"], "measure": claim["measure"],
                    "group": claim["group"], "low": claim["value"]["low"], "high": claim["value"]["high"],
                    "hedge": claim["hedge"], "modality": claim["modality"], "source_name": source["name"],
                    "source_kind": source["kind"], "source_via": source["via"], "outlet": claim["outlet"],
                    "article_id": claim["article"], "as_of": claim["as_of"], "text": claim["text"],
                    "sentence": claim["sentence"], "span_start": span[0], "span_end": span[1],
                    "figure_status": figure["status"],
                })
        for ref in data["articles"]:
            row = articles.setdefault(ref["id"], {**ref, "incidents": [], "text": (texts or {}).get(ref["id"])})
            row["incidents"].append(data["id"])
    out["articles"] = list(articles.values())
    return out


def write_parquet(incidents: Sequence[IncidentLike], out_dir: Path, texts: Mapping[str, str] | None = None) -> Path:
    """Write ``incidents.parquet``, ``figures.parquet``, ``claims.parquet``, ``articles.parquet`` into ``out_dir``."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise MissingExtra("parquet", "pyarrow") from e
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    schemas = _schemas()
    for name, table_rows in parquet_tables(incidents, texts).items():
        schema = schemas[name]
        columns = {field.name: [row.get(field.name) for row in table_rows] for field in schema}
        table = pa.Table.from_pydict(columns, schema=schema)
        partial = out_dir / f"{name}.parquet.partial"
        pq.write_table(table, partial, compression="zstd")
        partial.replace(out_dir / f"{name}.parquet")
    return out_dir
