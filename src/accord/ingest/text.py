"""Text normalisation and the article id."""

from __future__ import annotations

import hashlib
import re
import unicodedata

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
    folded = " ".join(normalise_text(text).lower().split())
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()[:16]
