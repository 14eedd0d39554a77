"""``report.html``: one self-contained page (inline CSS and SVG, no script, no external asset).

The page is rendered by Jinja2 with autoescaping on, from view dicts built
here (and, for the maps and toll charts, by :mod:`accord.report.maps` and
:mod:`accord.report.toll_chart`); the template never sees raw records, and no
value is ever marked safe, so article titles and text are escaped everywhere.
Links go out only to ``http(s)`` URLs, never ``javascript:`` or ``data:`` ones.

Maps of incidents in the same country show the same basemap: it is written
once, in a hidden SVG at the end of the page, and each map draws it by
reference (``<use>``), so a report of a thousand incidents in one country
carries one copy of that country's borders.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import IO, Any, BinaryIO
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined

from accord import __version__
from accord.models import Skipped
from accord.report import maps
from accord.report.contract import IncidentLike, as_data
from accord.report.toll_chart import KEY as TOLL_CHART_KEY
from accord.report.toll_chart import toll_charts
from accord.store import claim_id

TEMPLATE = "report.html.j2"

STATUS_LABELS: dict[str, str] = {"agreed": "✓ agreed", "updated": "↗ updated", "disputed": "≠ disputed"}
HEDGE_LABELS: dict[str, str] = {
    "exact": "exact", "at_least": "at least", "at_most": "at most", "about": "about", "range": "range",
    "vague": "vague",
}
_SAFE_SCHEMES = ("http", "https")
#: Characters of an article id shown when it has no title (enough to tell a dozen apart).
ARTICLE_ID_SHOWN = 8
QUOTE_MARKS = "\"“”«»„‟"  # double marks only: a single one may be an apostrophe


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("accord.report", "templates"),
        autoescape=True,  # every value escaped; the template marks nothing safe
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


# ---------------------------------------------------------------------- small formatters


def safe_url(url: str | None) -> str | None:
    """The URL if it is a web address a reader may follow, else None (shown as text, not linked)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in _SAFE_SCHEMES else None


def value_label(low: int | None, high: int | None, hedge: str) -> str:
    """A claimed count in a few characters: ``33``, ``≥ 16``, ``≈ 450``, ``70–80``."""
    if low is None and high is None:
        return "?"
    if hedge == "at_least" or high is None:
        return f"≥ {low}"
    if hedge == "at_most" or low is None:
        return f"≤ {high}"
    if low != high:
        return f"{low}–{high}"
    return f"≈ {low}" if hedge in ("about", "vague") else str(low)


