"""The ``accord_dates`` component: date phrases and the calendar dates they mean.

Finding: spaCy's DATE entities, plus one regex pass for the phrases the small
model misses (a bare weekday, "yesterday", "March 11"). Each candidate phrase is
classified (:func:`classify_date_phrase`) as

- ``absolute``  "March 11, 2025", "11 March", "2025-03-11", "3/11/2025"; a month-day
  without a year is the one nearest the publication date, days ahead of it
  counting FUTURE_DAY_COST times ("July 28" in a report dated July 27 is the
  next day, not last year's), and a weekday written with it ("Thurs. July 28")
  picks the year in which that day is that weekday, nearest the publication date
- ``month``     "in November", "November 2024", "last month"   → ``YYYY-MM``
- ``year``      "in 2023", "last year"                        → ``YYYY``
- ``weekday``   "on Tuesday", "Tuesday night", "last Friday"  → the most recent such
  day on or before the publication date (news convention); a plain weekday of
  the day after publication is that day (NEXT_DAY_WEEKDAY) unless its paragraph
  then names an earlier day ("arrested Friday ... at his Saturday arraignment");
  "next Friday", or a weekday of a sentence in the future tense, is the coming one
- ``relative``  "yesterday", "two days ago", "four months earlier", "a month prior"

- ``scheduled`` a day-precise date after the publication date in the future tense
  ("a hearing is set Feb. 19", "the funeral will be Thursday", "ahead of the July
  25 elections"), "tomorrow", or any more than FUTURE_SLACK_DAYS after it: a
  coming event, never the incident's
- ``stamp``     a date the page gives itself: after stamp words ("Published",
  "This article is from", a page opening on "date 2017-10-15"), alone on its
  line but for a time, or in a dateline ("ADEN, Yemen, May 23 (UPI) --"): the
  day the report was written, never the incident's; a report without a
  publication date reads its relative dates against its first stamp

The tense of the date's clause (:func:`clause_tense`, from the parse) also picks
the reading of a month-day without a year: "the June 29 gunfight" in a past-tense
sentence is last June, "rescheduled for May 16" the coming May.

A numeric date ("11/3/2025") is read day first or month first as its text, its
outlet's country or the country of its places tells (:func:`numeric_order`).

Otherwise dropped: ages ("15-year-old"), durations ("48 hours", "for years", "the
past year"), decades, festivals. Everything relative is resolved against the
publication date (``doc._.published``); with no publication date, against the
page's stamp, and with neither only phrases that carry their own year are
resolved, and month-days without one, which take the year of the text's latest
full date. dateparser is called only on absolute
phrases, and its answers are cached.

``DateMention.date`` is an ISO date, or a reduced-precision ISO date for a
month (``2024-11``) or a year (``2023``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from accord.extract.extensions import doc_text
from accord.lexicons import extend_lexicons, load_lexicon
from accord.models import DateMention

COMPONENT_VERSION = "accord.dates.v4"

#: dateparser answers cached per (phrase, anchor); a corpus repeats its dates a lot.
DATEPARSER_CACHE_SIZE = 32768

#: A month-day written without a year is the one nearest the publication date (news omits the year of
#: dates of its own year), a day ahead of it counting this many days behind: news recalls more than it
#: announces. So "July 28" in a report dated July 27 is the next day (a time-zone shift, a preview), "Feb.
#: 19" in one of Feb. 3 a coming hearing, "Sept. 5" in one of March 12 last September, "Dec. 20" in one of
#: Jan. 5 last December. GVA dev: the old rule (the latest on or before the publication date) threw the
#: next day's dates a year back.
FUTURE_DAY_COST = 2

#: A plain weekday naming the day after the publication date ("Monday" in a report dated Sunday) is that
#: next day, not six days back: a report stamped with its local date the evening before, or an announced
#: hearing or vigil. GVA dev: of 205 such phrases, 4 meant six days back; in 17 reports the "Monday"
#: read six days back became the incident's date when the shooting was the day of publication.
NEXT_DAY_WEEKDAY = True
#: The other reading of such a weekday: this many days back (the same weekday of the week before).
NEXT_DAY_WEEKDAY_REACH = 6

#: A date this many days after the publication date may still be a past one: a report stamped with its local
#: date the evening before, or updated the next day. Later than that, nothing in the text has happened yet.
FUTURE_SLACK_DAYS = 1

#: The kind of a day-precise date after the publication date: a coming hearing, trial, funeral or vigil. It
#: is a date of the article, but not a day anything it reports happened on.
SCHEDULED_KIND = "scheduled"

#: The kind of a date the page gives itself: a stamp ("date 2017-10-15", "Published Jan. 4, 2017", "This
#: article is from Nov 13, 2015"), a line holding nothing but a date and a time ("Saturday, 21 October 2017
#: 09:44"), a dateline's date ("ADEN, Yemen, May 23 (UPI) --"). It is the day the report was written, not a
#: day anything it reports happened on; a report without a publication date reads its relative dates
#: against it.
STAMP_KIND = "stamp"

#: Auxiliaries of the future tense ("will", "'ll", "won't" is tokenised "wo" + "n't").
_FUTURE_AUXILIARIES = frozenset({"will", "'ll", "shall", "wo"})
#: Verbs that put an event on a calendar when passive or with an infinitive: "is set for", "was rescheduled
#: for", "is expected to appear", "plans to hold".
_SCHEDULING_LEMMAS = frozenset({"schedule", "reschedule", "set", "slate", "plan", "expect"})

#: Years tried for a month-day written without a year, around the publication's; with a weekday, the
#: earliest is tried only when that weekday falls in it (a sentencing recalling "Sunday, Nov. 15" of the
#: year before last). A weekday falls on one date in one year out of five at least, so one year matches.
_YEAR_REACH = (-1, 0, 1)
_WEEKDAY_YEAR_REACH = (-2, -1, 0, 1)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
#: Abbreviated month names and their months ("sept" before "sep": a pattern made of these tries the longer first).
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sept": 9, "sep": 9,
                       "oct": 10, "nov": 11, "dec": 12}
_MONTH_NUMBER = {name: i for i, name in enumerate(MONTHS, start=1)} | MONTH_ABBREVIATIONS
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2}

#: A month name, whole or abbreviated, never the start of a longer word ("11 Marines" is no "11 Mar").
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
_WEEKDAY_RE = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
#: A weekday written next to a month-day, full or abbreviated ("Thursday, July 28", "Thurs. July 28", "Thu 28 July").
_WEEKDAY_ABBR_RE = r"(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)\.?"
_WEEKDAY_KEY = re.compile(rf"\b({_WEEKDAY_RE}|{_WEEKDAY_ABBR_RE}(?=[\s,.]))", re.IGNORECASE)
_YEAR_RE = r"(?:1[89]|20)\d\d"

_AGE = re.compile(r"\b(?:years?|months?|weeks?|days?)[- ]old\b|\baged?\b")
_ISO = re.compile(rf"\b({_YEAR_RE})-(\d\d)-(\d\d)\b")
_NUMERIC = re.compile(rf"\b\d{{1,2}}/\d{{1,2}}/(?:{_YEAR_RE}|\d\d)\b")
#: A numeric date with a four-digit year standing alone, not a piece of a path or a longer number
#: (".../2015/06/26/27-dead-..." is a URL's).
_NUMERIC_STANDALONE = re.compile(rf"(?<![\w/.\-])\d{{1,2}}/\d{{1,2}}/{_YEAR_RE}(?![\w/])")
_NUMERIC_PARTS = re.compile(rf"\b(\d{{1,2}})/(\d{{1,2}})/(?:{_YEAR_RE}|\d\d)\b")
_MONTH_DAY = re.compile(
    rf"\b(?:{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:(?:,\s*|\s+){_YEAR_RE}\b)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+{_YEAR_RE}\b)?)",
)
#: The parts of a "March 11, 2025" / "11 March 2025" phrase, read without dateparser (the common case).
_MONTH_DAY_PARTS = re.compile(
    rf"^(?:(?P<m1>{_MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:(?:,\s*|\s+)(?P<y1>{_YEAR_RE}))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_RE})(?:,?\s+(?P<y2>{_YEAR_RE}))?)$"
)
_MONTH_WORD = re.compile(rf"\b({_MONTH_RE})(?:\s+|$)(?:of\s+)?({_YEAR_RE})?\b")
_WEEKDAY = re.compile(rf"\b(last\s+|this\s+|past\s+|next\s+|coming\s+)?({_WEEKDAY_RE})\b")
_YEAR = re.compile(rf"(?<![\d,.$£€])\b({_YEAR_RE})\b(?!s|[\d,]|\s*(?:people|persons|hostages|passengers|members))")
_UNIT_AGO = re.compile(
    r"\b(a couple of|couple of|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+"
    r"(day|week|month|year)s?\s+(ago|earlier|prior|before|previously|later|after|on)\b"
)
_THIS_LAST = re.compile(r"\b(last|this|past|previous|next)\s+(week|month|year)\b")
_DEICTIC = re.compile(r"\b(yesterday|today|tonight|tomorrow)\b")
_DURATION = re.compile(
    r"\b(?:hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies)|nights?|weekends?)\b"
)

#: One pass over the text for date phrases the small model does not tag DATE.
_EXTRA_CANDIDATES = re.compile(
    rf"\b(?:{_WEEKDAY_RE}|yesterday)\b|{_MONTH_DAY.pattern}|{_ISO.pattern}|{_NUMERIC_STANDALONE.pattern}",
    re.IGNORECASE,
)


def _parse_anchor(anchor: str | date | None) -> date | None:
    if anchor is None or isinstance(anchor, date):
        return anchor
    try:
        return date.fromisoformat(anchor[:10])
    except ValueError:
        return None


def resolve_weekday(weekday: str, anchor: date, *, strictly_before: bool = False) -> date:
    """The most recent ``weekday`` ("Tuesday", "tue") on or before ``anchor``.

    >>> resolve_weekday("Tuesday", date(2025, 3, 12))
    datetime.date(2025, 3, 11)
    """
    key = weekday.strip().lower()[:3]
    target = next(i for i, name in enumerate(WEEKDAYS) if name.startswith(key))
    back = (anchor.weekday() - target) % 7
    if back == 0 and strictly_before:
        back = 7
    return anchor - timedelta(days=back)


def _bare_weekday(weekday: str, anchor: date, qualifier: str | None, tense: str | None = None) -> date:
    """A weekday phrase's day: the most recent such day on or before ``anchor`` ("last Friday": before it),
    except that a plain weekday naming the day after publication is that day (NEXT_DAY_WEEKDAY); "next
    Friday" is the first after ``anchor``, a weekday of a future-tense clause the first on or after it."""
    qualifier = (qualifier or "").strip() or None
    if qualifier in ("next", "coming") or (tense == "future" and qualifier is None):
        ahead = (_weekday_number(weekday) - anchor.weekday()) % 7
        if ahead == 0 and qualifier is not None:
            ahead = 7
        return anchor + timedelta(days=ahead)
    strictly_before = qualifier == "last"
    following = anchor + timedelta(days=1)
    if NEXT_DAY_WEEKDAY and not qualifier and following.weekday() == _weekday_number(weekday):
        return following
    return resolve_weekday(weekday, anchor, strictly_before=strictly_before)


