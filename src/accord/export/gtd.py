"""GTD-style CSV: the Global Terrorism Database codebook fields accord can fill.

Counts are conservative estimates; a count nobody reported is left empty (GTD's
"unknown"), except GTD's own unknown codes where the codebook defines one (-9).
Types outside GTD's scope (``riot``, ``disaster``) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from accord.export.common import ExportIncident, country, load, mappings, to_csv
from accord.report.contract import IncidentLike

COLUMNS: tuple[str, ...] = (
    "eventid", "iyear", "imonth", "iday", "extended", "country_txt", "provstate", "city", "latitude", "longitude",
    "specificity", "attacktype1_txt", "targtype1_txt", "gname", "claimed", "nperps", "nkill", "nkillter", "nwound",
    "nwoundte", "ishostkid", "nhostkid", "nreleased", "hostkidoutcome_txt", "summary", "scite1", "scite2", "scite3",
    "dbsource",
)

#: GTD's code for "unknown" in yes/no fields.
UNKNOWN = -9

_WORD = re.compile(r"[a-z]+")


def _target(incident: ExportIncident, table: dict[str, Any]) -> str:
    by_type = table["target_by_event_type"].get(incident.type)
    if by_type:
        return str(by_type)
    victims = [f for f in incident.data["figures"] if f["measure"] in ("killed", "injured", "held")
               and f["group"] in (*table["target_by_group"], "security") and f.get("conservative")]
    if not victims:
        return str(table["unknown_target"])
    main = max(victims, key=lambda f: f["conservative"])
    if main["group"] != "security":
        return str(table["target_by_group"][main["group"]])
    words = {w for c in main["claims"] for w in _WORD.findall((c.get("text") or "").lower())}
    for target, cues in table["security_target_words"].items():
        if words & set(cues):
            return str(target)
    return str(table["security_target_default"])


def _claimed(incident: ExportIncident) -> int:
    """1 when the perpetrators are quoted or credited with a figure; unknown otherwise (silence is not a denial)."""
    if any((c.get("source") or {}).get("kind") == "perpetrator" for c in incident.claims()):
        return 1
    if any(((q.get("speaker") or {}).get("kind")) == "perpetrator" for q in incident.data["quotes"]):
        return 1
    return UNKNOWN


def _hostages(incident: ExportIncident, table: dict[str, Any]) -> tuple[int, int | None, int | None, str | None]:
    groups = table["hostage_groups"]
    held = incident.total("held")
    outcomes = [measure for measure in ("released", "escaped", "rescued")
                if incident.total(measure, groups=groups) is not None]
    if any(f["group"] == "hostages" and f.get("conservative") for f in incident.figures_of("killed")):
        outcomes.append("killed")
    if held is None and not incident.figures_of("held"):
        return 0, None, None, None
    freed = [incident.total(m, groups=groups) for m in ("released", "escaped", "rescued")]
    numbers = [n for n in freed if n is not None]
    if len(outcomes) > 1:
        outcome = table["hostage_outcome_several"]
    elif outcomes:
        outcome = table["hostage_outcomes"][outcomes[0]]
    else:
        outcome = table["hostage_outcome_unknown"]
    return 1, held, sum(numbers) if numbers else None, outcome


def _extended(start: str | None, end: str | None) -> int:
    """1 when the incident lasted more than 24 hours (GTD's definition), from its first and last dates."""
    try:
        first, last = date.fromisoformat(str(start)[:10]), date.fromisoformat(str(end)[:10])
    except (TypeError, ValueError):
        return 0
    return int((last - first).days >= 2)


def _citation(article: dict[str, Any]) -> str:
    parts = [article.get("outlet"), f'"{article["title"]}"' if article.get("title") else None,
             article.get("published"), article.get("url")]
    return ", ".join(str(p) for p in parts if p)


def gtd_row(incident: ExportIncident) -> dict[str, Any] | None:
    """One incident as a GTD row, or None when its type is outside GTD's scope."""
    table = mappings()["gtd"]
    attack = table["attack_types"].get(incident.type, table["attack_types"]["other"])
    if attack is None:
        return None
    place, raw = incident.place, incident.raw_place
    year, month, day = incident.date_parts()
    ishostkid, nhostkid, nreleased, outcome = _hostages(incident, table)
    perpetrators = incident.data["perpetrators"]
    found = [c for c in (_citation(a) for a in incident.articles()) if c][:3]  # reports with no metadata: none
    citations: list[str | None] = [*found, *[None] * (3 - len(found))]
    return {
        "eventid": incident.id,
        "iyear": year,
        "imonth": month or 0,  # GTD: 0 when the month is unknown
        "iday": day or 0,
        "extended": _extended(incident.data["start"], incident.data["end"]),
        "country_txt": country(place.get("country"))[0],
        "provstate": place.get("admin1"),
        "city": place.get("name") if (raw.get("feature") or "city") == "city" else None,
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "specificity": table["specificity"].get(raw.get("feature") or "city") if place.get("lat") is not None else 5,
        "attacktype1_txt": attack,
        "targtype1_txt": _target(incident, table),
        "gname": perpetrators[0] if perpetrators else table["unknown_group"],
        "claimed": _claimed(incident),
        "nperps": incident.total("present", groups=["attackers"]),
        "nkill": incident.total("killed"),
        "nkillter": incident.total("killed", groups=["attackers"]),
        "nwound": incident.total("injured"),
        "nwoundte": incident.total("injured", groups=["attackers"]),
        "ishostkid": ishostkid,
        "nhostkid": nhostkid,
        "nreleased": nreleased,
        "hostkidoutcome_txt": outcome,
        "summary": f"{incident.data['start'] or ''}: {incident.data['title']}".strip(": "),
        "scite1": citations[0], "scite2": citations[1], "scite3": citations[2],
        "dbsource": "accord",
    }


def gtd_rows(incidents: Sequence[IncidentLike]) -> list[dict[str, Any]]:
    return [row for row in (gtd_row(i) for i in load(incidents)) if row is not None]


def gtd_csv(incidents: Sequence[IncidentLike]) -> str:
    """The GTD-style CSV as text."""
    return to_csv(COLUMNS, gtd_rows(incidents))
