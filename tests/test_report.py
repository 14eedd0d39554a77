"""The report files: JSON contract, CSV, GeoJSON and the self-contained HTML page."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from accord.models import (
    Article,
    ArticleRef,
    Claim,
    Figure,
    Incident,
    Interval,
    LinkEvidence,
    Place,
    Quote,
    Skipped,
    Source,
    Speaker,
    TimelineEntry,
    to_dict,
)
from accord.report import incident_to_json, write_report
from accord.report.html import highlight, render_html, safe_url, value_label

HOSTILE_TITLE = 'Siege <script>alert(1)</script> <img src=x onerror="alert(2)">'

TEXT_A = (
    "Gunmen stormed a passenger ferry near Port Arlen on Monday. "
    "The interior ministry said at least 16 attackers were killed in the operation. "
    "\"We will not negotiate,\" the minister told reporters."
)
TEXT_B = (
    "The army said 33 militants were killed when troops retook the ferry. "
    "A separate bombing last year killed 12 people in the same district."
)


def _claim(article: Article, phrase: str, sentence: str, **fields: object) -> Claim:
    """A claim whose spans point at real characters of the article text."""
    sentence_start = article.text.index(sentence)
    start = article.text.index(phrase, sentence_start)
    return Claim(
        article=article.id, sentence=sentence, sentence_span=(sentence_start, sentence_start + len(sentence)),
        span=(start, start + len(phrase)), text=phrase, outlet=article.outlet, as_of=article.published,
        **fields,  # type: ignore[arg-type]
    )


def make_articles() -> list[Article]:
    return [
        Article(id="a1", text=TEXT_A, title=HOSTILE_TITLE, url="https://news.example/ferry", outlet="Example News",
                published="2025-03-10", external_id="ext-1"),
        Article(id="a2", text=TEXT_B, title="Army retakes ferry", url="javascript:alert(3)", outlet="Wire & Co",
                published="2025-03-11"),
    ]


def make_incidents() -> list[Incident]:
    a1, a2 = make_articles()
    c1 = _claim(a1, "at least 16 attackers",
                "The interior ministry said at least 16 attackers were killed in the operation.",
                measure="killed", group="attackers", value=Interval(16, None), hedge="at_least", modality="reported",
                source=Source(name="interior ministry", kind="official"), rule="figures.passive_casualty",
                rules_changed=("figures.perpetrator_claim",))
    c2 = _claim(a2, "33 militants", "The army said 33 militants were killed when troops retook the ferry.",
                measure="killed", group="attackers", value=Interval(33, 33), hedge="exact", modality="reported",
                source=Source(name="the army", kind="security", via="Wire & Co"))
    c3 = _claim(a2, "12 people", "A separate bombing last year killed 12 people in the same district.",
                measure="killed", group="all", value=Interval(12, 12), hedge="exact", modality="reported",
                source=Source(name="unattributed"))
    quote_start = TEXT_A.index("We will not negotiate")
    quote = Quote(text="\"We will not negotiate,\"", span=(quote_start - 1, quote_start + 23), cue="told",
                  cue_span=None, speaker=Speaker(name="the minister", kind="official"), direct=True, article="a1")
    main = Incident(
        id="inc-main", title=HOSTILE_TITLE, type="hijacking", start="2025-03-10", end="2025-03-11",
        place=Place(name="Port Arlen", admin1="Northern", country="XA", lat=12.5, lon=45.25),
        perpetrators=["Sea Front <b>Army</b>"],
        articles=[ArticleRef(id=a.id, external_id=a.external_id, url=a.url, title=a.title, outlet=a.outlet,
                             published=a.published) for a in (a1, a2)],
        figures=[Figure(measure="killed", group="attackers", conservative=16, consensus=33, high=33,
                        status="disputed", claims=[c1, c2], latest=33, latest_official=16, sources=2,
                        explanation="Two sources give different figures on consecutive days.")],
        quotes=[quote],
        timeline=[TimelineEntry(as_of="2025-03-10", text="at least 16 attackers killed", source="interior ministry",
                                outlet="Example News", article="a1", measure="killed", group="attackers",
                                value=Interval(16, None))],
        evidence=[LinkEvidence(article="a2", index=0, score=0.82, signals={"type": 1.0, "place": 0.9})],
    )
    background = Incident(
        id="inc-bg", title="Bombing in the district", type="bombing", start="2024", end=None, place=None,
        perpetrators=[], articles=[ArticleRef(id="a2", title=a2.title, url=a2.url, outlet=a2.outlet,
                                              published=a2.published)],
        figures=[Figure(measure="killed", group="all", conservative=12, consensus=12, high=12, status="agreed",
                        claims=[c3], latest=12, sources=1)],
        background=True,
    )
    return [main, background]


SKIPPED = [Skipped(path="in/bad.bin", reason="binary file <not text>"), Skipped(path="in/x.jsonl", line=3, reason="empty")]


@pytest.fixture()
def report(tmp_path: Path) -> dict[str, Path]:
    return write_report(make_incidents(), tmp_path / "out", skipped=SKIPPED, title="Test <report>")


# ---------------------------------------------------------------------- JSON


def test_json_contract_keys_and_types(report: dict[str, Path]) -> None:
    data = json.loads(report["incidents.json"].read_text(encoding="utf-8"))
    assert isinstance(data, list) and len(data) == 2
    incident = data[0]
    assert set(incident) == {"id", "title", "type", "start", "end", "place", "perpetrators", "articles", "figures",
                             "quotes", "timeline", "background", "evidence", "totals", "first_seen", "changed_at"}
    assert set(incident["place"]) == {"name", "admin1", "country", "lat", "lon"}
    assert isinstance(incident["place"]["lat"], float)
    assert set(incident["articles"][0]) == {"id", "external_id", "url", "title", "outlet", "published"}
    assert incident["articles"][0]["external_id"] == "ext-1"
    figure = incident["figures"][0]
    assert set(figure) == {"measure", "group", "conservative", "consensus", "high", "latest", "latest_official",
                           "status", "sources", "scope", "explanation", "claims", "changed_at"}
    assert (figure["conservative"], figure["consensus"], figure["high"], figure["status"]) == (16, 33, 33, "disputed")
    claim = figure["claims"][0]
    assert set(claim) == {"measure", "group", "value", "hedge", "modality", "source", "article", "outlet",
                          "sentence", "span", "as_of", "text", "scope", "id", "rule", "rules_changed"}
    assert claim["value"] == {"low": 16, "high": None}
    assert claim["source"] == {"name": "interior ministry", "kind": "official", "via": None}
    assert isinstance(claim["span"], list) and len(claim["span"]) == 2
    assert TEXT_A[claim["span"][0]:claim["span"][1]] == "at least 16 attackers"
    assert isinstance(claim["id"], str) and claim["id"]
    assert (claim["rule"], claim["rules_changed"]) == ("figures.passive_casualty", ["figures.perpetrator_claim"])
    assert incident["background"] is False and data[1]["background"] is True
    assert incident["evidence"][0]["signals"] == {"type": 1.0, "place": 0.9}


def test_incident_to_json_same_from_record_and_from_stored_dict() -> None:
    incident = make_incidents()[0]
    stored = json.loads(json.dumps(to_dict(incident)))  # what the store gives back
    assert incident_to_json(incident) == incident_to_json(stored)


def test_report_from_the_store_matches_report_from_records(tmp_path: Path) -> None:
    from accord.store import open_store

    with open_store(tmp_path / "accord.db") as store:
        store.replace_incidents(make_incidents())
    with open_store(tmp_path / "accord.db") as store:
        stored = store.incidents()
    from_records = write_report(make_incidents(), tmp_path / "records", skipped=SKIPPED)
    from_store = write_report(stored, tmp_path / "store", skipped=SKIPPED)
    for name, path in from_records.items():
        assert path.read_bytes() == from_store[name].read_bytes(), name


# ---------------------------------------------------------------------- CSV and GeoJSON


def test_claims_csv_reads_back(report: dict[str, Path]) -> None:
    with report["claims.csv"].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3
    first = rows[0]
    assert first["incident_id"] == "inc-main" and first["incident_title"] == HOSTILE_TITLE
    assert (first["measure"], first["group"], first["low"], first["high"]) == ("killed", "attackers", "16", "")
    assert (first["hedge"], first["source"], first["source_kind"]) == ("at_least", "interior ministry", "official")
    assert first["article_id"] == "a1" and first["figure_status"] == "disputed"
    assert first["sentence"].startswith("The interior ministry said")
    assert rows[1]["via"] == "Wire & Co" and rows[2]["background"] == "1"


def test_claims_csv_guards_formula_cells(tmp_path: Path) -> None:
    incident = make_incidents()[0]
    incident.title = "=HYPERLINK(\"http://evil\")"
    paths = write_report([incident], tmp_path)
    with paths["claims.csv"].open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["incident_title"].startswith("'=")


def test_geojson_points_and_unmapped_count(report: dict[str, Path]) -> None:
    data = json.loads(report["incidents.geojson"].read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert data["properties"] == {"incidents": 2, "mapped": 1, "without_coordinates": 1}
    (feature,) = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [45.25, 12.5]}
    assert feature["properties"]["killed_attackers"] == 33
    assert feature["properties"]["killed_attackers_status"] == "disputed"


# ---------------------------------------------------------------------- HTML


class _Collector(HTMLParser):
    """Collects tags, attributes and the text inside <mark> and <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[str] = []
        self._in_mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self._in_mark = True
            self.marks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marks[-1] += data