def _weekday_number(weekday: str) -> int:
    key = weekday.strip().lower()[:3]
    return next(i for i, name in enumerate(WEEKDAYS) if name.startswith(key))


def _month_number(word: str) -> int:
    word = word.rstrip(".")
    return _MONTH_NUMBER.get(word) or _MONTH_NUMBER[word[:3]]


def _month_day(parts: re.Match[str], anchor: date | None, weekday: int | None = None,
               tense: str | None = None) -> str | None:
    """The ISO date of a month-day(-year) phrase.

    Without a year: with a ``weekday`` (0 = Monday) written beside it, the year in
    which that day is that weekday, nearest ``anchor``; otherwise the one nearest
    ``anchor``, days after it counting FUTURE_DAY_COST times. A ``tense`` ("past" or
    "future") keeps to the readings on its side of ``anchor`` when there are any.
    """
    month = _month_number(parts["m1"] or parts["m2"])
    day = int(parts["d1"] or parts["d2"])
    year_text = parts["y1"] or parts["y2"]
    try:
        if year_text:
            return date(int(year_text), month, day).isoformat()
    except ValueError:  # "February 30"
        return None
    if anchor is None:
        return None
    return _year_of_month_day(month, day, anchor, weekday, tense)


def _year_of_month_day(month: int, day: int, anchor: date, weekday: int | None,
                       tense: str | None = None) -> str | None:
    options = []
    for step in _WEEKDAY_YEAR_REACH:
        try:
            options.append(date(anchor.year + step, month, day))
        except ValueError:  # February 29 of a common year
            continue
    nearer = [d for d in options if d.year - anchor.year in _YEAR_REACH]
    if weekday is not None:
        options = [d for d in options if d.weekday() == weekday] or nearer
    else:
        options = nearer
    if tense == "past":
        options = [d for d in options if d <= anchor + timedelta(days=FUTURE_SLACK_DAYS)] or options
    elif tense == "future":
        options = [d for d in options if d >= anchor] or options
    return min(options, key=lambda d: (_cost(d, anchor), d)).isoformat() if options else None


