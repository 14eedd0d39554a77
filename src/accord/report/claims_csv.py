"""``claims.csv``: one row per claim, with its incident and its figure's status.

Text cells that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, tab or carriage return) get a leading apostrophe, the
usual guard against CSV injection: news text is untrusted input.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from accord.report.contract import IncidentLike, incident_to_json

COLUMNS: tuple[str, ...] = (
    "incident_id", "incident_title", "background", "measure", "group", "low", "high", "hedge", "modality",
    "source", "source_kind", "via", "outlet", "article_id", "article_title", "as_of", "figure_status",
    "sentence", "claim_id",
)
TEXT_COLUMNS = frozenset({"incident_title", "source", "via", "outlet", "article_title", "sentence"})
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _guard(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def claim_rows(incidents: Iterable[IncidentLike]) -> Iterator[dict[str, Any]]:
    for incident in incidents:
        yield from incident_claim_rows(incident_to_json(incident))


def incident_claim_rows(data: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The rows of one incident, given as its JSON contract object."""
    titles = {a["id"]: a.get("title") for a in data["articles"]}
    for figure in data["figures"]:
        for claim in figure["claims"]:
            row = {
                "incident_id": data["id"], "incident_title": data["title"],
                "background": int(data["background"]), "measure": claim["measure"], "group": claim["group"],
                "low": claim["value"]["low"], "high": claim["value"]["high"], "hedge": claim["hedge"],
                "modality": claim["modality"], "source": claim["source"]["name"],
                "source_kind": claim["source"]["kind"], "via": claim["source"]["via"],
                "outlet": claim["outlet"], "article_id": claim["article"],
                "article_title": titles.get(claim["article"]), "as_of": claim["as_of"],
                "figure_status": figure["status"], "sentence": " ".join((claim["sentence"] or "").split()),
                "claim_id": claim["id"],
            }
            yield {key: _guard(value) if key in TEXT_COLUMNS else value for key, value in row.items()}


def claims_csv(incidents: Iterable[IncidentLike]) -> str:
    """The whole CSV as text (``\r\n`` line ends, as RFC 4180 and the csv module write them)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(claim_rows(incidents))
    return buffer.getvalue()
