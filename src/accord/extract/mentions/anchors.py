"""The main incident's anchors: the date and the place an article's lead gives it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import cache

from accord.extract.mentions.cue_lexicon import cues
from accord.extract.mentions.place_cues import place_key
from accord.extract.mentions.time_cues import FOLLOW_UP_DAYS, SAME_INCIDENT_DAYS, day_precise
from accord.extract.mentions.units import Unit
from accord.extract.places import town_within
from accord.extract.rules import Rule, RuleSet
from accord.lexicons import load_lexicon
from accord.models import Claim, DateMention, Place

#: How many leading units may give the main incident its date: the lead
#: paragraph(s) of a news report say when the incident happened.
MAIN_DATE_LEAD_UNITS = 8

#: A report of a hearing, a charge or a vigil tells its incident up to a year later, in the sentences
#: below its lead (GVA dev follow-ups: an arraignment seven weeks after a bar shooting, its date in the
#: ninth sentence).
COURT_FOLLOW_UP_DAYS = 366
FOLLOW_UP_SEARCH_UNITS = 12

#: A dateline: the capitalised place a report was filed from, before a dash or a colon
#: ("NAIROBI —", "DAYTON, Ohio (AP) --", "QUETTA:" as South Asian papers print it). Capitals only, so a
#: sentence opening with a place name is not one.
_DATELINE = re.compile(r"^\W*[A-Z][A-Z.'\- ]{2,}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:\([^)]{1,40}\))?\s*(?:—|–|--|-|:)\s*")



def main_date(units: Sequence[Unit], unit_dates: Sequence[Sequence[DateMention]],
              cue_less: Sequence[bool], lead: int | None,
              unit_claims: Sequence[Sequence[Claim]] = (), disabled: frozenset[str] = frozenset()) -> tuple[date | None, str]:
    """The lead's date, else the first day-precise date of the cue-less units near the top (then
    :data:`MAIN_DATE_RULES` may move it to the incident's own day)."""
    order = ([lead] if lead is not None else []) + list(range(min(len(units), MAIN_DATE_LEAD_UNITS)))
    found_date, basis, found_at = None, "published", None
    for i in order:
        found = day_precise(unit_dates[i]) if cue_less[i] else None
        if found is not None:
            (found_date, basis), found_at = found, i
            break
    if found_date is None or found_at is None or lead is None or not unit_claims:
        return found_date, basis
    for rule in MAIN_DATE_RULES.active(disabled):
        moved = rule.function(units, unit_dates, cue_less, lead, unit_claims, (found_date, basis), found_at)
        if moved is not None:
            return moved
    return found_date, basis


def follow_up_date(units: Sequence[Unit], unit_dates: Sequence[Sequence[DateMention]], cue_less: Sequence[bool],
                   lead: int, unit_claims: Sequence[Sequence[Claim]], found: tuple[date, str],
                   found_at: int) -> tuple[date, str] | None:
    """A lead that reports an arrest ("Police arrested a man Thursday in the shooting death of ...")
    dates the arrest: the incident is the earlier day a following sentence gives to its deaths or
    injuries, if one does. So does a date given by a sentence that counts nobody ("at his arraignment
    Monday"): a report of a court hearing or a vigil tells its incident months later ("is accused of
    killing Ernest Edwards at the Nite Owl Bar on Jan. 26")."""
    found_date = found[0]
    if any(c.measure == "arrested" for c in unit_claims[lead]):
        latest, search = FOLLOW_UP_DAYS, MAIN_DATE_LEAD_UNITS
    elif not any(c.measure in ("killed", "injured") for c in unit_claims[found_at]):
        latest, search = COURT_FOLLOW_UP_DAYS, FOLLOW_UP_SEARCH_UNITS
    else:
        return None
    for i in range(lead + 1, min(len(units), lead + search)):
        if not cue_less[i] or not any(c.measure in ("killed", "injured") for c in unit_claims[i]):
            continue
        earlier = day_precise(unit_dates[i])
        if earlier is not None and timedelta(days=SAME_INCIDENT_DAYS) < found_date - earlier[0] \
                <= timedelta(days=latest):
            return earlier
    return None


#: Steps that move the main incident's date from the one its lead gives.
MainDateRule = Callable[[Sequence[Unit], Sequence[Sequence[DateMention]], Sequence[bool], int,
                         Sequence[Sequence[Claim]], tuple[date, str], int], "tuple[date, str] | None"]
