"""The ``accord_places`` component: place names resolved against the offline gazetteer.

Finding: GPE, LOC and FAC entities, plus ORG/NORP entities whose text is a
country, a first-level area, a terrain feature or a large city (the small
English model often tags "Quetta" or "Balochistan" as an organisation).
"Nashville, Tenn." is split into its city and its state.

Resolving, in two passes over the article: first each name takes its most
likely reading alone (countries before provinces before cities, then by
population); those readings make the article's context (which countries and
first-level areas it speaks of); then each name is read again, preferring
candidates inside that context. So "Hermitage" in an article that also says
Nashville or Tennessee resolves in Tennessee, not in Pennsylvania.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from accord.extract.gazetteer import Candidate, candidates, fold, us_state_abbreviations
from accord.models import Place

COMPONENT_VERSION = "accord.places.v1"

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Labels the small model gives place names by mistake; kept only when they resolve to a big place.
MISTAGGED_LABELS = frozenset({"ORG", "NORP", "PERSON"})

#: Added to log10(population) by kind of place. An area's or country's
#: population is the sum of its towns', so it already outweighs its own towns;
#: a country also beats a same-named area of similar size (Georgia), and a
#: terrain feature (no population) scores like a town of 10^7.
FEATURE_BONUS = {"country": 1.5, "admin1": 0.5, "admin2": 0.0, "city": 0.0}
TERRAIN_SCORE = 7.0
#: Bonus when a candidate lies in a country / first-level area the article names
#: elsewhere. Calibrated on the GVA dev docs: an admin1 match must outweigh about
#: four orders of magnitude of population (Hermitage TN vs PA is a factor of 2.4,
#: small towns vs big cities of the same name up to 10^4).
COUNTRY_CONTEXT_BONUS = 3.0
ADMIN1_CONTEXT_BONUS = 4.0
#: A town that the context does not support must have at least this many
#: people: many tiny GeoNames towns share a name with a person or a word.
MIN_CITY_POPULATION_WITHOUT_CONTEXT = 5000
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


def _clean(text: str) -> str:
    text = text.strip().strip(",.;:()\"'").strip()
    for possessive in ("'s", "\u2019s"):
        if text.endswith(possessive):
            text = text[: -len(possessive)]
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip()


def _name_mentions(doc: Doc) -> list[_NameMention]:
    states = us_state_abbreviations()
    found: list[_NameMention] = []
    for ent in doc.ents:
        mistagged = ent.label_ in MISTAGGED_LABELS
        if ent.label_ not in PLACE_LABELS and not mistagged:
            continue
        raw = ent.text
        if "\n" in raw:  # a headline run into the next line: not one name
            continue
        if "," in raw:  # "Nashville, Tenn." / "Quetta, Balochistan"
            first, _, rest = raw.partition(",")
            hint = states.get(rest.strip(" ,;:"), _clean(rest))
            found.append(_NameMention(_clean(first), ent.start_char, ent.start_char + len(first), mistagged, hint))
            offset = raw.index(rest.strip(), len(first))
            found.append(_NameMention(hint, ent.start_char + offset, ent.end_char, mistagged))
            continue
        name = states.get(raw.strip(" ,;:"), _clean(raw))
        if name:
            found.append(_NameMention(name, ent.start_char, ent.end_char, mistagged))
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


def resolve_names(names: Iterable[tuple[str, str | None]]) -> list[Candidate | None]:
    """Resolve place names that occur together (one article): ``(name, admin1 hint)`` pairs.

    Usable without spaCy, e.g. on a gold ``city_or_county`` / ``state`` pair.
    """
    pairs = list(names)
    options = [candidates(name) if name else () for name, _ in pairs]
    empty: Counter = Counter()
    first = [max(opts, key=lambda c: _score(c, empty, empty)) if opts else None for opts in options]
    countries: Counter = Counter()
    admin1s: Counter = Counter()
    own: list[tuple[str | None, tuple[str | None, str | None] | None]] = []
    for choice, (_, hint) in zip(first, pairs, strict=True):
        country, admin1 = _context_of(choice)
        own.append((country, admin1))
        countries[country] += 1
        if admin1:
            admin1s[admin1] += 1
        if hint and choice is not None:
            admin1s[(choice.country, hint)] += 1
    resolved: list[Candidate | None] = []
    for opts, (country, admin1), (_, hint) in zip(options, own, pairs, strict=True):
        if not opts:
            resolved.append(None)
            continue
        # The article's context without this name's own first reading.
        countries[country] -= 1
        if admin1:
            admin1s[admin1] -= 1
        hinted = [c for c in opts if hint and fold(c.admin1 or "") == fold(hint)]
        pool = hinted or opts
        best = max(pool, key=lambda c: _score(c, countries, admin1s))
        resolved.append(best if _supported(best, countries, admin1s) else None)
        countries[country] += 1
        if admin1:
            admin1s[admin1] += 1
    return resolved


def places_of(doc: Doc) -> list[Place]:
    """Every resolved place name of ``doc``, in text order."""
    mentions = _name_mentions(doc)
    resolved = resolve_names((m.text, m.admin1_hint) for m in mentions)
    places: list[Place] = []
    empty: Counter = Counter()
    for mention, choice in zip(mentions, resolved, strict=True):
        if choice is None:
            continue
        if mention.mistagged and _score(choice, empty, empty) < MISTAGGED_MIN_SCORE:
            continue
        places.append(choice.to_place(span=(mention.start, mention.end), text=doc.text[mention.start:mention.end]))
    return places


def places_in_range(doc: Doc, start_char: int, end_char: int) -> list[Place]:
    """The places ``accord_places`` found between two character offsets of ``doc``."""
    return [p for p in doc._.places or [] if p.span and start_char <= p.span[0] and p.span[1] <= end_char]


@Language.factory("accord_places", assigns=["doc._.places"], requires=["doc.ents"])
def make_component(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    def component(doc: Doc) -> Doc:
        doc._.places = places_of(doc)
        return doc

    return component


__all__ = ["places_of", "places_in_range", "resolve_names", "COMPONENT_VERSION"]
