"""One plain sentence saying why a Figure has its status and its estimates.

It reads what :mod:`accord.reconcile.figures` worked out (its ``Reading``) and imports nothing of it at
run time: figures calls this module, so the counting it needs is handed in (``voices``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord.models import Figure
from accord.reconcile.intervals import describe_value

if TYPE_CHECKING:
    from accord.reconcile.figures import Entry, Reading

#: How many figures an explanation lists before it says "and N more".
MAX_LISTED = 4


def describe(entry: Entry) -> str:
    """"at least 16 (interior ministry, 2025-03-11)"."""
    claim = entry.claim
    who = claim.source.canonical or claim.source.name or "unattributed"
    when = f", {claim.as_of}" if claim.as_of else ""
    return f"{describe_value(claim)} ({who}{when})"


def _listing(entries: list[Entry]) -> str:
    """The entries' descriptions, each once (a figure repeated by several reports is said once)."""
    described = list(dict.fromkeys(describe(e) for e in entries))
    shown = described[:MAX_LISTED]
    more = len(described) - MAX_LISTED
    text = ", ".join(shown)
    return f"{text} and {more} more" if more > 0 else text


def _sources(count: int) -> str:
    return "one source" if count == 1 else f"{count} independent sources"


def _estimates(figure: Figure, voices: int) -> str:
    if figure.conservative == figure.high:
        return f"all estimates are {figure.conservative}"
    return (f"conservative {figure.conservative} is the lowest toll still standing (each report's largest figure), "
            f"consensus {figure.consensus} the middle of the latest tolls of {_sources(voices)}, high {figure.high}")


def _perpetrators(reading: Reading) -> str:
    if reading.excluded_perpetrator:
        return f"; the perpetrators' own claim ({_listing(reading.excluded_perpetrator)}) is shown but not counted"
    if reading.pool and all(e.perpetrator for e in reading.pool):
        return "; only the perpetrators give this figure, so the estimates rest on their claim"
    return ""


def explain(figure: Figure, reading: Reading, voices: int) -> str:
    """Why ``figure`` has its status and estimates; ``voices``: the independent sources of its estimates."""
    if not reading.countable:
        return (f"No count of what happened: the {len(reading.entries)} claim(s) here are threats or denials "
                "or give no number, so there is no estimate.")
    if reading.conflicts:
        a, b = reading.conflicts[0]
        others = len(reading.conflicts) - 1
        extra = f" (and {others} other conflicting pair{'s' if others > 1 else ''})" if others else ""
        head = f"Disputed: {describe(a)} and {describe(b)} cannot both be right{extra}"
    elif reading.superseded:
        earlier, later = reading.superseded[-1]
        head = f"Updated: {describe(earlier)} was overtaken by {describe(later)}"
        if len(reading.superseded) > 1:
            head += f" ({len(reading.superseded)} earlier figures overtaken in all)"
        head += ", and the figures still standing fit together"
    elif figure.sources == 1:
        head = f"Agreed: {_sources(1)} gives {_listing(reading.standing)}"
    else:
        head = f"Agreed: {_sources(figure.sources)} give compatible figures ({_listing(reading.standing)})"
    return f"{head}; {_estimates(figure, voices)}{_perpetrators(reading)}."
