"""Pairwise signals between two mentions: may they be one incident, and how strongly do they look it.

:func:`compatible` is the hard part (never one incident: same article, types
that exclude each other, places in different regions, dates too far apart);
:func:`score` weighs the soft signals into one number in [0, 1].
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from rapidfuzz import fuzz

from accord.link.features import MentionFeatures, cosine
from accord.models import Place

#: Two dates the texts give to the day are one incident's within this many
#: days (a siege that ends the next day, a late-night attack reported for the
#: following date, time zones).
SAME_INCIDENT_DAYS = 2

#: A report's publication date may come this many days after the incident it
#: reports (follow-ups, the victim's funeral, an arrest). GVA dev: 95% of the
#: reports are published within 30 days of their incident.
PUBLISHED_LAG_DAYS = 30

#: Reports naming the same person in the same region may be this many days
#: apart and still be one incident (a follow-up: died in hospital, arrest,
#: trial). GVA dev: such gold pairs are 3 to 440 days apart; no pair of
#: different incidents shares a name and a region.
NAMED_LAG_DAYS = 366

#: A street address both reports give counts as a name both give (GVA dev B-cubed F1 +0.15 point single,
#: unchanged doubled).
USE_ADDRESSES = True

#: Reports that share this much of their words (TF-IDF cosine, furniture out) in the same place may be one
#: incident's report and its follow-up up to TEXT_LAG_DAYS apart. GVA dev (single / doubled B-cubed F1):
#: 0.35 & 120 days 0.9215 / 0.9097; 0.30 0.9190 / 0.9062; 0.25 0.9165 / 0.9050; 0.40 & 200 0.9203 / 0.9082;
#: without the rule 0.9196.
FOLLOW_UP_TEXT = 0.35
TEXT_LAG_DAYS = 120

#: A person both reports name as the perpetrator links a follow-up as a shared victim does (a suspect's
#: arraignment and sentencing months apart). GVA dev: no change (its suspects are rarely extracted as
#: perpetrators by name); the seeds and demo have none. Only for follow-ups: as evidence
#: against a link (OTHER_VICTIMS_FACTOR) suspects cost 0.3 point (one report names the suspect, the other
#: the victim), so they stay out of ``victims``.
USE_SUSPECTS = True

#: A victim or suspect both reports give by first and last name links a follow-up when one of them names
#: no place the gazetteer resolves (place relation "unknown"; a far place still forbids it).
FULL_NAME_WITHOUT_PLACE = True

#: A follow-up months away is tied by a person only when both reports give the person's first and last
#: name: a bare surname or first name ("Castro", "Michael") is many people's, and token_set_ratio matches
#: it against every full name that contains it. Also for a shared victim outweighing places resolved in
#: two regions (compatible). GVA dev: no change (its follow-ups months apart name people in full).
FOLLOW_UP_FULL_NAMES = True

#: Share of the names evidence a shared bare name ("Castro", "Michael") gives: token_set_ratio matches it
#: with every full name that contains it. GVA dev: no change between 0.3 and 1 (few pairs share a bare
#: name only); it guards held-out pools where a common surname is in many reports of a week.
BARE_NAME_CREDIT = 0.5

#: Rare names (features.names_in_text: capitalised words few reports of the pool give, a suspect's or a gang's
#: name, a business's) both texts give that make a follow-up of a report within NAMED_LAG_DAYS in a place that
#: is not far (a follow-up often names only "the county courthouse"), when no victim's full name is shared
#: (the arraignment that names only the suspect, the funeral that names the family). GVA dev B-cubed F1
#: (single / doubled), with link.RARE_NAME_MENTIONS 16, before rare names weighed in score: 3 names 95.73 / 95.09;
#: 2 names in the same place and 3 elsewhere 95.65 / 95.05; 3 names, places same or near only, 95.53 / 95.02;
#: without the rule 95.30 / 94.99. Final configuration, without rare names at all: 95.57 / 95.15.
FOLLOW_UP_RARE_NAMES = 3

#: Names are one person's at this rapidfuzz token_set_ratio ("Hussain Ali" / "Ali Hussain").
NAME_MATCH = 90

#: Evidence that two mentions tell one story: their words and the people both name.
#: Calibrated on GVA dev (B-cubed F1) and the seeds.
#: Shared rare names (rare_name_credit): GVA dev B-cubed F1 single / doubled 0.15 96.12 / 95.47, 0 95.91 / 95.34,
#: 0.2 or 0.3 96.12 / 95.37. Crediting one shared rare name too gave 96.27 / 95.63 but joined two reports of a
#: pool of six incidents whose victims share a first name ("Kevin"; tests/test_link.py's GVA sample).
WEIGHTS = {"text": 0.75, "names": 0.35, "rare_names": 0.15}

#: Time and place only scale that evidence (a shared city and day alone are no
#: link: a big city has several shootings a day): the share of the evidence
#: kept when the dates are as far apart as allowed / the places unknown.
CONTEXT_FLOOR = 0.6

#: Different cities of one region: possible (a suburb, a county seat) but counts against. GVA dev B-cubed
#: F1 single unchanged from 0.05, doubled +0.03 point; at a lower LINK_THRESHOLD (0.08) it kept the thirty
#: templated shootings of tests/test_link.py apart where 0.05 joined two of them.
NEAR_PLACE_PENALTY = 0.08

#: Both name their victims and no name is shared: probably two incidents (the
#: rest of the evidence counts this much). Names are extracted, so not zero.
OTHER_VICTIMS_FACTOR = 0.5

#: Both give a street address and no address of one agrees with one of the other (another hundred block
#: of another street): probably two incidents, as OTHER_VICTIMS_FACTOR. GVA dev candidate pairs above
#: LINK_THRESHOLD with such addresses: 8 of two incidents (two shootings of one city and week), 3 of one (the
#: scene and the suspect's home). B-cubed F1 single / doubled: 0.5 96.12 / 95.47, 1 (no rule) 95.93 / 95.29;
#: before the rare names and times, 0.3 95.20 / 94.93, 0.5 95.30 / 94.99, 0.7 95.23 / 94.91.
OTHER_ADDRESS_FACTOR = 0.5

#: Street names are one street's at this rapidfuzz ratio (spelling: "Bentanna" / "Betanna", "Star" / "Starr").
STREET_MATCH = 80

#: Both leads give people's ages and none is within AGE_TOLERANCE of one of the other ("a 2-year-old boy" /
#: "a 5-year-old girl and a 7-year-old boy"): weak evidence of two incidents (a lead may give the suspect's
#: age where the other gives the victim's, and reports disagree on an age by a year: GVA dev candidate pairs
#: above LINK_THRESHOLD, 12 of 28 pairs of two incidents and 47 of 700 of one). B-cubed F1 single / doubled:
#: 0.8 96.12 / 95.47, 1 (no rule) 96.03 / 95.38; earlier, 0.6 95.25 / 94.92 and 0.8 95.30 / 94.99. Tolerance
#: 0 or 1: no change.
OTHER_AGES_FACTOR = 0.8
AGE_TOLERANCE = 1

#: Both leads give a time of day and none is within TIME_TOLERANCE_MINUTES of one of the other ("about 2
#: a.m." / "around 9:45 p.m."): weak evidence of two incidents (a lead may give the time of an arrest or a
#: news conference). GVA dev candidate pairs above LINK_THRESHOLD: 4 of 22 pairs of two incidents, 10 of
#: 699 pairs of one. B-cubed F1 single / doubled: 0.5 96.12 / 95.47, 0.7 95.96 / 95.43, 1 (no rule)
#: 95.90 / 95.36.
OTHER_TIMES_FACTOR = 0.5
TIME_TOLERANCE_MINUTES = 120

#: Event types that can be one incident seen by different reporters.
TYPE_FAMILIES = (
    frozenset({"hijacking", "hostage_taking", "kidnapping"}),
    frozenset({"shooting", "armed_assault", "assassination"}),
    frozenset({"bombing", "armed_assault", "facility_attack"}),
    frozenset({"shooting", "armed_assault", "facility_attack", "hostage_taking"}),
    frozenset({"hijacking", "armed_assault"}),
)


#: Reports of one incident whose types fall in no common family keep this share
#: of their evidence: the type is read from each report's own words, and one
#: report's "hijacking" is another's "shooting" or "hostage taking" (the demo
#: corpus's bus siege), so it weighs against a link but does not forbid it. GVA dev (all shootings)
#: unchanged; the demo corpus goes from 6 main incidents to its 3.
TYPE_MISMATCH_FACTOR = 0.6


def types_compatible(a: str, b: str) -> bool:
    if a == b or "other" in (a, b):
        return True
    return any(a in family and b in family for family in TYPE_FAMILIES)


#: Best first: the relation of two mentions is the best over their places.
_RELATION_ORDER = ("same", "near", "unknown", "far")


def mentions_place_relation(a: MentionFeatures, b: MentionFeatures) -> str:
    """same | near | far | unknown: the main places' relation, or a better one between any of their places.

    Any place both texts name rescues a wrong main place (a county for a
    city, an ambiguous "Cleveland" resolved in the wrong state).
    """
    relation = place_relation(a.place, b.place)
    if relation == "same":
        return relation
    # A country named anywhere in the text contains every place of the other report in that country: as
    # evidence of one place it is only the main places' to give (the demo's Garissa bombing report names
    # Kenya, which does not make it the Lamu police-post attack's place).
    for x in (p for p in a.places if p.feature != "country"):
        for y in (p for p in b.places if p.feature != "country"):
            other = place_relation(x, y)
            if _RELATION_ORDER.index(other) < _RELATION_ORDER.index(relation):
                relation = other
                if relation == "same":
                    return relation
    if relation == "far" and _place_names(a.places) & _place_names(b.places) and not _regions_named_apart(a, b):
        # Both texts name the same place and the gazetteer resolved it apart ("Toledo" in Spain for one,
        # Ohio for the other; "Lunenburg" and "Lunenburg County"): not evidence of two places. GVA dev
        # B-cubed F1 +0.4 point, single and doubled, precision unchanged.
        return "unknown"
    return relation


#: A shared place name resolved apart is no evidence of two places, unless both texts name their regions
#: and none of one's is among the other's: "Hamilton, Ohio" and "Hamilton, Ontario", "Salisbury, Maryland" and
#: "Salisbury, North Carolina" are two towns of one name. GVA dev: no change (its reports of one town
#: seldom both name a region); it guards pools with many towns of one name.
HOMONYMS_APART_BY_REGION = True


def _regions_named_apart(a: MentionFeatures, b: MentionFeatures) -> bool:
    """Both texts name a state or province (or a country) and no region of one is a region of the other."""
    if not HOMONYMS_APART_BY_REGION:
        return False
    regions_a, regions_b = _regions_named(a.places), _regions_named(b.places)
    return bool(regions_a and regions_b) and not regions_a & regions_b


def _regions_named(places: Sequence[Place]) -> set[str]:
    """The states, provinces and countries a text names as such (not the region a city resolves in)."""
    return {_fold(p.name) for p in places if p.feature in ("admin1", "country")}


_PLACE_SUFFIX = re.compile(r"\s+(?:county|city|parish|township|borough|district)$")


def _place_names(places: Sequence[Place]) -> set[str]:
    """The folded names of ``places`` (countries left out: two reports of one country both name it), as
    written and as resolved, without "County" and the like."""
    return {_PLACE_SUFFIX.sub("", _fold(name)) for p in places if p.feature != "country"
            for name in (p.name, p.text or "") if name}


def place_relation(a: Place | None, b: Place | None) -> str:
    """same | near | far | unknown."""
    if a is None or b is None or not a.country or not b.country:
        return "unknown"
    return _relation(_place_key(a), _place_key(b))


#: A place as a hashable key of the cached relation: (name, admin1, country, feature, geonameid).
PlaceKey = tuple[str, str | None, str | None, str, int | None]


def _place_key(p: Place) -> PlaceKey:
    return (p.name, p.admin1, p.country, p.feature, p.geonameid)


@lru_cache(maxsize=65536)
def _relation(a_key: PlaceKey, b_key: PlaceKey) -> str:
    a, b = _place_from(a_key), _place_from(b_key)
    if a.country != b.country:
        return "far"
    contains = _contains()
    if contains(a, b) or contains(b, a):
        return "same"
    if a.admin1 and b.admin1:
        return "near" if _fold(a.admin1) == _fold(b.admin1) else "far"
    return "near"


def _place_from(key: PlaceKey) -> Place:
    name, admin1, country, feature, geonameid = key
    return Place(name=name, admin1=admin1, country=country, feature=feature, geonameid=geonameid)


@cache
def _contains() -> Callable[[Place, Place], bool]:
    try:
        from accord.extract.gazetteer import place_contains
    except ImportError:  # the gazetteer is optional for linking: fall back to names
        return _same_name
    return place_contains


def _same_name(outer: Place, inner: Place) -> bool:
    if outer.feature == "country":
        return outer.country == inner.country
    if outer.feature == "admin1":
        return _fold(inner.admin1 or "") == _fold(outer.name)
    return _fold(outer.name) == _fold(inner.name) and outer.admin1 == inner.admin1


def _fold(name: str) -> str:
    return " ".join(name.lower().split())


def weekday_date(weekdays: frozenset[int], near: date) -> date | None:
    """The day named by one of ``weekdays`` closest to ``near`` (within SAME_INCIDENT_DAYS), if any."""
    for delta in sorted(range(-SAME_INCIDENT_DAYS, SAME_INCIDENT_DAYS + 1), key=abs):
        day = near + timedelta(days=delta)
        if day.weekday() in weekdays:
            return day
    return None


def date_gap(a: MentionFeatures, b: MentionFeatures) -> int | None:
    """Days between the two mentions' incidents if they may be one (0 = same day), None if they may not.

    The mentions' own dates first; failing that, any day-precise date one
    text gives next to the other's date (a follow-up published weeks later
    that recalls "the Dec. 13 shooting"), at a cost of SAME_INCIDENT_DAYS.
    """
    gap = _main_date_gap(a, b)
    if gap is not None:
        return gap
    for x, y in ((a, b), (b, a)):
        if y.date is not None and y.precise and any(abs((d - y.date).days) <= SAME_INCIDENT_DAYS for d in x.days):
            return SAME_INCIDENT_DAYS
    return None


def _main_date_gap(a: MentionFeatures, b: MentionFeatures) -> int | None:
    """Days between the two mentions' own dates if they may be one incident, None if they may not.

    Dates are intervals (a month covers thirty days). A publication date only
    bounds the incident from above; a named weekday must fall next to the
    other mention's date; no date at all says nothing (gap 0).
    """
    if a.date is None or b.date is None:
        dated, other = (a, b) if a.date is not None else (b, a)
        if dated.date is None or not dated.precise:
            return 0
        day_precise = dated.date == dated.date_last
        if other.weekdays and day_precise and weekday_date(other.weekdays, dated.date) is None:
            return None
        if other.published is not None and not _may_report(other.published, dated):
            return None
        return 0
    if a.precise and b.precise:
        gap = _distance(a, b)
        return gap if gap <= SAME_INCIDENT_DAYS else None
    if a.precise or b.precise:
        # One date is the publication's: it may come after the incident, not before.
        incident, report = (a, b) if a.precise else (b, a)
        if not _may_report(report.date, incident):  # type: ignore[arg-type]  # dated: one of a, b is precise, the other has its publication date
            return None
        return max(0, (report.date - _last(incident)).days - SAME_INCIDENT_DAYS)  # type: ignore[operator]  # dated, as above
    gap = _distance(a, b)
    return gap if gap <= PUBLISHED_LAG_DAYS else None


def _last(m: MentionFeatures) -> date:
    return m.date_last or m.date  # type: ignore[return-value]  # called on dated mentions only


def _distance(a: MentionFeatures, b: MentionFeatures) -> int:
    """Days between two date intervals (0 when they overlap)."""
    return max(0, (a.date - _last(b)).days, (b.date - _last(a)).days)  # type: ignore[operator]  # both dated (date_gap)


def _may_report(published: date, incident: MentionFeatures) -> bool:
    """A report published on ``published`` may be about an incident of ``incident``'s dates."""
    return (published - incident.date).days >= -SAME_INCIDENT_DAYS and (  # type: ignore[operator]  # a dated incident
        published - _last(incident)).days <= PUBLISHED_LAG_DAYS


