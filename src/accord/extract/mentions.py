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
  also in the headline above such a count); from there on each sentence goes
  on with the incident being told, and one opening on a clock time ("About
  2:05 a.m., a man ...") or bringing new people in with a time or place of
  their own ("Two teenage boys were shot around 11:30 p.m.") tells the next;
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

A sentence in the paragraph of another incident that speaks again of its
people ("Five of the officers died.") goes on with it; a time phrase after a
speech verb ("told the paper this week") is when it was said, no other time.
A follow-up keeps its incident: an arrest made elsewhere or days later is the
main incident's, a lead that reports an arrest does not date the incident, and
a report with no date of its own keeps the week before its publication. A place
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
    temporal: re.Pattern[str]
    temporal_vague: re.Pattern[str]
    comparison: re.Pattern[str]
    statistic: re.Pattern[str]
    continuation: re.Pattern[str]
    publication_stamp: re.Pattern[str]
    month: re.Pattern[str]
    year: re.Pattern[str]
    triggers: tuple[tuple[str, re.Pattern[str]], ...]
    separation: re.Pattern[str]
    new_incident: re.Pattern[str]
    related: re.Pattern[str]
    several_incidents: re.Pattern[str]
    video_stamp: re.Pattern[str]
    inner_name: re.Pattern[str]
    when: re.Pattern[str]


@cache
def cues() -> Cues:
    """The compiled patterns of ``background_cues.json``."""
    lexicon = load_lexicon("background_cues")
    months = "(?:" + "|".join(lexicon["months"]) + ")"
    times = "(?:" + "|".join(lexicon["times"]) + ")"

    def union(patterns: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p.replace('{month}', months).replace('{time}', times)})" for p in patterns),
                          re.IGNORECASE)

    openers = "|".join(re.escape(o) for o in sorted(lexicon["continuation_openers"], key=len, reverse=True))
    triggers = tuple(
        (event_type, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE))
        for event_type, words in lexicon["incident_triggers"].items()
    )
    return Cues(
        temporal=union(lexicon["temporal"]),
        temporal_vague=union(lexicon["temporal_vague"]),
        comparison=union(lexicon["comparison"]),
        statistic=union(lexicon["statistic"]),
        continuation=re.compile(rf"^\W*(?:{openers})\b", re.IGNORECASE),
        publication_stamp=re.compile(lexicon["publication_stamp"], re.IGNORECASE),
        month=re.compile(r"\b" + months, re.IGNORECASE),
        year=re.compile(r"\b(?:19|20)\d\d\b"),
        triggers=triggers,
        separation=union(lexicon["separation"]),
        new_incident=union(lexicon["new_incident_openers"]),
        related=union(lexicon["related_markers"]),
        several_incidents=union(lexicon["several_incidents"]),
        video_stamp=re.compile(lexicon["video_stamp"]),
        inner_name=re.compile(lexicon["crosshead_inner_name"]),
        when=re.compile(rf"\b{times}", re.IGNORECASE),
    )


_MONTH_NUMBER = {name[:3]: i for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), start=1)}


# --------------------------------------------------------------------------- units


@dataclass
class Unit:
    """A sentence, or part of one, with its paragraph number (plain offsets into the text)."""

    start: int
    end: int
    text: str
    paragraph: int
    compared: bool = False  # follows a comparison cue: speaks of the incident compared with


