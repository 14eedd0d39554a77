"""Text normalisation and the article id."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from accord.ingest.limits import MAX_HEADLINE_CHARS, MAX_HEADLINE_WORDS

_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(\n\s*)+")


def normalise_text(text: str) -> str:
    """NFC, unified line ends and spaces, no more than one blank line in a row, stripped."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def article_id_for(text: str) -> str:
    """The article id: a hash of the normalised text, case and spacing folded.

    Re-ingesting the same text, however it was spaced, gives the same id.
    """
    return id_of_normalised(normalise_text(text))


def id_of_normalised(text: str) -> str:
    """``article_id_for`` of a text already through ``normalise_text`` (saves a second pass)."""
    folded = " ".join(text.lower().split())
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()[:16]


# Final characters that end a sentence, not a headline. A headline may end in "?" or
# "!" or a closing quote; a first line ending in ":" or "," introduces what follows.
_SENTENCE_ENDINGS = (".", ":", ";", ",")


def headline_of(text: str) -> str | None:
    """The first line of a plain text when it reads like a headline, else None.

    A headline is short, does not end like a sentence (unless it is in title
    case), and is followed by more text. The text itself is kept whole either way.

    >>> headline_of("Train hijacked in Balochistan\\nGunmen stopped a train on Tuesday.")
    'Train hijacked in Balochistan'
    """
    first, _, rest = text.strip().partition("\n")
    first = first.strip()
    if not first or not rest.strip():
        return None
    if len(first) > MAX_HEADLINE_CHARS or len(first.split()) > MAX_HEADLINE_WORDS:
        return None
    if first.endswith(_SENTENCE_ENDINGS) and not first.endswith("..."):
        if not (first.endswith(".") and _title_case(first)):
            return None
        return first[:-1]
    return first


def _title_case(line: str) -> bool:
    """Headline-style capitals ("Clinton Super PACs Target Latino Voters."): some corpora
    end every line, headlines included, with a full stop."""
    words = [word for word in line.split() if word[:1].isalpha()]
    if len(words) < 3:
        return False
    capitalised = sum(1 for word in words if word[0].isupper())
    return capitalised >= 0.6 * len(words)