def time_window(m: MentionFeatures) -> tuple[int, int]:
    """Day ordinals outside which ``m``'s incident cannot lie: every way :func:`date_gap` may accept a
    pair falls inside both windows, so windows that do not overlap rule a pair out cheaply."""
    if m.date is None:
        return (0, 10**7)
    low = m.date.toordinal() - SAME_INCIDENT_DAYS - (0 if m.precise else PUBLISHED_LAG_DAYS)
    high = _last(m).toordinal() + SAME_INCIDENT_DAYS
    if m.days:
        low = min(low, min(m.days).toordinal() - SAME_INCIDENT_DAYS)
        high = max(high, max(m.days).toordinal() + SAME_INCIDENT_DAYS)
    return (low, high)


def compatible(a: MentionFeatures, b: MentionFeatures) -> bool:
    """Whether the two may be one incident at all."""
    if a.article == b.article:
        return False
    if date_gap(a, b) is None:
        # The same named victim or perpetrator, in the same region, months apart: a
        # follow-up (the victim died, the suspect was charged) whose own date is the later event's.
        return named_follow_up(a, b)
    # A victim both name outweighs a place resolved in two different regions ("Cleveland").
    return mentions_place_relation(a, b) != "far" or bool(
        shared_full_names(a, b) if FOLLOW_UP_FULL_NAMES else shared_victims(a, b))