def _parse(html: str) -> _Collector:
    parser = _Collector()
    parser.feed(html)
    return parser


def test_html_escapes_hostile_text(report: dict[str, Path]) -> None:
    html = report["report.html"].read_text(encoding="utf-8")
    parsed = _parse(html)
    tag_names = [tag for tag, _ in parsed.tags]
    assert "script" not in tag_names and "img" not in tag_names
    assert "Sea Front &lt;b&gt;Army&lt;/b&gt;" in html
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "onerror=&#34;alert(2)&#34;" in html or "onerror=&quot;alert(2)&quot;" in html
    assert "Test &lt;report&gt;" in html
    # A javascript: URL is shown as text, never linked.
    assert all(not (attrs.get("href") or "").lower().startswith("javascript") for _, attrs in parsed.tags)


def test_html_is_self_contained(report: dict[str, Path]) -> None:
    html = report["report.html"].read_text(encoding="utf-8")
    parsed = _parse(html)
    assert not any(tag in ("script", "link", "iframe") for tag, _ in parsed.tags)
    assert not any(attrs.get("src") for _, attrs in parsed.tags)
    assert "@import" not in html and "url(" not in html
    external = [attrs["href"] for tag, attrs in parsed.tags if tag == "a" and attrs.get("href", "").startswith("http")]
    assert external == ["https://news.example/ferry"] * len(external) and external  # only article links


