"""What the split reads off an article before labelling its units: each unit's dates, claims, places
and incident type, which units list other stories or count over many incidents, the lead, and the
main incident's anchors (its date, place and type)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from accord.extract.mentions.anchors import main_date, main_place, siege_start
from accord.extract.mentions.cue_lexicon import is_statistic, unit_event_type
from accord.extract.mentions.page_structure import (
    alone_without_stop,
    crosshead_sections,
    headline_of_a_count,
    related_units,
)
from accord.extract.mentions.place_cues import names_a_person, residence, route_end
from accord.extract.mentions.time_cues import PUBLICATION_LAG_DAYS, parse_date, stamped, temporal_cue
from accord.extract.mentions.units import Unit, records_by_unit
from accord.extract.rules import Rule, RuleSet
from accord.models import Actor, Claim, DateMention, Place

#: Dates that are no incident's time, dropped before the split reads a unit's dates.
DATE_FILTERS: RuleSet[Callable[[DateMention, Unit], bool]] = RuleSet("mentions.dates", [
    Rule("mentions.publication_stamp", stamped),
])

#: Place matches that are no place of an incident, dropped before the split reads a unit's places.
PlaceFilter = Callable[[Place, Unit, Sequence[Claim], Sequence[Actor]], bool]
PLACE_FILTERS: RuleSet[PlaceFilter] = RuleSet("mentions.places", [
    Rule("mentions.place_names_a_person", names_a_person),
    Rule("mentions.place_is_residence", residence),
    Rule("mentions.place_route_end", route_end),
])

#: A headline over a count of several incidents gives that count too: it is no lead.
LEAD_RULES: RuleSet[Callable[[Sequence[Unit], Sequence[str | None], Sequence[bool], int], bool]] = RuleSet(
    "mentions.lead_choice", [Rule("mentions.headline_of_a_count", headline_of_a_count)])


@dataclass
class UnitFacts:
    """Each unit's records and incident type, and the article's lead (the first unit naming an incident)."""

    units: list[Unit]
    dates: list[list[DateMention]]
    claims: list[list[Claim]]
    places: list[list[Place]]
    types: list[str | None]
    related: set[int]  # units listing other stories
    statistic: list[bool]  # units counting over many incidents
    lead: int | None
    cue_less: list[bool]  # units without a time phrase of their own (the lead always is)


@dataclass
class MainAnchors:
    """The main incident's date, place and type, and how far other dates may be from it."""

    date: datetime.date | None
    basis: str
    start: datetime.date | None  # a siege's first day, before its date (anchors.siege_start)
    anchor: datetime.date | None  # its date, else the publication's
    lag_floor: datetime.date | None  # without a date of its own: the first day it may have happened
    this_week: bool  # it happened in the week the report came out
    place: Place | None
    type: str | None
    sections: list[int | None]  # the crosshead each unit falls under, in a round-up printed in sections
    headline_lead: bool  # the lead is a headline


def read_units(units: list[Unit], *, dates: Sequence[DateMention], places: Sequence[Place],
               actors: Sequence[Actor], claims: Sequence[Claim], disabled: frozenset[str] = frozenset()) -> UnitFacts:
    """The records of each unit (no page stamps, no places that are people, homes or a journey's ends) and the lead."""
    starts = [u.start for u in units]
    date_filters = [rule.function for rule in DATE_FILTERS.active(disabled)]
    place_filters = [rule.function for rule in PLACE_FILTERS.active(disabled)]
    unit_dates = [[d for d in found if not any(dropped(d, units[i]) for dropped in date_filters)]
                  for i, found in enumerate(records_by_unit(dates, units, starts))]
    unit_claims = records_by_unit(claims, units, starts)
    unit_places = [[p for p in found if not any(dropped(p, units[i], unit_claims[i], actors) for dropped in place_filters)]
                   for i, found in enumerate(records_by_unit(places, units, starts))]
    unit_types = [unit_event_type(u.text) for u in units]
    related = related_units(units)
    statistic = [unit_types[i] is not None and is_statistic(u.text) for i, u in enumerate(units)]
    # The lead: the first unit naming an incident. Whatever time it gives is the main incident's.
    lead = _first_incident_unit(unit_types, statistic, related)
    if lead is not None and any(rule.function(units, unit_types, statistic, lead) for rule in LEAD_RULES.active(disabled)):
        statistic[lead] = True  # "Six shot, two fatally, in Baltimore" over "... in three separate shootings"
        lead = _first_incident_unit(unit_types, statistic, related)
    cue_less = [i == lead or temporal_cue(u.text, None) is None for i, u in enumerate(units)]
    return UnitFacts(units=units, dates=unit_dates, claims=unit_claims, places=unit_places, types=unit_types,
                     related=related, statistic=statistic, lead=lead, cue_less=cue_less)


def _first_incident_unit(unit_types: Sequence[str | None], statistic: Sequence[bool], related: set[int]) -> int | None:
    return next((i for i, t in enumerate(unit_types) if t is not None and not statistic[i] and i not in related), None)


def main_anchors(facts: UnitFacts, *, published: str | None, event_type: str | None,
                 disabled: frozenset[str] = frozenset()) -> MainAnchors:
    """The main incident's date (the lead's), place and type, read off the units."""
    units, lead = facts.units, facts.lead
    found_date, basis = main_date(units, facts.dates, facts.cue_less, lead, facts.claims, disabled)
    anchor = found_date or parse_date(published)
    # a report of a siege's end dates the end: the siege began days before
    started = siege_start(units, facts.dates, anchor)
    # Without a date of its own, the main incident happened some days before the report came out.
    lag_floor = anchor - timedelta(days=PUBLICATION_LAG_DAYS) if found_date is None and anchor else None
    # "this week" in a report of an incident of its week is the incident's week
    published_on = parse_date(published)
    this_week = anchor is not None and published_on is not None and \
        timedelta(0) <= published_on - anchor <= timedelta(days=PUBLICATION_LAG_DAYS)
    place = main_place(units, facts.places, facts.cue_less, lead, facts.claims, disabled)
    sections = crosshead_sections(units, facts.types, lead)
    headline_lead = lead is not None and alone_without_stop(units, lead)
    main_type = event_type if event_type and event_type != "other" else (
        facts.types[lead] if lead is not None else None)
    start = started if started is not None and anchor is not None and started < anchor else None
    return MainAnchors(date=found_date, basis=basis, start=start, anchor=anchor, lag_floor=lag_floor, this_week=this_week,
                       place=place, type=main_type, sections=sections, headline_lead=headline_lead)