def within_follow_up_reach(a: MentionFeatures, b: MentionFeatures) -> bool:
    """Both dated, at most NAMED_LAG_DAYS apart."""
    return a.date is not None and b.date is not None and abs((a.date - b.date).days) <= NAMED_LAG_DAYS


def named_follow_up(a: MentionFeatures, b: MentionFeatures) -> bool:
    """A later report of the same incident: a person or address both name, the same region, within reach;
    or, naming nobody, most of the same words in the same place within TEXT_LAG_DAYS."""
    if not within_follow_up_reach(a, b):
        return False
    people = shared_full_names(a, b) if FOLLOW_UP_FULL_NAMES else shared_victims(a, b) or shared_suspects(a, b)
    if people or (USE_ADDRESSES and shared_addresses(a, b)):
        relation = mentions_place_relation(a, b)
        if relation in ("same", "near"):
            return True
        # A victim's full name both give is evidence enough when one of them names no place the gazetteer
        # knows (a follow-up that says only "the county courthouse").
        return FULL_NAME_WITHOUT_PLACE and relation == "unknown" and any(
            len(name.split()) >= 2 for name in shared_full_names(a, b))
    if len(a.names_in_text & b.names_in_text) >= FOLLOW_UP_RARE_NAMES and mentions_place_relation(a, b) != "far":
        return True
    # No name, but the same story told again: most of the distinctive words, in the same place.
    return (abs((a.date - b.date).days) <= TEXT_LAG_DAYS  # type: ignore[operator]  # both dated: within_follow_up_reach
            and cosine(a.vector, b.vector) >= FOLLOW_UP_TEXT and mentions_place_relation(a, b) == "same")


