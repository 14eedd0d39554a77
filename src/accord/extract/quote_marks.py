"""Pair quotation marks in a text: the spans of direct speech, marks included.

One left-to-right pass over the characters. Curly (“ ”), guillemet (« ») and
straight (") double quotes are paired; single quotes are left alone because
they cannot be told apart from apostrophes. News style lets a quotation run
over several paragraphs: every paragraph opens with a mark and only the last
one closes. So an unclosed quotation at the end of a paragraph continues when
the next paragraph opens with a mark, and ends at the paragraph end otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Opening mark -> the closing mark that ends it.
PAIRS = {"“": "”", "«": "»", '"': '"', "„": "“"}
#: Marks that can open a quotation when none is open.
OPENERS = frozenset(PAIRS)


@dataclass(frozen=True)
class QuotedSpan:
    """A quotation, marks included: ``text[start:end]``."""

    start: int
    end: int
    closed: bool = True  # False when the paragraph ended before a closing mark
    paragraphs: int = 1  # how many paragraphs it runs over


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line: news text has one paragraph per line."""
    bounds = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            bounds.append((start, end))
        start = end + 1
    return bounds


def _first_offset(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _first_mark(text: str, start: int, end: int) -> int | None:
    """The offset of the paragraph's first character when it is an opening mark."""
    for i in range(start, end):
        if not text[i].isspace():
            return i if text[i] in OPENERS else None
    return None


def _closes(text: str, i: int, opener: str, closer: str, depth: int, other: int) -> bool:
    """Whether the mark at ``i`` ends the open quotation.

    Besides its own closing mark, a mark of the other style closes it when it cannot
    open a nested quotation (no word follows it): mixed marks ('“Immunity deals ...,"')
    are common in scraped news.
    """
    char = text[i]
    if char == closer:
        return depth == 0 and (opener != closer or other == 0)
    follows = text[i + 1] if i + 1 < len(text) else " "
    if opener != closer:  # curly
        return char == '"' and depth == 0 and other == 0 and not follows.isalnum()
    return char == "”" and other == 0


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every top-level quotation in ``text``, in order."""
    spans: list[QuotedSpan] = []
    paragraphs = _paragraph_bounds(text)
    opened: int | None = None  # offset of the opening mark of the current quotation
    closer = ""
    opener = ""
    depth = 0  # nested quotations of the same curly style ("“ ... “ ... ” ... ”")
    other = 0  # nested quotations of the other style ('“ ... "x" ... ”')
    count = 0
    for index, (p_start, p_end) in enumerate(paragraphs):
        i = p_start
        if opened is not None:
            # Carried over from the previous paragraph: skip its re-opening mark.
            count += 1
            mark = _first_mark(text, p_start, p_end)
            i = (mark + 1) if mark is not None else p_start
        while i < p_end:
            char = text[i]
            if opened is None:
                if char in OPENERS:
                    opened, opener, closer, depth, count = i, char, PAIRS[char], 0, 1
                elif char == "”" and i == _first_offset(text, p_start, p_end):
                    # A paragraph that opens with a closing mark is a typo for an opening one.
                    opened, opener, closer, depth, count = i, char, char, 0, 1
            elif _closes(text, i, opener, closer, depth, other):
                spans.append(QuotedSpan(opened, i + 1, True, count))
                opened, other = None, 0
            elif opener != closer:
                # Curly quotation: count nested curly pairs and straight pairs inside it.
                if char == opener:
                    depth += 1
                elif char == closer:
                    depth -= 1
                elif char == '"':
                    other = other - 1 if other else other + 1
            elif char == "“":
                other += 1
            elif char == "”" and other:
                other -= 1
            i += 1
        if opened is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            mark = _first_mark(text, *following) if following is not None else None
            continues = mark is not None and text[mark] == opener
            if not continues:
                spans.append(QuotedSpan(opened, p_end, False, count))
                opened = None
    return spans
