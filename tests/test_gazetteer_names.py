"""Names the gazetteer must know: areas with "County", towns without "City", islands, provinces."""

from __future__ import annotations

from accord.extract.gazetteer import candidates


def kinds(name: str) -> set[tuple[str, str | None, str | None]]:
    return {(c.feature, c.admin1, c.country) for c in candidates(name)}


def test_an_area_written_with_county_is_found_by_its_name() -> None:
    assert ("admin1", "Lamu", "KE") in kinds("Lamu County")
    assert ("admin1", "Tana River", "KE") in kinds("Tana River County")
    assert ("admin2", "Tennessee", "US") in kinds("Davidson County")  # named with "County" in GeoNames


def test_a_compass_point_with_county_is_no_area() -> None:
    assert not any(country == "CM" for _, _, country in kinds("East County"))
    assert not kinds("North County")


def test_a_town_named_city_is_known_without_it() -> None:
    assert ("city", "Utah", "US") in kinds("West Valley")
    assert not any(c.name == "Kansas City" for c in candidates("Kansas"))  # one-word stems are left alone


def test_a_province_called_by_its_towns_name_is_the_town() -> None:
    toledo = kinds("Toledo")
    assert ("city", "Castilla-La Mancha", "ES") in toledo
    assert ("admin2", "Castilla-La Mancha", "ES") not in toledo


def test_long_island_is_new_yorks() -> None:
    best = [c for c in candidates("Long Island") if c.feature == "terrain"]
    assert best and best[0].admin1 == "New York" and best[0].country == "US"


def test_pakistani_kohistan_is_known_besides_afghanistans() -> None:
    """terrain.json adds the conflict districts GeoNames lacks or gives only to a namesake abroad."""
    assert ("Kohistan", "PK") in {(c.name, c.country) for c in candidates("Upper Kohistan")}
    assert any(c.country == "PK" for c in candidates("Kohistan"))
    assert {c.country for c in candidates("Bajaur")} == {"PK"}