def units_from_sentences(text: str, sentences: Sequence[tuple[int, int]]) -> list[Unit]:
    """Units from sentence offsets: paragraphs from line breaks, sentences cut at comparison cues."""
    breaks = [m.start() for m in re.finditer(r"\n", text)]
    units: list[Unit] = []
    comparison = cues().comparison
    for sentence_start, sentence_end in sentences:
        # A line break ends a sentence whatever the parser says (headlines, crossheads).
        for line in re.finditer(r"[^\n]+", text[sentence_start:sentence_end]):
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
    found = None
    for event_type, pattern in cues().triggers:
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
    if place_contains is not None:
        return bool(place_contains(outer, inner) or place_contains(inner, outer))
    # Without the gazetteer: a country or region holds whatever lies in it.
    if outer.country and inner.country and outer.country != inner.country:
        return False
    if "city" not in (outer.feature, inner.feature) or outer.feature != inner.feature:
        return True
    return outer.name.lower() == inner.name.lower()


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
    unit_places = [[p for p in found if not _names_a_person(p, units[i], unit_claims[i], actors)]
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
    main_place = _main_place(units, unit_places, cue_less, lead)
    sections = crosshead_sections(units, unit_types, lead)

    main_type = event_type if event_type and event_type != "other" else (
        unit_types[lead] if lead is not None else None)
    # Each unit's label: "main" | "statistic" | "background" (joins a background mention of the same
    # time, type and place) | "new" (always opens its own) | "continue" (the background being told)
    # | "listed" (a headline of a related-stories list, which shares one mention with its list).
    labels: list[str] = []
    open_type: str | None = None  # the event type of the background incident being told, if any
    # After "in a separate shooting", or under a lead that counts over several incidents ("Seven people
    # shot in 72 hours in Buffalo", "4 dead in weekend shootings"), the article tells one incident after
    # another.
    roundup = lead is not None and any(
        statistic[i] and cues().several_incidents.search(units[i].text) for i in range(min(lead, MAIN_DATE_LEAD_UNITS)))
    for i, unit in enumerate(units):
        if i in related:
            # a listed story with figures is an incident of its own; bare headlines share one for the list
            label = "new" if unit_claims[i] else "listed"
        elif i == lead:
            label = "main"
        elif statistic[i]:
            label = "statistic"
        elif sections[i] is not None:
            label = "new" if sections[i] == i or (i > 0 and sections[i - 1] != sections[i]) else "continue"
        elif unit_types[i] is not None and _turns_to_another(unit.text):
            label, roundup = "new", True
        else:
            label = _label(unit, unit_types[i], unit_dates[i], unit_places[i], unit_claims[i], anchor, main_place,
                           lag_floor)
            if unit_claims[i] and cues().separation.search(unit.text):
                label = "background"  # "two more people were shot in another attack early Sunday"
            if label == "main" and roundup:
                # A round-up tells its incidents one after another: a sentence opening on a clock time
                # ("About 2:05 a.m., a man ...") or bringing new people in at a time or place of their own
                # tells the next one; anything else goes on with the last.
                opens = unit_types[i] is not None and unit_claims[i] and (
                    cues().new_incident.search(unit.text)
                    or _brings_in_victims(unit, unit_claims[i], unit_dates[i], unit_places[i]))
                label = "new" if opens else "continue"
            elif label == "main" and open_type is not None and unit_claims[i] and \
                    units[i - 1].paragraph == unit.paragraph and all(_refers_back(c) for c in unit_claims[i]):
                label = "continue"  # "Five of the officers died." after the other incident, in its paragraph
            elif label == "main" and open_type is not None and cues().continuation.search(unit.text):
                # "It ..." in the same paragraph, or "The blast ..." when only the background incident was a blast.
                same_paragraph = units[i - 1].paragraph == unit.paragraph
                named_it = unit_types[i] == open_type and unit_types[i] != main_type
                label = "continue" if same_paragraph or named_it else "main"
        if label in ("background", "new"):
            open_type = unit_types[i]
        elif label != "continue":
            open_type = None
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
    keys: dict[int, tuple[date | None, str | None, Place | None]] = {}
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
            index = _same_background(keys, when, unit_types[i], place) if label == "background" else None
            if index is None:
                index = len(mentions)
                keys[index] = (when, unit_types[i], place)
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
#: Words saying the people are more of those already told ("another man was also shot").
_MORE_OF_THE_SAME = re.compile(r"\b(?:also|too|as well|another|other|others|second|third|fourth|fifth)\b",
                               re.IGNORECASE)

#: A figure phrase speaking again of people just told of: "the officers", "both", "five of the officers".
_REFERS_BACK = re.compile(r"^(?:the|both|all|he|she|they|him|her|them|each|[\w-]+ of (?:the|them|those))\b",
                          re.IGNORECASE)


def _refers_back(claim: Claim) -> bool:
    return bool(_REFERS_BACK.match(claim.text.strip()))


def _brings_in_victims(unit: Unit, unit_claims: Sequence[Claim], unit_dates: Sequence[DateMention],
                       unit_places: Sequence[Place]) -> bool:
    """In a round-up, a sentence that tells the next incident: it brings new people in ("Two teenage boys
    were shot around 11:30 p.m.") and says when or where, without adding them to the incident being
    told ("a third man was also grazed")."""
    if _MORE_OF_THE_SAME.search(unit.text):
        return False
    introduces = any(c.measure in ("killed", "injured") and _INTRODUCING.match(c.text.strip()) for c in unit_claims)
    says_when = bool(unit_dates) or bool(cues().when.search(unit.text))
    return introduces and (says_when or bool(unit_places))


def _headline_of_a_count(units: Sequence[Unit], unit_types: Sequence[str | None], statistic: Sequence[bool],
                         lead: int) -> bool:
    """A headline (a line of its own, no final stop) whose first sentence below counts over several
    incidents ("Six shot, two fatally, in Baltimore" / "... were wounded in three separate shootings"):
    the headline gives that count too."""
    text = units[lead].text.strip()
    alone = (lead == 0 or units[lead - 1].paragraph != units[lead].paragraph) and (
        lead + 1 >= len(units) or units[lead + 1].paragraph != units[lead].paragraph)
    if not alone or not text or text[-1] in _SENTENCE_END:
        return False
    below = next((i for i in range(lead + 1, min(len(units), lead + 1 + HEADLINE_BODY_UNITS))
                  if unit_types[i] is not None), None)
    return below is not None and statistic[below] and bool(cues().several_incidents.search(units[below].text))


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
    return any(actor.role in ("victim", "perpetrator", "official") and len(actor.name.split()) > 1
               and name in actor.name.lower().split() for actor in actors)


#: A name followed by a speech verb is a speaker, not a place.
_SPEAKER_AFTER = re.compile(r"^,?\s(?:said|says|told|added|stated)\b")
_SENTENCE_END = ".!?\"\u201d"


def _main_date(units: Sequence[Unit], unit_dates: Sequence[Sequence[DateMention]],
               cue_less: Sequence[bool], lead: int | None,
               unit_claims: Sequence[Sequence[Claim]] = ()) -> tuple[date | None, str]:
    """The lead's date, else the first day-precise date of the cue-less units near the top.

    A lead that reports an arrest ("Police arrested a man Thursday in the shooting death of ...")
    dates the arrest: the incident is the earlier day a following sentence gives to its deaths or
    injuries, if one does.
    """
    order = ([lead] if lead is not None else []) + list(range(min(len(units), MAIN_DATE_LEAD_UNITS)))
    found_date, basis = None, "published"
    for i in order:
        found = _day_precise(unit_dates[i]) if cue_less[i] else None
        if found is not None:
            found_date, basis = found
            break
    if found_date is None or lead is None or not unit_claims:
        return found_date, basis
    if not any(c.measure == "arrested" for c in unit_claims[lead]):
        return found_date, basis
    for i in range(lead + 1, min(len(units), lead + MAIN_DATE_LEAD_UNITS)):
        if not cue_less[i] or not any(c.measure in ("killed", "injured") for c in unit_claims[i]):
            continue
        earlier = _day_precise(unit_dates[i])
        if earlier is not None and timedelta(days=SAME_INCIDENT_DAYS) < found_date - earlier[0] \
                <= timedelta(days=FOLLOW_UP_DAYS):
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


def _main_place(units: Sequence[Unit], unit_places: Sequence[Sequence[Place]],
                cue_less: Sequence[bool], lead: int | None) -> Place | None:
    """The lead's first place (a report says where in its first sentence), else the most named city
    of the cue-less top units (first named wins a tie), else the first place named."""
    if lead is not None and unit_places[lead]:
        # "NAIROBI — Soldiers stormed a hideout in Tana River County": the dateline is where the
        # reporter filed from; another place of the lead is where it happened.
        dateline = _DATELINE.match(units[lead].text)
        cut = units[lead].start + dateline.end() if dateline else -1
        inside = [p for p in unit_places[lead] if p.span and p.span[0] >= cut] or list(unit_places[lead])
        first = min(inside, key=lambda p: p.span[0] if p.span else 0)
        # "HOLA, Kenya — ... in Kenya's Tana River County": a country or a region the dateline's town
        # (or another town of the lead) lies in is the same place, said less precisely.
        return town_within(first, unit_places[lead])
    counts: dict[tuple[object, ...], list[Place]] = {}
    first: Place | None = None
    for i in range(min(len(units), MAIN_DATE_LEAD_UNITS)):
        if not cue_less[i]:
            continue
        for place in unit_places[i]:
            first = first or place
            if place.feature == "city":
                counts.setdefault(_place_key(place), []).append(place)
    if counts:
        return max(counts.values(), key=len)[0]
    return first


def _label(unit: Unit, unit_type: str | None, unit_dates: Sequence[DateMention], unit_places: Sequence[Place],
           unit_claims: Sequence[Claim], anchor: date | None, main_place: Place | None,
           lag_floor: date | None = None) -> str:
    """main | background, for a unit that is neither the lead nor a statistic.

    ``lag_floor``: when the main incident is only dated by the publication (``anchor``), the first
    day it may have happened; a date between it and the anchor is no other time.
    """
    if unit.compared and (unit_claims or unit_dates):
        return "background"
    if unit_type is None:
        return "main"  # no incident word: context
    # An arrest is a later step of the incident, often somewhere else ("arrested Friday in Caldwell
    # County, where he fled"): a later date or another place does not make it another incident.
    follow_up = bool(unit_claims) and all(c.measure == "arrested" for c in unit_claims)

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

    other_time = temporal_cue(unit.text, anchor, unit_dates, unit.start) is not None or any(
        other_date(d) for d in unit_dates)
    # Figures said of another, unnamed time ("previously, 12 were killed") are not the main incident's.
    vague_time = bool(unit_claims) and vague_cue(unit.text) is not None
    # A place the main incident is not in, where something with figures happened.
    # A sentence that also names the main incident's city speaks of its surroundings ("a student at
    # McGavock High School in Nashville ... at an apartment in Hermitage").
    cities = [p for p in unit_places if p.feature == "city"]
    names_main = main_place is not None and any(places_compatible(main_place, p) for p in cities)
    other_place = bool(unit_claims) and not follow_up and not names_main and any(
        not places_compatible(main_place, p) for p in cities)
    return "background" if other_time or vague_time or other_place else "main"


def _unit_date(found: Sequence[DateMention]) -> tuple[date | None, str, str | None]:
    """The most precise date of a unit: (its first day, basis, the ISO text as resolved: "2024-11")."""
    for item in sorted(found, key=lambda d: (_KIND_RANK.get(d.kind, 9), d.span[0])):
        when = parse_date(item.date)
        if when is not None:
            return when, DATE_BASIS.get(item.kind, "relative"), item.date
    return None, "published", None


def _same_background(keys: dict[int, tuple[date | None, str | None, Place | None]], when: date | None,
                     unit_type: str | None, place: Place | None) -> int | None:
    """A background mention already opened for the same time, type and place."""
    for index, (k_when, k_type, k_place) in keys.items():
        if when is None or k_when is None or (k_when.year, k_when.month) != (when.year, when.month):
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
        # Page furniture (a rights notice, a sign-up prompt, a block of teasers) is no part of the report:
        # nothing found on it is kept, and it opens no incident.
        furniture = furniture_line_spans(text)
        units = [u for u in units_from_sentences(text, sentences) if not _inside(furniture, u.start)]
        doc._.quotes, doc._.dates, doc._.places, doc._.actors = (
            _outside(furniture, records) for records in (doc._.quotes, doc._.dates, doc._.places, doc._.actors))
        claims = _outside(furniture, doc._.claims)
        split = split_article(
            doc._.article_id or "", units, published=doc._.published, event_type=doc._.event_type,
            dates=doc._.dates, places=doc._.places, actors=doc._.actors, claims=claims)
        doc._.claims, doc._.statistics = apply_split(
            split, published=doc._.published, claims=claims, statistics=_outside(furniture, doc._.statistics),
            quotes=doc._.quotes, dates=doc._.dates, places=doc._.places, actors=doc._.actors)
        doc._.mentions = split.mentions
        return doc

    return component


__all__ = ["COMPONENT_VERSION", "Split", "Unit", "apply_split", "crosshead_sections", "is_crosshead", "is_statistic",
           "related_units", "split_article", "temporal_cue", "unit_event_type", "units_from_sentences"]