def _cost(day: date, anchor: date) -> int:
    """How far ``day`` is from ``anchor``, a day ahead counting FUTURE_DAY_COST."""
    ahead = (day - anchor).days
    return ahead * FUTURE_DAY_COST if ahead > 0 else -ahead


def weekday_in(phrase: str) -> int | None:
    """The weekday (0 = Monday) a phrase names, full or abbreviated ("Thurs."), or None.

    >>> weekday_in("Thurs. July 28")
    3
    """
    m = _WEEKDAY_KEY.search(phrase)
    if m is None:
        return None
    key = m[1].lower()[:2]
    return next(i for i, name in enumerate(WEEKDAYS) if name.startswith(key))


def _month_on_or_before(month: int, anchor: date) -> str:
    year = anchor.year if month <= anchor.month else anchor.year - 1
    return f"{year:04d}-{month:02d}"


def _shift_months(anchor: date, months: int) -> tuple[int, int]:
    index = anchor.year * 12 + anchor.month - 1 + months
    return index // 12, index % 12 + 1


@lru_cache(maxsize=DATEPARSER_CACHE_SIZE)
def _dateparser(phrase: str, anchor: date | None) -> date | None:
    import dateparser  # imported on first use: it costs a tenth of a second

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"], "DATE_ORDER": "MDY"}
    if anchor is not None:
        from datetime import datetime

        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _numeric_date(phrase: str, day_first: bool) -> str | None:
    """"3/11/2025" as an ISO date: month first, or day first when ``day_first``; a number above 12 is the
    day wherever it stands; a two-digit year is of this century up to the current one's year."""
    first, second, year_text = (int(part) for part in phrase.split("/"))
    if first > 12 or (day_first and second <= 12):
        first, second = second, first
    year = year_text if year_text >= 100 else 2000 + year_text if 2000 + year_text <= date.today().year else \
        1900 + year_text
    try:
        return date(year, first, second).isoformat()
    except ValueError:  # "31/31/2020", "2/30/2020"
        return None


