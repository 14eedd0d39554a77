"""The place of an incident: the most specific place compatible with what the other reports say."""

from __future__ import annotations

from collections.abc import Sequence

from accord.models import Place

#: How specific a gazetteer feature is; a terrain feature (a pass, a valley) is as specific as a town.
SPECIFICITY: dict[str, int] = {"country": 0, "admin1": 1, "city": 2, "terrain": 2}


def _fold(text: str | None) -> str:
    return (text or "").strip().casefold()


def specificity(place: Place) -> int:
    return SPECIFICITY.get(place.feature, 2)


def within(broad: Place, narrow: Place) -> bool:
    """Whether ``narrow`` lies in (or is) ``broad``, as far as their fields tell (unknown fields do not object)."""
    if broad.country and narrow.country and broad.country.upper() != narrow.country.upper():
        return False
    level, inner = specificity(broad), specificity(narrow)
    if inner < level:
        return False
    if level == 0:
        return True
    if level == 1:
        region = _fold(broad.admin1 or broad.name)
        narrow_region = _fold(narrow.admin1) if inner > 1 else _fold(narrow.admin1 or narrow.name)
        return not narrow_region or narrow_region == region
    if broad.admin1 and narrow.admin1 and _fold(broad.admin1) != _fold(narrow.admin1):
        return False
    return _fold(broad.name) == _fold(narrow.name)


def _key(place: Place) -> tuple:
    return (_fold(place.name), _fold(place.admin1), (place.country or "").upper(), specificity(place))


def best_place(places: Sequence[Place], main: Sequence[bool] | None = None) -> Place | None:
    """The most specific place that the most reports are compatible with.

    A candidate's support is the number of places it lies within (itself, its
    province, its country); ties go to the more specific one, then the one named
    most often, then the one named in main (not background) mentions.
    """
    if not places:
        return None
    flags = list(main) if main is not None else [True] * len(places)
    candidates: dict[tuple, Place] = {}
    for place in sorted(places, key=lambda p: (_key(p), p.geonameid or 0, p.lat or 0.0, p.lon or 0.0)):
        candidates.setdefault(_key(place), place)

    def score(candidate: Place) -> tuple:
        support = sum(1 for p in places if within(p, candidate))
        named = sum(1 for p in places if _key(p) == _key(candidate))
        in_main = sum(1 for p, flag in zip(places, flags, strict=True) if flag and _key(p) == _key(candidate))
        return (support, specificity(candidate), named, in_main)

    best_key = max(candidates, key=lambda key: (score(candidates[key]), key))
    return candidates[best_key]
