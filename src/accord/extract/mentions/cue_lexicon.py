"""The cue patterns of ``background_cues.json``, compiled, and what they say of a unit's words.

Which incident type a unit names (its trigger words) and whether it counts over many incidents
(a statistic) or over "another time" without saying which (a vague time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from accord.extract.cue_gates import GatedUnion, gate_words, word_beginnings
from accord.extract.dates import MONTHS
from accord.lexicons import load_lexicon

#: Event types that may stand for each other within one article (a hijacking
#: that is also a hostage taking; an attack that is a shooting).
GENERIC_TYPES = {"other", "armed_assault"}


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
    introducing: re.Pattern[str]  # a figure phrase bringing new people in ("Two teenage boys")
    more_of_the_same: re.Pattern[str]  # "another man was also shot"
    refers_back: re.Pattern[str]  # a figure phrase of people just told of ("five of the officers")
    that_incident: re.Pattern[str]  # "That shooting happened ..."
    definite_incident: re.Pattern[str]  # "in the incident"
    died_later: re.Pattern[str]  # "died at a local hospital"
    this_week: re.Pattern[str]
    said_before: re.Pattern[str]  # a speech verb and up to four words right before a time phrase
    speaker_after: re.Pattern[str]  # a speech verb right after a name
    residence_before: re.Pattern[str]
    outlet_tail: re.Pattern[str]  # the outlet's name after the last dash or bar of a page title
    route_travel: re.Pattern[str]
    route_end_before: re.Pattern[str]
    place_opening_before: re.Pattern[str]  # "And in " before the place a sentence opens on


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

    def words(found: list[str]) -> str:
        return "|".join(re.escape(w) for w in found)

    openers = "|".join(re.escape(o) for o in sorted(lexicon["continuation_openers"], key=len, reverse=True))
    triggers = tuple(
        (event_type, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE),
         word_beginnings(words))
        for event_type, words in lexicon["incident_triggers"].items()
    )
    beginnings = tuple(b for _, _, type_beginnings in triggers for b in type_beginnings)
    speech = words(lexicon["speech_forms"])
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
        introducing=re.compile(rf"^(?:{'|'.join(lexicon['people_openers'])})\b", re.IGNORECASE),
        more_of_the_same=re.compile(rf"\b(?:{words(lexicon['more_of_the_same'])})\b", re.IGNORECASE),
        refers_back=re.compile(rf"^(?:{'|'.join(lexicon['refers_back_openers'])})\b", re.IGNORECASE),
        that_incident=re.compile(rf"^\W*that (?:[\w-]+ )?(?:{words(lexicon['pointed_incident_nouns'])})\b",
                                 re.IGNORECASE),
        definite_incident=re.compile(rf"\b(?:the|that|this) (?:same )?(?:{words(lexicon['named_incident_nouns'])})\b",
                                     re.IGNORECASE),
        died_later=re.compile(rf"\b(?:{words(lexicon['died_later'])})\b(?! (?:{words(lexicon['died_at_once'])}))",
                              re.IGNORECASE),
        this_week=re.compile(lexicon["this_week"], re.IGNORECASE),
        said_before=re.compile(rf"\b(?:{speech}|{words(lexicon['speech_forms_announcing'])})(?:\s+[\w.'’-]+){{0,4}}\s+$",
                               re.IGNORECASE),
        speaker_after=re.compile(rf"^,?\s(?:{speech})\b"),
        residence_before=re.compile(lexicon["residence_before"]),
        outlet_tail=re.compile(rf"\s(?:-|–|—|\|)\s(?=[^-–—|]*\b(?:{words(lexicon['outlet_name_words'])})\b)[^-–—|]*$"),
        route_travel=re.compile(lexicon["route_travel"], re.IGNORECASE),
        route_end_before=re.compile(lexicon["route_end_before"], re.IGNORECASE),
        place_opening_before=re.compile(lexicon["place_opening_before"], re.IGNORECASE),
    )


#: A month's number by the first three letters of its name ("sep" -> 9).
MONTH_NUMBER = {name[:3]: i for i, name in enumerate(MONTHS, start=1)}


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
            if event_type not in GENERIC_TYPES:
                return event_type
            found = found or event_type
    return found


def is_statistic(text: str) -> bool:
    """An aggregate figure ("2,500 killed in 2024", "an 84 per cent rise"), not one incident's."""
    return bool(cues().statistic.search(text))


def vague_cue(text: str) -> str | None:
    """A phrase saying "another time" without saying which ("previously", "in the past")."""
    match = cues().temporal_vague.search(text)
    return match.group(0) if match else None
