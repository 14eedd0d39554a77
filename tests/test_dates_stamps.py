"""The page's own dates (stamps), reports without a publication date, coming dates and numeric dates
(accord_dates), on short texts written for these tests."""

from __future__ import annotations

import pytest

from accord.extract import Extractor
from accord.extract.dates import SCHEDULED_KIND, STAMP_KIND, classify_date_phrase, numeric_order
from accord.models import Article


def dates(extractor: Extractor, text: str, published: str | None, url: str | None = None,
          ) -> list[tuple[str, str | None, str]]:
    doc = extractor.nlp(extractor.make_doc(Article(id="t", text=text, published=published, url=url)))
    return [(d.text, d.date, d.kind) for d in doc._.dates]


def test_a_page_opening_on_its_date_stamps_it_and_the_lead_names_the_day(extractor: Extractor) -> None:
    text = (" date 2019-05-05 The toll of the market blast in Kabul rose to 31. The bomb went off on "
            "Saturday as shoppers crowded the stalls.")
    found = dates(extractor, text, "2019-05-05")
    assert ("2019-05-05", "2019-05-05", STAMP_KIND) in found
    assert ("Saturday", "2019-05-04", "weekday") in found


@pytest.mark.parametrize(
    "line",
    [
        "Sunday, 5 May 2019, 14:10 GMT 15:10 UK",  # a date alone on its line, with its times
        "2019-05-05 09:44",
        "AFP 5 May 2019",  # a credit line
        "This article is from May 5, 2019",
        "Published: May 5, 2019",
    ],
)
def test_a_date_the_page_gives_itself_is_a_stamp(extractor: Extractor, line: str) -> None:
    found = dates(extractor, f"Market bombing kills 31\n\n{line}\n\nA bomb tore through a market on Saturday.",
                  "2019-05-05")
    assert any(kind == STAMP_KIND and day == "2019-05-05" for _, day, kind in found), found
    assert ("Saturday", "2019-05-04", "weekday") in found


def test_a_dateline_date_is_a_stamp(extractor: Extractor) -> None:
    found = dates(extractor, "KANDAHAR, Afghanistan, May 5 (AFP) -- A bomb killed nine people on Saturday.",
                  "2019-05-05")
    assert ("May 5", "2019-05-05", STAMP_KIND) in found
    assert ("Saturday", "2019-05-04", "weekday") in found


def test_a_heading_ending_on_a_date_is_no_stamp(extractor: Extractor) -> None:
    found = dates(extractor, "Kabul Attack May 4\n\nGunmen stormed a hotel.", "2019-05-05")
    assert ("May 4", "2019-05-04", "absolute") in found


def test_without_a_publication_date_the_stamp_anchors_the_weekdays(extractor: Extractor) -> None:
    text = "Updated: 12 March 2019\n\nGunmen opened fire on a bus on Monday, killing four passengers."
    found = dates(extractor, text, None)
    assert ("12 March 2019", "2019-03-12", STAMP_KIND) in found
    assert ("Monday", "2019-03-11", "weekday") in found


def test_without_any_publication_date_a_month_day_takes_the_year_of_the_text(extractor: Extractor) -> None:
    text = ("Mourners gathered in the square on November 14, 2015, after the attacks of November 13. "
            "The gunmen struck on Friday.")
    found = dates(extractor, text, None)
    assert ("November 13", "2015-11-13", "absolute") in found
    assert ("Friday", None, "weekday") in found  # which Friday, nothing tells


def test_a_date_ahead_of_which_things_happen_is_a_coming_one(extractor: Extractor) -> None:
    text = "Ahead of the July 25 elections, a suicide bomber struck a campaign rally in the town."
    assert ("July 25", "2018-07-25", SCHEDULED_KIND) in dates(extractor, text, "2018-07-13")


def test_a_month_is_never_the_start_of_a_word() -> None:
    assert classify_date_phrase("11 Marines", "2021-08-26") is None
    assert classify_date_phrase("11 Mar", "2021-08-26") == ("absolute", "2021-03-11")


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        ("The blast on 4/3/2019 killed nine.", "https://www.dawn.com.pk/news/1", "2019-03-04"),  # the outlet's
        ("The blast on 4/3/2019 killed nine.", "https://www.bbc.co.uk/news/1", "2019-03-04"),
        ("The shooting on 4/3/2019 in Dallas, Texas, killed nine.", "https://example.com/a", "2019-04-03"),
        ("The blast on 4/3/2019 in Quetta, Pakistan, killed nine.", "https://example.com/a", "2019-03-04"),
        # another numeric date of the text settles the order
        ("The blast on 4/3/2019 killed nine; a second one on 3/25/2019 killed two.", "https://www.dawn.com.pk/a",
         "2019-04-03"),
    ],
)
def test_numeric_dates_read_day_first_or_month_first(extractor: Extractor, text: str, url: str,
                                                     expected: str) -> None:
    found = dates(extractor, text, None, url=url)
    assert ("4/3/2019", expected, "absolute") in found, found


def test_numeric_order_without_spacy() -> None:
    assert numeric_order("on 25/12/2019") is True
    assert numeric_order("on 12/25/2019") is False
    assert numeric_order("on 4/3/2019", "thenews.com.pk") is True
    assert numeric_order("on 4/3/2019", "geo.tv") is False  # a domain any site takes says nothing
    assert numeric_order("on 4/3/2019", None, lambda: ["IN", "IN", "US"]) is True
    assert classify_date_phrase("4/3/2019", None, day_first=True) == ("absolute", "2019-03-04")
    assert classify_date_phrase("4/3/2019", None) == ("absolute", "2019-04-03")


def test_an_archives_relative_stamp_is_the_pages(extractor: Extractor) -> None:
    """"This was published 21 years ago" is the archive's age of the page, never an incident's time."""
    found = dates(extractor, "This was published 21 years ago\n\nA car bomb killed 187 people at a nightclub.",
                  "2002-10-13")
    assert [kind for text, _, kind in found if text == "21 years ago"] == [STAMP_KIND]


def test_an_undated_reports_weekday_and_month_day_take_the_year_its_weekday_falls_in(extractor: Extractor) -> None:
    """No publication date and no full date: the text's latest year (2014) and the weekday settle
    "Thursday 12th November" (a Thursday in 2015, not in 2013 or 2014)."""
    text = ("Twin bombings struck the suburb on Thursday 12th November, killing 43 people.\n\n"
            "The district was hit by a string of car bombs in 2013 and 2014.")
    assert ("Thursday 12th November", "2015-11-12", "absolute") in dates(extractor, text, None)