def test_html_marks_the_figure_phrase(report: dict[str, Path]) -> None:
    parsed = _parse(report["report.html"].read_text(encoding="utf-8"))
    assert parsed.marks == ["at least 16 attackers", "33 militants", "12 people"]


def test_html_names_the_rule_that_read_a_claim(report: dict[str, Path]) -> None:
    html = report["report.html"].read_text(encoding="utf-8")
    assert "read by <code>figures.passive_casualty</code>, changed by <code>figures.perpetrator_claim</code>" in html
    assert html.count("read by <code>") == 1  # the claims without a recorded rule say nothing


def test_html_structure_main_then_background_then_skipped(report: dict[str, Path]) -> None:
    html = report["report.html"].read_text(encoding="utf-8")
    main_at = html.index('id="incident-inc-main"')
    details_at = html.index('<details class="background-section">')
    assert main_at < details_at < html.index('id="incident-inc-bg"') < html.index('id="skipped"')
    assert "status-disputed" in html and "≠ disputed" in html and "✓ agreed" in html
    assert "in/x.jsonl:3: empty" in html and "binary file &lt;not text&gt;" in html
    assert re.search(r"hijacking.*2025-03-10 – 2025-03-11.*Port Arlen, Northern, XA", html, re.S)
    assert "the minister" in html and "<q>We will not negotiate,</q>" in html  # <q> draws the marks