def numeric_order(text: str, outlet: str | None = None,
                  countries: Callable[[], Sequence[str]] | None = None) -> bool:
    """Whether the numeric dates of ``text`` are written day first ("11/3/2025" is 11 March).

    The text settles it when one of its numeric dates has a number above 12 in one place; otherwise the
    outlet's country (its domain's country code: "dawn.com.pk", "bbc.co.uk"), else the country most of the
    text's places lie in (``countries()``, their ISO codes); month first only in the month-first countries
    (lexicon ``date_cues``), and when nothing tells.
    """
    for m in _NUMERIC_PARTS.finditer(text):
        first, second = int(m[1]), int(m[2])
        if first > 12 >= second:
            return True
        if second > 12 >= first:
            return False
    cues = _date_cues()
    country = _outlet_country(outlet, cues.generic_domains)
    if country is None and countries is not None and (found := countries()):
        country = Counter(found).most_common(1)[0][0]
    return country is not None and country not in cues.month_first


def _outlet_country(outlet: str | None, generic: frozenset[str]) -> str | None:
    host = (outlet or "").lower().strip().rstrip(".")
    if "//" in host:
        host = host.split("//", 1)[1]
    host = host.split("/", 1)[0].split(":", 1)[0]
    code = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(code) != 2 or not code.isalpha() or code in generic:
        return None
    return "GB" if code == "uk" else code.upper()


@dataclass(frozen=True)
class _DateCues:
    coming_heads: frozenset[str]
    month_first: frozenset[str]
    generic_domains: frozenset[str]
    stamp_line_rest: re.Pattern[str]
    stamp_before: re.Pattern[str]


@cache
def _date_cues() -> _DateCues:
    """The cues of lexicon ``date_cues``, and the stamp words of ``background_cues`` (their one home)."""
    lexicon = load_lexicon("date_cues")
    return _DateCues(
        coming_heads=frozenset(lexicon["coming_heads"]),
        month_first=frozenset(lexicon["month_first_countries"]),
        generic_domains=frozenset(lexicon["generic_country_domains"]),
        stamp_line_rest=re.compile(lexicon["stamp_line_rest"], re.IGNORECASE),
        stamp_before=re.compile(load_lexicon("background_cues")["publication_stamp"], re.IGNORECASE),
    )


def _relative_by_units(count: int, unit: str, direction: str, anchor: date | None) -> str | None:
    if anchor is None:
        return None
    sign = 1 if direction in ("later", "after", "on") else -1
    if unit == "day":
        return (anchor + timedelta(days=sign * count)).isoformat()
    if unit == "week":
        return (anchor + timedelta(days=sign * 7 * count)).isoformat()
    if unit == "month":
        year, month = _shift_months(anchor, sign * count)
        return f"{year:04d}-{month:02d}"
    return f"{anchor.year + sign * count:04d}"


