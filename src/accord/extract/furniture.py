"""Generic page furniture: the lines any site's page may carry around a story, on plain text.

Archived pages keep their rights notices, newsletter and account prompts,
"please enable JavaScript" lines and video playlists ("3:55 When a quake
shakes ..."). Such a line (:func:`is_generic_furniture`) is no part of a
report: linking leaves its words out, and extraction takes no figure, date or
incident from it (:func:`furniture_line_spans`), except from a playlist, whose
entries are other stories it keeps as background incidents. One line is judged
on its own, with no second page of the site (the site-wide repeated lines are
linking's concern, :mod:`accord.link.boilerplate`).

A page may also open on teasers of other stories, each printed twice (a
headline link and its summary that the archive rendered alike): a run of
several different lines, each printed twice in a row, is such a block, and
every copy is furniture. A report may repeat its lead once (a summary above
the story), never several paragraphs one after another.

The cue patterns are data (``lexicons/page_furniture.json``). The API is plain
text in, plain values out: no spaCy object crosses it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from accord.lexicons import load_lexicon

#: A line with one furniture cue is furniture when it has at most this many words; with two or more
#: cues, whatever its length. A report's own paragraph rarely carries a cue ("sign up", "all rights
#: reserved") and, when it does, is longer than a prompt. GVA dev: 30 words keeps every story paragraph
#: that names a cue in passing seen in a sample of 200 removed lines.
CUE_LINE_MAX_WORDS = 30

#: A repeated line shorter than this (words) is no teaser: a crosshead or a one-word label ("Video") may
#: recur in one report. GVA dev teasers are 10 to 40 words long.
TEASER_MIN_WORDS = 6

#: At least this many different lines printed twice in a row make a block of teasers. One or two may be
#: the story's own headline and summary printed above it (GVA dev: a page opening on "2 detained in
#: connection with murder ..." twice); blocks of other stories there hold 3 to 14.
TEASER_MIN_LINES = 3


@dataclass(frozen=True)
class FurnitureCues:
    cues: re.Pattern[str]
    cue_words: tuple[str, ...]
    lines: re.Pattern[str]


@cache
def furniture_cues() -> FurnitureCues:
    """The compiled patterns of ``page_furniture.json``."""
    lexicon = load_lexicon("page_furniture")
    return FurnitureCues(
        cues=re.compile("|".join(f"(?:{p})" for p in lexicon["cues"]), re.IGNORECASE),
        cue_words=tuple(w.lower() for w in lexicon["cue_words"]),
        lines=re.compile("|".join(f"(?:{p})" for p in lexicon["line_patterns"]), re.IGNORECASE),
    )


def furniture_cues_in(line: str) -> set[str]:
    """The distinct furniture cues a line carries (lower-cased), empty for most lines."""
    found = furniture_cues()
    lowered = line.lower()
    # Most lines hold no cue word at all: a substring test is 50 times faster than the regex.
    if not any(word in lowered for word in found.cue_words):
        return set()
    return {m.group(0).lower() for m in found.cues.finditer(line)}


def is_generic_furniture(line: str) -> bool:
    """A line any site's page could carry: a rights notice, an account prompt, a player."""
    return is_playlist_entry(line) or is_page_prompt(line)


def is_playlist_entry(line: str) -> bool:
    """An entry of a video playlist ("3:55 Mayor unveils the new budget") or a running time alone."""
    return bool(furniture_cues().lines.search(line))


def is_page_prompt(line: str) -> bool:
    """A rights notice, an account, newsletter or app prompt, a player or sharing line."""
    found = furniture_cues_in(line)
    if not found:
        return False
    return len(found) >= 2 or len(line.split()) <= CUE_LINE_MAX_WORDS


def repeated_teasers(lines: Sequence[str]) -> set[int]:
    """The positions in ``lines`` (blank lines skipped) of blocks of teasers: runs of at least
    TEASER_MIN_LINES different lines of TEASER_MIN_WORDS words or more, each printed twice in a row."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    found: set[int] = set()
    run: list[int] = []
    k = 0
    while k < len(filled):
        here = lines[filled[k]].strip()
        if k + 1 < len(filled) and len(here.split()) >= TEASER_MIN_WORDS and lines[filled[k + 1]].strip() == here:
            run += [filled[k], filled[k + 1]]
            k += 2
            continue
        if len(run) >= 2 * TEASER_MIN_LINES:
            found.update(run)
        run = []
        k += 1
    if len(run) >= 2 * TEASER_MIN_LINES:
        found.update(run)
    return found


def furniture_line_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) character spans of the lines of ``text`` that are furniture to extraction, in
    order: page prompts and notices, and blocks of teasers.

    A playlist entry is left in: it is a list of other stories, whose figures extraction keeps as
    background incidents (accord_mentions' related-stories lists), not as the report's.
    """
    lines = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^\n]+", text)]
    teasers = repeated_teasers([line for _, _, line in lines])
    return [(start, end) for i, (start, end, line) in enumerate(lines) if i in teasers or is_page_prompt(line)]


__all__ = ["CUE_LINE_MAX_WORDS", "TEASER_MIN_LINES", "TEASER_MIN_WORDS", "furniture_cues_in", "furniture_line_spans",
           "is_generic_furniture", "is_page_prompt", "is_playlist_entry", "repeated_teasers"]
