"""Person names that are also place names (accord_places)."""

from __future__ import annotations

import pytest

from accord.extract import Extractor
from accord.extract.places import town_within
from accord.models import Article, Place


def places(extractor: Extractor, text: str) -> list[tuple[str, str, str | None]]:
    doc = extractor.nlp(extractor.make_doc(Article(id="t", text=text, published="2016-05-25")))
    return [(p.text or "", p.name, p.country) for p in doc._.places]


@pytest.mark.parametrize(
    "text",
    [
        "Police identified the victim as Jonathan Austin, 24. Austin was pronounced dead at the scene.",
        "Maria Garcia, 34, was shot. Garcia told police she did not know the gunman.",
        "Zala said the attackers came at night.",
        "Officer Austin said the suspect fled on foot.",
    ],
)
def test_a_person_is_no_place(extractor: Extractor, text: str) -> None:
    assert places(extractor, text) == []


def test_a_place_in_a_place_context_is_kept(extractor: Extractor) -> None:
    found = places(extractor, "Officer Austin said the suspect fled. The shooting happened in Austin on Friday.")
    assert [(text, country) for text, _, country in found] == [("Austin", "US")]
    found = places(extractor, "Two people were shot in Austin, Texas, on Sunday. Austin police made an arrest.")
    assert [text for text, _, _ in found].count("Austin") == 2


def test_a_town_named_speaker_is_a_person(extractor: Extractor) -> None:
    text = "Hope people can learn from it, said Henderson. Henderson said he wishes he could turn back time."
    assert places(extractor, text) == []
    kept = places(extractor, "Henderson police said the man was shot on Main Street in Henderson.")
    assert [name for _, name, _ in kept].count("Henderson") == 2


def test_the_articles_own_place_use_outweighs_weak_person_cues(extractor: Extractor) -> None:
    found = places(extractor, "A 2-year-old Eastside Jacksonville girl was shot on Christmas night, "
                              "Jacksonville police said.")
    assert [name for _, name, _ in found] == ["Jacksonville", "Jacksonville"]


def test_a_country_that_speaks_is_a_government(extractor: Extractor) -> None:
    assert ("Kenya", "Kenya", "KE") in places(extractor, "Kenya said it would send more troops to the border.")


def test_a_dateline_town_is_finer_than_its_country_or_area() -> None:
    kenya = Place(name="Kenya", country="KE", feature="country")
    tana_river = Place(name="Tana River", admin1="Tana River", country="KE", feature="admin1")
    hola = Place(name="Hola", admin1="Tana River", country="KE", feature="city")
    garissa = Place(name="Garissa", admin1="Garissa", country="KE", feature="city")
    dayton = Place(name="Dayton", admin1="Ohio", country="US", feature="city")
    assert town_within(kenya, [hola, kenya, tana_river]) is hola
    assert town_within(tana_river, [garissa, hola]) is hola  # Garissa lies in another county
    assert town_within(tana_river, [garissa]) is tana_river
    assert town_within(kenya, [dayton]) is kenya
    assert town_within(garissa, [hola]) is garissa  # a town is kept as it is
