"""Whether a unit tells another incident than the main one by its anchors: a time of its own (a
temporal cue, a resolved date away from the main incident's, a caption's stamp), an unnamed other
time with figures, or a place the main incident is not in."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from accord.extract.mentions.cue_lexicon import vague_cue
from accord.extract.mentions.place_cues import places_compatible
from accord.extract.mentions.time_cues import (
    FOLLOW_UP_DAYS,
    THIS_WEEK,
    dates_differ,
    parse_date,
    temporal_cue,
)
from accord.extract.mentions.units import Unit
from accord.models import Claim, DateMention, Place

#: A death told as what became of somebody hit ("died at a local hospital", "succumbed to his injuries").
_DIED_LATER = re.compile(r"\b(?:died|dies|has died|succumbed|passed away)\b(?! (?:at the scene|instantly|on the spot))",
                         re.IGNORECASE)


def label_by_anchors(unit: Unit, unit_type: str | None, unit_dates: Sequence[DateMention],
                     unit_places: Sequence[Place], unit_claims: Sequence[Claim], anchor: date | None,
                     main_place: Place | None, lag_floor: date | None = None, by_place: bool = True,
                     stamp: str | None = None, this_week: bool = False) -> str:
    """main | background, for a unit that is neither the lead nor a statistic.

    ``by_place``: whether a place the main incident is not in may make the unit another incident's.
    ``stamp``: a short heading the unit goes under ("1993:"), whose time is the unit's.
    ``this_week``: the main incident happened in the week the report came out, which "this week" names.

    ``lag_floor``: when the main incident is only dated by the publication (``anchor``), the first
    day it may have happened; a date between it and the anchor is no other time.
    """
    # "The incident came a day after | another boy shot himself in the face": the other incident is told
    if unit.compared and (unit_claims or unit_dates or unit_type is not None):
        return "background"
    if unit_type is None:
        return "main"  # no incident word: context
    # An arrest is a later step of the incident, often somewhere else ("arrested Friday in Caldwell
    # County, where he fled"): a later date or another place does not make it another incident.
    # So is a death that came later ("Fred Duhart, 38, died at a local hospital on Sunday").
    follow_up = bool(unit_claims) and all(
        c.measure == "arrested" or (c.measure == "killed" and _DIED_LATER.search(unit.text)) for c in unit_claims)

    def other_date(found: DateMention) -> bool:
        if not dates_differ(found, anchor):
            return False
        when = parse_date(found.date)
        day_precise = found.date is not None and len(found.date.split("-")) == 3
        if when is None or anchor is None or not day_precise:
            return True
        if lag_floor is not None and lag_floor <= when <= anchor:
            return False
        return not (follow_up and anchor < when <= anchor + timedelta(days=FOLLOW_UP_DAYS))

    cue = temporal_cue(unit.text, anchor, unit_dates, unit.start)
    if cue is not None and this_week and THIS_WEEK.fullmatch(cue):
        # "injured at least five victims this week": unless the unit names another time besides
        cue = temporal_cue(unit.text.replace(cue, " "), anchor)
    other_time = cue is not None or any(other_date(d) for d in unit_dates) or (
        stamp is not None and temporal_cue(stamp, anchor) is not None)
    # Figures said of another, unnamed time ("previously, 12 were killed") are not the main incident's.
    vague_time = bool(unit_claims) and vague_cue(unit.text) is not None
    # A place the main incident is not in, where something with figures happened.
    # A sentence that also names the main incident's city speaks of its surroundings ("a student at
    # McGavock High School in Nashville ... at an apartment in Hermitage").
    cities = [p for p in unit_places if p.feature == "city"]
    names_main = main_place is not None and any(places_compatible(main_place, p) for p in cities)
    other_place = by_place and bool(unit_claims) and not follow_up and not names_main and any(
        not places_compatible(main_place, p) for p in cities)
    return "background" if other_time or vague_time or other_place else "main"
