"""Reading place names in the context of the article's other names (accord_places)."""

from __future__ import annotations

from accord.extract import Extractor
from accord.extract.places import resolve_names
from accord.models import Article


def process(extractor: Extractor, text: str, published: str | None = "2016-08-19"):
    return extractor.nlp(extractor.make_doc(Article(id="t", text=text, published=published)))


def readings(names: list[tuple[str, str | None]]) -> list[tuple[str, str | None, str | None] | None]:
    return [(c.name, c.admin1, c.country) if c else None for c in resolve_names(names)]


def test_a_dateline_state_holds_for_every_later_mention_of_the_name() -> None:
    got = readings([("Lebanon", "Pennsylvania"), ("Lebanon", None), ("Lebanon", None)])
    assert got == [("Lebanon", "Pennsylvania", "US")] * 3


def test_without_a_hint_a_bare_country_name_stays_the_country() -> None:
    assert readings([("Lebanon", None)]) == [("Lebanon", None, "LB")]


def test_repeats_of_one_name_are_no_context_for_it() -> None:
    # Six "Belgrade"s used to vote for each other (Serbia); the county names the state.
    got = readings([("Belgrade", None)] * 6 + [("Gallatin County", None)])
    assert set(got) == {("Belgrade", "Montana", "US"), ("Gallatin County", "Montana", "US")}


def test_a_small_town_abroad_among_places_of_one_other_country_is_dropped() -> None:
    got = readings([("North Dakota", None), ("Barnes", None), ("Valley City", None)])
    assert got[0] == ("North Dakota", "North Dakota", "US")
    assert got[1] is None  # Barnes, England: the county the gazetteer knows only as "Barnes County"
    assert got[2] == ("Valley City", "North Dakota", "US")


def test_a_big_city_abroad_is_kept() -> None:
    got = readings([("Houston", None), ("Texas", None), ("Mogadishu", None)])
    assert got[2] is not None and got[2][2] == "SO"
    # ... unless the article's country has a town of that name: Paris, Texas.
    assert readings([("Houston", None), ("Texas", None), ("Paris", None)])[2] == ("Paris", "Texas", "US")


def test_a_foreign_homonym_yields_to_the_articles_country() -> None:
    assert readings([("Toledo", None)]) == [("Toledo", "Ohio", "US")]
    assert readings([("Toledo", None), ("Ohio", None)])[0] == ("Toledo", "Ohio", "US")


def test_kenyan_counties_and_towns() -> None:
    got = readings([("Hola", None), ("Lamu County", None), ("Witu", None), ("Tana River County", None)])
    assert got[1] == ("Lamu", "Lamu", "KE")
    assert all(g is not None and g[2] == "KE" for g in got)


def test_the_county_of_a_sheriffs_office_is_a_place(extractor: Extractor) -> None:
    # The small model tags the office FAC here: its county counts as an agency's place all the same.
    text = ("A boy was shot on Cardinal Drive in Belgrade on Thursday morning. Deputies from the Gallatin County "
            "Sheriff's Office and Belgrade Police are investigating.")
    doc = process(extractor, text)
    found = {(p.name, p.admin1, p.country) for p in doc._.places}
    assert ("Belgrade", "Montana", "US") in found
    assert ("Gallatin County", "Montana", "US") in found
    assert not any(country == "RS" for _, _, country in found)


def test_a_dateline_names_a_town() -> None:
    assert readings([("WASHINGTON", None)]) == [("Washington", "Washington", "US")]  # the state, alone
    (capital,) = resolve_names([("WASHINGTON", None)], towns=[True])
    assert capital is not None and (capital.feature, capital.admin1) == ("city", "District of Columbia")


def test_dateline_in_an_article(extractor: Extractor) -> None:
    text = "WASHINGTON (AP) \u2014 Two men were shot near a subway station on Friday night, police said."
    doc = process(extractor, text)
    assert ("Washington", "District of Columbia") in {(p.name, p.admin1) for p in doc._.places}


def test_compass_points_and_ordinals_are_no_places(extractor: Extractor) -> None:
    text = ("Las Vegas Metro police said a man was shot on the South side of the Strip near the Bellagio. "
            "First responders took him to a hospital in Las Vegas.")
    countries = {p.country for p in process(extractor, text)._.places}
    assert countries == {"US"}