def classify_date_phrase(text: str, published: str | date | None = None,
                         tense: str | None = None, *, day_first: bool = False) -> tuple[str, str | None] | None:
    """``(kind, ISO date or None)`` for a date phrase, or None when it is not a date.

    Relative phrases resolve against ``published``; usable on any phrase, e.g.
    to re-anchor a weekday on another date. ``tense`` ("past", "future" or None),
    the tense of the clause the phrase is in, picks the side of ``published`` a
    month-day without a year or a plain weekday falls on. ``day_first``: a numeric
    date whose two first numbers could both be a month ("11/3/2025") is read day
    first (11 March), as outside the US; a number above 12 settles it either way.

    >>> classify_date_phrase("In November", "2025-03-12")
    ('month', '2024-11')
    """
    anchor = _parse_anchor(published)
    phrase = " ".join(text.lower().replace("\u2019", "'").split())
    if not phrase or _AGE.search(phrase):
        return None
    if (m := _ISO.search(phrase)) is not None:
        try:
            return "absolute", date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    if (m := _MONTH_DAY.search(phrase)) is not None and (parts := _MONTH_DAY_PARTS.search(m[0])) is not None:
        return "absolute", _month_day(parts, anchor, weekday_in(phrase), tense)
    if (m := _NUMERIC.search(phrase)) is not None:
        return "absolute", _numeric_date(m[0], day_first)
    if (m := _MONTH_DAY.search(phrase)) is not None:
        has_year = re.search(rf"\b{_YEAR_RE}\b|/\d\d\b", m[0]) is not None
        if not has_year and anchor is None:
            return "absolute", None
        parsed = _dateparser(m[0], anchor)
        return "absolute", parsed.isoformat() if parsed else None
    if (m := _UNIT_AGO.search(phrase)) is not None:
        count = int(m[1]) if m[1].isdigit() else _NUMBER_WORDS[m[1]]
        return "relative", _relative_by_units(count, m[2], m[3], anchor)
    if (m := _DEICTIC.search(phrase)) is not None:
        offset = {"yesterday": -1, "tomorrow": 1}.get(m[1], 0)
        return "relative", (anchor + timedelta(days=offset)).isoformat() if anchor else None
    if (m := _WEEKDAY.search(phrase)) is not None:
        resolved = _bare_weekday(m[2], anchor, m[1], tense) if anchor else None
        return "weekday", resolved.isoformat() if resolved else None
    if (m := _MONTH_WORD.search(phrase)) is not None and (m[1] != "may" or "May" in text):
        month = _month_number(m[1])
        if m[2]:
            return "month", f"{int(m[2]):04d}-{month:02d}"
        return "month", _month_on_or_before(month, anchor) if anchor else None
    if (m := _THIS_LAST.search(phrase)) is not None:
        which, unit = m[1], m[2]
        if which in ("past", "next") or (which == "previous" and unit != "year"):
            return None  # "the past year" is a duration; "next week" is not an incident date
        if which == "previous":
            return "relative", None  # "the previous year": relative to another year in the sentence
        if unit == "week":
            return "relative", None  # "last week": some day of a week, too vague for a date
        step = -1 if which == "last" else 0
        if unit == "month":
            if anchor is None:
                return "month", None
            year, month = _shift_months(anchor, step)
            return "month", f"{year:04d}-{month:02d}"
        return "year", f"{anchor.year + step:04d}" if anchor else None
    if (m := _YEAR.search(phrase)) is not None and not _DURATION.search(phrase):
        return "year", m[1]
    return None


#: A weekday written just before a month-day, ending where the month-day starts: "Thursday, July 28",
#: "Thurs. July 28", "Thu (July 28". Abbreviations must be capitalised ("sat" is a verb).
_WEEKDAY_BEFORE = re.compile(
    rf"(?:\b(?i:{_WEEKDAY_RE})|\b(?:Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun)\b\.?)[,.]?\s*\(?\s*$"
)
#: Characters before a month-day searched for its weekday.
_WEEKDAY_LOOKBACK = 14


def _candidate_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
    spans = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "DATE"]
    taken = sorted(spans)
    for m in _EXTRA_CANDIDATES.finditer(text):
        overlapping = [(start, end) for start, end in taken if start < m.end() and m.start() < end]
        # a phrase the model cut short ("5 May 2019" tagged "May 2019") is the whole of it
        if overlapping and all(m.start() <= start and end <= m.end() for start, end in overlapping) \
                and any((start, end) != m.span() for start, end in overlapping):
            spans = [span for span in spans if span not in overlapping]
            overlapping = []
        if not overlapping:
            spans.append((m.start(), m.end()))
    return _join_weekdays(sorted(spans), text)