def test_html_maps_share_one_basemap_per_view(tmp_path: Path) -> None:
    main, background = make_incidents()
    kenya = Place(name="Garissa", admin1="Garissa", country="KE", lat=-0.45, lon=39.65)
    twins = [dataclasses.replace(main, id=f"inc-{n}", place=kenya) for n in range(3)]
    html = render_html([*twins, background])
    parsed = _parse(html)
    uses = [attrs["href"] for tag, attrs in parsed.tags if tag == "use"]
    assert len(uses) == 3 and len(set(uses)) == 1  # three maps of Kenya, one basemap
    ids = {attrs.get("id") for _, attrs in parsed.tags}
    assert uses[0].lstrip("#") in ids
    # The shapes are written once, in the hidden defs at the end of the page.
    assert html.count('data-name="Kenya"') == 1
    assert html.index('data-name="Kenya"') > html.index('<svg class="basemaps"')
    assert "Garissa, Kenya" in html  # the map's caption names the place
    assert "Natural Earth" in html


def test_html_toll_chart_marks_link_to_their_sentences(report: dict[str, Path]) -> None:
    html = report["report.html"].read_text(encoding="utf-8")
    parsed = _parse(html)
    marks = [attrs for tag, attrs in parsed.tags if tag == "a" and attrs.get("class") == "toll-mark"]
    # The main incident's killed (attackers) has two claims, the background's killed (all) one.
    assert len(marks) == 3
    ids = {attrs.get("id") for _, attrs in parsed.tags}
    for mark in marks:
        assert mark["href"].startswith("#claim-") and mark["href"][1:] in ids
        assert mark["aria-label"]
    assert 'aria-label="at least 16, interior ministry (official), 2025-03-10: open the sentence"' in html
    assert html.count('<details class="chart-table"') == 2  # each chart's data as a table
    assert "Tolls over time:" in html  # the key, once, at the top


def test_html_with_no_incidents(tmp_path: Path) -> None:
    html = render_html([], skipped=[])
    assert "No incident was found" in html and "None: every input was read." in html


# ---------------------------------------------------------------------- helpers


def test_highlight_uses_offsets_and_falls_back_to_text() -> None:
    sentence = "Officials said 5 people died."
    assert highlight(sentence, (115, 123), (100, 129), "5 people") == ("Officials said ", "5 people", " died.")
    # Offsets that miss (a cleaned sentence): found by its text.
    assert highlight(sentence, (300, 308), (100, 129), "5 people")[1] == "5 people"
    # Neither: nothing highlighted rather than the wrong words.
    assert highlight(sentence, (300, 308), (100, 129), "nine people") == (sentence, "", "")


@pytest.mark.parametrize(("low", "high", "hedge", "label"), [
    (33, 33, "exact", "33"), (16, None, "at_least", "≥ 16"), (None, 50, "at_most", "≤ 50"),
    (450, 450, "about", "≈ 450"), (70, 80, "range", "70–80"), (None, None, "vague", "?"),
])
def test_value_label(low: int | None, high: int | None, hedge: str, label: str) -> None:
    assert value_label(low, high, hedge) == label


def test_safe_url() -> None:
    assert safe_url("https://a.example/x") == "https://a.example/x"
    assert safe_url(" JavaScript:alert(1)") is None
    assert safe_url("data:text/html,hi") is None
    assert safe_url(None) is None
