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
(:func:`is_generic_furniture`) is left out wherever it stands, which matters
most for the pages that are little else (an archived page whose story did not
load keeps its title and its prompts): their words are then their title's.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

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

#: A line with one furniture cue is furniture when it has at most this many words; with two or more
#: cues, whatever its length. A report's own paragraph rarely carries a cue ("sign up", "all rights
#: reserved") and, when it does, is longer than a prompt. GVA dev: 30 words keeps every story paragraph
#: that names a cue in passing seen in a sample of 200 removed lines.
CUE_LINE_MAX_WORDS = 30

#: Cues of generic page furniture, one alternative per kind: rights notices; account, newsletter and
#: subscription prompts; players and sharing.
_FURNITURE_CUES = re.compile(
    r"all rights reserved|\bcopyright\b|^\s*\u00a9|may not be (?:published|reproduced|redistributed)"
    r"|\bsign(?:ing)?[ -]up\b|\bsign(?:ing)?[ -]in (?:to|using|with)\b|\bplease sign in\b|\{\*[^}]*\*\}|\bwhy are we asking\b|\bsign-in\b|\blog ?in(?: to| now)\b|\bsubscri(?:be|bers?|ptions?)\b|\bnewsletters?\b"
    r"|\bregist(?:ration|ering|er now)\b|\bverification (?:e-?mail|message)|\bactivate your\b|\byour account\b"
    r"|\bhave an account\b|\bdigital access\b|\bhome delivery\b|\be-?mail notifications?\b|\byour notification\b"
    r"|\bterms of (?:service|use)\b|\bprivacy policy\b|\bzip ?code\b|\bspam or junk\b|\byour inbox\b"
    r"|\benable javascript\b|\bjavascript\b|\byour browser\b|\bvideo player\b|\bautoplay\b"
    r"|^\s*advertisement\s*$|\bread or share this\b|\bshare this (?:story|article|video)\b|\bclick here\b"
    r"|\bfollow us\b|\blike us on\b|\bsend us your\b|\bnews tips\b|\bdownload (?:our|the) app\b",
    re.IGNORECASE,
)
#: Every alternative of _FURNITURE_CUES contains one of these (lower-cased): a line without any of them
#: has no cue, which a substring test finds 50 times faster than the regex (linking reads every line of
#: every report twice; the regex alone was half of link's time). Keep the two in step.
_CUE_WORDS: tuple[str, ...] = (
    "rights", "copyright", "\u00a9", "may not be", "sign", "log", "subscri", "newsletter", "regist",
    "verification", "activate", "account", "digital access", "delivery", "notification", "terms of", "privacy",
    "zip", "spam", "inbox", "javascript", "browser", "player", "autoplay", "advertisement", "share this",
    "click here", "follow us", "like us", "send us", "news tip", "download", "{*", "why are we asking",
)

#: Lines that are furniture whatever else they say: a playlist entry opening with its running time
#: ("3:55 When a ..."), or a running time alone ("1:24"); not a live blog's "5:07 p.m.: Police have ...".
_FURNITURE_LINE = re.compile(r"^\s*\d{1,2}:\d{2}(?:\s*$|\s+(?![ap]\.?m\b)\S)", re.IGNORECASE)

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


def is_generic_furniture(line: str) -> bool:
    """A line any site's page could carry: a rights notice, an account prompt, a player."""
    if _FURNITURE_LINE.search(line):
        return True
    lowered = line.lower()
    if not any(word in lowered for word in _CUE_WORDS):
        return False  # most lines: no cue can match, and the regex costs 50 times more
    cues = {m.group(0).lower() for m in _FURNITURE_CUES.finditer(line)}
    if not cues:
        return False
    return len(cues) >= 2 or len(line.split()) <= CUE_LINE_MAX_WORDS


def without_furniture(text: str, furniture: frozenset[str]) -> str:
    """``text`` without its site's furniture lines and generic furniture (for words only: offsets into it
    are not the article's)."""
    return "\n".join(line for line in text.split("\n")
                     if not is_generic_furniture(line) and (not furniture or fold_line(line) not in furniture))