def _join_weekdays(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """A weekday just before a month-day joins it ("Thurs. July 28" is one date, whose weekday picks the year)."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        head = text[start:end]
        if _MONTH_DAY.search(head.lower()) is not None and weekday_in(head) is None:
            before = text[max(0, start - _WEEKDAY_LOOKBACK):start]
            # the weekday on the date's own line ("Saturday, 21 October 2017" opening a page)
            if (m := _WEEKDAY_BEFORE.search(before)) is not None and "\n" not in before[m.start():]:
                new_start = start - len(before) + m.start()
                if joined and joined[-1][1] > new_start:  # the weekday was a candidate of its own
                    previous = joined.pop()
                    cut = text.rfind("\n", previous[0], new_start)
                    if cut < 0:
                        new_start = min(new_start, previous[0])
                    elif text[previous[0]:cut].strip():  # "31\n\nSunday": a span across lines keeps its first line
                        joined.append((previous[0], cut))
                joined.append((new_start, end))
                continue
        joined.append((start, end))
    return joined


def _is_age(text: str, end: int) -> bool:
    """"15-year-old" split by the tokenizer: the next characters say "-old" / " old"."""
    return text[end:end + 5].lstrip("- ").startswith("old")


def clause_tense(doc: Doc, start: int, end: int) -> str | None:
    """"past", "future" or None: the tense of the clause the characters ``start:end`` of ``doc`` belong to.

    The date's nearest governing verb decides: "will"/"'ll" or a passive or infinitive scheduling verb ("is
    set for", "was rescheduled for", "is expected to appear") is the future; a past form ("was captured
    after the June 29 gunfight", "had fled") the past; an infinitive defers to the verb above it ("expected
    to be arraigned Monday"). A present tense says nothing: headlines tell the past in it.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if _coming(span.root):
        return "future"
    # The root first; the first token when the tagger split the phrase ("held Thurs. | July 28 ...").
    for head in dict.fromkeys((span.root, span[0])):
        if (tense := _verb_tense(head)) is not None:
            return tense
    return None


def _coming(head: Token) -> bool:
    """A date hanging from a word that puts it after the sentence's events, below the verb: "ahead of the
    July 25 elections", "the upcoming March 3 vote" (lexicon ``date_cues``: ``coming_heads``)."""
    words = _date_cues().coming_heads
    for token in (head, *head.ancestors):
        if token.pos_ in ("VERB", "AUX"):
            return False
        if token.lemma_.lower() in words or any(
                child.dep_ == "amod" and child.lemma_.lower() in words for child in token.children):
            return True
    return False


def _verb_tense(head: Token) -> str | None:
    for token in (head, *head.ancestors):
        if token.pos_ not in ("VERB", "AUX"):
            continue
        auxiliaries = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
        words = {child.lower_ for child in auxiliaries}
        if words & _FUTURE_AUXILIARIES:
            return "future"
        passive = any(child.dep_ == "auxpass" for child in auxiliaries)
        if token.lemma_.lower() in _SCHEDULING_LEMMAS and (passive or any(
                child.dep_ == "xcomp" for child in token.children)):
            return "future"
        if "to" in words and token.dep_ == "xcomp":
            continue  # "expected to be arraigned Monday": the governing verb decides
        if token.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries) or words & {"has", "have"}:
            return "past"
        return None
    return None


def _paragraph_starts(text: str) -> list[int]:
    """Where each paragraph (a line) of ``text`` starts."""
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


