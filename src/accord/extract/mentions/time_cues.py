"""When a unit happened: resolved dates and time phrases, and whether they are the main incident's time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from accord.extract.mentions.cue_lexicon import MONTH_NUMBER, cues
from accord.extract.mentions.units import Unit
from accord.models import DateMention

#: A resolved date more than this many days from the main incident's date
#: anchors its unit to another incident. Reports of one incident speak of
#: "Tuesday night" and "Wednesday" for a siege of two days; a week apart is
#: already another event in the seeds and GVA dev reports.
SAME_INCIDENT_DAYS = 3

#: A report that gives its incident no date of its own is published within a
#: week of it ("Friday" in a Wednesday paper is five days back): dates of that
#: week before publication are the main incident's. Weekday references
#: resolve at most six days back, so a week takes them all.
PUBLICATION_LAG_DAYS = 7

#: An arrest or charge is reported up to a month after the incident (GVA dev
#: follow-ups arrest within days to weeks); a later date than that is a new event.
FOLLOW_UP_DAYS = 30

#: DateMention.kind → IncidentMention.date_basis.
DATE_BASIS = {"absolute": "absolute", "weekday": "weekday", "relative": "relative", "month": "relative",
              "year": "relative"}
#: The more precise kind wins when a unit holds several dates.
KIND_RANK = {"absolute": 0, "weekday": 1, "relative": 2, "month": 3, "year": 4}




def parse_date(value: str | None) -> date | None:
    """An ISO date, or the first day of an ISO month ("2024-11") or year ("2024")."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def dates_differ(found: DateMention, main: date | None) -> bool:
    """A resolved date that is not the main incident's, at the precision of its kind."""
    when = parse_date(found.date)
    if when is None or main is None:
        return False
    precision = len(found.date.split("-")) if found.date else 3
    if found.kind == "year" or precision == 1:
        return when.year != main.year
    if found.kind == "month" or precision == 2:
        return (when.year, when.month) != (main.year, main.month)
    return abs((when - main).days) > SAME_INCIDENT_DAYS


def temporal_cue(text: str, main: date | None, dates: Sequence[DateMention] = (), offset: int = 0) -> str | None:
    """The phrase anchoring ``text`` to a time of its own other than ``main`` (None: no such phrase).

    A month or year that is the main incident's own ("in March" in a report of
    March) is no cue, nor a phrase that a resolved date of ``dates`` (spans
    in the text ``offset`` is the start of) places at the main incident's time.
    """
    for match in cues().temporal.finditer(text):
        phrase = match.group(0)
        if cues().said_before.search(text[max(0, match.start() - 60):match.start()]):
            continue  # "told the News Tribune this week": when it was said, not when it happened
        resolved = [d for d in dates if d.date and d.span[0] < offset + match.end() and offset + match.start() < d.span[1]]
        if main is not None and resolved:
            if any(dates_differ(d, main) for d in resolved):
                return phrase
            continue
        if main is not None:
            month = cues().month.search(phrase)
            year = cues().year.search(phrase)
            same_month = month is None or MONTH_NUMBER.get(month.group(0).lower()[:3]) == main.month
            same_year = year is None or int(year.group(0)) == main.year
            if (month or year) and same_month and same_year:
                continue
        return phrase
    return None


def stamped(found: DateMention, unit: Unit) -> bool:
    """A date the page gives itself ("Published Wednesday, Jan. 4"): no incident's time."""
    before = unit.text[max(0, found.span[0] - unit.start - 40):found.span[0] - unit.start]
    return bool(cues().publication_stamp.search(before))


def day_precise(found: Sequence[DateMention]) -> tuple[date, str] | None:
    """The most precise date of a unit that names a day, with its basis."""
    for item in sorted(found, key=lambda d: (KIND_RANK.get(d.kind, 9), d.span[0])):
        when = parse_date(item.date)
        precise = item.date is not None and len(item.date.split("-")) == 3
        if when is not None and precise and item.kind in ("absolute", "weekday", "relative"):
            return when, DATE_BASIS[item.kind]
    return None


def unit_date(found: Sequence[DateMention]) -> tuple[date | None, str, str | None]:
    """The most precise date of a unit: (its first day, basis, the ISO text as resolved: "2024-11")."""
    for item in sorted(found, key=lambda d: (KIND_RANK.get(d.kind, 9), d.span[0])):
        when = parse_date(item.date)
        if when is not None:
            return when, DATE_BASIS.get(item.kind, "relative"), item.date
    return None, "published", None
