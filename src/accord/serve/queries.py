"""Read-side queries the API and the pages share: filters, pagination, article views.

They read the incident records (the JSON contract) through the store, so the
web UI shows exactly what ``incidents.json`` holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accord.models import to_dict
from accord.store import Store


@dataclass
class IncidentFilters:
    type: str | None = None
    country: str | None = None
    since: str | None = None  # ISO date: incidents ending on or after
    until: str | None = None  # ISO date: incidents starting on or before
    q: str | None = None  # words to find in the title, place, perpetrators or article titles
    background: bool | None = None
    sort: str = "start"  # start | -start | title | type | articles
    page: int = 1
    per_page: int = 50


def _matches_text(incident: dict[str, Any], words: list[str]) -> bool:
    place = incident.get("place") or {}
    haystack = " ".join(
        [incident.get("title") or "", place.get("name") or "", place.get("admin1") or "",
         place.get("country") or "", " ".join(incident.get("perpetrators") or [])]
        + [a.get("title") or "" for a in incident.get("articles") or []]
    ).lower()
    return all(word in haystack for word in words)


def filter_incidents(incidents: list[dict[str, Any]], filters: IncidentFilters) -> tuple[list[dict[str, Any]], int]:
    """The page of incidents that pass ``filters``, and how many pass in all."""
    words = (filters.q or "").lower().split()
    chosen = []
    for incident in incidents:
        place = incident.get("place") or {}
        if filters.type and incident.get("type") != filters.type:
            continue
        if filters.country and filters.country.lower() not in {
                (place.get("country") or "").lower(), (place.get("country_name") or "").lower()}:
            continue
        if filters.since and (incident.get("end") or incident.get("start") or "") < filters.since:
            continue
        if filters.until and (incident.get("start") or "9999") > filters.until:
            continue
        if filters.background is not None and bool(incident.get("background")) != filters.background:
            continue
        if words and not _matches_text(incident, words):
            continue
        chosen.append(incident)
    key = filters.sort.lstrip("-")
    reverse = filters.sort.startswith("-")
    sort_keys = {
        "start": lambda i: i.get("start") or "",
        "title": lambda i: (i.get("title") or "").lower(),
        "type": lambda i: i.get("type") or "",
        "articles": lambda i: len(i.get("articles") or []),
    }
    chosen.sort(key=sort_keys.get(key, sort_keys["start"]), reverse=reverse)
    total = len(chosen)
    start = (max(filters.page, 1) - 1) * filters.per_page
    return chosen[start:start + filters.per_page], total


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


def filter_claims(incidents: list[dict[str, Any]], filters: ClaimFilters) -> tuple[list[dict[str, Any]], int]:
    """Claims of all incidents (with their incident id and figure status) that pass ``filters``."""
    rows = []
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
                rows.append({**claim, "incident": incident["id"], "incident_title": incident.get("title"),
                             "status": figure["status"]})
    start = (max(filters.page, 1) - 1) * filters.per_page
    return rows[start:start + filters.per_page], len(rows)


def claim_incidents(incidents: list[dict[str, Any]]) -> dict[str, str]:
    """Claim id → id of the incident whose figures hold it."""
    return {claim["id"]: incident["id"] for incident in incidents
            for figure in incident.get("figures") or [] for claim in figure.get("claims") or [] if claim.get("id")}


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
