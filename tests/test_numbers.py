"""Number phrases → interval + hedge (pure function, no spaCy)."""

from __future__ import annotations

import pytest

from accord.extract.numbers import count_word_value, is_count_word, parse_count


@pytest.mark.parametrize(
    ("text", "low", "high", "hedge"),
    [
        ("16", 16, 16, "exact"),
        ("2,500", 2500, 2500, "exact"),
        ("thirty-three", 33, 33, "exact"),
        ("two hundred and fifty", 250, 250, "exact"),
        ("a dozen", 12, 12, "exact"),
        ("two dozen", 24, 24, "exact"),
        ("a half-dozen", 6, 6, "exact"),
        ("dozens", 24, None, "vague"),
        ("scores of", 40, None, "vague"),
        ("several", 3, None, "vague"),
        ("more than two dozen", 24, None, "at_least"),
        ("at least 16", 16, None, "at_least"),
        ("more than 2,500", 2500, None, "at_least"),
        ("up to 40", None, 40, "at_most"),
        ("nearly 350", 350, 350, "about"),
        ("about 450", 450, 450, "about"),
        ("70 to 80", 70, 80, "range"),
        ("70-80", 70, 80, "range"),
        ("between 10 and 15", 10, 15, "range"),
        ("a third", 3, None, "at_least"),
        ("20-odd", 20, 20, "about"),
        ("the two other", 2, 2, "exact"),
    ],
)
def test_parse_count(text: str, low: int | None, high: int | None, hedge: str) -> None:
    count = parse_count(text)
    assert count is not None, text
    assert (count.value.low, count.value.high, count.hedge) == (low, high, hedge)


@pytest.mark.parametrize("text", ["", "a man", "the victims", "no", "half", "police said"])
def test_no_count(text: str) -> None:
    assert parse_count(text) is None


def test_numbers_do_not_run_together() -> None:
    # a numeral followed by a number word is two numbers ("at 12 One person ..."), not 13
    count = parse_count("12 One")
    assert count is not None and count.value.low == 12


def test_count_words() -> None:
    assert count_word_value("seventeen") == 17
    assert count_word_value("1,200") == 1200
    assert count_word_value("a") is None
    assert is_count_word("dozens") and is_count_word("Three") and not is_count_word("people")


@pytest.mark.parametrize("word", ["\u00b9", "\u00b2\u00b3", "\u0663", "\uff13", "1.5", "\u2460"])
def test_non_ascii_digits_are_not_counts(word: str) -> None:
    # superscripts and other scripts pass str.isdigit but are no count (and must never raise)
    assert count_word_value(word) is None
    assert not is_count_word(word)
    assert parse_count(word) is None


@pytest.mark.parametrize(
    ("text", "low", "high", "hedge"),
    [
        # a date, a dateline's month-day, a clock time or a URL before the count is never the count
        ("2018-09-22 At least eight", 8, None, "at_least"),
        ("05-31 five", 5, 5, "exact"),
        ("11:33 am 12", 12, 12, "exact"),
        ("11/3/2025 four", 4, 4, "exact"),
        ("dawn.com/news/1234 nine", 9, 9, "exact"),
    ],
)
def test_digits_that_are_not_counts_are_blanked(text: str, low: int | None, high: int | None, hedge: str) -> None:
    count = parse_count(text)
    assert count is not None, text
    assert (count.value.low, count.value.high, count.hedge) == (low, high, hedge)


@pytest.mark.parametrize("text", ["007", "0300", "555-123-4567", "https://example.com/2021/07/14"])
def test_numbers_that_are_not_counts(text: str) -> None:
    assert parse_count(text) is None


@pytest.mark.parametrize(("text", "low"), [("9,000", 9000), ("more than 1,050", 1050), ("2,000,000", 2000000)])
def test_thousands_are_no_zero_padded_numbers(text: str, low: int) -> None:
    count = parse_count(text)
    assert count is not None and count.value.low == low