def _next_day_in_order(found: list[tuple[DateMention, int | None, bool]], text: str,
                       anchor: date) -> set[int]:
    """Weekdays read as the day after publication that the other days of their paragraph put a week back.

    ``found`` holds (mention, weekday number, plain weekday). A paragraph tells of days close together: of
    the two readings of such a weekday (the next day, or six days back), the one that keeps the paragraph's
    days within the shorter stretch wins, the next day on a tie. "Burks was arrested on Friday and charged
    at his Saturday arraignment" in a report of a Thursday: Friday is the day before that Saturday, five
    days back, not the day after publication; "a news conference Monday about the shooting Sunday" in a
    report of that Sunday keeps Monday the next day. The weekday numbers returned are read a week back
    everywhere in the article: one weekday, one day.
    """
    following = (anchor + timedelta(days=1)).isoformat()
    starts = _paragraph_starts(text)
    paragraphs: dict[int, list[tuple[DateMention, int | None, bool]]] = {}
    for item in found:
        paragraphs.setdefault(bisect_right(starts, item[0].span[0]), []).append(item)
    flipped: set[int] = set()
    for items in paragraphs.values():
        for mention, weekday, plain in items:
            if not plain or weekday is None or mention.date != following:
                continue
            offsets = [(when - anchor).days for other, other_weekday, _ in items
                       if other.kind == "weekday" and other_weekday not in (None, weekday)
                       and (when := _parse_anchor(other.date)) is not None
                       and -NEXT_DAY_WEEKDAY_REACH < (when - anchor).days <= 0]
            if offsets and max(offsets) + NEXT_DAY_WEEKDAY_REACH < 1 - min(offsets):
                flipped.add(weekday)
    return flipped


def date_mentions(doc: Doc) -> list[DateMention]:
    """Every date phrase of ``doc`` that is a date, resolved against ``doc._.published``.

    A report without a publication date reads its dates against the page's own date (its first stamp,
    :data:`STAMP_KIND`); without one either, a month-day written without a year ("November 13") takes
    the year of the latest full date the text writes ("on November 14, 2015, following ... attacks late
    on November 13"), and a weekday stays unresolved: nothing tells which week it is of.
    """
    text = doc_text(doc)
    spans = [(start, end) for start, end in _candidate_spans(doc, text)
             if "\n" not in text[start:end] and not _is_age(text, end)]
    day_first = _day_first(doc, text, spans)
    anchor = _parse_anchor(doc._.published)
    stamps = {span for span in spans if _is_stamp(text, *span)}
    if anchor is None:
        anchor = next((when for span in spans if span in stamps
                       and (when := _written_day(text[span[0]:span[1]], day_first)) is not None), None)
    year_anchor = anchor or max((when for span in spans if span not in stamps
                                 and (when := _written_day(text[span[0]:span[1]], day_first)) is not None),
                                default=None)
    # with neither, the text's latest year still settles a month-day written with its weekday ("Thursday 12th
    # November" in a report naming 2013 and 2014 is of 2015): the weekday falls on that day one year in five
    weekday_anchor = year_anchor or _latest_year_end(text, spans, stamps)
    found: list[tuple[DateMention, int | None, bool]] = []
    for start, end in spans:
        phrase = text[start:end]
        tense = clause_tense(doc, start, end) if year_anchor is not None else None
        result = classify_date_phrase(phrase, anchor, tense, day_first=day_first)
        if result is not None and result[1] is None and anchor is None and year_anchor is not None \
                and result[0] in ("absolute", "month"):
            # the report came out on or after its latest date, not on it: the nearest reading, whatever the tense
            result = classify_date_phrase(phrase, year_anchor, None, day_first=day_first)
        if result is not None and result[1] is None and year_anchor is None and weekday_anchor is not None \
                and result[0] == "absolute" and weekday_in(phrase) is not None:
            result = classify_date_phrase(phrase, weekday_anchor, None, day_first=day_first)
        if result is None:
            continue
        kind, resolved = result
        if (start, end) in stamps and kind in ("absolute", "relative"):
            kind = STAMP_KIND  # ("This was published 21 years ago": the archive's, not the report's)
        elif anchor is not None and resolved is not None and _scheduled(phrase, resolved, anchor, tense):
            kind = SCHEDULED_KIND
        weekday = _WEEKDAY.search(phrase.lower())
        plain = kind == "weekday" and weekday is not None and weekday[1] is None and tense != "future"
        found.append((DateMention(text=phrase, span=(start, end), date=resolved, kind=kind),
                      _weekday_number(weekday[2]) if weekday else None, plain))
    if anchor is not None and (flipped := _next_day_in_order(found, text, anchor)):
        following = (anchor + timedelta(days=1)).isoformat()
        week_before = (anchor - timedelta(days=NEXT_DAY_WEEKDAY_REACH)).isoformat()
        for mention, day, plain in found:
            if plain and day in flipped and mention.date == following:
                mention.date = week_before
    return [mention for mention, _, _ in found]


def _latest_year_end(text: str, spans: Sequence[tuple[int, int]], stamps: set[tuple[int, int]]) -> date | None:
    """The last day of the latest year a date phrase of the text names ("in 2014"), stamps left out."""
    years = [int(m[1]) for span in spans if span not in stamps
             for m in [_YEAR.search(text[span[0]:span[1]])] if m is not None]
    return date(max(years), 12, 31) if years else None


