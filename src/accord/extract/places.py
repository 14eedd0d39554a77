"""The ``accord_places`` component: place names resolved against the offline gazetteer.

Finding: GPE, LOC and FAC entities; datelines ("KNOXVILLE, Tenn. (AP) —");
the town or state in an agency's name ("Houston Police Department", "Georgia
Bureau of Investigation"); and names the small model tags ORG, NORP or PERSON
("Quetta", "Balochistan") when they are a big place, or follow "in"/"near"/"of"
and lie in a country the article's other places are in. "Nashville, Tenn." and
"Springdale, Maryland" give the town its state.

Resolving: each name first takes its most likely reading alone (by population;
an area or a country weighs the people of its towns); those readings make the
article's context (which countries and first-level areas it speaks of); then,
CONTEXT_ROUNDS times, each name is read again preferring candidates inside the
context of the others. So "Hermitage" in an article that also says Nashville or
Tennessee resolves in Tennessee, not in Pennsylvania.

People named like places: a name in a person's context is no place (:func:`_person_context`):
after a title ("Officer Austin", "Sgt. Garcia"), before an age ("Zala, 34,"), after a
first name ("Jonathan Austin"), a word of a person's full name the article gives when
the model does not tag it a place either ("Austin was pronounced dead" after
"Jonathan Austin"), or a town before a speech verb ("Henderson said"). A locative
word or a state after it ("in Austin", "Austin, Texas") keeps the place, and so does
an agency or area word after it ("Austin police"); the article's own use of the name
as a place elsewhere ("in Dayton", a dateline) outweighs the first-name and full-name
cues ("a Dayton teen").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from accord.extract.extensions import doc_text
from accord.extract.gazetteer import (
    Candidate,
    candidates,
    fold,
    person_name_cues,
    place_contains,
    us_state_abbreviations,
)
from accord.lexicons import extend_lexicons
from accord.models import Place

COMPONENT_VERSION = "accord.places.v3"

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Labels the small model gives place names by mistake (see the module docstring for when they are kept).
MISTAGGED_LABELS = frozenset({"ORG", "NORP", "PERSON"})

#: Added to log10(population) by kind of place. An area's or country's
#: population is the sum of its towns', so it already outweighs its own towns;
#: a country also beats a same-named area of similar size (Georgia), and a
#: terrain feature (no population) scores like a town of 10^7.
FEATURE_BONUS = {"country": 1.5, "admin1": 0.5, "admin2": 0.0, "city": 0.0}
TERRAIN_SCORE = 7.0
#: Bonus when a candidate lies in a country / first-level area the article names
#: elsewhere. Calibrated on the GVA dev docs (first 150 incidents): the admin1
#: bonus must beat same-named towns of similar size (Hermitage TN vs PA, a
#: factor of 2.4) but not a big city over a hamlet (Memphis TN vs MI, 10^3);
#: 4.0 lost such cases, 2.5 keeps both.
COUNTRY_CONTEXT_BONUS = 3.0
ADMIN1_CONTEXT_BONUS = 2.5
#: Rounds of re-reading every name in the context of the others: two settle a
#: chain such as "Jefferson ... Georgia Bureau of Investigation" (Georgia is the
#: country alone, the US state once Jefferson is read as a US town).
CONTEXT_ROUNDS = 2
#: A town that the context does not support must have at least this many
#: people: many tiny GeoNames towns share a name with a person or a word.
MIN_CITY_POPULATION_WITHOUT_CONTEXT = 5000
#: A town or second-level area abroad is dropped when at least FOREIGN_CONTEXT_MIN_NAMES other names of
#: the article lie in one other country and it has fewer people than this: "Barnes" (a town in England)
#: in a report whose other places are in North Dakota is the county the gazetteer lacks, not England.
#: A big city abroad (Paris, Mogadishu) is named as itself.
FOREIGN_TOWN_MAX_POPULATION = 100_000
FOREIGN_CONTEXT_MIN_NAMES = 2
#: Words the model tags as a place that name none alone: compass points ("South"), ordinals ("First"),
#: parts of any town ("Metro" police, "Downtown"); GeoNames has a town or a region for each.
NOT_PLACE_NAMES = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                             "first", "second", "third", "metro", "downtown", "uptown", "midtown", "central",
                             "city", "county", "state", "district", "region", "province"})
#: A name the model tagged ORG/NORP/PERSON counts as a place only above this score
#: (a country, a first-level area, a terrain feature, or a city of 100,000+).
MISTAGGED_MIN_SCORE = 5.0


@dataclass
class _NameMention:
    text: str  # the name to look up
    start: int
    end: int
    mistagged: bool
    admin1_hint: str | None = None  # "Tenn." after a comma
    locative: bool = False  # after "in", "near", "of"...: a place if the article's context allows it
    town: bool = False  # a dateline's place: where the report was filed, a town when one has the name
    person: bool = False  # in a person's context: a title before it, an age after it, a first name before it
    speaker: bool = False  # a speech verb after it ("Zala said"): a person unless it names a country or a state


#: "KNOXVILLE, Tenn. (AP) —", "SAN DIEGO (CBS 8) -", "Conyers -": a dateline opens a paragraph.
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Za-z.'\-]*(?:[ ][A-Z][A-Za-z.'\-]*){0,3})"
    r"(?:,[ ](?P<area>[A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*){0,2}))?"
    r"[ ]*(?:\([^)\n]{1,30}\)[ ]*(?:--|[-\u2013\u2014_])?|(?:--|[-\u2013\u2014_]))",
    re.MULTILINE,
)
#: "Houston Police Department", "Georgia Bureau of Investigation": the town or state that investigates.
_POLICE = re.compile(r"^(?:[Tt]he )?(?P<place>[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,2}?(?: County)?) "
                     r"(?:Police|Sheriff|Fire|Metropolitan Police|Township Police|State Police|Highway Patrol"
                     r"|State Patrol|Bureau of Investigation)\b")
#: Labels an agency's name gets from the small model ("Gallatin County Sheriff's Department" is often FAC).
AGENCY_LABELS = frozenset({"ORG", "FAC"})
#: Words after which a name the model tagged ORG or PERSON may still be a place.
LOCATIVE_WORDS = frozenset({"in", "near", "of", "from", "outside", "at", "to", "toward", "towards"})
#: Words after a name that make it a place's whatever else the article says: its agencies and areas.
PLACE_WORDS_AFTER = frozenset({"police", "county", "city", "township", "sheriff", "fire", "area", "residents",
                               "resident", "man", "woman", "native", "metro", "neighborhood", "neighbourhood",
                               "district", "authorities", "officials", "region", "province", "state"})
#: An age apposition after a name: "Zala, 34," / "Austin (34)".
_AGE_AFTER = re.compile(r"^(?:,\s*\d{1,3}\s*(?:,|\.|;|$)|\s*\(\d{1,3}\))")
#: Lemmas of the verbs after a speaker's name ("Zala said", "Garcia told reporters").
SPEECH_LEMMAS = frozenset({"say", "tell", "add", "state", "explain", "recall", "testify", "write"})


def _clean(text: str) -> str:
    text = text.strip().strip(",.;:()\"'").strip()
    for possessive in ("'s", "\u2019s"):
        if text.endswith(possessive):
            text = text[: -len(possessive)]
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip()


def _area(text: str, states: dict[str, str]) -> str:
    return states.get(text.strip(" ,;:"), _clean(text))


def _surnames(doc: Doc) -> frozenset[str]:
    """The words of the full names (two words or more) the model tags PERSON: "Jonathan Austin" -> austin."""
    return frozenset(fold(token.text) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                     for token in ent if token.is_alpha)


def _placed_names(doc: Doc, datelines: list[_NameMention]) -> frozenset[str]:
    """Names the article plainly uses as places: after a locative word ("in Dayton") or in a dateline."""
    found = {fold(m.text) for m in datelines}
    found.update(fold(ent.text) for ent in doc.ents
                 if ent.label_ in PLACE_LABELS and ent.start > 0 and doc[ent.start - 1].lower_ in LOCATIVE_WORDS)
    return frozenset(found)


def _person_context(doc: Doc, ent: Span, surnames: frozenset[str],
                    states: dict[str, str], placed: frozenset[str] = frozenset()) -> tuple[bool, bool]:
    """(person, speaker): whether the context of the entity ``ent`` makes it a person's name.

    A locative word before it, a state after it or an agency word after it keeps it a place. The weaker
    cues (a first name before it, a person's full name elsewhere) yield to the article's own use of the name
    as a place (``placed``): "a Dayton teen" in a report that says "in Dayton" is the town."""
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    if before is not None and before.lower_ in LOCATIVE_WORDS:
        return False, False
    if after is not None and after.lower_ in PLACE_WORDS_AFTER:
        return False, False
    if after is not None and after.text == "," and ent.end + 1 < len(doc) and (
            (area := doc[ent.end + 1].text) in states or area in states.values()):
        return False, False  # "Austin, Texas" / "Austin, Tex."
    titles, place_starts = person_name_cues()
    if before is not None and before.lower_.rstrip(".") in titles:
        return True, False
    if _AGE_AFTER.match(doc_text(doc)[ent.end_char:ent.end_char + 8]):
        return True, False
    if fold(ent.text) in placed or ent.text in states.values():
        return False, False
    if len(ent) == 1 and before is not None and _first_name(before, place_starts):
        return True, False
    # A word of a full name the article gives, where the model doubts the place too: "Austin was pronounced
    # dead" after "Jonathan Austin". Not for a name it tags GPE: "John Tyler High School" does not make every
    # "Tyler" of a report from Texas a person.
    if len(ent) == 1 and ent.label_ in MISTAGGED_LABELS and fold(ent.text) in surnames:
        return True, False
    speaker = (after is not None and after.lemma_.lower() in SPEECH_LEMMAS and after.pos_ in ("VERB", "AUX")) or (
        # "..., said Henderson." : a speech verb before it, and the clause ends with it.
        before is not None and before.lemma_.lower() in SPEECH_LEMMAS and before.pos_ == "VERB"
        and (after is None or after.is_punct))
    # The model's PERSON and a speech verb agree: a speaker, whatever place shares the name ("Zala said").
    return speaker and ent.label_ == "PERSON", speaker


def _first_name(token: Token, place_starts: frozenset[str]) -> bool:
    """A capitalised word just before a name that reads as a first name: not a sentence's first word, not a
    word that starts place names ("East", "Fort"), not part of another place's name."""
    return (token.is_alpha and token.is_title and not token.is_sent_start and not token.is_stop
            and token.lower_ not in place_starts and token.ent_type_ not in PLACE_LABELS
            and token.pos_ == "PROPN")


def _entity_mentions(doc: Doc, states: dict[str, str], placed: frozenset[str]) -> list[_NameMention]:
    found: list[_NameMention] = []
    surnames = _surnames(doc)
    for ent in doc.ents:
        raw = ent.text
        if "\n" in raw:  # a headline run into the next line: not one name
            continue
        if ent.label_ in AGENCY_LABELS and (police := _POLICE.match(raw)) is not None:
            found.append(_NameMention(police["place"], ent.start_char + police.start("place"),
                                      ent.start_char + police.end("place"), mistagged=False))
            continue
        mistagged = ent.label_ in MISTAGGED_LABELS
        if ent.label_ not in PLACE_LABELS and not mistagged:
            continue
        if "," in raw:  # "Nashville, Tenn." / "Quetta, Balochistan"
            first, _, rest = raw.partition(",")
            hint = _area(rest, states)
            found.append(_NameMention(_clean(first), ent.start_char, ent.start_char + len(first), mistagged, hint))
            offset = raw.index(rest.strip(), len(first))
            found.append(_NameMention(hint, ent.start_char + offset, ent.end_char, mistagged))
            continue
        name = _area(raw, states)
        if name:
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            person, speaker = _person_context(doc, ent, surnames, states, placed)
            found.append(_NameMention(name, ent.start_char, ent.end_char, mistagged, locative=before in LOCATIVE_WORDS,
                                      person=person, speaker=speaker))
    return found


def _dateline_mentions(text: str, states: dict[str, str]) -> list[_NameMention]:
    found: list[_NameMention] = []
    for m in _DATELINE.finditer(text):
        if m[0].rstrip().endswith(")") and not m["place"].isupper():
            continue  # "Smith (R-Texas) said": only "EUTAW, Ala. (AP)" is a dateline without a dash
        area = _area(m["area"], states) if m["area"] else None
        if area:
            found.append(_NameMention(area, m.start("area"), m.end("area"), mistagged=False))
        found.append(_NameMention(m["place"], m.start("place"), m.end("place"), mistagged=False, admin1_hint=area,
                                  locative=True, town=True))
    return found


def _name_mentions(doc: Doc, text: str) -> list[_NameMention]:
    states = us_state_abbreviations()
    datelines = _dateline_mentions(text, states)
    found = _entity_mentions(doc, states, _placed_names(doc, datelines))
    if datelines:
        found = [m for m in found if not any(d.start < m.end and m.start < d.end for d in datelines)] + datelines
        found.sort(key=lambda m: m.start)
    # "Springdale, Maryland": a name followed by ", <area>" takes the area as a hint.
    for mention, following in zip(found, found[1:], strict=False):
        if mention.admin1_hint is None and text[mention.end:following.start] in (", ", ","):
            mention.admin1_hint = following.text
    return found


def _score(candidate: Candidate, countries: Counter, admin1s: Counter) -> float:
    if candidate.feature == "terrain":
        score = TERRAIN_SCORE
    else:
        score = math.log10(candidate.population + 10) + FEATURE_BONUS.get(candidate.feature, 0.0)
    if countries[candidate.country] > 0:
        score += COUNTRY_CONTEXT_BONUS
    if candidate.feature not in ("country", "admin1") and admin1s[(candidate.country, candidate.admin1)] > 0:
        score += ADMIN1_CONTEXT_BONUS
    return score


def _supported(candidate: Candidate, countries: Counter, admin1s: Counter) -> bool:
    if candidate.feature != "city" or candidate.population >= MIN_CITY_POPULATION_WITHOUT_CONTEXT:
        return True
    return admin1s[(candidate.country, candidate.admin1)] > 0


def _context_of(choice: Candidate | None) -> tuple[str | None, tuple[str | None, str | None] | None]:
    if choice is None:
        return None, None
    admin1 = choice.name if choice.feature == "admin1" else choice.admin1
    return choice.country, (choice.country, admin1) if admin1 else None


def _context(picks: list[Candidate | None], hints: list[str | None]) -> tuple[Counter, Counter]:
    countries: Counter = Counter()
    admin1s: Counter = Counter()
    for pick, hint in zip(picks, hints, strict=True):
        _count(pick, hint, countries, admin1s, 1)
    return countries, admin1s


def _count(pick: Candidate | None, hint: str | None, countries: Counter, admin1s: Counter, step: int) -> None:
    if pick is None:
        return
    country, admin1 = _context_of(pick)
    countries[country] += step
    if admin1:
        admin1s[admin1] += step
    if hint:
        admin1s[(pick.country, hint)] += step


def resolve_names(names: Iterable[tuple[str, str | None]], towns: Sequence[bool] = ()) -> list[Candidate | None]:
    """Resolve place names that occur together (one article): ``(name, admin1 hint)`` pairs.

    Each name first takes its best reading alone; then, CONTEXT_ROUNDS times,
    every name is read again in the context of the others' current readings
    (its own left out, and its repeats). Names flagged in ``towns`` (a
    dateline's) are read as a town when one has the name ("WASHINGTON (AP)" is
    the capital, not the state). Usable without spaCy, e.g. on a gold city/state pair.
    """
    pairs = list(names)
    hints = [hint for _, hint in pairs]
    # One name, one place within an article: "LEBANON, Pa." in the dateline makes every later "Lebanon"
    # the town in Pennsylvania, not the country.
    name_hints: dict[str, list[str]] = {}
    for name, hint in pairs:
        if name and hint:
            name_hints.setdefault(fold(name), []).append(hint)
    pools: list[list[Candidate]] = []
    for name, hint in pairs:
        options = candidates(name) if name else ()
        own = [hint] if hint else name_hints.get(fold(name), []) if name else []
        hinted = [c for c in options if any(fold(c.admin1 or "") == fold(h) for h in own)] or list(options)
        if len(pools) < len(towns) and towns[len(pools)]:
            hinted = [c for c in hinted if c.feature in ("city", "terrain")] or hinted
        pools.append(hinted)
    empty: Counter = Counter()
    picks = [max(pool, key=lambda c: _score(c, empty, empty)) if pool else None for pool in pools]
    # The context of a name is the other names: its own repeats ("Belgrade" six times) are no evidence
    # for the reading they share.
    groups: dict[str, list[int]] = {}
    for i, (name, _) in enumerate(pairs):
        groups.setdefault(fold(name) if name else "", []).append(i)
    for _ in range(CONTEXT_ROUNDS):
        countries, admin1s = _context(picks, hints)
        new_picks: list[Candidate | None] = list(picks)
        for members in groups.values():
            for i in members:
                _count(picks[i], hints[i], countries, admin1s, -1)
            for i in members:
                new_picks[i] = max(pools[i], key=lambda c: _score(c, countries, admin1s)) if pools[i] else None
            for i in members:
                _count(picks[i], hints[i], countries, admin1s, 1)
        picks = new_picks
    countries, admin1s = _context(picks, hints)
    resolved: list[Candidate | None] = []
    for i, (pick, hint) in enumerate(zip(picks, hints, strict=True)):
        _count(pick, hint, countries, admin1s, -1)
        keep = pick is not None and _supported(pick, countries, admin1s) and not _stray_abroad(
            pick, _other_names_by_country(pairs, picks, fold(pairs[i][0] or "")))
        resolved.append(pick if keep else None)
        _count(pick, hint, countries, admin1s, 1)
    return resolved


def _other_names_by_country(pairs: list[tuple[str, str | None]], picks: list[Candidate | None],
                            own: str) -> dict[str | None, set[str]]:
    """The distinct names other than ``own`` each country's readings come from."""
    found: dict[str | None, set[str]] = {}
    for (name, _), pick in zip(pairs, picks, strict=True):
        if pick is not None and name and fold(name) != own:
            found.setdefault(pick.country, set()).add(fold(name))
    return found


def _stray_abroad(pick: Candidate, countries: dict[str | None, set[str]]) -> bool:
    """A small town or area in a country none of the article's other names are in, when those agree on one."""
    if pick.feature not in ("city", "admin2") or pick.population >= FOREIGN_TOWN_MAX_POPULATION:
        return False
    if len(countries) != 1:
        return False
    (country, names), = countries.items()
    return country != pick.country and len(names) >= FOREIGN_CONTEXT_MIN_NAMES


def places_of(doc: Doc) -> list[Place]:
    """Every resolved place name of ``doc``, in text order."""
    text = doc_text(doc)
    mentions = _name_mentions(doc, text)
    mentions = [m for m in mentions if fold(m.text) not in NOT_PLACE_NAMES and not m.person]
    resolved = resolve_names([(m.text, m.admin1_hint) for m in mentions], towns=[m.town for m in mentions])
    places: list[Place] = []
    empty: Counter = Counter()
    # Countries the names the model did tag as places resolve to.
    context_countries = {c.country for m, c in zip(mentions, resolved, strict=True) if c is not None and not m.mistagged}
    for mention, choice in zip(mentions, resolved, strict=True):
        if choice is None:
            continue
        if mention.speaker and choice.feature in ("city", "admin2"):
            continue  # "Zala said": a speaker; "Kenya said" is a government
        if mention.mistagged and _score(choice, empty, empty) < MISTAGGED_MIN_SCORE and not (
            mention.locative and choice.country in context_countries
        ):
            continue
        places.append(choice.to_place(span=(mention.start, mention.end), text=text[mention.start:mention.end]))
    return places


def town_within(place: Place, others: Sequence[Place]) -> Place:
    """``place``, or the first town of ``others`` that lies in it when ``place`` is a country or a first-level
    area: "HOLA, Kenya (CWS) — ... in Kenya's Tana River County" happened at Hola, which the dateline names,
    not anywhere in Kenya. A town elsewhere leaves ``place`` as it is."""
    if place.feature not in ("country", "admin1"):
        return place
    return next((other for other in others if other.feature == "city" and place_contains(place, other)), place)


def places_in_range(doc: Doc, start_char: int, end_char: int) -> list[Place]:
    """The places ``accord_places`` found between two character offsets of ``doc``."""
    return [p for p in doc._.places or [] if p.span and start_char <= p.span[0] and p.span[1] <= end_char]


@Language.factory("accord_places", assigns=["doc._.places"], requires=["doc.ents"], default_config={"lexicons": {}})
def make_component(nlp: Language, name: str, lexicons: dict[str, Any]) -> Callable[[Doc], Doc]:
    extend_lexicons(lexicons)
    def component(doc: Doc) -> Doc:
        doc._.places = places_of(doc)
        return doc

    return component


__all__ = ["places_of", "places_in_range", "resolve_names", "town_within", "COMPONENT_VERSION"]
