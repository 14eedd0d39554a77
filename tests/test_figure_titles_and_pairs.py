"""Figures of titles and of people counted without a number: ages as title subjects, active title
verbs with their victims, "both", "the pair", wounds sustained."""

from __future__ import annotations

import pytest

from accord.extract import Extractor
from accord.models import Article


def figures(extractor: Extractor, text: str) -> set[tuple[str, str, int | None]]:
    extraction = extractor.extract_article(Article(id="t1", text=text, published="2017-02-23"))
    return {(c.measure, c.group, c.value.low) for c in extraction.claims}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title's "16-year-old" is one person, though the tagger reads "old" as an adjective of "shot"
        ("16-year-old shot in hand in Plaquemine", ("injured", "all", 1)),
        ("Four-year-old wounded in central Fresno drive-by shooting", ("injured", "all", 1)),
        # a count right after a title's outcome word is the next count, not an age in apposition
        ("One Dead, One Hospitalized In Stockton Shooting", ("injured", "all", 1)),
        # a title's active "killed" with its victims after it: the victims, not the killer, and the killer himself
        ("Officials: South Dakota Man Killed Wife, 4 Kids Then Himself", ("killed", "all", 5)),
        ("Officials: South Dakota Man Killed Wife, 4 Kids Then Himself", ("killed", "attackers", 1)),
        # "both" and "the pair" count two people named before
        ("Two men were shot on Friday. Both died at the hospital.", ("killed", "all", 2)),
        ("Police said the pair were shot outside a bar.", ("injured", "all", 2)),
        # a wound sustained is a wound suffered
        ("A woman sustained a gunshot wound to her leg.", ("injured", "all", 1)),
    ],
)
def test_figure(extractor: Extractor, text: str, expected: tuple[str, str, int]) -> None:
    assert expected in figures(extractor, text)


def test_title_list_stops_at_its_line(extractor: Extractor) -> None:
    # the parser runs the title on into the next paragraph; the list of victims ends with the line
    text = ("Police: Retired cop killed his son, his daughter, himself\n\n"
            "Sign up for our newsletter and have the top headlines delivered to you.")
    found = figures(extractor, text)
    assert ("killed", "all", 2) in found
    assert ("killed", "attackers", 1) in found


@pytest.mark.parametrize(
    "text",
    [
        "Man killed Tuesday in Atlanta",  # nobody after "killed": the man is the one killed
        "Teen Killed, 6 Wounded In Atlanta",
    ],
)
def test_passive_title_keeps_its_subject(extractor: Extractor, text: str) -> None:
    assert ("killed", "all", 1) in figures(extractor, text)


def test_sustained_loss_is_no_injury(extractor: Extractor) -> None:
    assert not any(m == "injured" for m, _, _ in figures(extractor, "The company sustained a loss last year."))


def test_age_in_apposition_is_still_an_age(extractor: Extractor) -> None:
    found = figures(extractor, "Cartrail Robertson, 13, was shot on Friday.")
    assert ("injured", "all", 1) in found
    assert ("injured", "all", 13) not in found
