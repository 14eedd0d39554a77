"""accord_mentions: split one article among the incidents it mentions.

Index 0 is the article's main incident; the others are *background* incidents
the article recalls ("In November, a suicide bombing at Quetta's railway
station killed at least 32"), and at most one more mention, flagged
``statistic``, holds aggregate figures ("more than 2,500 killed in 2024") that
belong to no incident. Every claim, quote, date, place and actor of the doc
gets the index of the mention it belongs to in ``.mention``; statistic claims
move from ``doc._.claims`` to ``doc._.statistics``.

The work is done on *units*: sentences, or the two halves of a sentence split
at a comparison cue ("the deadliest since ..."). A unit opens a background
incident when it carries an incident word and anchors to another time (a
temporal cue, or a resolved date away from the main incident's), or to a
place the main incident is not in. A following unit of the same paragraph that
opens with an anaphor ("The blast ...") continues it.

Some articles are made of several incidents, and their structure says so:

- a round-up turns to another incident at a sentence opening on a separation
  cue ("In a separate shooting, ..."), or opens on a count over several
  incidents ("Seven people shot in 72 hours", "in three separate shootings",
  also in the headline above such a count, or right under a headline); from
  there on each sentence goes on with the incident being told, and one opening
  on a clock time ("About 2:05 a.m., a man ...", a paragraph's first even
  before it names the shooting), naming the next ("Officers responded to the
  second shooting") or bringing new people in with a time or place of their
  own ("Two teenage boys were shot around 11:30 p.m.") tells the next; the
  sentences with figures after a count over several incidents, in its
  paragraph, are the incidents it counts;
- a round-up printed in sections: three or more crossheads after the lead that
  name an incident and a place or person ("Shooting behind Nobby's") each open
  a background incident holding their section;
- lists of other stories (a video playlist "1:51 Boy killed ...", the headlines
  and cut teasers after "Related Articles" or "More from ...") are background
  incidents, one per line;
- page furniture (:mod:`accord.extract.furniture`: rights notices, sign-up
  prompts, blocks of teasers printed twice) is no part of the report: nothing
  found on it is kept and it opens no incident;
- a count over a period or over several incidents ("18 people were shot between
  Tuesday afternoon and early Wednesday", "in separate shootings") is a statistic.

History is often told without a time of its own, and its cues are lexicon
comparisons (the rest of the sentence after them speaks of the other incident):
a gathering for somebody "who was fatally shot", "the same block where",
"a similar shooting", "spent 16 years in prison for"; or sentences opening on
an incident just named as another ("In that case, ...", "In the shooting that
left a man dead Friday, ...", "Several other incidents were reported ..."),
and people "also" hurt "in a" shooting of their own.

A sentence in the paragraph of another incident that speaks again of its
people ("Five of the officers died.", "... convicted of murdering Gunn"), of
"the incident", or of nothing countable goes on with it, as does one pointing
at it ("That shooting happened ..."); a time phrase after a speech verb ("told
the paper this week") is when it was said, no other time.

Places say where only when they are the incident's: where somebody lives
("Johnson, 29, of Dayton") or was arrested, the outlet's town at the end of a
page title, and a town of the county named are no other place; nor does any
place make the lede under a headline another incident.
A follow-up keeps its incident: an arrest made elsewhere or days later is the
main incident's, as is a victim's death days later; a lead that reports an
arrest, or a date of a hearing, does not date the incident; and a report with
no date of its own keeps the week before its publication. A place
name that is a person's ("Austin was pronounced dead") anchors nothing.

Everything below :func:`split_article` is plain Python over ``models``
records, so it is testable without spaCy; the component only cuts the doc
into units.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from accord.extract.cue_gates import GatedUnion, gate_words, word_beginnings
from accord.extract.dates import MONTHS
from accord.extract.extensions import doc_text
from accord.extract.furniture import furniture_line_spans
from accord.extract.places import town_within
from accord.lexicons import load_lexicon
from accord.models import Actor, Claim, DateMention, IncidentMention, Place, Quote

COMPONENT_VERSION = "accord.mentions.v1"

_R = TypeVar("_R")

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

#: A report of a hearing, a charge or a vigil tells its incident up to a year later, in the sentences
#: below its lead (GVA dev follow-ups: an arraignment seven weeks after a bar shooting, its date in the
#: ninth sentence).
COURT_FOLLOW_UP_DAYS = 366
FOLLOW_UP_SEARCH_UNITS = 12

#: A crosshead is a heading line of at most this many words (the dev round-ups'
#: section heads have 3 to 7: "Shooting behind Nobby's").
CROSSHEAD_MAX_WORDS = 8

#: An article is a round-up in sections when at least this many crossheads
#: after its lead name incidents; two could be a feature's subheads or captions.
ROUNDUP_MIN_CROSSHEADS = 3

#: A separation cue turns the article to another incident when it opens the
#: sentence, allowing a short lead-in ("Also this weekend, in an unrelated
#: incident"); further in, it speaks of another incident in passing ("he may
#: have been involved in another shooting").
SEPARATION_OPENING_CHARS = 30

#: A caption's stamp ("istock 1993:") is a line part of at most this many words ending on a colon.
STAMP_MAX_WORDS = 3

#: A line of a related-stories list is a headline: short, with no final stop.
RELATED_HEADLINE_MAX_WORDS = 25

#: How many units below a headline may hold the first sentence that names an incident (a photo caption
#: or a byline may come between them on GVA dev pages).
HEADLINE_BODY_UNITS = 3

#: How many leading units may give the main incident its date: the lead
#: paragraph(s) of a news report say when the incident happened.
MAIN_DATE_LEAD_UNITS = 8

#: DateMention.kind → IncidentMention.date_basis.
DATE_BASIS = {"absolute": "absolute", "weekday": "weekday", "relative": "relative", "month": "relative",
              "year": "relative"}
#: The more precise kind wins when a unit holds several dates.
_KIND_RANK = {"absolute": 0, "weekday": 1, "relative": 2, "month": 3, "year": 4}

#: Event types that may stand for each other within one article (a hijacking
#: that is also a hostage taking; an attack that is a shooting).
_GENERIC_TYPES = {"other", "armed_assault"}


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Cues:
    temporal: GatedUnion
    temporal_vague: GatedUnion
    comparison: GatedUnion
    statistic: GatedUnion
    continuation: re.Pattern[str]
    publication_stamp: re.Pattern[str]
    month: re.Pattern[str]
    year: re.Pattern[str]
    triggers: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]  # type, pattern, its words' beginnings
    trigger_beginnings: tuple[str, ...]  # of every type's triggers
    trigger_heads: frozenset[str]  # their first trigger_head_length letters: a cheap look-up first
    trigger_head_length: int
    separation: GatedUnion
    new_incident: re.Pattern[str]
    other_incident: re.Pattern[str]
    related: GatedUnion
    several_incidents: GatedUnion
    video_stamp: re.Pattern[str]
    inner_name: re.Pattern[str]
    when: re.Pattern[str]


@cache
def cues() -> Cues:
    """The compiled patterns of ``background_cues.json``."""
    lexicon = load_lexicon("background_cues")
    months = "(?:" + "|".join(lexicon["months"]) + ")"
    times = "(?:" + "|".join(lexicon["times"]) + ")"

    def filled(patterns: list[str]) -> list[str]:
        return [p.replace("{month}", months).replace("{time}", times) for p in patterns]

    def union(patterns: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in filled(patterns)), re.IGNORECASE)

    def gated(patterns: list[str]) -> GatedUnion:
        return GatedUnion(filled(patterns), re.IGNORECASE)

    openers = "|".join(re.escape(o) for o in sorted(lexicon["continuation_openers"], key=len, reverse=True))
    triggers = tuple(
        (event_type, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE),
         word_beginnings(words))
        for event_type, words in lexicon["incident_triggers"].items()
    )
    beginnings = tuple(b for _, _, type_beginnings in triggers for b in type_beginnings)
    head_length = min(map(len, beginnings), default=0)
    return Cues(
        temporal=gated(lexicon["temporal"]),
        temporal_vague=gated(lexicon["temporal_vague"]),
        comparison=gated(lexicon["comparison"]),
        statistic=gated(lexicon["statistic"]),
        continuation=re.compile(rf"^\W*(?:{openers})\b", re.IGNORECASE),
        publication_stamp=re.compile(lexicon["publication_stamp"], re.IGNORECASE),
        month=re.compile(r"\b" + months, re.IGNORECASE),
        year=re.compile(r"\b(?:19|20)\d\d\b"),
        triggers=triggers,
        trigger_beginnings=beginnings,
        trigger_heads=frozenset(b[:head_length] for b in beginnings),
        trigger_head_length=head_length,
        separation=gated(lexicon["separation"]),
        # anchored at the start: the whole alternation fails fast, no gate needed
        new_incident=union(lexicon["new_incident_openers"]),
        other_incident=union(lexicon["other_incident_reference"]),
        related=gated(lexicon["related_markers"]),
        several_incidents=gated(lexicon["several_incidents"]),
        video_stamp=re.compile(lexicon["video_stamp"]),
        inner_name=re.compile(lexicon["crosshead_inner_name"]),
        when=re.compile(rf"\b{times}", re.IGNORECASE),
    )


_MONTH_NUMBER = {name[:3]: i for i, name in enumerate(MONTHS, start=1)}


# --------------------------------------------------------------------------- units


@dataclass
class Unit:
    """A sentence, or part of one, with its paragraph number (plain offsets into the text)."""

    start: int
    end: int
    text: str
    paragraph: int
    compared: bool = False  # follows a comparison cue: speaks of the incident compared with


_LINE_BREAK = re.compile(r"\n")
_LINE = re.compile(r"[^\n]+")


def units_from_sentences(text: str, sentences: Sequence[tuple[int, int]]) -> list[Unit]:
    """Units from sentence offsets: paragraphs from line breaks, sentences cut at comparison cues."""
    breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
    units: list[Unit] = []
    comparison = cues().comparison
    for sentence_start, sentence_end in sentences:
        # A line break ends a sentence whatever the parser says (headlines, crossheads).
        for line in _LINE.finditer(text[sentence_start:sentence_end]):
            start, end = sentence_start + line.start(), sentence_start + line.end()
            piece = line.group(0)
            if not piece.strip():
                continue
            paragraph = bisect_right(breaks, start)
            match = comparison.search(piece)
            # The part after "the deadliest since" speaks of the other incident.
            if match and match.end() < len(piece.rstrip()) - 1:
                cut = start + match.end()
                units.append(Unit(start, cut, text[start:cut], paragraph))
                units.append(Unit(cut, end, text[cut:end], paragraph, compared=True))
            else:
                units.append(Unit(start, end, piece, paragraph))
    return units


# --------------------------------------------------------------------------- pure helpers


def unit_event_type(text: str) -> str | None:
    """The most specific incident type a unit's words name, or None without any incident word."""
    words = gate_words(text)
    # A trigger matches the beginning of a word ("kidnap" in "kidnappers"): a type none of whose
    # triggers begins a word of the unit is not named, and its pattern need not run.
    known = cues()
    begun = None if words is None else [
        w for w in words if w[:known.trigger_head_length] in known.trigger_heads
        and w.startswith(known.trigger_beginnings)]
    found = None
    for event_type, pattern, beginnings in known.triggers:
        if begun is not None and beginnings and not any(w.startswith(beginnings) for w in begun):
            continue
        if pattern.search(text):
            if event_type not in _GENERIC_TYPES:
                return event_type
            found = found or event_type
    return found


