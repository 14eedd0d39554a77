"""ACLED-style CSV: one row per incident in ACLED's column names and conventions.

Fatalities are the conservative estimate (the lowest credible figure, as ACLED
codes them); when sources disagree, the notes say so and list what each gave.
Types outside ACLED's scope (``disaster``) are left out. Every mapping is in
``mappings.json`` and explained in docs/exports.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from accord.export.common import ExportIncident, country, dispute_note, figure_phrase, load, mappings, to_csv
from accord.report.contract import IncidentLike

COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "civilian_targeting", "iso", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
)

#: Measures worth a sentence in the notes, in the order ACLED notes usually give them.
NOTE_MEASURES: tuple[str, ...] = ("killed", "injured", "held", "released", "rescued", "escaped", "arrested", "missing")


def _types(incident: ExportIncident, table: dict[str, Any]) -> dict[str, str] | None:
    base = table["event_types"].get(incident.type, table["event_types"]["other"])
    if base is None:
        return None
    if incident.type in table["battle_types"]:
        for figure in incident.data["figures"]:
            if (figure["group"] in table["armed_opponent_groups"]
                    and figure["measure"] in table["armed_opponent_measures"] and figure.get("conservative")):
                return dict(table["battle"])
    return dict(base)


def _victims(incident: ExportIncident, table: dict[str, Any], country_name: str) -> list[str]:
    actors: dict[str, None] = {}
    for figure in incident.data["figures"]:
        if figure["measure"] in ("killed", "injured", "held") and figure["group"] in table["victim_actors"]:
            actors.setdefault(table["victim_actors"][figure["group"]].format(country=country_name), None)
    return list(actors)


def _notes(incident: ExportIncident, country_name: str) -> str:
    data = incident.data
    place = incident.place
    where = ", ".join(p for p in (place.get("name"), place.get("admin1"), country_name) if p)
    title = str(data["title"])
    located = f" ({where})" if where and str(place.get("name") or where) not in title else ""
    sentences = [f"On {data['start'] or 'an unknown date'}: {title}{located}."]
    if data["perpetrators"]:
        sentences.append(f"Perpetrators named: {', '.join(data['perpetrators'])}.")
    for measure in NOTE_MEASURES:
        for figure in incident.figures_of(measure):
            sentence = f"{measure.capitalize()} ({figure['group']}): {figure_phrase(figure)}"
            if figure["status"] == "disputed":
                sentence += f"; reports vary: {dispute_note(figure)}; the lowest figure is coded"
            elif figure["status"] == "updated":
                sentence += f"; the figure was revised: {dispute_note(figure)}"
            sentences.append(sentence + ".")
    if data["background"]:
        sentences.append("Known only from background mentions in reports of other incidents.")
    return " ".join(sentences)


def acled_row(incident: ExportIncident) -> dict[str, Any] | None:
    """One incident as an ACLED row, or None when its type is outside ACLED's scope."""
    table = mappings()["acled"]
    types = _types(incident, table)
    if types is None:
        return None
    place, raw = incident.place, incident.raw_place
    country_name, iso = country(place.get("country"))
    country_label = country_name or "unknown country"
    year, month, day = incident.date_parts()
    precision = table["time_precision"]["day" if day else "month" if month else "year"]
    perpetrators = incident.data["perpetrators"]
    victims = _victims(incident, table, country_label)
    civilian = any((f["group"] in table["civilian_groups"] and f["measure"] in ("killed", "injured", "held"))
                   for f in incident.data["figures"])
    killed = incident.total("killed")
    return {
        "event_id_cnty": incident.id,
        # ACLED always gives a day: the first of the month (or year) when only that is known, with a
        # time_precision saying so.
        "event_date": f"{year:04d}-{month or 1:02d}-{day or 1:02d}" if year else None,
        "year": year,
        "time_precision": precision if year else None,
        **types,
        "actor1": perpetrators[0] if perpetrators else table["unidentified_actor"].format(country=country_label),
        "assoc_actor_1": "; ".join(perpetrators[1:]) or None,
        "actor2": "; ".join(victims) or None,
        "civilian_targeting": "Civilian targeting" if civilian else None,
        "iso": iso,
        "country": country_name,
        "admin1": place.get("admin1"),
        "admin2": None,
        "admin3": None,
        "location": place.get("name"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": table["geo_precision"].get(raw.get("feature") or "city") if place.get("lat") is not None else None,
        "source": "; ".join(incident.outlets()) or None,
        "source_scale": None,
        "notes": _notes(incident, country_name or ""),
        # ACLED codes 0 when no death is reported.
        "fatalities": killed if killed is not None else 0,
        "tags": "background incident" if incident.data["background"] else None,
    }


def acled_rows(incidents: Sequence[IncidentLike]) -> list[dict[str, Any]]:
    return [row for row in (acled_row(i) for i in load(incidents)) if row is not None]


def acled_csv(incidents: Sequence[IncidentLike]) -> str:
    """The ACLED-style CSV as text."""
    return to_csv(COLUMNS, acled_rows(incidents))