def shared_full_names(a: MentionFeatures, b: MentionFeatures) -> list[str]:
    """Victims or suspects both name with a first and a last name ("Ryan Welch", not "Hernandez")."""
    def full(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(n for n in names if len(n.split()) >= 2)
    found = []
    for x, y in ((a.victims, b.victims), (a.suspects, b.suspects)):
        if full(x) and full(y):
            found += _shared_names(full(x), full(y))
    return found


def shared_rare_names(a: MentionFeatures, b: MentionFeatures) -> list[str]:
    """Names rare in the pool both texts give (features.names_in_text)."""
    return sorted(a.names_in_text & b.names_in_text) if a.names_in_text and b.names_in_text else []


def shared_suspects(a: MentionFeatures, b: MentionFeatures) -> list[str]:
    """People both name as the perpetrator (a suspect's arrest, trial and sentencing)."""
    if not USE_SUSPECTS or not a.suspects or not b.suspects:
        return []
    return _shared_names(a.suspects, b.suspects)


def shared_addresses(a: MentionFeatures, b: MentionFeatures) -> list[str]:
    """Street addresses both texts give (the same number on the same street)."""
    return sorted(a.addresses & b.addresses) if a.addresses and b.addresses else []


def other_addresses(a: MentionFeatures, b: MentionFeatures) -> bool:
    """Both give a street address and none of one agrees with any of the other: not the same hundred block
    and not the same street (spelling and "Lane"/"Court" aside)."""
    return bool(a.addresses and b.addresses) and not _addresses_agree(a.addresses, b.addresses)


@lru_cache(maxsize=65536)
def _addresses_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(_block(x) == _block(y) or fuzz.ratio(_street(x), _street(y)) >= STREET_MATCH for x in a for y in b)


_STREET_WORDS = frozenset({"n", "s", "e", "w", "ne", "nw", "se", "sw", "northeast", "northwest", "southeast",
                           "southwest", "street", "avenue", "road", "drive", "boulevard", "lane", "court", "place",
                           "way", "parkway", "highway", "circle", "terrace", "trail", "pike"})


def _block(address: str) -> str:
    """The hundred block of a folded address ("5532 s hermitage avenue" -> "55")."""
    number = address.split(" ", 1)[0]
    return number[:-2] if len(number) > 2 else number


def _street(address: str) -> str:
    """A folded address's street name without its number, direction and suffix ("s hermitage avenue" ->
    "hermitage")."""
    return " ".join(w for w in address.split()[1:] if w not in _STREET_WORDS)


def other_ages(a: MentionFeatures, b: MentionFeatures) -> bool:
    """Both leads give ages and no age of one is within AGE_TOLERANCE of one of the other."""
    return bool(a.ages and b.ages) and not any(abs(x - y) <= AGE_TOLERANCE for x in a.ages for y in b.ages)


def other_times(a: MentionFeatures, b: MentionFeatures) -> bool:
    """Both leads give times of day and none of one is within TIME_TOLERANCE_MINUTES of one of the other."""
    return bool(a.times and b.times) and not any(
        min(abs(x - y), 1440 - abs(x - y)) <= TIME_TOLERANCE_MINUTES for x in a.times for y in b.times)


def conflicts(a: MentionFeatures, b: MentionFeatures) -> list[str]:
    """Details both reports give and that disagree: other victims, addresses, ages, times of day."""
    found = []
    if a.victims and b.victims and not shared_victims(a, b):
        found.append("victims")
    if other_addresses(a, b):
        found.append("addresses")
    if other_ages(a, b):
        found.append("ages")
    if other_times(a, b):
        found.append("times")
    return found


#: What each conflicting detail leaves of a pair's evidence.
CONFLICT_FACTORS = {"victims": OTHER_VICTIMS_FACTOR, "addresses": OTHER_ADDRESS_FACTOR, "ages": OTHER_AGES_FACTOR,
                    "times": OTHER_TIMES_FACTOR}


@dataclass
class PairScore:
    score: float
    signals: dict[str, object]


def shared_names(a: MentionFeatures, b: MentionFeatures) -> list[str]:
    if not a.names or not b.names:
        return []
    return _shared_names(a.names, b.names)


def shared_victims(a: MentionFeatures, b: MentionFeatures) -> list[str]:
    if not a.victims or not b.victims:
        return []
    return _shared_names(a.victims, b.victims)


@lru_cache(maxsize=65536)
def _shared_names(a: tuple[str, ...], b: tuple[str, ...]) -> list[str]:
    return sorted({x for x in a for y in b if fuzz.token_set_ratio(x, y) >= NAME_MATCH})


def name_credit(names: Sequence[str]) -> float:
    """How much the shared names say: a full name or an address all, a bare name BARE_NAME_CREDIT."""
    if not names:
        return 0.0
    return 1.0 if any(len(n.split()) >= 2 for n in names) else BARE_NAME_CREDIT


def rare_name_credit(shared: int) -> float:
    """How much ``shared`` rare names say, 0 to 1: one is nothing (a first name, "Kevin", is many people's
    in a small pool); FOLLOW_UP_RARE_NAMES (a first and last name and a street, a gang's two words and a
    member's name) all."""
    return min(1.0, max(0, shared - 1) / (FOLLOW_UP_RARE_NAMES - 1))


def score(a: MentionFeatures, b: MentionFeatures) -> PairScore:
    """The weighted soft signals of a compatible pair."""
    text = cosine(a.vector, b.vector)
    names = shared_names(a, b) + (shared_addresses(a, b) if USE_ADDRESSES else [])
    gap = date_gap(a, b)
    date_score = 0.0 if gap is None else max(0.0, 1.0 - gap / (PUBLISHED_LAG_DAYS + 1))
    relation = mentions_place_relation(a, b)
    place_score = {"same": 1.0, "unknown": 0.5, "near": 0.0}.get(relation, 0.0)
    rare = shared_rare_names(a, b)
    evidence = WEIGHTS["text"] * text + WEIGHTS["names"] * name_credit(names) + \
        WEIGHTS["rare_names"] * rare_name_credit(len(rare))
    context = CONTEXT_FLOOR + (1 - CONTEXT_FLOOR) * (date_score + place_score) / 2
    value = evidence * context
    against = conflicts(a, b)
    for detail in against:
        value *= CONFLICT_FACTORS[detail]
    if not types_compatible(a.event_type, b.event_type):
        value *= TYPE_MISMATCH_FACTOR
        signals_type = False
    else:
        signals_type = True
    if relation == "near":
        value -= NEAR_PLACE_PENALTY
    signals: dict[str, object] = {"text": round(text, 3), "date_gap_days": gap, "place": relation}
    if names:
        signals["names"] = names
    if rare:
        signals["rare_names"] = rare
    if against:
        signals["conflicts"] = against
    if not signals_type:
        signals["types"] = [a.event_type, b.event_type]
    return PairScore(score=round(max(0.0, min(1.0, value)), 4), signals=signals)