def is_statistic(text: str) -> bool:
    """An aggregate figure ("2,500 killed in 2024", "an 84 per cent rise"), not one incident's."""
    return bool(cues().statistic.search(text))


def temporal_cue(text: str, main: date | None, dates: Sequence[DateMention] = (), offset: int = 0) -> str | None:
    """The phrase anchoring ``text`` to a time of its own other than ``main`` (None: no such phrase).

    A month or year that is the main incident's own ("in March" in a report of
    March) is no cue, nor a phrase that a resolved date of ``dates`` (spans
    in the text ``offset`` is the start of) places at the main incident's time.
    """
    for match in cues().temporal.finditer(text):
        phrase = match.group(0)
        if _SAID_BEFORE.search(text[max(0, match.start() - 60):match.start()]):
            continue  # "told the News Tribune this week": when it was said, not when it happened
        resolved = [d for d in dates if d.date and d.span[0] < offset + match.end() and offset + match.start() < d.span[1]]
        if main is not None and resolved:
            if any(dates_differ(d, main) for d in resolved):
                return phrase
            continue
        if main is not None:
            month = cues().month.search(phrase)
            year = cues().year.search(phrase)
            same_month = month is None or _MONTH_NUMBER.get(month.group(0).lower()[:3]) == main.month
            same_year = year is None or int(year.group(0)) == main.year
            if (month or year) and same_month and same_year:
                continue
        return phrase
    return None


#: The week of publication, as a cue phrase says it.
_THIS_WEEK = re.compile(r"(?:earlier |late |early )?this (?:week|weekend)", re.IGNORECASE)

