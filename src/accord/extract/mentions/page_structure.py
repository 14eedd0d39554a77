"""How the page is laid out: headlines, lists of other stories (related articles, video playlists,
teaser blocks) and round-ups printed in sections under crossheads."""

from __future__ import annotations

import re
from collections.abc import Sequence

from accord.extract.mentions.cue_lexicon import cues, unit_event_type
from accord.extract.mentions.units import Unit

#: A crosshead is a heading line of at most this many words (the dev round-ups'
#: section heads have 3 to 7: "Shooting behind Nobby's").
CROSSHEAD_MAX_WORDS = 8

#: An article is a round-up in sections when at least this many crossheads
#: after its lead name incidents; two could be a feature's subheads or captions.
ROUNDUP_MIN_CROSSHEADS = 3

#: A line of a related-stories list is a headline: short, with no final stop.
RELATED_HEADLINE_MAX_WORDS = 25

#: How many units below a headline may hold the first sentence that names an incident (a photo caption
#: or a byline may come between them on GVA dev pages).
HEADLINE_BODY_UNITS = 3

#: A line opening on the same headline twice (a teaser's title and its link): DOUBLED_MIN_WORDS words or
#: more, no quotation (a speaker may repeat himself: "I don't even remember, I don't even remember").
#: (The GVA dev teaser blocks double headlines of 6 to 12 words.)
DOUBLED_MIN_WORDS = 4
_DOUBLED = re.compile(r"^\s*(?P<headline>[^\W_][^.!?\"“”]{14,119}?)\s+(?P=headline)(?=\W|$)")

SENTENCE_END = ".!?\"\u201d"


def alone_without_stop(units: Sequence[Unit], i: int) -> bool:
    """A headline: a line of its own with no final stop."""
    text = units[i].text.strip()
    alone = (i == 0 or units[i - 1].paragraph != units[i].paragraph) and (
        i + 1 >= len(units) or units[i + 1].paragraph != units[i].paragraph)
    return alone and bool(text) and text[-1] not in SENTENCE_END


def headline_of_a_count(units: Sequence[Unit], unit_types: Sequence[str | None], statistic: Sequence[bool],
                        lead: int) -> bool:
    """A headline (a line of its own, no final stop) whose first sentence below counts over several
    incidents ("Six shot, two fatally, in Baltimore" / "... were wounded in three separate shootings"):
    the headline gives that count too."""
    if not alone_without_stop(units, lead):
        return False
    below = next((i for i in range(lead + 1, min(len(units), lead + 1 + HEADLINE_BODY_UNITS))
                  if unit_types[i] is not None), None)
    return below is not None and statistic[below] and bool(cues().several_incidents.search(units[below].text))


def related_units(units: Sequence[Unit]) -> set[int]:
    """Units listing other stories: a video playlist ("1:51 Boy killed with machete"), or the lines after
    a "Related Articles" marker, up to the first line of running text.

    A listed line is a headline (short, no final stop), or a headline with a teaser cut short ("A charter
    bus wreck killed four people and injured dozens ..."); a line of running text between two listed
    lines is one more teaser whose headline the page ran into it, unless it goes on with the report
    ("The shooting happened ..."). Whatever a line is, all its units are.
    """
    found: set[int] = set()
    lines: list[list[int]] = []
    for i, unit in enumerate(units):
        if not unit.text.strip():
            continue
        if lines and units[lines[-1][0]].paragraph == unit.paragraph:
            lines[-1].append(i)
        else:
            lines.append([i])
    listing = False
    for k, line in enumerate(lines):
        first = units[line[0]].text.strip()
        if cues().video_stamp.match(first):
            found.update(line)
            continue
        if _doubled_headline(units[line[0]].text):
            # "1 dead, 5 wounded in suburban Phoenix shootings 1 dead, 5 wounded in suburban Phoenix shootings
            # A gunman killed ...": a teaser block (headline, its link, its summary), and more may follow
            found.update(line)
            listing = True
            continue
        at = next((n for n, i in enumerate(line) if cues().related.search(units[i].text.strip())), None)
        if at is not None:
            listing = True
            # the first headline, printed on the marker's line after it
            marked = units[line[at]].text.strip()
            marker = cues().related.search(marked)
            if marker is not None and marker.end() < len(marked) - 1:
                found.add(line[at])
            found.update(line[at + 1:])
            continue
        if not listing:
            continue
        # Running text that goes on with the report ("The shooting happened ...") is never a teaser.
        bridged = k + 1 < len(lines) and not cues().continuation.search(first) and _listed_line(units, lines[k + 1]) \
            and not cues().video_stamp.match(units[lines[k + 1][0]].text.strip())
        if _listed_line(units, line) or bridged:
            found.update(line)
        else:
            listing = False
    return found


def _doubled_headline(text: str) -> bool:
    found = _DOUBLED.match(text)
    # a headline is no clause ending on a comma
    return found is not None and len(found.group("headline").split()) >= DOUBLED_MIN_WORDS and \
        not found.group("headline").rstrip().endswith(",")


def _listed_line(units: Sequence[Unit], line: Sequence[int]) -> bool:
    """A line that reads as an entry of a list of stories: a headline, or a teaser cut short."""
    first = units[line[0]].text.strip()
    headline = first[-1] not in SENTENCE_END and len(first.split()) <= RELATED_HEADLINE_MAX_WORDS
    return headline or _cut_short(units[line[-1]].text)


def _cut_short(text: str) -> bool:
    """A teaser cut off by the page ("... closed the US-74 bypass in Richmond Count…")."""
    return text.rstrip().endswith(("…", "..."))


def is_crosshead(unit: Unit) -> bool:
    """A short heading line that names an incident and a place or person ("Shooting behind Nobby's")."""
    text = unit.text.strip()
    return (0 < len(text.split()) <= CROSSHEAD_MAX_WORDS and text[-1] not in SENTENCE_END + ":"
            and unit_event_type(text) is not None and bool(cues().inner_name.search(text)))


def crosshead_sections(units: Sequence[Unit], unit_types: Sequence[str | None], lead: int | None) -> list[int | None]:
    """For a round-up printed in sections under crossheads, the crosshead each unit after the lead's
    section falls under (None elsewhere, and for every unit of an article that is not such a round-up)."""
    per_paragraph: dict[int, int] = {}
    for unit in units:
        per_paragraph[unit.paragraph] = per_paragraph.get(unit.paragraph, 0) + 1
    alone = {p for p, n in per_paragraph.items() if n == 1}
    start = lead if lead is not None else 0
    heads = [i for i, u in enumerate(units) if i > start and u.paragraph in alone and is_crosshead(u)]
    sections: list[int | None] = [None] * len(units)
    if len(heads) < ROUNDUP_MIN_CROSSHEADS:
        return sections
    current: int | None = None
    for i in range(len(units)):
        if heads and i == heads[0]:
            current = heads.pop(0)
        sections[i] = current
    return sections
