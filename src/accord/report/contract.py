"""Incidents as the JSON contract of DESIGN.md.

The functions take an :class:`~accord.models.Incident` or the plain dict
``to_dict`` made of one (which is what the store keeps), and return exactly
the contract's keys: nothing internal (sentence spans, extractor names,
canonical names) leaks into the export.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from accord.models import Incident, to_dict
from accord.store import claim_id

IncidentLike = Incident | Mapping[str, Any]

INCIDENT_KEYS: tuple[str, ...] = (
    "id", "title", "type", "start", "end", "place", "perpetrators", "articles", "figures", "quotes",
    "timeline", "background", "evidence", "totals", "first_seen", "changed_at",
)
PLACE_KEYS: tuple[str, ...] = ("name", "admin1", "country", "lat", "lon")
ARTICLE_KEYS: tuple[str, ...] = ("id", "external_id", "url", "title", "outlet", "published")
FIGURE_KEYS: tuple[str, ...] = (
    "measure", "group", "conservative", "consensus", "high", "latest", "latest_official", "status", "sources",
    "scope", "explanation", "claims", "changed_at",
)
CLAIM_KEYS: tuple[str, ...] = (
    "measure", "group", "value", "hedge", "modality", "source", "article", "outlet", "sentence", "span", "as_of",
    "text", "scope", "id", "rule", "rules_changed",
)
TOTAL_KEYS: tuple[str, ...] = (
    "conservative", "consensus", "high", "derivation", "groups", "reports", "explanation",
)
SOURCE_KEYS: tuple[str, ...] = ("name", "kind", "via")


def as_data(record: IncidentLike) -> dict[str, Any]:
    """An incident as plain data, whether it came as a record or from the store."""
    return to_dict(record) if isinstance(record, Incident) else dict(record)


def _pick(data: Mapping[str, Any] | None, keys: tuple[str, ...]) -> dict[str, Any]:
    data = data or {}
    return {key: data.get(key) for key in keys}


def _span(value: Any) -> list[int] | None:
    return [int(value[0]), int(value[1])] if value is not None else None


def claim_to_json(claim: Mapping[str, Any]) -> dict[str, Any]:
    out = _pick(claim, CLAIM_KEYS)
    value = claim.get("value") or {}
    out["value"] = {"low": value.get("low"), "high": value.get("high")}
    out["source"] = _pick(claim.get("source"), SOURCE_KEYS)
    out["span"] = _span(claim.get("span"))
    out["scope"] = claim.get("scope") or "total"
    out["id"] = claim_id(dict(claim))
    out["rule"] = claim.get("rule") or ""
    out["rules_changed"] = list(claim.get("rules_changed") or [])
    return out


def figure_to_json(figure: Mapping[str, Any]) -> dict[str, Any]:
    out = _pick(figure, FIGURE_KEYS)
    out["sources"] = int(figure.get("sources") or 0)
    out["explanation"] = figure.get("explanation") or ""
    out["scope"] = figure.get("scope") or "total"
    out["claims"] = [claim_to_json(c) for c in figure.get("claims", [])]
    return out


def quote_to_json(quote: Mapping[str, Any]) -> dict[str, Any]:
    speaker = quote.get("speaker")
    return {
        "text": quote.get("text"),
        "span": _span(quote.get("span")),
        "cue": quote.get("cue"),
        "direct": bool(quote.get("direct")),
        "speaker": None if not speaker else {
            "name": speaker.get("name"), "role": speaker.get("role"),
            "organisation": speaker.get("organisation"), "kind": speaker.get("kind", "unattributed"),
            "resolved": speaker.get("resolved"),
        },
        "article": quote.get("article"),
    }


def timeline_to_json(entry: Mapping[str, Any]) -> dict[str, Any]:
    value = entry.get("value")
    return {
        "as_of": entry.get("as_of"), "text": entry.get("text"), "source": entry.get("source"),
        "outlet": entry.get("outlet"), "article": entry.get("article"), "measure": entry.get("measure"),
        "group": entry.get("group"),
        "value": None if value is None else {"low": value.get("low"), "high": value.get("high")},
    }


def evidence_to_json(item: Mapping[str, Any]) -> dict[str, Any]:
    return {"article": item.get("article"), "index": item.get("index"), "score": item.get("score"),
            "signals": dict(item.get("signals") or {})}


def incident_to_json(incident: IncidentLike) -> dict[str, Any]:
    """One incident as the contract object of ``incidents.json``."""
    data = as_data(incident)
    place = data.get("place")
    return {
        "id": data["id"],
        "title": data.get("title") or "",
        "type": data.get("type") or "other",
        "start": data.get("start"),
        "end": data.get("end"),
        "place": _pick(place, PLACE_KEYS) if place else None,
        "perpetrators": list(data.get("perpetrators") or []),
        "articles": [_pick(a, ARTICLE_KEYS) for a in data.get("articles") or []],
        "figures": [figure_to_json(f) for f in data.get("figures") or []],
        "quotes": [quote_to_json(q) for q in data.get("quotes") or []],
        "timeline": [timeline_to_json(t) for t in data.get("timeline") or []],
        "background": bool(data.get("background", False)),
        "evidence": [evidence_to_json(e) for e in data.get("evidence") or []],
        "totals": {measure: _pick(total, TOTAL_KEYS) for measure, total in (data.get("totals") or {}).items()},
        "first_seen": data.get("first_seen"),
        "changed_at": data.get("changed_at"),
    }
