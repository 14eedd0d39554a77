"""Whether a unit tells another incident than the main one by what it says: a cue naming another
incident, a time of its own (a temporal cue, a resolved date away from the main incident's, a
caption's stamp), an unnamed other time with figures, or a place the main incident is not in.

Rules of :data:`ANCHOR_RULES`, run in order on a unit the page's structure says nothing of; the
first to give a label wins, and a unit none gives a label to is the main incident's.
"""

from __future__ import annotations

from datetime import timedelta

from accord.extract.mentions.cue_lexicon import cues, vague_cue
from accord.extract.mentions.place_cues import places_compatible
from accord.extract.mentions.reading import LabelRule, Reading
from accord.extract.mentions.time_cues import (
    FOLLOW_UP_DAYS,
    dates_differ,
    parse_date,
    temporal_cue,
)
from accord.extract.rules import Rule, RuleSet
from accord.models import DateMention


def compared_incident(reading: Reading, i: int) -> str | None:
    """The part of a sentence after a comparison cue tells the incident compared with ("The incident came a
    day after | another boy shot himself in the face")."""
    facts = reading.facts
    if facts.units[i].compared and (facts.claims[i] or facts.dates[i] or facts.types[i] is not None):
        return "background"
    return None


def other_incident_cue(reading: Reading, i: int) -> str | None:
    """Figures said of an incident named as another ("two more people were shot in another attack early
    Sunday", "In that case, a 15-year-old was killed")."""
    text = reading.facts.units[i].text
    if reading.facts.claims[i] and (cues().separation.search(text) or cues().other_incident.search(text)):
        return "background"
    return None


def no_incident_word(reading: Reading, i: int) -> str | None:
    """A unit naming no incident is context of the incident being told, never another incident by itself."""
    return "main" if reading.facts.types[i] is None else None


def _follow_up(reading: Reading, i: int) -> bool:
    """An arrest is a later step of the incident, often somewhere else ("arrested Friday in Caldwell County,
    where he fled"): a later date or another place does not make it another incident. So is a death that
    came later ("Fred Duhart, 38, died at a local hospital on Sunday")."""
    claims, text = reading.facts.claims[i], reading.facts.units[i].text
    return bool(claims) and all(
        c.measure == "arrested" or (c.measure == "killed" and cues().died_later.search(text)) for c in claims)


def _other_date(reading: Reading, found: DateMention, follow_up: bool) -> bool:
    """A resolved date that is another incident's time: away from the main incident's, and neither in
    the week before a report that gives its incident no date (``lag_floor``) nor a follow-up's later day."""
    anchor, lag_floor = reading.main.anchor, reading.main.lag_floor
    if not dates_differ(found, anchor):
        return False
    when = parse_date(found.date)
    day_precise = found.date is not None and len(found.date.split("-")) == 3
    if when is None or anchor is None or not day_precise:
        return True
    if lag_floor is not None and lag_floor <= when <= anchor:
        return False
    return not (follow_up and anchor < when <= anchor + timedelta(days=FOLLOW_UP_DAYS))


def other_time(reading: Reading, i: int) -> str | None:
    """A time of its own: a temporal cue away from the main incident's time, a resolved date away from
    its date, or a caption's stamp of another time."""
    unit, anchor = reading.facts.units[i], reading.main.anchor
    cue = temporal_cue(unit.text, anchor, reading.facts.dates[i], unit.start)
    if cue is not None and reading.main.this_week and cues().this_week.fullmatch(cue):
        # "injured at least five victims this week": unless the unit names another time besides
        cue = temporal_cue(unit.text.replace(cue, " "), anchor)
    follow_up = _follow_up(reading, i)
    stamp = reading.stamp(i)
    if cue is not None or any(_other_date(reading, d, follow_up) for d in reading.facts.dates[i]) or (
            stamp is not None and temporal_cue(stamp, anchor) is not None):
        return "background"
    return None


def unnamed_other_time(reading: Reading, i: int) -> str | None:
    """Figures said of another, unnamed time ("previously, 12 were killed") are not the main incident's."""
    if reading.facts.claims[i] and vague_cue(reading.facts.units[i].text) is not None:
        return "background"
    return None


def other_place(reading: Reading, i: int) -> str | None:
    """A place the main incident is not in, where something with figures happened. A sentence that also
    names the main incident's city speaks of its surroundings ("a student at McGavock High School in
    Nashville ... at an apartment in Hermitage"); the lede under a headline tells the headline's incident
    wherever the gazetteer puts its places."""
    main_place = reading.main.place
    if reading.lede(i) or not reading.facts.claims[i] or _follow_up(reading, i):
        return None
    cities = [p for p in reading.facts.places[i] if p.feature == "city"]
    if main_place is not None and any(places_compatible(main_place, p) for p in cities):
        return None
    return "background" if any(not places_compatible(main_place, p) for p in cities) else None


def other_region_opening(reading: Reading, i: int) -> str | None:
    """A sentence that opens on a place the main incident is not in, of whatever size, as its setting
    ("And in Balochistan, four terrorists were eliminated ..." in a report of a bombing in Khyber
    Pakhtunkhwa) tells what happened there. A province or a country named further in may be anybody's
    ("militants from Balochistan"); set at the opening it is where the sentence's figures happened."""
    main_place, unit = reading.main.place, reading.facts.units[i]
    if main_place is None or reading.lede(i) or i == reading.facts.lead or not reading.facts.claims[i]:
        return None
    opening = next((p for p in reading.facts.places[i] if p.span is not None
                    and cues().place_opening_before.search(unit.text[:p.span[0] - unit.start])), None)
    return "background" if opening is not None and not places_compatible(main_place, opening) else None


ANCHOR_RULES: RuleSet[LabelRule] = RuleSet("mentions.anchors", [
    Rule("mentions.compared_incident", compared_incident),
    Rule("mentions.other_incident_cue", other_incident_cue),
    Rule("mentions.no_incident_word", no_incident_word),
    Rule("mentions.other_time", other_time),
    Rule("mentions.unnamed_other_time", unnamed_other_time),
    Rule("mentions.other_place", other_place),
    Rule("mentions.other_region_opening", other_region_opening),
])
