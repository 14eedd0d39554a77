"""Where a unit happened: whether two places can be one incident's, and place matches that say no
place of an incident (a person's name, where somebody lives)."""

from __future__ import annotations

from collections.abc import Sequence

from accord.extract.gazetteer import place_contains
from accord.extract.mentions.cue_lexicon import cues
from accord.extract.mentions.units import Unit
from accord.models import Actor, Claim, Place


def places_compatible(outer: Place | None, inner: Place | None) -> bool:
    """Same place, or one inside the other (by the gazetteer's hierarchy)."""
    if outer is None or inner is None:
        return True
    if place_key(outer) == place_key(inner):
        return True
    if _county_and_town(outer, inner) or _county_and_town(inner, outer):
        return True
    return place_contains(outer, inner) or place_contains(inner, outer)


def _county_and_town(county: Place, town: Place) -> bool:
    """A county and a town of its state: the gazetteer does not say which county a town lies in,
    so "Capitol Heights" may well be in "Prince George's County" (and in the GVA dev reports it is)."""
    return county.feature == "admin2" and town.feature in ("city", "admin2") and \
        county.country == town.country and county.admin1 is not None and county.admin1 == town.admin1


def place_key(place: Place) -> tuple[object, ...]:
    """What makes two place records the same place."""
    return (place.geonameid,) if place.geonameid else (place.name.lower(), place.country)





def names_a_person(place: Place, unit: Unit, unit_claims: Sequence[Claim], actors: Sequence[Actor]) -> bool:
    """A place match that is a person: part of the counted people's phrase ("Austin was pronounced dead"),
    a speaker ("Zala said"), or a word of a person's name the article gives ("Shaniqwa Copeland")."""
    if place.span is None:
        return False
    if any(c.span[0] < place.span[1] and place.span[0] < c.span[1] for c in unit_claims):
        return True
    after = unit.text[place.span[1] - unit.start:place.span[1] - unit.start + 12]
    if cues().speaker_after.match(after):
        return True
    name = (place.text or place.name).lower()
    # a full name's word ("Shaniqwa Copeland"), or a victim or perpetrator named by surname alone ("Milner"):
    # a person whatever the gazetteer says
    return any(actor.role in ("victim", "perpetrator", "official") and name in actor.name.lower().split()
               and (len(actor.name.split()) > 1 or actor.role != "official") for actor in actors)


def residence(place: Place, unit: Unit, unit_claims: Sequence[Claim] = (), actors: Sequence[Actor] = ()) -> bool:
    """A place named as where somebody lives ("Johnson, 29, of Dayton"), not where anything happened."""
    if place.span is None:
        return False
    before = unit.text[max(0, place.span[0] - unit.start - 20):place.span[0] - unit.start]
    return bool(cues().residence_before.search(before))


#: Characters before a place name searched for the words that make it a journey's end ("from Quetta, the
#: capital of Balochistan, to " is 41).
ROUTE_LOOKBACK_CHARS = 80


def route_end(place: Place, unit: Unit, unit_claims: Sequence[Claim] = (), actors: Sequence[Actor] = ()) -> bool:
    """A place a journey starts or ends at (rule ``mentions.place_route_end``): "the Jaffar Express traveling
    from Quetta to Peshawar", "a bus bound for Karachi", in a sentence of travel (lexicon ``background_cues``:
    ``route_travel``, ``route_end_before``). Where the train was going is not where it was attacked."""
    if place.span is None or not cues().route_travel.search(unit.text):
        return False
    at = place.span[0] - unit.start
    return bool(cues().route_end_before.search(unit.text[max(0, at - ROUTE_LOOKBACK_CHARS):at]))
