"""Month-days without a year and weekdays written beside them (accord_dates)."""

from __future__ import annotations

from datetime import date

import pytest

from accord.extract import Extractor
from accord.extract.dates import classify_date_phrase, weekday_in
from accord.models import Article


def process(extractor: Extractor, text: str, published: str | None):
    return extractor.nlp(extractor.make_doc(Article(id="t", text=text, published=published)))


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("July 28", "2016-07-27", "2016-07-28"),  # the next day: a late report stamped the day before
        ("Aug. 2", "2016-07-27", "2016-08-02"),  # a coming vigil or hearing, not last August
        ("Feb. 19", "2016-02-03", "2016-02-19"),
        ("Dec. 20", "2016-01-05", "2015-12-20"),  # last December
        ("Jan. 20", "2016-12-28", "2017-01-20"),  # next January is nearer than last
        ("Sept. 5", "2025-03-12", "2024-09-05"),  # half a year either way: the past wins
        ("March 11", "2025-03-12", "2025-03-11"),
        ("Feb. 29", "2017-01-01", "2016-02-29"),  # only a leap year has it
    ],
)
def test_month_day_takes_the_year_nearest_publication(phrase: str, published: str, expected: str) -> None:
    assert classify_date_phrase(phrase, published) == ("absolute", expected)


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("Thurs. July 28", "2016-07-27", "2016-07-28"),
        ("Thursday, July 28", "2016-07-27", "2016-07-28"),
        ("Thursday, July 28", "2017-08-03", "2016-07-28"),  # a year on: the year whose July 28 is a Thursday
        ("Sunday, Nov. 15", "2017-01-28", "2015-11-15"),  # a sentencing recalling the year before last
        ("Mon. Jan 4", "2016-01-06", "2016-01-04"),
        ("Friday, Nov. 18", "2016-11-24", "2016-11-18"),
    ],
)
def test_weekday_beside_a_month_day_picks_the_year(phrase: str, published: str, expected: str) -> None:
    assert classify_date_phrase(phrase, published) == ("absolute", expected)
    assert date.fromisoformat(expected).weekday() == weekday_in(phrase)


def test_a_weekday_matching_no_nearby_year_falls_back_to_the_nearest() -> None:
    # July 28 is a Thursday in 2016 and in 2022: neither is within reach of a 2019 report.
    assert classify_date_phrase("Thursday, July 28", "2019-07-27") == ("absolute", "2019-07-28")


def test_a_written_year_wins_over_the_weekday() -> None:
    assert classify_date_phrase("Thursday, July 28, 2015", "2016-07-27") == ("absolute", "2015-07-28")


def test_bare_weekdays_look_back_but_for_the_next_day() -> None:
    assert classify_date_phrase("Tuesday", "2016-07-27") == ("weekday", "2016-07-26")
    assert classify_date_phrase("Wednesday", "2016-07-27") == ("weekday", "2016-07-27")
    assert classify_date_phrase("Friday", "2016-07-27") == ("weekday", "2016-07-22")
    # The day after publication: that day, not six days back.
    assert classify_date_phrase("Thursday", "2016-07-27") == ("weekday", "2016-07-28")
    assert classify_date_phrase("early Thursday", "2016-07-27") == ("weekday", "2016-07-28")
    # "last Thursday" always looks back.
    assert classify_date_phrase("last Thursday", "2016-07-27") == ("weekday", "2016-07-21")


def test_weekday_in() -> None:
    assert weekday_in("Thurs. July 28") == 3
    assert weekday_in("Tue 3 May") == 1
    assert weekday_in("July 28") is None


def test_abbreviated_weekday_before_a_month_day_joins_it(extractor: Extractor) -> None:
    text = ("The vigil for the two men shot outside the bar will be held Thurs. July 28 at the park. "
            "Police said the shooting happened on July 23.")
    doc = process(extractor, text, "2016-07-27")
    found = {d.text: (d.kind, d.date) for d in doc._.dates}
    joined = [t for t in found if "July 28" in t]
    # "will be held": a coming vigil, a date of the article but no day anything happened on.
    assert joined and all(found[t] == ("scheduled", "2016-07-28") for t in joined)
    assert any(t.startswith("Thurs") for t in joined)
    assert found["July 23"] == ("absolute", "2016-07-23")
    for d in doc._.dates:
        assert text[d.span[0]:d.span[1]] == d.text


def test_lowercase_word_before_a_month_day_is_no_weekday(extractor: Extractor) -> None:
    doc = process(extractor, "He sat July 4 on the porch when the shots were fired.", "2016-07-06")
    assert [(d.text, d.date) for d in doc._.dates if "July" in d.text] == [("July 4", "2016-07-04")]
