"""``report.html`` in pages: one page while the report is small, a page per month of incidents above that.

A report of at most ``SINGLE_PAGE_LIMIT`` incidents is one page, ``report.html``, exactly as
:func:`accord.report.write_report` writes it. Above that, ``report.html`` is the first page (the summary
of every incident, the skipped inputs and a line per month, with the month's most reported incidents)
and each month of incidents (the month each began; ``undated`` for those with no date) has its page,
``pages/YYYY-MM.html``, laid out as the single page is: its summary, its contents, its incidents' blocks
(main ones most reported first, then background ones) and the basemaps its maps draw. Every page is
self-contained (inline CSS and SVG, no script) and the pages link to each other by relative paths, so
the folder reads offline, opened from disk.

A run writes again only the pages whose incidents changed (accord.report.incremental), copying the
blocks of the others from the page as it stands.
"""

from __future__ import annotations

import calendar
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from accord.report.html import page_parts
from accord.report.splice import SplicedFile

#: Incidents a report shows on one page; above this, a page per month. A block is about 12 kB of HTML
#: (178 MB for 14,900 incidents, docs/benchmarks.md), so one page stays under about 6 MB.
SINGLE_PAGE_LIMIT = 500
#: The key of the single page (report.html) of a small report.
SINGLE_PAGE = "all"
UNDATED = "undated"
PAGES_DIR = "pages"
HTML_FILE = "report.html"
#: Contents lines of each month shown on the first page (its most reported incidents).
TOP_LINES = 3

_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def month_of(data: Mapping[str, Any]) -> str:
    """The month an incident began (``YYYY-MM``), or ``undated``."""
    start = str(data.get("start") or "")[:7]
    return start if _MONTH.fullmatch(start) else UNDATED


def page_of(month: str, paged: bool) -> str:
    return month if paged else SINGLE_PAGE


def page_path(out: Path, key: str) -> Path:
    return out / HTML_FILE if key == SINGLE_PAGE else out / PAGES_DIR / f"{key}.html"


def month_label(key: str) -> str:
    """``2025-03`` -> ``March 2025``."""
    if key == UNDATED:
        return "date unknown"
    year, month = key.split("-")
    return f"{calendar.month_name[int(month)]} {year}"


def _order(value: Any) -> tuple[Any, ...]:
    """A contents entry's sort key, as JSON gave it back (lists for tuples)."""
    return tuple(value) if isinstance(value, list) else value


def write_page(out: Path, key: str, members: Sequence[str], metas: Mapping[str, Mapping[str, Any]],
               blocks: Mapping[str, tuple[BinaryIO, Sequence[int]]], basemaps: Mapping[str, bytes], *,
               skipped: Sequence[str], title: str) -> tuple[os.stat_result, dict[str, Any], dict[str, Any]]:
    """Write page ``key`` of the incidents ``members`` (in the store's order): each one's block copied
    from ``blocks`` (an open file and the block's offset and length in it), the basemaps its maps draw
    (``basemaps``: key -> symbol) after them. Returns the file's stat, the page's index (each incident's
    meta and where its block is) and its summary (for the first page)."""
    entries = sorted((metas[i]["toc"] for i in members), key=lambda entry: _order(entry["order"]))
    # the contents lines as rendered (escaped) when their incident was: the page marks them safe
    main = [{**entry, "toc_html": metas[entry["id"]]["toc_html"]} for entry in entries if not entry["background"]]
    background = [entry for entry in entries if entry["background"]]
    articles = len({article for i in members for article in metas[i]["articles"]})
    claims = sum(metas[i]["claims"] for i in members)
    disputed = sum(metas[entry["id"]]["disputed"] for entry in main)
    nav = None if key == SINGLE_PAGE else {
        "label": month_label(key), "up": f"../{HTML_FILE}",
        "what": f"The incidents that began in {month_label(key)}." if key != UNDATED else "The incidents with no date."}
    head, middle, tail, end = page_parts(main, background, articles=articles, claims=claims, disputed=disputed,
                                         skipped=skipped if nav is None else [], title=title, nav=nav)
    path = page_path(out, key)
    path.parent.mkdir(exist_ok=True)
    writer = SplicedFile(path)
    try:
        at: dict[str, tuple[int, int]] = {}
        writer.write(head.encode())
        for part, group in ((middle, main), (tail, background)):
            for entry in group:
                source, (offset, length) = blocks[entry["id"]]
                at[entry["id"]] = writer.copy(source, offset, length)
            writer.write(part.encode())
        drawn: set[str] = set()
        for incident in members:  # the basemaps, each once, in the incidents' order
            basemap = metas[incident]["basemap"]
            if basemap is not None and basemap not in drawn:
                drawn.add(basemap)
                writer.write(basemaps[basemap])
        writer.write(end.encode())
        stat = writer.commit()
    except BaseException:
        writer.abandon()
        raise
    summary = {"incidents": len(main), "background": len(background), "articles": articles, "claims": claims,
               "disputed": disputed, "top": [entry["toc_html"] for entry in main[:TOP_LINES]]}
    return stat, {"meta": {i: metas[i] for i in members}, "at": at}, summary


def write_front(out: Path, pages: Mapping[str, Mapping[str, Any]], *, articles: int, skipped: Sequence[str],
                title: str) -> None:
    """The first page of a paged report: the summary of every month's (``pages``: key -> summary), the
    skipped inputs, and a line per month, newest first, with its most reported incidents."""
    keys = sorted((key for key in pages if key != UNDATED), reverse=True) + [key for key in pages if key == UNDATED]
    lines = [{"href": f"{PAGES_DIR}/{key}.html", "label": month_label(key), **pages[key],
              # the month's contents lines point into its page
              "top": [line.replace('href="#', f'href="{PAGES_DIR}/{key}.html#', 1) for line in pages[key]["top"]]}
             for key in keys]
    total = {name: sum(int(page[name]) for page in pages.values())
             for name in ("incidents", "background", "claims", "disputed")}
    head, middle, tail, end = page_parts([], [], articles=articles, claims=total["claims"],
                                         disputed=total["disputed"], skipped=skipped, title=title, pages=lines,
                                         counts=(total["incidents"], total["background"]))
    writer = SplicedFile(out / HTML_FILE)
    try:
        writer.write((head + middle + tail + end).encode())
        writer.commit()
    except BaseException:
        writer.abandon()
        raise
