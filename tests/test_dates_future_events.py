"""Dates after the publication date and weekdays in the order a story tells them (accord_dates)."""

from __future__ import annotations

import pytest

from accord.extract import Extractor
from accord.extract.dates import SCHEDULED_KIND, classify_date_phrase
from accord.models import Article


def dates(extractor: Extractor, text: str, published: str) -> list[tuple[str, str | None, str]]:
    doc = extractor.nlp(extractor.make_doc(Article(id="t", text=text, published=published)))
    return [(d.text, d.date, d.kind) for d in doc._.dates]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # A hearing, a trial, a funeral: the coming date, marked as such.
        ("A competency hearing is set Feb. 19 in state court for the man.", "2016-02-03",
         ("Feb. 19", "2016-02-19", SCHEDULED_KIND)),
        ("The jury trial has been rescheduled for May 16 at 10 a.m. in Smith County.", "2016-04-18",
         ("May 16", "2016-05-16", SCHEDULED_KIND)),
        ("His funeral will be at 5 p.m. on Thursday, May 26 at the chapel.", "2016-05-23",
         ("Thursday, May 26", "2016-05-26", SCHEDULED_KIND)),
        ("He is expected to be arraigned Monday.", "2016-05-25", ("Monday", "2016-05-30", SCHEDULED_KIND)),
        ("He will appear in court next Monday.", "2016-05-25", ("next Monday", "2016-05-30", SCHEDULED_KIND)),
    ],
)
def test_future_events_are_scheduled_dates(extractor: Extractor, text: str, published: str,
                                           expected: tuple[str, str, str]) -> None:
    assert expected in dates(extractor, text, published)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # Past tense: the month-day of last year, not a few months ahead.
        ("The suspect was captured days after the June 29 gunfight.", "2015-04-08", ("June 29", "2014-06-29")),
        ("On July 30 during a preliminary hearing, the attorney questioned the witness.", "2014-04-15",
         ("July 30", "2013-07-30")),
    ],
)
def test_a_past_tense_month_day_is_not_in_the_future(extractor: Extractor, text: str, published: str,
                                                     expected: tuple[str, str]) -> None:
    found = {(phrase, when) for phrase, when, kind in dates(extractor, text, published)}
    assert expected in found


def test_tense_picks_the_side_of_publication() -> None:
    assert classify_date_phrase("June 29", "2015-04-08") == ("absolute", "2015-06-29")  # no tense: the nearest
    assert classify_date_phrase("June 29", "2015-04-08", "past") == ("absolute", "2014-06-29")
    assert classify_date_phrase("Jan. 4", "2016-12-20", "future") == ("absolute", "2017-01-04")
    # The day after publication stays within reach of a past tense (a report stamped the evening before).
    assert classify_date_phrase("July 28", "2016-07-27", "past") == ("absolute", "2016-07-28")


def test_a_past_event_stays_dated_and_unscheduled(extractor: Extractor) -> None:
    found = dates(extractor, "Police said the man was shot Friday. Tomorrow a vigil is planned.", "2016-05-25")
    assert ("Friday", "2016-05-20", "weekday") in found
    assert ("Tomorrow", "2016-05-26", SCHEDULED_KIND) in found


def test_a_next_day_weekday_told_before_an_earlier_day_looks_back(extractor: Extractor) -> None:
    # Published on a Thursday: "Friday" alone would be the next day, but the paragraph puts it before the
    # Saturday five days back; the weekday is read the same everywhere in the article.
    text = ("A teen was arrested Friday for shooting a man several times during a robbery.\n\n"
            "Burks was arrested on Friday for the shooting and charged with attempted murder at his "
            "Saturday arraignment.")
    found = dates(extractor, text, "2015-06-25")
    assert [when for phrase, when, _ in found if phrase == "Friday"] == ["2015-06-19", "2015-06-19"]
    assert ("Saturday", "2015-06-20", "weekday") in found


def test_a_next_day_weekday_after_the_incident_day_stays_the_next_day(extractor: Extractor) -> None:
    found = dates(extractor, "A man was shot Sunday night. He died Monday at the hospital.", "2016-03-27")
    assert ("Sunday", "2016-03-27", "weekday") in found
    assert ("Monday", "2016-03-28", "weekday") in found


def test_a_next_day_weekday_about_the_day_of_publication_stays_the_next_day(extractor: Extractor) -> None:
    text = ("Police held a news conference Monday afternoon to discuss the deadly shooting at 11th and Castle "
            "streets Sunday morning.")
    found = dates(extractor, text, "2015-12-20")
    assert ("Monday", "2015-12-21", "weekday") in found
    assert ("Sunday", "2015-12-20", "weekday") in found
