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

Everything below :func:`split_article` is plain Python over ``models``
records, so it is testable without spaCy; the component only cuts the doc
into units.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from accord.lexicons import load_lexicon
from accord.models import Actor, Claim, DateMention, IncidentMention, Place, Quote

COMPONENT_VERSION = "accord.mentions.v1"

_R = TypeVar("_R")

#: A resolved date more than this many days from the main incident's date
#: anchors its unit to another incident. Reports of one incident speak of
#: "Tuesday night" and "Wednesday" for a siege of two days; a week apart is
#: already another event in the seeds and GVA dev reports.
SAME_INCIDENT_DAYS = 3

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


@cache
def cues() -> Cues:
    """The compiled patterns of ``background_cues.json``."""
    lexicon = load_lexicon("background_cues")
    months = "(?:" + "|".join(lexicon["months"]) + ")"

    def union(patterns: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p.replace('{month}', months)})" for p in patterns), re.IGNORECASE)

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
    unit_places = _by_unit(places, units, starts)
    unit_claims = _by_unit(claims, units, starts)
    unit_types = [unit_event_type(u.text) for u in units]
    statistic = [unit_types[i] is not None and is_statistic(u.text) for i, u in enumerate(units)]
    # The lead: the first unit naming an incident. Whatever time it gives is the main incident's.
    lead = next((i for i, t in enumerate(unit_types) if t is not None and not statistic[i]), None)
    cue_less = [i == lead or temporal_cue(u.text, None) is None for i, u in enumerate(units)]

    main_date, main_basis = _main_date(units, unit_dates, cue_less, lead)
    anchor = main_date or parse_date(published)
    main_place = _main_place(units, unit_places, cue_less, lead)

    main_type = event_type if event_type and event_type != "other" else (
        unit_types[lead] if lead is not None else None)
    labels: list[str] = []  # "main" | "statistic" | "background" | "continue"
    open_type: str | None = None  # the event type of the background incident being told, if any
    for i, unit in enumerate(units):
        if i == lead:
            label = "main"
        elif statistic[i]:
            label = "statistic"
        else:
            label = _label(unit, unit_types[i], unit_dates[i], unit_places[i], unit_claims[i], anchor, main_place)
            if label == "main" and open_type is not None and cues().continuation.search(unit.text):
                # "It ..." in the same paragraph, or "The blast ..." when only the background incident was a blast.
                same_paragraph = units[i - 1].paragraph == unit.paragraph
                named_it = unit_types[i] == open_type and unit_types[i] != main_type
                label = "continue" if same_paragraph or named_it else "main"
        if label == "background":
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
        elif label == "continue":
            unit_mention.append(unit_mention[-1])
        else:
            when, basis, written = _unit_date(unit_dates[i])
            place = unit_places[i][0] if unit_places[i] else None
            index = _same_background(keys, when, unit_types[i], place)
            if index is None:
                index = len(mentions)
                keys[index] = (when, unit_types[i], place)
                mentions.append(IncidentMention(
                    index=index, article=article, event_type=unit_types[i] or "other", background=True,
                    date=written, date_basis=basis, place=place,
                    summary=units[i].text.strip()))
            unit_mention.append(index)

    split = Split(mentions=mentions, unit_mention=unit_mention, units=units, statistic_units=statistic_units)
    mentions[0].summary = _main_summary(units, unit_mention, unit_types)
    for actor in actors:
        m = mentions[split.mention_at(actor.span[0])] if actor.span else mentions[0]
        name = actor.canonical or actor.name
        target = m.perpetrators if actor.role == "perpetrator" else m.victims if actor.role == "victim" else None
        if target is not None and name not in target and not m.statistic:
            target.append(name)
    return split


def _main_date(units: Sequence[Unit], unit_dates: Sequence[Sequence[DateMention]],
               cue_less: Sequence[bool], lead: int | None) -> tuple[date | None, str]:
    """The lead's date, else the first day-precise date of the cue-less units near the top."""
    order = ([lead] if lead is not None else []) + list(range(min(len(units), MAIN_DATE_LEAD_UNITS)))
    for i in order:
        if not cue_less[i]:
            continue
        for found in sorted(unit_dates[i], key=lambda d: (_KIND_RANK.get(d.kind, 9), d.span[0])):
            when = parse_date(found.date)
            day_precise = found.date is not None and len(found.date.split("-")) == 3
            if when is not None and day_precise and found.kind in ("absolute", "weekday", "relative"):
                return when, DATE_BASIS[found.kind]
    return None, "published"


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
        return min(inside, key=lambda p: p.span[0] if p.span else 0)
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
           unit_claims: Sequence[Claim], anchor: date | None, main_place: Place | None) -> str:
    """main | background, for a unit that is neither the lead nor a statistic."""
    if unit.compared and (unit_claims or unit_dates):
        return "background"
    if unit_type is None:
        return "main"  # no incident word: context
    other_time = temporal_cue(unit.text, anchor, unit_dates, unit.start) is not None or any(
        dates_differ(d, anchor) for d in unit_dates)
    # Figures said of another, unnamed time ("previously, 12 were killed") are not the main incident's.
    vague_time = bool(unit_claims) and vague_cue(unit.text) is not None
    # A place the main incident is not in, where something with figures happened.
    other_place = bool(unit_claims) and any(
        p.feature == "city" and not places_compatible(main_place, p) for p in unit_places)
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


@Language.factory(
    "accord_mentions",
    assigns=["doc._.mentions", "doc._.claims", "doc._.statistics"],
    requires=["doc._.dates", "doc._.places", "doc._.actors", "doc._.claims"],
)
def make_component(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    def component(doc: Doc) -> Doc:
        sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") \
            else [(0, len(doc.text))]
        units = units_from_sentences(doc.text, sentences)
        claims = list(doc._.claims or [])
        split = split_article(
            doc._.article_id or "", units, published=doc._.published, event_type=doc._.event_type,
            dates=doc._.dates or [], places=doc._.places or [], actors=doc._.actors or [], claims=claims)
        doc._.claims, doc._.statistics = apply_split(
            split, published=doc._.published, claims=claims, statistics=list(doc._.statistics or []),
            quotes=doc._.quotes or [], dates=doc._.dates or [], places=doc._.places or [],
            actors=doc._.actors or [])
        doc._.mentions = split.mentions
        return doc

    return component


__all__ = ["COMPONENT_VERSION", "Split", "Unit", "apply_split", "is_statistic", "split_article",
           "temporal_cue", "unit_event_type", "units_from_sentences"]