#: A speech verb and up to four words right before a time phrase: the time is the saying's.
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|announced|confirmed|added|stated)(?:\s+[\w.'’-]+){0,4}\s+$",
                          re.IGNORECASE)


def vague_cue(text: str) -> str | None:
    """A phrase saying "another time" without saying which ("previously", "in the past")."""
    match = cues().temporal_vague.search(text)
    return match.group(0) if match else None


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


def places_compatible(outer: Place | None, inner: Place | None) -> bool:
    """Same place, or one inside the other (gazetteer hierarchy when available)."""
    if outer is None or inner is None:
        return True
    if _place_key(outer) == _place_key(inner):
        return True
    try:
        from accord.extract.gazetteer import place_contains
    except ImportError:
        place_contains = None
    if _county_and_town(outer, inner) or _county_and_town(inner, outer):
        return True
    if place_contains is not None:
        return bool(place_contains(outer, inner) or place_contains(inner, outer))
    # Without the gazetteer: a country or region holds whatever lies in it.
    if outer.country and inner.country and outer.country != inner.country:
        return False
    if "city" not in (outer.feature, inner.feature) or outer.feature != inner.feature:
        return True
    return outer.name.lower() == inner.name.lower()


def _county_and_town(county: Place, town: Place) -> bool:
    """A county and a town of its state: the gazetteer does not say which county a town lies in,
    so "Capitol Heights" may well be in "Prince George's County" (and in the GVA dev reports it is)."""
    return county.feature == "admin2" and town.feature in ("city", "admin2") and \
        county.country == town.country and county.admin1 is not None and county.admin1 == town.admin1


def _place_key(place: Place) -> tuple[object, ...]:
    return (place.geonameid,) if place.geonameid else (place.name.lower(), place.country)


def _stamped(found: DateMention, unit: Unit) -> bool:
    """A date the page gives itself ("Published Wednesday, Jan. 4"): no incident's time."""
    before = unit.text[max(0, found.span[0] - unit.start - 40):found.span[0] - unit.start]
    return bool(cues().publication_stamp.search(before))


def _by_unit(records: Sequence[_R], units: Sequence[Unit], starts: Sequence[int]) -> list[list[_R]]:
    """The records (anything with a ``span``) that start inside each unit, in one pass."""
    out: list[list[_R]] = [[] for _ in units]
    for record in records:
        span = getattr(record, "span", None)
        if span is None:
            continue
        i = bisect_right(starts, span[0]) - 1
        if 0 <= i < len(units) and span[0] < units[i].end:
            out[i].append(record)
    return out


# --------------------------------------------------------------------------- the split


@dataclass
class Split:
    """The mentions of one article and which mention each unit belongs to."""

    mentions: list[IncidentMention]
    unit_mention: list[int]
    units: list[Unit]
    statistic_units: set[int] = field(default_factory=set)
    _starts: list[int] = field(default_factory=list, repr=False)

    def mention_at(self, offset: int) -> int:
        """The mention a character offset belongs to (the main one outside every unit)."""
        if len(self._starts) != len(self.units):
            self._starts = [u.start for u in self.units]
        i = bisect_right(self._starts, offset) - 1
        if 0 <= i < len(self.units) and offset < self.units[i].end:
            return self.unit_mention[i]
        return 0


def split_article(
    article: str,
    units: Sequence[Unit],
    *,
    published: str | None = None,
    event_type: str | None = None,
    dates: Sequence[DateMention] = (),
    places: Sequence[Place] = (),
    actors: Sequence[Actor] = (),
    claims: Sequence[Claim] = (),
) -> Split:
    """Split an article's units among its main incident, background incidents and statistics."""
    units = list(units)
    starts = [u.start for u in units]
    unit_dates = [[d for d in found if not _stamped(d, units[i])]
                  for i, found in enumerate(_by_unit(dates, units, starts))]
    unit_claims = _by_unit(claims, units, starts)
    unit_places = [[p for p in found if not _names_a_person(p, units[i], unit_claims[i], actors)
                    and not _residence(p, units[i])]
                   for i, found in enumerate(_by_unit(places, units, starts))]
    unit_types = [unit_event_type(u.text) for u in units]
    related = related_units(units)
    statistic = [unit_types[i] is not None and is_statistic(u.text) for i, u in enumerate(units)]
    # The lead: the first unit naming an incident. Whatever time it gives is the main incident's.
    lead = next((i for i, t in enumerate(unit_types) if t is not None and not statistic[i] and i not in related), None)
    if lead is not None and _headline_of_a_count(units, unit_types, statistic, lead):
        statistic[lead] = True  # "Six shot, two fatally, in Baltimore" over "... in three separate shootings"
        lead = next((i for i, t in enumerate(unit_types)
                     if t is not None and not statistic[i] and i not in related), None)
    cue_less = [i == lead or temporal_cue(u.text, None) is None for i, u in enumerate(units)]

    main_date, main_basis = _main_date(units, unit_dates, cue_less, lead, unit_claims)
    anchor = main_date or parse_date(published)
    # Without a date of its own, the main incident happened some days before the report came out.
    lag_floor = anchor - timedelta(days=PUBLICATION_LAG_DAYS) if main_date is None and anchor else None
    # "this week" in a report of an incident of its week is the incident's week
    published_on = parse_date(published)
    this_week = anchor is not None and published_on is not None and \
        timedelta(0) <= published_on - anchor <= timedelta(days=PUBLICATION_LAG_DAYS)
    main_place = _main_place(units, unit_places, cue_less, lead, unit_claims)
    sections = crosshead_sections(units, unit_types, lead)
    headline_lead = lead is not None and _alone_without_stop(units, lead)

    main_type = event_type if event_type and event_type != "other" else (
        unit_types[lead] if lead is not None else None)
    # Each unit's label: "main" | "statistic" | "background" (joins a background mention of the same
    # time, type and place) | "new" (always opens its own) | "continue" (the background being told)
    # | "listed" (a headline of a related-stories list, which shares one mention with its list).
    labels: list[str] = []
    open_type: str | None = None  # the event type of the background incident being told, if any
    open_names: set[str] = set()  # the capitalised words its sentences name (its people, its places)
    counted_paragraph: int | None = None  # the paragraph of a count over several incidents, if any
    # After "in a separate shooting", or under a lead that counts over several incidents ("Seven people
    # shot in 72 hours in Buffalo", "4 dead in weekend shootings"), the article tells one incident after
    # another.
    # The count may also come right under a headline that names no figure ("Multiple people shot during
    # violent holiday weekend" / "Overnight, nine people were shot, including seven in just one location").
    roundup = lead is not None and any(
        statistic[i] and cues().several_incidents.search(units[i].text)
        for i in range(min(len(units), max(lead, lead + HEADLINE_BODY_UNITS + 1 if headline_lead else 0),
                           MAIN_DATE_LEAD_UNITS)))
    for i, unit in enumerate(units):
        if i in related:
            # a listed story with figures is an incident of its own; bare headlines share one for the list
            label = "new" if unit_claims[i] else "listed"
        elif i == lead:
            label = "main"
        elif statistic[i]:
            label = "statistic"
        elif unit_claims[i] and labels and labels[-1] == "statistic" and units[i - 1].paragraph == unit.paragraph \
                and all(_refers_back(c) for c in unit_claims[i]):
            label = "statistic"  # "This week alone, three were shot. Two of the victims died."
        elif unit_claims[i] and counted_paragraph == unit.paragraph:
            # "At least 11 students were shot in 2015 in three separate incidents. Two female students were shot
            # to death in an off-campus apartment ...": the incidents the count is made of
            label = "background"
        elif sections[i] is not None:
            label = "new" if sections[i] == i or (i > 0 and sections[i - 1] != sections[i]) else "continue"
        elif _turns_to_another(unit.text):
            # (the cue names the incident itself: "Several other incidents were reported at schools ...")
            label, roundup = "new", True
        else:
            # the lede under a headline tells the headline's incident wherever the gazetteer puts its places
            # ("Englewood" resolved to a town of another state, a suburb not known to lie in the county)
            lede = headline_lead and lead is not None and lead < i <= lead + HEADLINE_BODY_UNITS
            # a caption's stamp on the line before ("istock 1993:" over "Dr. David Gunn is shot to death ...")
            stamp = units[i - 1].text if i > 0 and units[i - 1].paragraph == unit.paragraph and \
                units[i - 1].text.rstrip().endswith(":") and len(units[i - 1].text.split()) <= STAMP_MAX_WORDS else None
            label = _label(unit, unit_types[i], unit_dates[i], unit_places[i], unit_claims[i], anchor, main_place,
                           lag_floor, by_place=not lede, stamp=stamp, this_week=this_week)
            if unit_claims[i] and (cues().separation.search(unit.text) or cues().other_incident.search(unit.text)):
                # "two more people were shot in another attack early Sunday", "In that case, a 15-year-old was killed"
                label = "background"
            if label == "main" and roundup:
                # A round-up tells its incidents one after another: a sentence opening on a clock time
                # ("About 2:05 a.m., a man ...") or bringing new people in at a time or place of their own
                # tells the next one; anything else goes on with the last.
                # A paragraph opening on a clock time ("• At 8:05 p.m., a 14-year-old boy was walking ...")
                # tells the next incident even before it names the shooting.
                clock_paragraph = (i == 0 or units[i - 1].paragraph != unit.paragraph) and \
                    bool(cues().new_incident.search(unit.text))
                # ... as does one naming the next of them ("Officers responded to the second shooting at ...")
                names_next = unit_types[i] is not None and bool(cues().separation.search(unit.text))
                opens = clock_paragraph or names_next or unit_types[i] is not None and unit_claims[i] and (
                    cues().new_incident.search(unit.text)
                    or _brings_in_victims(unit, unit_claims[i], unit_dates[i], unit_places[i]))
                label = "new" if opens else "continue"
            elif label == "main" and open_type is not None and unit_claims[i] and \
                    units[i - 1].paragraph == unit.paragraph and all(_refers_back(c) for c in unit_claims[i]):
                label = "continue"  # "Five of the officers died." after the other incident, in its paragraph
            elif label == "main" and open_type is not None and unit_claims[i] and \
                    units[i - 1].paragraph == unit.paragraph and all(
                        set(_CAPITALISED.findall(c.text)) & open_names for c in unit_claims[i]):
                label = "continue"  # "Dr. David Gunn is shot to death ... Griffin was convicted of murdering Gunn."
            elif label == "main" and open_type is not None and unit_claims[i] and \
                    units[i - 1].paragraph == unit.paragraph and _DEFINITE_INCIDENT.search(unit.text):
                label = "continue"  # "In August 2014, Evans opened fire ... Six people were shot in the incident."
            elif label == "main" and open_type is not None and cues().continuation.search(unit.text):
                # "It ..." in the same paragraph, or "The blast ..." when only the background incident was a blast.
                same_paragraph = units[i - 1].paragraph == unit.paragraph
                named_it = unit_types[i] == open_type and unit_types[i] != main_type
                # "That shooting happened about 6:15 p.m. Tuesday": the one just told, whatever its type
                pointed_at = bool(_THAT_INCIDENT.match(unit.text))
                label = "continue" if same_paragraph or named_it or pointed_at else "main"
            elif label == "main" and open_type is not None and unit_types[i] is None and not unit_claims[i] and \
                    units[i - 1].paragraph == unit.paragraph:
                label = "continue"  # "The child was rushed to the Texas Medical Center." goes on telling it
        if label == "statistic" and cues().several_incidents.search(unit.text):
            counted_paragraph = unit.paragraph
        if label in ("background", "new"):
            open_type, open_names = unit_types[i], set(_NAME_WORD.findall(unit.text))
        elif label == "continue":
            open_names.update(_NAME_WORD.findall(unit.text))
        else:
            open_type, open_names = None, set()
        labels.append(label)

    # Background units become mentions: one per distinct (time, type, place).
    mentions = [IncidentMention(index=0, article=article, event_type=main_type or "other",
                                date=main_date.isoformat() if main_date else (published or "")[:10] or None,
                                date_basis=main_basis if main_date else "published", place=main_place)]
    unit_mention: list[int] = []
    statistic_units: set[int] = set()
    statistic_index: int | None = None
    told = 0  # the background mention being told (0: none yet)
    listing: int | None = None  # the mention of the related-stories list being read
    keys: dict[int, tuple[date | None, str | None, Place | None, bool]] = {}
    for i, label in enumerate(labels):
        if label == "main":
            unit_mention.append(0)
        elif label == "statistic":
            statistic_units.add(i)
            if statistic_index is None:
                statistic_index = len(mentions)
                mentions.append(IncidentMention(index=statistic_index, article=article, event_type="other",
                                                background=True, statistic=True, date=None,
                                                date_basis="published", summary=units[i].text.strip()))
            unit_mention.append(statistic_index)
        elif label == "listed":
            if listing is None or labels[i - 1] not in ("listed", "new"):
                listing = len(mentions)
                mentions.append(IncidentMention(index=listing, article=article, event_type=unit_types[i] or "other",
                                                background=True, summary=units[i].text.strip()))
            unit_mention.append(listing)
        elif label == "continue":
            if told:
                _complete(mentions[told], unit_dates[i], unit_places[i])
            unit_mention.append(told)
        else:
            when, basis, written = _unit_date(unit_dates[i])
            place = unit_places[i][0] if unit_places[i] else None
            day_precise = written is not None and len(written.split("-")) == 3
            index = _same_background(keys, when, unit_types[i], place, day_precise) if label == "background" \
                else None
            if index is None:
                index = len(mentions)
                keys[index] = (when, unit_types[i], place, day_precise)
                mentions.append(IncidentMention(
                    index=index, article=article, event_type=unit_types[i] or "other", background=True,
                    date=written, date_basis=basis, place=place,
                    summary=units[i].text.strip()))
            told = index
            unit_mention.append(index)

    split = Split(mentions=mentions, unit_mention=unit_mention, units=units, statistic_units=statistic_units)
    mentions[0].summary = _main_summary(units, unit_mention, unit_types)
    for actor in actors:
        m = mentions[split.mention_at(actor.span[0])] if actor.span else mentions[0]
        name = actor.canonical or actor.name
        target = m.perpetrators if actor.role == "perpetrator" else m.victims if actor.role == "victim" else None
        if target is not None and not m.statistic:
            _add_name(target, name)
    return split


def _add_name(names: list[str], name: str) -> None:
    """Add a person's name once: "Garcia" after "Jose Garcia III" is the same person, and a full name
    replaces the surname said first. A bare surname would tie the incident to any other of that name."""
    words = name.lower().replace("-", " ").split()
    if not words or name in names:
        return
    for i, known in enumerate(names):
        known_words = known.lower().replace("-", " ").split()
        if len(words) == 1 and words[0] in known_words:
            return
        if len(known_words) == 1 and known_words[0] in words:
            names[i] = name
            return
    names.append(name)


def _complete(mention: IncidentMention, found_dates: Sequence[DateMention], found_places: Sequence[Place]) -> None:
    """Give a background mention the first date and place its later sentences name, when its first had none."""
    if mention.date is None:
        when, basis, written = _unit_date(found_dates)
        if when is not None:
            mention.date, mention.date_basis = written, basis
    if mention.place is None and found_places:
        mention.place = found_places[0]


#: First words of a figure phrase that bring new people in ("Two teenage boys", "A 24-year-old man").
_INTRODUCING = re.compile(r"^(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d[\d,]*(?:-year-old)?)\b",
                          re.IGNORECASE)
#: An age right after a figure phrase brings a named person in ("Eric Jordan, 19, was shot and killed").
_AGE_AFTER = re.compile(r"^,?\s*\d{1,3},")
#: Words saying the people are more of those already told ("another man was also shot").
_MORE_OF_THE_SAME = re.compile(r"\b(?:also|too|as well|another|other|others|second|third|fourth|fifth)\b",
                               re.IGNORECASE)

#: A figure phrase speaking again of people just told of: "the officers", "both", "five of the officers".
_REFERS_BACK = re.compile(r"^(?:the|both|all|he|she|they|him|her|them|each|[\w-]+ of (?:the|them|those))\b",
                          re.IGNORECASE)


#: A capitalised word past the first of a sentence: a name ("Gunn", "Pensacola").
_NAME_WORD = re.compile(r"(?<=\s)[A-Z][a-z][\w'’-]*")
#: A capitalised word of a figure phrase ("Dr. David Gunn", "Gunn").
_CAPITALISED = re.compile(r"\b[A-Z][a-z][\w'’-]*")
#: A death told as what became of somebody hit ("died at a local hospital", "succumbed to his injuries").
_DIED_LATER = re.compile(r"\b(?:died|dies|has died|succumbed|passed away)\b(?! (?:at the scene|instantly|on the spot))",
                         re.IGNORECASE)
#: A sentence opening on the incident just told, pointed at ("That shooting happened ...").
_THAT_INCIDENT = re.compile(r"^\W*that (?:[\w-]+ )?(?:shooting|attack|incident|bombing|killing|stabbing|case)\b",
                            re.IGNORECASE)
#: An incident spoken of as already named ("in the incident", "that shooting").
_DEFINITE_INCIDENT = re.compile(r"\b(?:the|that|this) (?:same )?(?:incident|shooting|attack|case|crime|killing|homicide|"
                                r"robbery|ambush|rampage|spree)\b", re.IGNORECASE)


def _refers_back(claim: Claim) -> bool:
    return bool(_REFERS_BACK.match(claim.text.strip()))


def _brings_in_victims(unit: Unit, unit_claims: Sequence[Claim], unit_dates: Sequence[DateMention],
                       unit_places: Sequence[Place]) -> bool:
    """In a round-up, a sentence that tells the next incident: it brings new people in ("Two teenage boys
    were shot around 11:30 p.m.") and says when or where, without adding them to the incident being
    told ("a third man was also grazed")."""
    if _MORE_OF_THE_SAME.search(unit.text):
        return False
    introduces = any(c.measure in ("killed", "injured") and (
        _INTRODUCING.match(c.text.strip()) or _AGE_AFTER.match(unit.text[c.span[1] - unit.start:]))
        for c in unit_claims)
    says_when = bool(unit_dates) or bool(cues().when.search(unit.text))
    return introduces and (says_when or bool(unit_places))


def _headline_of_a_count(units: Sequence[Unit], unit_types: Sequence[str | None], statistic: Sequence[bool],
                         lead: int) -> bool:
    """A headline (a line of its own, no final stop) whose first sentence below counts over several
    incidents ("Six shot, two fatally, in Baltimore" / "... were wounded in three separate shootings"):
    the headline gives that count too."""
    if not _alone_without_stop(units, lead):
        return False
    below = next((i for i in range(lead + 1, min(len(units), lead + 1 + HEADLINE_BODY_UNITS))
                  if unit_types[i] is not None), None)
    return below is not None and statistic[below] and bool(cues().several_incidents.search(units[below].text))


def _alone_without_stop(units: Sequence[Unit], i: int) -> bool:
    """A headline: a line of its own with no final stop."""
    text = units[i].text.strip()
    alone = (i == 0 or units[i - 1].paragraph != units[i].paragraph) and (
        i + 1 >= len(units) or units[i + 1].paragraph != units[i].paragraph)
    return alone and bool(text) and text[-1] not in _SENTENCE_END


def _turns_to_another(text: str) -> bool:
    """A sentence that opens on another incident ("In a separate shooting, ...", "Separately, ...")."""
    text = text.lstrip()
    found = cues().separation.search(text)
    if found is None:
        return False
    # at the start, or after a short lead-in set off by a comma ("Also this weekend, in an unrelated ...")
    before = text[:found.start()]
    return not before.strip() or (len(before) <= SEPARATION_OPENING_CHARS and before.rstrip().endswith(","))


def related_units(units: Sequence[Unit]) -> set[int]:
    """Units listing other stories: a video playlist ("1:51 Boy killed with machete"), or the lines after
    a "Related Articles" marker, up to the first line of running text.

    A listed line is a headline (short, no final stop), or a headline with a teaser cut short ("A charter
    bus wreck killed four people and injured dozens ..."); a line of running text between two listed
    lines is one more teaser whose headline the page ran into it, unless it goes on with the report
    ("The shooting happened ..."). Whatever a line is, all its units are.
    """
    found: set[int] = set()
    lines: list[list[int]] = []
    for i, unit in enumerate(units):
        if not unit.text.strip():
            continue
        if lines and units[lines[-1][0]].paragraph == unit.paragraph:
            lines[-1].append(i)
        else:
            lines.append([i])
    listing = False
    for k, line in enumerate(lines):
        first = units[line[0]].text.strip()
        if cues().video_stamp.match(first):
            found.update(line)
            continue
        if _doubled_headline(units[line[0]].text):
            # "1 dead, 5 wounded in suburban Phoenix shootings 1 dead, 5 wounded in suburban Phoenix shootings
            # A gunman killed ...": a teaser block (headline, its link, its summary), and more may follow
            found.update(line)
            listing = True
            continue
        at = next((n for n, i in enumerate(line) if cues().related.search(units[i].text.strip())), None)
        if at is not None:
            listing = True
            # the first headline, printed on the marker's line after it
            marked = units[line[at]].text.strip()
            marker = cues().related.search(marked)
            if marker is not None and marker.end() < len(marked) - 1:
                found.add(line[at])
            found.update(line[at + 1:])
            continue
        if not listing:
            continue
        # Running text that goes on with the report ("The shooting happened ...") is never a teaser.
        bridged = k + 1 < len(lines) and not cues().continuation.search(first) and _listed_line(units, lines[k + 1]) \
            and not cues().video_stamp.match(units[lines[k + 1][0]].text.strip())
        if _listed_line(units, line) or bridged:
            found.update(line)
        else:
            listing = False
    return found


#: A line opening on the same headline twice (a teaser's title and its link): DOUBLED_MIN_WORDS words or
#: more, no quotation (a speaker may repeat himself: "I don't even remember, I don't even remember").
#: (The GVA dev teaser blocks double headlines of 6 to 12 words.)
DOUBLED_MIN_WORDS = 4
_DOUBLED = re.compile(r"^\s*(?P<headline>[^\W_][^.!?\"“”]{14,119}?)\s+(?P=headline)(?=\W|$)")


def _doubled_headline(text: str) -> bool:
    found = _DOUBLED.match(text)
    # a headline is no clause ending on a comma
    return found is not None and len(found.group("headline").split()) >= DOUBLED_MIN_WORDS and \
        not found.group("headline").rstrip().endswith(",")


def _listed_line(units: Sequence[Unit], line: Sequence[int]) -> bool:
    """A line that reads as an entry of a list of stories: a headline, or a teaser cut short."""
    first = units[line[0]].text.strip()
    headline = first[-1] not in _SENTENCE_END and len(first.split()) <= RELATED_HEADLINE_MAX_WORDS
    return headline or _cut_short(units[line[-1]].text)


def _cut_short(text: str) -> bool:
    """A teaser cut off by the page ("... closed the US-74 bypass in Richmond Count…")."""
    return text.rstrip().endswith(("…", "..."))


def is_crosshead(unit: Unit) -> bool:
    """A short heading line that names an incident and a place or person ("Shooting behind Nobby's")."""
    text = unit.text.strip()
    return (0 < len(text.split()) <= CROSSHEAD_MAX_WORDS and text[-1] not in _SENTENCE_END + ":"
            and unit_event_type(text) is not None and bool(cues().inner_name.search(text)))


def crosshead_sections(units: Sequence[Unit], unit_types: Sequence[str | None], lead: int | None) -> list[int | None]:
    """For a round-up printed in sections under crossheads, the crosshead each unit after the lead's
    section falls under (None elsewhere, and for every unit of an article that is not such a round-up)."""
    per_paragraph: dict[int, int] = {}
    for unit in units:
        per_paragraph[unit.paragraph] = per_paragraph.get(unit.paragraph, 0) + 1
    alone = {p for p, n in per_paragraph.items() if n == 1}
    start = lead if lead is not None else 0
    heads = [i for i, u in enumerate(units) if i > start and u.paragraph in alone and is_crosshead(u)]
    sections: list[int | None] = [None] * len(units)
    if len(heads) < ROUNDUP_MIN_CROSSHEADS:
        return sections
    current: int | None = None
    for i in range(len(units)):
        if heads and i == heads[0]:
            current = heads.pop(0)
        sections[i] = current
    return sections


def _names_a_person(place: Place, unit: Unit, unit_claims: Sequence[Claim], actors: Sequence[Actor]) -> bool:
    """A place match that is a person: part of the counted people's phrase ("Austin was pronounced dead"),
    a speaker ("Zala said"), or a word of a person's name the article gives ("Shaniqwa Copeland")."""
    if place.span is None:
        return False
    if any(c.span[0] < place.span[1] and place.span[0] < c.span[1] for c in unit_claims):
        return True
    after = unit.text[place.span[1] - unit.start:place.span[1] - unit.start + 12]
    if _SPEAKER_AFTER.match(after):
        return True
    name = (place.text or place.name).lower()
    # a full name's word ("Shaniqwa Copeland"), or a victim or perpetrator named by surname alone ("Milner"):
    # a person whatever the gazetteer says
    return any(actor.role in ("victim", "perpetrator", "official") and name in actor.name.lower().split()
               and (len(actor.name.split()) > 1 or actor.role != "official") for actor in actors)


#: An age and "of" (or "from") before a place name: where a person lives ("Julian A. Johnson, 29, of
#: Dayton"), not where anything happened.
_RESIDENCE_BEFORE = re.compile(r"\b\d{1,3},?\s+(?:of|from)\s+(?:the\s+)?$")


def _residence(place: Place, unit: Unit) -> bool:
    if place.span is None:
        return False
    before = unit.text[max(0, place.span[0] - unit.start - 20):place.span[0] - unit.start]
    return bool(_RESIDENCE_BEFORE.search(before))


#: A name followed by a speech verb is a speaker, not a place.
_SPEAKER_AFTER = re.compile(r"^,?\s(?:said|says|told|added|stated)\b")
_SENTENCE_END = ".!?\"\u201d"


def _main_date(units: Sequence[Unit], unit_dates: Sequence[Sequence[DateMention]],
               cue_less: Sequence[bool], lead: int | None,
               unit_claims: Sequence[Sequence[Claim]] = ()) -> tuple[date | None, str]:
    """The lead's date, else the first day-precise date of the cue-less units near the top.

    A lead that reports an arrest ("Police arrested a man Thursday in the shooting death of ...")
    dates the arrest: the incident is the earlier day a following sentence gives to its deaths or
    injuries, if one does. So does a date given by a sentence that counts nobody ("at his arraignment
    Monday"): a report of a court hearing or a vigil tells its incident months later ("is accused of
    killing Ernest Edwards at the Nite Owl Bar on Jan. 26").
    """
    order = ([lead] if lead is not None else []) + list(range(min(len(units), MAIN_DATE_LEAD_UNITS)))
    found_date, basis, found_at = None, "published", None
    for i in order:
        found = _day_precise(unit_dates[i]) if cue_less[i] else None
        if found is not None:
            (found_date, basis), found_at = found, i
            break
    if found_date is None or found_at is None or lead is None or not unit_claims:
        return found_date, basis
    if any(c.measure == "arrested" for c in unit_claims[lead]):
        latest, search = FOLLOW_UP_DAYS, MAIN_DATE_LEAD_UNITS
    elif not any(c.measure in ("killed", "injured") for c in unit_claims[found_at]):
        latest, search = COURT_FOLLOW_UP_DAYS, FOLLOW_UP_SEARCH_UNITS
    else:
        return found_date, basis
    for i in range(lead + 1, min(len(units), lead + search)):
        if not cue_less[i] or not any(c.measure in ("killed", "injured") for c in unit_claims[i]):
            continue
        earlier = _day_precise(unit_dates[i])
        if earlier is not None and timedelta(days=SAME_INCIDENT_DAYS) < found_date - earlier[0] \
                <= timedelta(days=latest):
            return earlier
    return found_date, basis


def _day_precise(found: Sequence[DateMention]) -> tuple[date, str] | None:
    for item in sorted(found, key=lambda d: (_KIND_RANK.get(d.kind, 9), d.span[0])):
        when = parse_date(item.date)
        day_precise = item.date is not None and len(item.date.split("-")) == 3
        if when is not None and day_precise and item.kind in ("absolute", "weekday", "relative"):
            return when, DATE_BASIS[item.kind]
    return None


#: A dateline: the capitalised place a report was filed from, before a dash
#: ("NAIROBI —", "DAYTON, Ohio (AP) --"). Capitals only, so a sentence opening
#: with a place name is not one.
_DATELINE = re.compile(r"^\W*[A-Z][A-Z.'\- ]{2,}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:\([^)]{1,40}\))?\s*(?:—|–|--|-)\s*")


#: The outlet's name after the last dash or bar of a page title ("... - WTRF 7 News Sports Weather").
_OUTLET_TAIL = re.compile(r"\s(?:-|–|—|\|)\s(?=[^-–—|]*\b(?:News|TV|Radio|Channel|Times|Post|Herald|Tribune|Gazette|"
                          r"Journal|Daily|Press|Online|com)\b)[^-–—|]*$")


def _main_place(units: Sequence[Unit], unit_places: Sequence[Sequence[Place]],
                cue_less: Sequence[bool], lead: int | None,
                unit_claims: Sequence[Sequence[Claim]] = ()) -> Place | None:
    """The lead's first place (a report says where in its first sentence), else the most named city
    of the cue-less top units (first named wins a tie), else the first place named. Where somebody
    was arrested ("was arrested Friday at an apartment complex in Trotwood") is not where it happened."""
    # "... wounded officer - KSLA News 12 Shreveport, Louisiana News": a page title ends on the outlet,
    # whose town is not the incident's
    outlet = _OUTLET_TAIL.search(units[lead].text) if lead is not None else None
    stop = units[lead].start + outlet.start() if lead is not None and outlet else None
    lead_places = [p for p in unit_places[lead] if stop is None or (p.span and p.span[0] < stop)] \
        if lead is not None else []
    if lead is not None and lead_places:
        # "NAIROBI — Soldiers stormed a hideout in Tana River County": the dateline is where the
        # reporter filed from; another place of the lead is where it happened.
        dateline = _DATELINE.match(units[lead].text)
        cut = units[lead].start + dateline.end() if dateline else -1
        inside = [p for p in lead_places if p.span and p.span[0] >= cut] or lead_places
        first = min(inside, key=lambda p: p.span[0] if p.span else 0)
        # "HOLA, Kenya — ... in Kenya's Tana River County": a country or a region the dateline's town
        # (or another town of the lead) lies in is the same place, said less precisely.
        return town_within(first, lead_places)
    counts: dict[tuple[object, ...], list[Place]] = {}
    first: Place | None = None
    for i in range(min(len(units), MAIN_DATE_LEAD_UNITS)):
        if not cue_less[i] or (i < len(unit_claims) and unit_claims[i]
                               and all(c.measure == "arrested" for c in unit_claims[i])):
            continue
        for place in unit_places[i] if i != lead else lead_places:
            first = first or place
            if place.feature == "city":
                counts.setdefault(_place_key(place), []).append(place)
    if counts:
        return max(counts.values(), key=len)[0]
    return first


def _label(unit: Unit, unit_type: str | None, unit_dates: Sequence[DateMention], unit_places: Sequence[Place],
           unit_claims: Sequence[Claim], anchor: date | None, main_place: Place | None,
           lag_floor: date | None = None, by_place: bool = True, stamp: str | None = None,
           this_week: bool = False) -> str:
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
    if cue is not None and this_week and _THIS_WEEK.fullmatch(cue):
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


def _unit_date(found: Sequence[DateMention]) -> tuple[date | None, str, str | None]:
    """The most precise date of a unit: (its first day, basis, the ISO text as resolved: "2024-11")."""
    for item in sorted(found, key=lambda d: (_KIND_RANK.get(d.kind, 9), d.span[0])):
        when = parse_date(item.date)
        if when is not None:
            return when, DATE_BASIS.get(item.kind, "relative"), item.date
    return None, "published", None


def _same_background(keys: dict[int, tuple[date | None, str | None, Place | None, bool]], when: date | None,
                     unit_type: str | None, place: Place | None, day_precise: bool = False) -> int | None:
    """A background mention already opened for the same time, type and place.

    The same time is the same month, or, when both days are known, days at most SAME_INCIDENT_DAYS
    apart ("On June 20, 11 were shot" is not the block party shot up on June 27).
    """
    for index, (k_when, k_type, k_place, k_day_precise) in keys.items():
        if when is None or k_when is None or (k_when.year, k_when.month) != (when.year, when.month):
            continue
        if day_precise and k_day_precise and abs((when - k_when).days) > SAME_INCIDENT_DAYS:
            continue
        if unit_type != k_type and not {unit_type, k_type} & _GENERIC_TYPES:
            continue
        if places_compatible(k_place, place):
            return index
    return None


def _main_summary(units: Sequence[Unit], unit_mention: Sequence[int], unit_types: Sequence[str | None]) -> str:
    """The first main unit with an incident word (else the first main unit)."""
    main = [i for i, m in enumerate(unit_mention) if m == 0]
    for i in main:
        if unit_types[i] is not None:
            return units[i].text.strip()
    return units[main[0]].text.strip() if main else ""


# --------------------------------------------------------------------------- writing back


def figure_date(claim: Claim, mention: IncidentMention, dates: Sequence[DateMention],
                published: str | None) -> str | None:
    """When the figure was true (its ``as_of``): a later day its own sentence names, else the publication date.

    The incident's date is not the figure's: a toll reported the next day is as of the next day,
    which is what lets reconcile tell an update from a dispute. "By Thursday, the toll had risen
    to 27" dates the count itself, so a date in the claim's sentence after the incident's wins.
    """
    start, end = claim.sentence_span
    in_sentence = [d.date for d in dates if d.date and start <= d.span[0] < end and len(d.date) == 10]
    later = [d for d in in_sentence if mention.date and d > mention.date and (published is None or d <= published)]
    if later:
        return max(later)
    return published or mention.date


def apply_split(split: Split, *, published: str | None, claims: list[Claim], statistics: list[Claim],
                quotes: Sequence[Quote], dates: Sequence[DateMention], places: Sequence[Place],
                actors: Sequence[Actor]) -> tuple[list[Claim], list[Claim]]:
    """Set ``.mention`` on every record and ``as_of`` on claims; return (claims, statistics)."""
    for record in (*quotes, *dates, *places, *actors):
        span = getattr(record, "span", None)
        record.mention = split.mention_at(span[0]) if span else 0
    kept: list[Claim] = []
    moved = list(statistics)
    for claim in claims:
        claim.mention = split.mention_at(claim.span[0])
        mention = split.mentions[claim.mention]
        if mention.statistic:
            moved.append(claim)
            continue
        claim.as_of = figure_date(claim, mention, dates, published)
        kept.append(claim)
    for claim in moved:
        claim.mention = split.mention_at(claim.span[0])
        if claim.as_of is None:
            claim.as_of = published
    return kept, moved


def _inside(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls in one of ``spans`` (sorted, disjoint)."""
    i = bisect_right(spans, (offset, len(spans) and spans[-1][1] + 1)) - 1
    return 0 <= i < len(spans) and spans[i][0] <= offset < spans[i][1]


def _outside(spans: Sequence[tuple[int, int]], records: Sequence[_R] | None) -> list[_R]:
    """The records (anything with a ``span``) that do not start inside one of ``spans``."""
    if not spans:
        return list(records or [])
    return [r for r in records or [] if (span := getattr(r, "span", None)) is None or not _inside(spans, span[0])]


@dataclass
class SplitRecords:
    """What the split leaves of one article's records: page furniture dropped, ``.mention`` set."""

    mentions: list[IncidentMention]
    claims: list[Claim]
    statistics: list[Claim]
    quotes: list[Quote]
    dates: list[DateMention]
    places: list[Place]
    actors: list[Actor]


def split_records(
    text: str, sentences: Sequence[tuple[int, int]], *, article: str = "", published: str | None = None,
    event_type: str | None = None, claims: Sequence[Claim] = (), statistics: Sequence[Claim] = (),
    quotes: Sequence[Quote] = (), dates: Sequence[DateMention] = (), places: Sequence[Place] = (),
    actors: Sequence[Actor] = (),
) -> SplitRecords:
    """Split one article (its text, sentence offsets and the records found in it) among its incidents.

    Page furniture (a rights notice, a sign-up prompt, a block of teasers) is no part of the report:
    nothing found on it is kept, and it opens no incident.
    """
    furniture = furniture_line_spans(text)
    units = [u for u in units_from_sentences(text, sentences) if not _inside(furniture, u.start)]
    kept_quotes, kept_dates, kept_places, kept_actors = (
        _outside(furniture, records) for records in (quotes, dates, places, actors))
    kept_claims = _outside(furniture, claims)
    split = split_article(
        article, units, published=published, event_type=event_type,
        dates=kept_dates, places=kept_places, actors=kept_actors, claims=kept_claims)
    main_claims, moved = apply_split(
        split, published=published, claims=kept_claims, statistics=_outside(furniture, statistics),
        quotes=kept_quotes, dates=kept_dates, places=kept_places, actors=kept_actors)
    return SplitRecords(mentions=split.mentions, claims=main_claims, statistics=moved, quotes=kept_quotes,
                        dates=kept_dates, places=kept_places, actors=kept_actors)


@Language.factory(
    "accord_mentions",
    assigns=["doc._.mentions", "doc._.claims", "doc._.statistics", "doc._.quotes", "doc._.dates", "doc._.places",
             "doc._.actors"],
    requires=["doc._.dates", "doc._.places", "doc._.actors", "doc._.claims"],
)
def make_component(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    def component(doc: Doc) -> Doc:
        text = doc_text(doc)
        sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") \
            else [(0, len(text))]
        done = split_records(
            text, sentences, article=doc._.article_id or "", published=doc._.published, event_type=doc._.event_type,
            claims=doc._.claims or [], statistics=doc._.statistics or [], quotes=doc._.quotes or [],
            dates=doc._.dates or [], places=doc._.places or [], actors=doc._.actors or [])
        doc._.claims, doc._.statistics, doc._.mentions = done.claims, done.statistics, done.mentions
        doc._.quotes, doc._.dates, doc._.places, doc._.actors = done.quotes, done.dates, done.places, done.actors
        return doc

    return component


__all__ = ["COMPONENT_VERSION", "Split", "SplitRecords", "Unit", "apply_split",
           "crosshead_sections", "is_crosshead", "is_statistic", "related_units",
           "split_article", "split_records", "temporal_cue", "unit_event_type", "units_from_sentences"]