def _written_day(phrase: str, day_first: bool) -> date | None:
    """The day a phrase names on its own, year included ("November 14, 2015"), or None."""
    result = classify_date_phrase(phrase, None, day_first=day_first)
    if result is None or result[0] != "absolute" or result[1] is None or len(result[1]) != 10:
        return None
    return _parse_anchor(result[1])


def _day_first(doc: Doc, text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """:func:`numeric_order` for ``doc``, asked only when it has a numeric date; the places it names are
    looked up only when neither its numeric dates nor its outlet tell."""
    if not any(_NUMERIC.search(text[start:end]) for start, end in spans):
        return False

    def countries() -> list[str]:
        from accord.extract.places import resolve_names  # the places component runs after this one

        names = [(ent.text, None) for ent in doc.ents if ent.label_ == "GPE"]
        return [pick.country for pick in resolve_names(names) if pick is not None and pick.country]

    return numeric_order(text, doc._.outlet, countries)


#: A dateline before a date: "ADEN, Yemen, " in "ADEN, Yemen, May 23 (UPI) --" (capitals, then a country).
_DATELINE_BEFORE = re.compile(r"^\W*[A-Z][A-Z.'\- ]{2,}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*,?\s*$")
#: ... and after it: an agency's name in brackets, then the dash that ends a dateline.
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^)]{1,40}\))?\s*(?:\u2014|\u2013|--|-)")
#: Nothing but separators before a date on its line (its weekday, if any, is part of the phrase).
_LINE_OPENING = re.compile(rf"^[\s,|:;\-\u2013\u2014()/\u2022]*(?:{_WEEKDAY_RE}[\s,]*)?$", re.IGNORECASE)


#: A byline or a credit before a date on its line: "AFP 22 Jan 2021", "By Staff Reporter | Oct 3, 2019"
#: (a few capitalised words; a sentence has lower-case ones).
_BYLINE_BEFORE = re.compile(r"^\W*(?:By\s+)?(?:[A-Z][\w.&'\u2019\-]*[\s,|:;/\u2022\-\u2013\u2014]*){1,4}$")


def _is_stamp(text: str, start: int, end: int) -> bool:
    """Whether the date phrase at ``start:end`` is the page's own date (:data:`STAMP_KIND`): after stamp
    words on its line ("Published", "This article is from", a page opening on "date"), alone on its line
    but for a time, separators and a byline ("AFP 22 Jan 2021"), or in a dateline."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before, after = text[line_start:start], text[end:line_end if line_end >= 0 else len(text)]
    cues = _date_cues()
    if cues.stamp_before.search(before):
        return True
    # alone on its line; after a byline, with its year ("Kabul attack August 26" is a heading)
    alone = cues.stamp_line_rest.match(after) is not None and (
        _LINE_OPENING.match(before) is not None
        or (_BYLINE_BEFORE.match(before) is not None and re.search(_YEAR_RE, text[start:end]) is not None))
    return alone or bool(_DATELINE_BEFORE.match(before) and _DATELINE_AFTER.match(after))


def _scheduled(phrase: str, resolved: str, anchor: date, tense: str | None) -> bool:
    """A day-precise date that is still to come when the report was published."""
    when = _parse_anchor(resolved) if len(resolved) == 10 else None
    if when is None or when <= anchor:
        return False
    if tense == "future" or (when - anchor).days > FUTURE_SLACK_DAYS:
        return True
    return re.search(r"\b(?:tomorrow|next|coming)\b", phrase.lower()) is not None


def dates_in_range(doc: Doc, start_char: int, end_char: int) -> list[DateMention]:
    """The dates ``accord_dates`` found between two character offsets of ``doc``."""
    return [d for d in doc._.dates or [] if start_char <= d.span[0] and d.span[1] <= end_char]


@Language.factory("accord_dates", assigns=["doc._.dates"], requires=["doc.ents"], default_config={"lexicons": {}})
def make_component(nlp: Language, name: str, lexicons: dict[str, Any]) -> Callable[[Doc], Doc]:
    extend_lexicons(lexicons)  # e.g. {"date_cues": {...}}: entries merged over the lexicons, for the process
    def component(doc: Doc) -> Doc:
        doc._.dates = date_mentions(doc)
        return doc

    return component


__all__ = ["classify_date_phrase", "clause_tense", "date_mentions", "dates_in_range", "numeric_order", "resolve_weekday",
           "COMPONENT_VERSION", "SCHEDULED_KIND", "STAMP_KIND"]
