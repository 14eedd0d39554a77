"""Page furniture: lines one site repeats on many of its pages, left out of the words linking compares.

Archived pages keep their menus, bylines, "Copyright ... All rights
reserved" notices and newsletter prompts; two unrelated reports of one outlet
share all of them and look alike to a bag of words. A line (a paragraph of the
text, case and spacing folded) that several documents of the same site carry
is the site's furniture, not a report's. Only lines of one site count: a wire
story republished by several outlets shares its lines across sites, and those
are its words.

Some furniture needs no second page to be seen: a copyright notice, a
newsletter or account prompt, a "please enable JavaScript" line, a video
playlist ("3:55 When a quake shakes ..."). Such a line
(:func:`accord.extract.furniture.is_generic_furniture`, which extraction uses too) is left out
wherever it stands, which matters
most for the pages that are little else (an archived page whose story did not
load keeps its title and its prompts): their words are then their title's.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

from accord.extract.furniture import is_generic_furniture
from accord.models import Article

#: A line in at least this many documents of one site is furniture. Two is too
#: few: one outlet's report and its own follow-up repeat a sentence or two of
#: the story; GVA dev pages of one station share their menus across 3 to 40 pages.
FURNITURE_MIN_DOCUMENTS = 3

#: A page body at most this long (characters) that its site serves under two different titles is the
#: shell of a page whose story did not load (a video caption, a sign-in prompt): its lines are furniture.
#: Longer bodies under two titles are one story retitled. GVA dev: such shells are 40 to 700 characters.
SHELL_MAX_CHARS = 1000

#: Lines shorter than this (in characters, folded) are kept out of the count:
#: a one-word crosshead ("Related") weighs nothing once stop words are out.
FURNITURE_MIN_CHARS = 12

_ARCHIVE = re.compile(r"^(?:https?://)?web\.archive\.org/web/[^/]+/", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def site_of(article: Article) -> str | None:
    """The outlet, else the host of the URL (an archive's copy counts as the archived site)."""
    if article.outlet:
        return article.outlet.strip().lower()
    if not article.url:
        return None
    url = _ARCHIVE.sub("", article.url.strip())
    if "://" not in url:
        url = "http://" + url
    host = (urlsplit(url).hostname or "").lower()
    host = host.removeprefix("www.")
    return host or None


def fold_line(line: str) -> str:
    return _SPACE.sub(" ", line).strip().lower()


def furniture_lines(articles: Iterable[Article]) -> dict[str, frozenset[str]]:
    """For each site, the folded lines that at least FURNITURE_MIN_DOCUMENTS of its documents carry, and
    the lines of a short page body the site serves under two different titles (a story that did not load:
    what is left is the page around it)."""
    return furniture_from(*site_line_counts(articles))


def site_line_counts(articles: Iterable[Article]) -> tuple[dict[str, Counter[str]], dict[str, set[str]]]:
    """Per site, in how many documents each line stands, and the lines of its shells (short bodies served
    under two titles): what :func:`furniture_from` reads, and what an incremental link keeps counting."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    bodies: dict[tuple[str, int], tuple[str, frozenset[str]]] = {}  # (site, body hash) -> (a title, its lines)
    shells: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        site = site_of(article)
        if site is None:
            continue
        lines = {folded for line in article.text.split("\n")
                 if len(folded := fold_line(line)) >= FURNITURE_MIN_CHARS}
        counts[site].update(lines | title_segments(article.title))
        if lines and len(article.text) <= SHELL_MAX_CHARS:
            title = fold_line(article.title or "")
            key = (site, hash(fold_line(article.text)))
            seen = bodies.setdefault(key, (title, frozenset(lines)))
            if seen[0] != title:
                shells[site].update(lines)
    return counts, shells


def furniture_from(counts: dict[str, Counter[str]], shells: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """Each site's furniture from its line counts and shell lines (:func:`site_line_counts`)."""
    out = {site: frozenset(line for line, n in c.items() if n >= FURNITURE_MIN_DOCUMENTS) | shells.get(site, set())
           for site, c in counts.items()}
    return {site: lines for site, lines in out.items() if lines}


#: The parts of a page title after its headline that a site repeats on FURNITURE_MIN_DOCUMENTS titles
#: ("... - WXYZ Action News 7 - Detroit, Michigan") are furniture: the title counts three times in a main
#: mention's words, so a station's name and city made two of its reports of a month look alike. GVA dev
#: B-cubed F1 single 95.18 without, 95.13 with; doubled 94.22 / 94.26: a wash there, kept because a
#: station's name is no evidence of one incident, and a pool of one station's news is full of it.
STRIP_TITLE_FURNITURE = True

#: Separators of a page title's parts.
_TITLE_SEPARATOR = re.compile(r"\s+[-|\u2013\u2014]\s+")


def title_segments(title: str | None) -> set[str]:
    """The folded parts of a page title after its headline (the site's name and city repeat across its
    titles: they are furniture, counted with its lines). The headline itself is the story's even when
    several pages of one site carry it (updates of one story)."""
    if not title or not STRIP_TITLE_FURNITURE:
        return set()
    return {folded for part in _TITLE_SEPARATOR.split(title)[1:] if (folded := fold_line(part))}


def title_without_furniture(title: str | None, furniture: frozenset[str]) -> str:
    """``title`` without the parts its site repeats on many titles (its name, its city)."""
    if not title or not furniture:
        return title or ""
    first, *rest = _TITLE_SEPARATOR.split(title)
    return " ".join([first, *(part for part in rest if fold_line(part) not in furniture)])


def without_furniture(text: str, furniture: frozenset[str]) -> str:
    """``text`` without its site's furniture lines and generic furniture (for words only: offsets into it
    are not the article's)."""
    return "\n".join(line for line in text.split("\n")
                     if not is_generic_furniture(line) and (not furniture or fold_line(line) not in furniture))