MAIN_DATE_RULES: RuleSet[MainDateRule] = RuleSet("mentions.main_date", [
    Rule("mentions.follow_up_date", follow_up_date),
])


def outlet_in_title(lead: Unit) -> int | None:
    """"... wounded officer - KSLA News 12 Shreveport, Louisiana News": a page title ends on the outlet,
    whose town is not the incident's. The offset where the outlet's name begins."""
    outlet = cues().outlet_tail.search(lead.text)
    return lead.start + outlet.start() if outlet else None


def dateline_place(lead: Unit) -> int | None:
    """"NAIROBI — Soldiers stormed a hideout in Tana River County": the dateline is where the reporter
    filed from; another place of the lead is where it happened. The offset where the dateline ends."""
    dateline = _DATELINE.match(lead.text)
    return lead.start + dateline.end() if dateline else None


#: What of the lead is no place of the incident (each gives an offset into the text).
MAIN_PLACE_RULES: RuleSet[Callable[[Unit], int | None]] = RuleSet("mentions.main_place", [
    Rule("mentions.outlet_in_title", outlet_in_title),
    Rule("mentions.dateline_place", dateline_place),
])


def main_place(units: Sequence[Unit], unit_places: Sequence[Sequence[Place]],
               cue_less: Sequence[bool], lead: int | None,
               unit_claims: Sequence[Sequence[Claim]] = (), disabled: frozenset[str] = frozenset()) -> Place | None:
    """The lead's first place (a report says where in its first sentence), else the most named city
    of the cue-less top units (first named wins a tie), else the first place named. Where somebody
    was arrested ("was arrested Friday at an apartment complex in Trotwood") is not where it happened."""
    active = {rule.id for rule in MAIN_PLACE_RULES.active(disabled)}
    stop = outlet_in_title(units[lead]) if lead is not None and "mentions.outlet_in_title" in active else None
    lead_places = [p for p in unit_places[lead] if stop is None or (p.span and p.span[0] < stop)] \
        if lead is not None else []
    if lead is not None and lead_places:
        dateline = dateline_place(units[lead]) if "mentions.dateline_place" in active else None
        cut = dateline if dateline is not None else -1
        within = [p for p in lead_places if p.span and p.span[0] >= cut] or lead_places
        first = min(within, key=lambda p: p.span[0] if p.span else 0)
        # "HOLA, Kenya — ... in Kenya's Tana River County": a country or a region the dateline's town
        # (or another town of the lead) lies in is the same place, said less precisely.
        return town_within(first, lead_places)
    counts: dict[tuple[object, ...], list[Place]] = {}
    named_first: Place | None = None
    for i in range(min(len(units), MAIN_DATE_LEAD_UNITS)):
        if not cue_less[i] or (i < len(unit_claims) and unit_claims[i]
                               and all(c.measure == "arrested" for c in unit_claims[i])):
            continue
        for place in unit_places[i] if i != lead else lead_places:
            named_first = named_first or place
            if place.feature == "city":
                counts.setdefault(place_key(place), []).append(place)
    if counts:
        return max(counts.values(), key=len)[0]
    return named_first


#: Number words of a siege's length ("three-day siege").
_DAY_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15}


@cache
def _siege_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lexicon = load_lexicon("date_cues")
    return re.compile(lexicon["siege_span"], re.IGNORECASE), re.compile(lexicon["siege_end"], re.IGNORECASE)


def siege_start(units: Sequence[Unit], unit_dates: Sequence[Sequence[DateMention]],
                end: date | None) -> date | None:
    """The first day of a siege a report tells has ended (rule ``mentions.date.siege_start``): "the
    three-day siege ... ended ... yesterday" began two days before yesterday; "the eight day-long hijack
    ... is over", in a report of that day (``end``), seven days before it. None when no sentence says so."""
    span_cue, end_cue = _siege_cues()
    for unit, found in zip(units, unit_dates, strict=True):
        length = span_cue.search(unit.text)
        if length is None or end_cue.search(unit.text) is None:
            continue
        days = int(length["days"]) if length["days"].isdigit() else _DAY_COUNTS[length["days"].lower()]
        ended = day_precise(found)
        last = ended[0] if ended is not None else end
        if last is not None and days > 1:
            return last - timedelta(days=days - 1)
    return None
