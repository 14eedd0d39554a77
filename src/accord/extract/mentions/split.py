"""The split of one article's units among its main incident, background incidents and statistics.

Plain Python over ``models`` records, testable without spaCy: read the units
(:mod:`~accord.extract.mentions.unit_facts`), label each (:mod:`~accord.extract.mentions.labels`),
then turn the labels into mentions, one per distinct background incident.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from accord.extract.mentions.cue_lexicon import GENERIC_TYPES
from accord.extract.mentions.labels import label_units
from accord.extract.mentions.place_cues import places_compatible
from accord.extract.mentions.time_cues import SAME_INCIDENT_DAYS, unit_date
from accord.extract.mentions.unit_facts import MainAnchors, UnitFacts, main_anchors, read_units
from accord.extract.mentions.units import Unit
from accord.extract.rules import Rule, RuleSet
from accord.models import Actor, Claim, DateMention, IncidentMention, Place

#: What makes two background units one incident: (its first day, type, place, whether the day is known).
_BackgroundKey = tuple[date | None, str | None, Place | None, bool]


@dataclass
class Split:
    """The mentions of one article and which mention each unit belongs to."""

    mentions: list[IncidentMention]
    unit_mention: list[int]
    units: list[Unit]
    statistic_units: set[int] = field(default_factory=set)
    unit_rules: list[str | None] = field(default_factory=list)  # the rule that labelled each unit (None: none)
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
    disabled: frozenset[str] = frozenset(),
) -> Split:
    """Split an article's units among its main incident, background incidents and statistics.

    ``disabled``: ids of the rules switched off (``accord.extract.rules``)."""
    units = list(units)
    facts = read_units(units, dates=dates, places=places, actors=actors, claims=claims, disabled=disabled)
    main = main_anchors(facts, published=published, event_type=event_type, disabled=disabled)
    labels, deciding = label_units(facts, main, disabled)
    split = _mentions_from_labels(facts, main, labels, article=article, published=published, disabled=disabled)
    split.unit_rules = deciding
    split.mentions[0].summary = _main_summary(units, split.unit_mention, facts.types)
    _add_people(split, actors)
    return split


def _mentions_from_labels(facts: UnitFacts, main: MainAnchors, labels: Sequence[str], *, article: str,
                          published: str | None, disabled: frozenset[str] = frozenset()) -> Split:
    """Background units become mentions: one per distinct (time, type, place)."""
    active = {rule.id for rule in MENTION_RULES.active(disabled)}
    units, unit_types = facts.units, facts.types
    mentions = [IncidentMention(index=0, article=article, event_type=main.type or "other",
                                date=main.date.isoformat() if main.date else (published or "")[:10] or None,
                                date_basis=main.basis if main.date else "published", place=main.place,
                                start=main.start.isoformat() if main.start else None)]
    unit_mention: list[int] = []
    statistic_units: set[int] = set()
    statistic_index: int | None = None
    told = 0  # the background mention being told (0: none yet)
    listing: int | None = None  # the mention of the related-stories list being read
    keys: dict[int, _BackgroundKey] = {}
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
            if told and "mentions.background_completed" in active:
                _complete(mentions[told], facts.dates[i], facts.places[i])
            unit_mention.append(told)
        else:
            joins = label == "background" and "mentions.same_background_incident" in active
            told = _background_mention(mentions, keys, facts, i, joins, article=article)
            unit_mention.append(told)
    return Split(mentions=mentions, unit_mention=unit_mention, units=units, statistic_units=statistic_units)


def _background_mention(mentions: list[IncidentMention], keys: dict[int, _BackgroundKey], facts: UnitFacts,
                        i: int, joins: bool, *, article: str) -> int:
    """The mention a background unit joins (when ``joins``: one of the same time, type and place), or a new one."""
    when, basis, written = unit_date(facts.dates[i])
    place = facts.places[i][0] if facts.places[i] else None
    day_precise = written is not None and len(written.split("-")) == 3
    index = _same_background(keys, when, facts.types[i], place, day_precise) if joins else None
    if index is None:
        index = len(mentions)
        keys[index] = (when, facts.types[i], place, day_precise)
        mentions.append(IncidentMention(
            index=index, article=article, event_type=facts.types[i] or "other", background=True,
            date=written, date_basis=basis, place=place,
            summary=facts.units[i].text.strip()))
    return index


def _same_background(keys: dict[int, _BackgroundKey], when: date | None,
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
        if unit_type != k_type and not {unit_type, k_type} & GENERIC_TYPES:
            continue
        if places_compatible(k_place, place):
            return index
    return None


def _complete(mention: IncidentMention, found_dates: Sequence[DateMention], found_places: Sequence[Place]) -> None:
    """Give a background mention the first date and place its later sentences name, when its first had none."""
    if mention.date is None:
        when, basis, written = unit_date(found_dates)
        if when is not None:
            mention.date, mention.date_basis = written, basis
    if mention.place is None and found_places:
        mention.place = found_places[0]


#: How background units become mentions (each rule switchable by id; applied where the mentions are made).
MENTION_RULES: RuleSet[Callable[..., Any]] = RuleSet("mentions.mentions", [
    Rule("mentions.same_background_incident", _same_background),
    Rule("mentions.background_completed", _complete),
])


def _main_summary(units: Sequence[Unit], unit_mention: Sequence[int], unit_types: Sequence[str | None]) -> str:
    """The first main unit with an incident word (else the first main unit)."""
    main = [i for i, m in enumerate(unit_mention) if m == 0]
    for i in main:
        if unit_types[i] is not None:
            return units[i].text.strip()
    return units[main[0]].text.strip() if main else ""


def _add_people(split: Split, actors: Sequence[Actor]) -> None:
    """Each mention's victims and perpetrators, by the mention their names fall in."""
    mentions = split.mentions
    for actor in actors:
        m = mentions[split.mention_at(actor.span[0])] if actor.span else mentions[0]
        name = actor.canonical or actor.name
        target = m.perpetrators if actor.role == "perpetrator" else m.victims if actor.role == "victim" else None
        if target is not None and not m.statistic:
            _add_name(target, name)


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
