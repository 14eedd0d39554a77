"""The shapes of the REST API's responses, for its OpenAPI spec (a client can be generated from it).

The records inside them are accord's own dataclasses (``accord.models``: ``Claim``, ``Figure``,
``Place``...), which is what the store keeps and the API returns, so a field added to a record is in
the spec with it. The handlers return plain dicts from the store; the spec describes them and
``tests/test_serve_schemas.py`` validates real responses against it, every key documented.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from accord.models import Article, ArticleRef, Claim, Figure, LinkEvidence, Place, Quote, TimelineEntry, Total


class IncidentSummary(BaseModel):
    """An incident as the list shows it: everything but its quotes, timeline and link evidence."""

    id: str
    title: str
    type: str = Field(description="The event type (DESIGN.md's taxonomy).")
    start: str | None = Field(description="ISO date the incident began, when known.")
    end: str | None = Field(description="ISO date it ended, when known.")
    place: Place | None
    perpetrators: list[str]
    articles: list[ArticleRef]
    figures: list[Figure] = Field(description="Per (measure, group): estimates, status and every claim.")
    background: bool = Field(description="Known only from mentions in reports about other incidents.")
    totals: dict[str, Total] = Field(default_factory=dict,
                                     description="Per measure: everybody across groups, stated or summed.")
    first_seen: str | None = Field(default=None, description="When the store first held it (ISO 8601, UTC).")
    changed_at: str | None = Field(default=None, description="When its reports, title or figures last changed "
                                                             "(ISO 8601, UTC): what `changed_since` compares.")


class IncidentRecord(IncidentSummary):
    """A whole incident, as ``incidents.json`` and the store have it."""

    quotes: list[Quote]
    timeline: list[TimelineEntry]
    evidence: list[LinkEvidence] = Field(description="Why each article's mention was linked into the incident.")


class Correction(BaseModel):
    """A user's correction of a claim; kept as an audit trail, never changed or deleted."""

    id: int
    claim: str
    action: str = Field(description="'wrong' (not a figure of this incident) or 'reassign'.")
    incident: str | None = Field(description="The incident the claim was in.")
    target: str | None = Field(description="For 'reassign': the incident it belongs to.")
    note: str | None
    created_at: str = Field(description="ISO timestamp (UTC).")


class IncidentDetail(IncidentRecord):
    """An incident and the corrections made to its claims."""

    corrections: list[Correction]


class IncidentPage(BaseModel):
    total: int = Field(description="Incidents that pass the filters, on every page.")
    page: int
    per_page: int
    items: list[IncidentSummary]


@dataclass
class ClaimRow(Claim):
    """A claim with the incident and figure it is counted in."""

    incident: str = ""
    incident_title: str = ""
    status: str = ""  # the status of its figure: agreed | updated | disputed


class ClaimPage(BaseModel):
    total: int
    page: int
    per_page: int
    items: list[ClaimRow]


@dataclass
class ArticleListItem(ArticleRef):
    """An article of the list; a search (``q``) adds the matching passage and its rank."""

    snippet: str | None = None  # the words found in [brackets]
    rank: float | None = None  # lower is a better match


class ArticlePage(BaseModel):
    total: int
    page: int
    per_page: int
    items: list[ArticleListItem]


class Mark(BaseModel):
    """A span of the article's text to highlight: a claim's sentence or a quote."""

    kind: str = Field(description="'claim' or 'quote'.")
    id: str | None
    start: int
    end: int
    figure: list[int] | None = Field(description="For a claim: the figure phrase's [start, end].")
    label: str
    statistic: bool = Field(default=False, description="For a claim: an aggregate figure, of no incident.")


class ArticleView(BaseModel):
    """An article with its text, its claims, statistics and quotes, and the spans to highlight."""

    article: Article
    claims: list[Claim]
    statistics: list[Claim]
    quotes: list[Quote]
    marks: list[Mark]


class SkippedInput(BaseModel):
    """An input that was not stored, and why."""

    path: str
    line: int | None = Field(description="The line, for a JSON lines file.")
    reason: str


class SkippedPost(BaseModel):
    path: str
    reason: str


class IngestResult(BaseModel):
    """What a POST of articles did; the incidents were rebuilt after it."""

    new: int
    duplicates: int = Field(description="Articles already stored (same text).")
    articles: list[str] = Field(description="The ids of the articles read from the request.")
    skipped: list[SkippedPost]


def described(model: Any, description: str, status: int = 200) -> dict[int | str, dict[str, Any]]:
    """``responses=`` of a route whose success response is ``model`` (the handler returns plain data)."""
    return {status: {"model": model, "description": description}}


#: The export formats' media types and what their body is, for ``responses=`` of the export routes.
EXPORT_CONTENT: dict[str, dict[str, Any]] = {
    "text/csv": {"schema": {"type": "string", "description": "acled, gtd or csv"}},
    "application/geo+json": {"schema": {"type": "object", "description": "geojson: a FeatureCollection"}},
    "application/x-ndjson": {"schema": {"type": "string", "description": "jsonl: one incident per line"}},
    "application/zip": {"schema": {"type": "string", "format": "binary",
                                   "description": "parquet: a zip of four tables"}},
}
