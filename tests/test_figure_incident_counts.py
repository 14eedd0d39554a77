"""Killed and injured of one incident from its reports (its totals, as accord.evaluate.gva reads them):
which reports to believe, who is a second person, what an ordinal covers."""

from __future__ import annotations

from accord.evaluate.gva import predict_incident
from accord.extract import Extractor
from accord.models import Article


def _incident(extractor: Extractor, *texts: str) -> tuple[int, int]:
    articles = [Article(id=f"a{i}", text=text, published="2025-03-12") for i, text in enumerate(texts)]
    prediction = predict_incident("i1", articles, list(extractor.extract_many(articles)))
    return prediction.killed, prediction.injured


def test_report_dwarfing_all_others_is_not_believed(extractor: Extractor) -> None:
    # two reports agree on one death; a third gives ten dead and eighteen hurt: it let other shootings in
    one = "A man was shot and killed on Main Street on Friday, police said."
    many = "Police said 10 people were killed and 18 were wounded on Friday."
    assert _incident(extractor, one, one, many) == (1, 0)


def test_report_adding_only_wounded_is_believed(extractor: Extractor) -> None:
    # the others name the death only; the one that also counts the wounded is not an outlier
    one = "A man was shot and killed on Main Street on Friday, police said."
    more = "A man was killed and five other people were wounded in a shooting on Main Street on Friday."
    assert _incident(extractor, one, one, more) == (1, 5)


def test_a_single_report_is_always_believed(extractor: Extractor) -> None:
    assert _incident(extractor, "Police said 10 people were killed and 18 were wounded on Friday.") == (10, 18)


def test_named_wounded_beside_named_dead_is_somebody_else(extractor: Extractor) -> None:
    text = ("Justin Pellham and Cody Tolliver, both 21, were killed in the shooting. "
            "Reggie Abernathy, 20, was treated for gunshot wounds.")
    assert _incident(extractor, text) == (2, 1)


def test_named_dead_rementioned_is_not_injured(extractor: Extractor) -> None:
    text = ("Dwayne Pellham was shot and killed on Main Street on Friday. "
            "Pellham was taken to a hospital in critical condition before he died.")
    assert _incident(extractor, text) == (1, 0)


def test_ordinal_victim_does_not_hide_those_shot(extractor: Extractor) -> None:
    # "a second male victim" is one person grazed, not two injured covering the four shot
    text = ("Four shot, two dead on South Street\n\nTwo women have died from their injuries. "
            "A second male victim suffered a graze wound and was treated at the scene.")
    assert _incident(extractor, text) == (2, 2)


def test_another_fighting_for_life_is_injured(extractor: Extractor) -> None:
    text = "Four people are dead and another is fighting for her life at a hospital after the shooting."
    assert _incident(extractor, text) == (4, 1)


def test_report_whose_dead_dwarf_the_others_is_not_believed(extractor: Extractor) -> None:
    # everybody hit is close, but five dead against the one dead two other reports agree on is a
    # related story's toll, not a later death
    one = "A man was killed and four other people were wounded on Main Street on Friday."
    toll = "Police said five people were killed and four other people were wounded on Friday."
    assert _incident(extractor, one, one, toll) == (1, 4)
