"""Page furniture: lines one site repeats on many of its pages, left out of the words linking compares.

Archived pages keep their menus, bylines, "Copyright ... All rights
reserved" notices and newsletter prompts; two unrelated reports of one outlet
share all of them and look alike to a bag of words. A line (a paragraph of the
text, case and spacing folded) that several documents of the same site carry
is the site's furniture, not a report's. Only lines of one site count: a wire
story republished by several outlets shares its lines across sites, and those
are its words.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from urllib.parse import urlsplit

from accord.models import Article

#: A line in at least this many documents of one site is furniture. Two is too
#: few: one outlet's report and its own follow-up repeat a sentence or two of
#: the story; GVA dev pages of one station share their menus across 3 to 40 pages.
FURNITURE_MIN_DOCUMENTS = 3

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


def furniture_lines(articles: Sequence[Article]) -> dict[str, frozenset[str]]:
    """For each site, the folded lines that at least FURNITURE_MIN_DOCUMENTS of its documents carry."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        site = site_of(article)
        if site is None:
            continue
        lines = {folded for line in article.text.split("\n")
                 if len(folded := fold_line(line)) >= FURNITURE_MIN_CHARS}
        counts[site].update(lines)
    return {site: frozenset(line for line, n in c.items() if n >= FURNITURE_MIN_DOCUMENTS)
            for site, c in counts.items() if any(n >= FURNITURE_MIN_DOCUMENTS for n in c.values())}


def without_furniture(text: str, furniture: frozenset[str]) -> str:
    """``text`` without its furniture lines (for words only: offsets into it are not the article's)."""
    if not furniture:
        return text
    return "\n".join(line for line in text.split("\n") if fold_line(line) not in furniture)
