"""Publication dates to ISO 8601: ``YYYY-MM-DD``, or a full datetime when a time is given."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
# A clock time in free text ("5:31 PM", "14:05"): keep the time in the result.
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s*[ap]\.?m\.?\b", re.IGNORECASE)
# Unix timestamps in seconds between 1990 and 2100: anything else is not a date.
_EPOCH_RANGE = (631152000, 4102444800)


def normalise_published(value: Any) -> str | None:
    """``value`` as an ISO date or datetime, or None when it is not a recognisable date.

    >>> normalise_published("March 12, 2025")
    '2025-03-12'
    >>> normalise_published("2025-03-12T08:30:00Z")
    '2025-03-12T08:30:00+00:00'
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if _EPOCH_RANGE[0] <= value < _EPOCH_RANGE[1]:
            return datetime.fromtimestamp(value, tz=UTC).isoformat()
        return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if _ISO_DATE.match(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    if _ISO_DATETIME.match(text):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
        except ValueError:
            pass  # an ISO-looking string Python does not accept: let dateparser try
    return _parse_free_text(text)


def _parse_free_text(text: str) -> str | None:
    import dateparser  # imported here: slow to import, and most inputs are ISO already

    parsed = dateparser.parse(
        text,
        languages=["en"],
        # No relative dates ("yesterday" means nothing offline, long after the fact),
        # and a publication date needs at least its year and month.
        settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year", "month"],
                  "PARSERS": ["timestamp", "custom-formats", "absolute-time"]},
    )
    if parsed is None:
        return None
    if _CLOCK.search(text):
        return parsed.isoformat()
    return parsed.date().isoformat()