def number(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def date_label(start: str | None, end: str | None) -> str:
    start, end = (start or "")[:10], (end or "")[:10]
    if start and end and end != start:
        return f"{start} – {end}"
    return start or end or "date unknown"


def place_label(place: Mapping[str, Any] | None) -> str:
    if not place:
        return "place unknown"
    parts = [place.get("name"), place.get("admin1"), place.get("country_name") or place.get("country")]
    unique: list[str] = []
    for part in parts:
        if part and part not in unique:
            unique.append(str(part))
    return ", ".join(unique) or "place unknown"


def highlight(sentence: str, span: Sequence[int] | None, sentence_span: Sequence[int] | None,
              text: str | None) -> tuple[str, str, str]:
    """The sentence cut around the figure phrase: (before, phrase, after).

    The claim's span is in article characters; minus the sentence's start it
    points into the sentence. When the offsets do not land on the phrase (a
    sentence cleaned of line breaks), the phrase is looked up by its text;
    when neither works nothing is highlighted rather than the wrong words.
    """
    if span is not None and sentence_span is not None:
        start, end = span[0] - sentence_span[0], span[1] - sentence_span[0]
        if 0 <= start < end <= len(sentence) and (not text or sentence[start:end] == text):
            return sentence[:start], sentence[start:end], sentence[end:]
    if text:
        at = sentence.find(text)
        if at >= 0:
            return sentence[:at], text, sentence[at + len(text):]
    return sentence, "", ""


# ---------------------------------------------------------------------- view dicts


def _article_view(ref: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": ref["id"], "external_id": ref.get("external_id"),
        "title": ref.get("title") or f"untitled article {ref['id'][:ARTICLE_ID_SHOWN]}",
        "url": ref.get("url"), "href": safe_url(ref.get("url")), "outlet": ref.get("outlet"),
        "published": (ref.get("published") or "")[:10] or None, "copy_of": ref.get("copy_of"),
    }


def _claim_view(claim: Mapping[str, Any], articles: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    value = claim.get("value") or {}
    source = claim.get("source") or {}
    before, mark, after = highlight(claim.get("sentence") or "", claim.get("span"), claim.get("sentence_span"),
                                    claim.get("text"))
    article = articles.get(claim.get("article") or "", {})
    return {
        "id": claim_id(dict(claim)), "value": value_label(value.get("low"), value.get("high"), claim.get("hedge", "")),
        "hedge": HEDGE_LABELS.get(claim.get("hedge", ""), claim.get("hedge", "")),
        "modality": claim.get("modality") or "reported",
        "source": source.get("name") or "unattributed", "kind": source.get("kind") or "unattributed",
        "via": source.get("via"), "outlet": claim.get("outlet") or article.get("outlet"),
        "as_of": (claim.get("as_of") or article.get("published") or "")[:10] or None,
        "article_title": article.get("title"), "href": article.get("href"),
        "before": before, "mark": mark, "after": after, "subset": claim.get("scope") == "subset",
        "rule": claim.get("rule") or "", "rules_changed": list(claim.get("rules_changed") or []),
    }


def _figure_view(figure: Mapping[str, Any], articles: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    status = figure.get("status") or "agreed"
    return {
        "measure": figure["measure"], "group": figure["group"],
        "conservative": number(figure.get("conservative")), "consensus": number(figure.get("consensus")),
        "high": number(figure.get("high")), "latest": number(figure.get("latest")),
        "latest_official": number(figure.get("latest_official")),
        "status": status, "status_label": STATUS_LABELS.get(status, status),
        "sources": int(figure.get("sources") or 0), "explanation": figure.get("explanation") or "",
        "subset": figure.get("scope") == "subset",
        "claims": [_claim_view(c, articles) for c in figure.get("claims") or []],
    }


def _total_view(measure: str, total: Mapping[str, Any]) -> dict[str, Any]:
    return {"measure": measure, "conservative": number(total.get("conservative")),
            "consensus": number(total.get("consensus")), "high": number(total.get("high")),
            "derivation": total.get("derivation") or "stated", "explanation": total.get("explanation") or ""}


def _speaker_label(speaker: Mapping[str, Any] | None) -> tuple[str, str]:
    if not speaker:
        return "unattributed", ""
    name = speaker.get("resolved") or speaker.get("name") or "unattributed"
    details = [d for d in (speaker.get("role"), speaker.get("organisation")) if d and d != name]
    kind = speaker.get("kind") or "unattributed"
    return name, ", ".join([kind, *details])


def _quotes_by_speaker(quotes: Sequence[Mapping[str, Any]],
                       articles: Mapping[str, dict[str, Any]]) -> list[dict[str, Any]]:
    speakers: dict[str, dict[str, Any]] = {}
    for quote in quotes:
        name, details = _speaker_label(quote.get("speaker"))
        entry = speakers.setdefault(name, {"name": name, "details": details, "quotes": []})
        article = articles.get(quote.get("article") or "", {})
        direct = bool(quote.get("direct"))
        text = (quote.get("text") or "").strip()
        entry["quotes"].append({
            # <q> draws the quotation marks; the extracted text may carry its own.
            "text": text.strip(QUOTE_MARKS + " ") if direct else text, "direct": direct, "cue": quote.get("cue"),
            "outlet": article.get("outlet"), "article_title": article.get("title"), "href": article.get("href"),
        })
    return list(speakers.values())


def _timeline_view(entry: Mapping[str, Any], articles: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    article = articles.get(entry.get("article") or "", {})
    return {"as_of": (entry.get("as_of") or "")[:10] or "undated", "text": entry.get("text") or "",
            "source": entry.get("source") or "", "outlet": entry.get("outlet") or article.get("outlet"),
            "href": article.get("href")}


#: How many figures an incident's line in the summary shows.
HEADLINE_FIGURES = 3


def _headline(figures: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """The summary line's figures: deaths first, then the rest in the reconciler's order."""
    ordered = sorted(figures, key=lambda f: f["measure"] != "killed")
    return [{"label": f"{f['measure']} ({f['group']})", "value": _estimate_range(f), "status": f["status"],
             "status_label": f["status_label"]} for f in ordered[:HEADLINE_FIGURES]]


def _estimate_range(figure: Mapping[str, Any]) -> str:
    low, high = figure["conservative"], figure["high"]
    return low if low == high else f"{low}–{high}"


def incident_view(incident: IncidentLike) -> dict[str, Any]:
    data = as_data(incident)
    articles = [_article_view(ref) for ref in data.get("articles") or []]
    by_id = {a["id"]: a for a in articles}
    evidence = []
    for item in data.get("evidence") or []:
        signals = ", ".join(f"{key} {value}" for key, value in (item.get("signals") or {}).items())
        title = by_id.get(item.get("article"), {}).get("title") or item.get("article")
        evidence.append({"article": title, "index": item.get("index"), "score": f"{item.get('score') or 0:.2f}",
                         "signals": signals})
    figures = [_figure_view(f, by_id) for f in data.get("figures") or []]
    anchor = f"incident-{data['id']}"
    charts = toll_charts(data.get("figures") or [], lambda claim: f"#claim-{claim_id(dict(claim))}",
                         outlet=lambda claim: claim.get("outlet") or by_id.get(claim.get("article") or "", {}).get(
                             "outlet"), prefix=f"{anchor}-toll")
    return {
        "id": data["id"], "anchor": anchor, "title": data.get("title") or data["id"],
        "type": (data.get("type") or "other").replace("_", " "),
        "date": date_label(data.get("start"), data.get("end")), "place": place_label(data.get("place")),
        "perpetrators": list(data.get("perpetrators") or []), "background": bool(data.get("background")),
        "figures": figures, "headline": _headline(figures),
        "totals": [_total_view(m, t) for m, t in (data.get("totals") or {}).items()], "disputed": sum(f["status"] == "disputed" for f in figures),
        "claims": sum(len(f["claims"]) for f in figures),
        "speakers": _quotes_by_speaker(data.get("quotes") or [], by_id),
        "timeline": [_timeline_view(t, by_id) for t in data.get("timeline") or []],
        "articles": articles, "evidence": evidence,
        "map": maps.incident_map(data.get("place")), "charts": list(charts.values()),
    }


def _order_key(view: dict[str, Any]) -> tuple[int, str, str]:
    # Most-reported incidents first; then the most recent; the id keeps the order stable.
    return (-len(view["articles"]), _negated_date(view["date"]), view["id"])


def _negated_date(label: str) -> str:
    # Dates sort newest first by mapping each digit d to 9 - d.
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in label[:10])


# The lines of the page template where the blocks go (their line end is the template's, not the page's).
MAIN_BLOCKS = "<!--accord:main-blocks-->\n"
BACKGROUND_BLOCKS = "<!--accord:background-blocks-->\n"
BASEMAPS = "<!--accord:basemaps-->\n"
BLOCK_TEMPLATE = "incident.html.j2"
PICTURES_TEMPLATE = "pictures.html.j2"


def _toc_entry(view: dict[str, Any]) -> dict[str, Any]:
    """What the page's summary and contents need of an incident (its block is rendered apart)."""
    return {key: view[key] for key in ("id", "anchor", "title", "type", "date", "place", "headline", "background")} | {
        "order": _order_key(view)}


def incident_block(incident: IncidentLike) -> tuple[dict[str, Any], bytes, tuple[str, bytes] | None]:
    """An incident's view, its rendered block, and the basemap (key, symbol) its map draws, if any."""
    view = incident_view(incident)
    block = str(_environment().get_template(BLOCK_TEMPLATE).module.incident_block(view)).encode()  # type: ignore[attr-defined]  # a macro: jinja makes it at run time
    if not view["map"]:
        return view, block, None
    layers = view["map"]["basemap"]
    pictures = _environment().get_template(PICTURES_TEMPLATE).module
    return view, block, (layers["key"], str(pictures.basemap_symbol(layers)).encode())  # type: ignore[attr-defined]  # a macro, as above


def toc_entry(view: dict[str, Any]) -> dict[str, Any]:
    """What the page's summary and contents need of an incident (its block is rendered apart)."""
    return _toc_entry(view)


def toc_line(entry: dict[str, Any]) -> str:
    """The page's contents line of an incident (its :func:`toc_entry`), rendered."""
    return str(_environment().get_template(BLOCK_TEMPLATE).module.toc_item(entry))  # type: ignore[attr-defined]  # a macro


def page_parts(main: Sequence[dict[str, Any]], background: Sequence[dict[str, Any]], *, articles: int, claims: int,
               disputed: int, skipped: Sequence[str], title: str, nav: Mapping[str, str] | None = None,
               pages: Sequence[Mapping[str, Any]] | None = None,
               counts: tuple[int, int] | None = None) -> tuple[str, str, str, str]:
    """The page around its blocks, given the contents entries in page order: what comes before the main
    incidents' blocks, between them and the background ones', after those (before the basemaps), and
    after the basemaps.

    A paged report (accord.report.pages) gives its month pages ``nav`` (``label``, ``what``, ``up``: the
    link back to the first page) and its first page ``pages`` (a line per month) and ``counts`` (main and
    background incidents of every month) in place of contents."""
    incidents, background_count = counts if counts is not None else (len(main), len(background))
    summary = {"incidents": incidents, "background": background_count, "articles": articles, "claims": claims,
               "disputed": disputed, "skipped": len(skipped)}
    page = _environment().get_template(TEMPLATE).render(
        title=title, version=__version__, summary=summary, toll_chart_key=TOLL_CHART_KEY,
        main=list(main), background=list(background), skipped=list(skipped), nav=nav, pages=list(pages or []),
    )
    body, end = page.split(BASEMAPS, 1)
    head, rest = body.split(MAIN_BLOCKS, 1)
    middle, tail = rest.split(BACKGROUND_BLOCKS, 1) if BACKGROUND_BLOCKS in rest else (rest, "")
    return head, middle, tail, end


class HtmlReport:
    """``report.html`` written from incidents given one at a time, holding only their contents lines.

    Each incident's block is rendered as it comes and parked in ``blocks`` (a binary file; a
    temporary one by default), and the basemap of its map, the first time that view is met, in
    ``basemaps``; :meth:`finish` renders the page around three markers and copies the blocks in,
    main incidents most-reported first, then background ones, and the basemaps after them.
    """

    def __init__(self, output: IO[bytes], *, skipped: Sequence[Skipped] = (), title: str = "accord report",
                 blocks: BinaryIO | None = None) -> None:
        self.output = output
        self.skipped = [str(item) for item in skipped]
        self.title = title
        self.blocks: BinaryIO = blocks if blocks is not None else tempfile.TemporaryFile()
        self.basemaps: BinaryIO = io.BytesIO() if blocks is not None else tempfile.TemporaryFile()
        self.basemap_keys: set[str] = set()
        self.entries: list[tuple[dict[str, Any], int, int]] = []  # contents entry, offset, length
        self.article_ids: set[str] = set()
        self.claims = 0
        self.disputed = 0

    def add(self, incident: IncidentLike) -> None:
        view, block, basemap = incident_block(incident)
        if basemap is not None and basemap[0] not in self.basemap_keys:
            self.basemap_keys.add(basemap[0])
            self.basemaps.write(basemap[1])
        offset = self.blocks.seek(0, io.SEEK_END)
        self.blocks.write(block)
        self.entries.append((_toc_entry(view), offset, len(block)))
        self.article_ids.update(a["id"] for a in view["articles"])
        self.claims += view["claims"]
        if not view["background"]:
            self.disputed += view["disputed"]

    def finish(self) -> None:
        ordered = sorted(self.entries, key=lambda item: item[0]["order"])
        main = [item for item in ordered if not item[0]["background"]]
        background = [item for item in ordered if item[0]["background"]]
        head, middle, tail, end = page_parts([entry for entry, _, _ in main], [entry for entry, _, _ in background],
                                             articles=len(self.article_ids), claims=self.claims,
                                             disputed=self.disputed, skipped=self.skipped, title=self.title)
        self.output.write(head.encode())
        self._copy(main)
        self.output.write(middle.encode())
        self._copy(background)
        self.output.write(tail.encode())
        self.basemaps.seek(0)
        shutil.copyfileobj(self.basemaps, self.output)
        self.output.write(end.encode())
        self.blocks.close()
        self.basemaps.close()

    def _copy(self, items: Sequence[tuple[dict[str, Any], int, int]]) -> None:
        for _, offset, length in items:
            self.blocks.seek(offset)
            self.output.write(self.blocks.read(length))


def render_html(incidents: Iterable[IncidentLike], *, skipped: Sequence[Skipped] = (),
                title: str = "accord report") -> str:
    """The whole page as text (for a few incidents; ``write_report`` streams it into a file)."""
    output = io.BytesIO()
    report = HtmlReport(output, skipped=skipped, title=title, blocks=io.BytesIO())
    for incident in incidents:
        report.add(incident)
    report.finish()
    return output.getvalue().decode()
