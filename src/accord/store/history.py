"""When each incident and figure last changed: stamps carried from the stored incident to its rebuilt self.

An incident keeps its id across rebuilds (it hashes its earliest mention), so the incident a run stores
is compared with the one of the same id it replaces: a figure whose estimates or status differ, or that
is new, is stamped with the run's time; one that did not change keeps its stamp. The incident's own
``changed_at`` moves when a figure, its title or its reports changed; ``first_seen`` never moves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from accord.models import Figure, Incident


@dataclass
class Previous:
    """What the store held of an incident before this run."""

    first_seen: str | None
    changed_at: str | None
    title: str
    articles: frozenset[str]
    figures: dict[tuple[str, str], tuple[tuple[object, ...], str | None]] = field(default_factory=dict)


def now() -> str:
    """The current time as the store writes it (UTC, milliseconds)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def figure_values(figure: Figure) -> tuple[object, ...]:
    """What a reader sees change in a figure: its estimates and status."""
    return (figure.conservative, figure.consensus, figure.high, figure.status)


def stamp(incident: Incident, previous: Mapping[str, Previous], at: str) -> Incident:
    """Give ``incident`` and its figures their stamps, from the stored incident of its id (if any)."""
    before = previous.get(incident.id)
    changed = before is None
    for figure in incident.figures:
        old = before.figures.get((figure.measure, figure.group)) if before else None
        if old is not None and old[0] == figure_values(figure):
            figure.changed_at = old[1] or at
        else:
            figure.changed_at = at
            changed = True
    if before is not None:
        gone = set(before.figures) - {(f.measure, f.group) for f in incident.figures}
        changed = changed or bool(gone) or before.title != incident.title or \
            before.articles != frozenset(ref.id for ref in incident.articles)
    incident.first_seen = before.first_seen if before and before.first_seen else at
    incident.changed_at = at if changed or before is None or not before.changed_at else before.changed_at
    return incident
