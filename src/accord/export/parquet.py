"""Parquet: incidents, figures, claims and articles as four tables in one folder.

A folder of one file per table, not one file: a Parquet file holds one table
schema, and pandas (``read_parquet``), DuckDB (``FROM 'out/claims.parquet'``),
Spark and BigQuery (one load job per table) all read a file per table directly.
Join keys: ``figures.incident_id``, ``claims.incident_id`` and
``claims.article_id``, ``articles.incidents`` (a list of incident ids).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from accord.errors import MissingExtra
from accord.export.common import load
from accord.report.contract import IncidentLike
from accord.store.paging import chunked
from accord.store.rows import READ_PAGE

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


#: Article texts for a list of article ids (a store's ``articles_by_id``, or a plain mapping's look-up).
TextLookup = Callable[[Sequence[str]], Mapping[str, str]]

#: Articles whose texts are read and written at a time: texts are the bulk of the articles table.
ARTICLES_PER_ROW_GROUP = 200


def _page_rows(incidents: Sequence[IncidentLike], articles: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The incidents, figures and claims rows of ``incidents``; each article they cite is added to
    ``articles`` (its row without the text, and the ids of the incidents citing it)."""
    out: dict[str, list[dict[str, Any]]] = {"incidents": [], "figures": [], "claims": []}
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
            row = articles.setdefault(ref["id"], {**ref, "incidents": []})
            row["incidents"].append(data["id"])
    return out


def _text_lookup(texts: Mapping[str, str] | TextLookup | None) -> TextLookup:
    if texts is None:
        return lambda ids: {}
    if callable(texts):
        return texts
    known = texts
    return lambda ids: {i: known[i] for i in ids if i in known}


def parquet_tables(incidents: Iterable[IncidentLike],
                   texts: Mapping[str, str] | TextLookup | None = None) -> dict[str, list[dict[str, Any]]]:
    """The four tables as lists of rows; ``texts`` (article id -> text, or a look-up of ids) fills
    ``articles.text`` when given. All in memory: :func:`write_parquet` writes the same rows a page at a time."""
    articles: dict[str, dict[str, Any]] = {}
    out: dict[str, list[dict[str, Any]]] = _page_rows(list(incidents), articles)
    found = _text_lookup(texts)(list(articles))
    out["articles"] = [{**row, "text": found.get(article_id)} for article_id, row in articles.items()]
    return out


def write_parquet(incidents: Iterable[IncidentLike], out_dir: Path,
                  texts: Mapping[str, str] | TextLookup | None = None, *, page: int = READ_PAGE) -> Path:
    """Write ``incidents.parquet``, ``figures.parquet``, ``claims.parquet``, ``articles.parquet`` into ``out_dir``.

    ``incidents`` may be a stream (a store's ``iter_incidents``): they are read, and written as a row
    group of each table, ``page`` at a time. Only the articles' ids, metadata and incident ids are
    kept to the end; their texts are then looked up (``texts``: a mapping, or a function of a list of
    ids such as a store's) and written ARTICLES_PER_ROW_GROUP at a time. Each file is written under a
    temporary name and renamed when all four are complete.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise MissingExtra("parquet", "pyarrow") from e
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    schemas = _schemas()
    partials = {name: out_dir / f"{name}.parquet.partial" for name in TABLES}
    writers = {name: pq.ParquetWriter(partials[name], schemas[name], compression="zstd") for name in TABLES}

    def write(name: str, table_rows: list[dict[str, Any]]) -> None:
        if table_rows:
            columns = {field.name: [row.get(field.name) for row in table_rows] for field in schemas[name]}
            writers[name].write_table(pa.Table.from_pydict(columns, schema=schemas[name]))

    try:
        articles: dict[str, dict[str, Any]] = {}
        for incidents_page in chunked(iter(incidents), page):
            for name, table_rows in _page_rows(incidents_page, articles).items():
                write(name, table_rows)
        look_up = _text_lookup(texts)
        for ids in chunked(iter(list(articles)), ARTICLES_PER_ROW_GROUP):
            found = look_up(ids)
            write("articles", [{**articles[i], "text": found.get(i)} for i in ids])
        for writer in writers.values():
            writer.close()
    except BaseException:
        for name, writer in writers.items():
            writer.close()
            partials[name].unlink(missing_ok=True)
        raise
    for name in TABLES:
        partials[name].replace(out_dir / f"{name}.parquet")
    return out_dir
