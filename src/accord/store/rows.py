"""Records to table rows and back: plain functions, no SQL, no connection."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Mapping
from typing import Any

from accord.models import Article, Claim, Incident, Quote, Skipped, from_json, to_dict, to_json


def claim_id(claim: Claim | dict[str, Any]) -> str:
    """A claim's id: the one it was given, else one made of where it stands.

    The article id, the figure phrase's span, the measure and the group name
    one claim for good: the same text extracted again gives the same id, so a
    correction made against it still applies after a rebuild.
    """
    data = to_dict(claim) if isinstance(claim, Claim) else claim
    if data.get("id"):
        return str(data["id"])
    start, end = data["span"]
    return f"{data['article']}:{start}-{end}:{data['measure']}:{data['group']}"


def dumps(data: Any) -> str:
    """A record or plain data as JSON for a data column: compact, UTF-8, keys in their order (a record
    read back is the same record)."""
    return to_json(data)


def article_row(article: Article) -> tuple[Any, ...]:
    return (
        article.id, article.external_id, article.url, article.title, article.outlet, article.published,
        article.path, article.copy_of, dumps(article.metadata or {}), article.text,
    )


ARTICLE_COLUMNS = "id, external_id, url, title, outlet, published, path, copy_of, metadata, text"

#: What a list of articles shows: every column but the text and the metadata.
ARTICLE_SUMMARY_COLUMNS = "id, external_id, url, title, outlet, published, copy_of"

#: The article columns qualified with the alias ``a``, for joins.
ARTICLE_COLUMNS_A = ", ".join(f"a.{column}" for column in ARTICLE_COLUMNS.split(", "))

#: Rows read per query when a store streams a table (articles with their extractions, incidents):
#: a page of long reports and their extractions is a few MB, whatever the size of the store.
READ_PAGE = 200

def renumber_incidents(collate: str = "") -> str:
    """The UPDATE that gives every stored incident its ``ord`` in the order
    ``accord.reconcile.incidents.sort_incidents`` gives: main incidents before background ones, dated
    before undated, newest first, then by id. In SQL, so that a store can number incidents it was given
    one at a time without holding them all. ``collate``: a collation clause for the text columns where
    the database's default does not compare bytes (PostgreSQL: ``COLLATE "C"``)."""
    order = f"background, (start IS NULL), start {collate} DESC, id {collate}"
    # only the rows whose place moved are written: a run that adds a few incidents to a large store
    # moves those after them, not every one
    return ("UPDATE incidents SET ord = numbered.n FROM (SELECT id, row_number() OVER "
            f"(ORDER BY {order}) - 1 AS n FROM incidents) AS numbered WHERE incidents.id = numbered.id "
            "AND incidents.ord <> numbered.n")


#: A row as either store gives it: SQLite's ``Row`` or PostgreSQL's dict, both read by column name.
Row = sqlite3.Row | Mapping[str, Any]


def article_from_row(row: Row) -> Article:
    return Article(
        id=row["id"], text=row["text"], title=row["title"], url=row["url"], outlet=row["outlet"],
        published=row["published"], external_id=row["external_id"], path=row["path"],
        metadata=from_json(row["metadata"]), copy_of=row["copy_of"],
    )


def claim_row(claim: Claim, article: str, index: int, statistic: bool) -> tuple[Any, ...]:
    return (
        article, int(statistic), index, claim_id(claim), claim.mention, claim.measure, claim.group,
        claim.value.low, claim.value.high, claim.hedge, claim.modality, claim.source.name, claim.source.kind,
        claim.source.via, claim.span[0], claim.span[1], claim.text, claim.sentence, claim.as_of, claim.outlet,
        claim.extractor,
    )


CLAIM_INSERT = (
    'INSERT OR IGNORE INTO claims (article, statistic, idx, id, mention, measure, "group", low, high, hedge, '
    "modality, source_name, source_kind, source_via, span_start, span_end, text, sentence, as_of, outlet, "
    "extractor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def quote_row(quote: Quote, article: str, index: int) -> tuple[Any, ...]:
    speaker = quote.speaker
    return (
        article, index, quote.mention, quote.text, quote.span[0], quote.span[1], quote.cue, int(quote.direct),
        speaker.name if speaker else None, speaker.kind if speaker else None,
        speaker.role if speaker else None, speaker.organisation if speaker else None,
        speaker.resolved if speaker else None,
    )


QUOTE_INSERT = (
    "INSERT OR IGNORE INTO quotes (article, idx, mention, text, span_start, span_end, cue, direct, speaker_name, "
    "speaker_kind, speaker_role, speaker_organisation, speaker_resolved) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def skipped_row(item: Skipped) -> tuple[Any, ...]:
    return (item.path, item.line, item.reason)


def incident_row(incident: Incident, order: int) -> tuple[Any, ...]:
    place = incident.place
    data = dumps(incident)
    return (
        incident.id, order, incident.title, incident.type, incident.start, incident.end,
        place.name if place else None, place.admin1 if place else None, place.country if place else None,
        place.lat if place else None, place.lon if place else None, int(incident.background),
        data, incident.first_seen, incident.changed_at, hashlib.sha1(data.encode()).hexdigest()[:20],
    )


INCIDENT_INSERT = (
    'INSERT INTO incidents (id, ord, title, type, start, "end", place_name, place_admin1, place_country, '
    "place_lat, place_lon, background, data, first_seen, changed_at, digest) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

FIGURE_INSERT = (
    'INSERT OR REPLACE INTO figures (incident, measure, "group", conservative, consensus, high, latest, '
    "latest_official, status, sources, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

INCIDENT_CLAIM_INSERT = (
    'INSERT INTO incident_claims (incident, measure, "group", claim, article, span_start, span_end) '
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def figure_rows(incident: Incident) -> list[tuple[Any, ...]]:
    return [
        (incident.id, f.measure, f.group, f.conservative, f.consensus, f.high, f.latest, f.latest_official,
         f.status, f.sources, f.changed_at)
        for f in incident.figures
    ]


def incident_claim_rows(incident: Incident) -> list[tuple[Any, ...]]:
    return [
        (incident.id, figure.measure, figure.group, claim_id(claim), claim.article, claim.span[0], claim.span[1])
        for figure in incident.figures
        for claim in figure.claims
    ]
