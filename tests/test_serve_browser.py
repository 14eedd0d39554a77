"""The web UI and report.html in a real headless Chromium (Debian's package) driven by Playwright.

One store for the module, filled by the real pipeline from the demo corpus and from a train part of
the real news (realnews-dev/hostages); one server over it; one browser. The browser's context
blocks every request that does not go to this machine and records it: each test ends by checking
that no page asked for anything outside, and the pages are checked to render fully without it.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from accord.extract import Extractor
from accord.pipeline import Pipeline, demo_corpus_path
from accord.report import write_report
from accord.report.incremental import update_report
from accord.report.toll_chart import HEADLINE_MEASURES
from accord.store import open_store
from tests.conftest import ROOT, SHARED_DATA, require
from tests.serve_helpers import TOKEN, running_server

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts"
DOCS = ROOT / "docs"
REALNEWS = SHARED_DATA / "realnews-dev" / "hostages" / "articles.jsonl"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
#: The height of the screenshots kept in docs/: the top of a page, what a reader sees first.
DOCS_SHOT_HEIGHT = 2500
#: The docs' screenshots are taken again only when asked (`ACCORD_DOCS_SHOTS=1 make test`): a test run
#: never changes tracked files.
UPDATE_DOCS_SHOTS = os.environ.get("ACCORD_DOCS_SHOTS") == "1"


@dataclass
class Site:
    page: Any
    base: str
    report: Path
    realnews_ids: set[str]
    db: Path
    outside: list[str] = field(default_factory=list)  # requests for anything not on this machine

    def assert_offline(self) -> None:
        assert self.outside == [], f"pages asked the network for {self.outside}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Iterator[Site]:
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); CI installs it")
    from playwright.sync_api import sync_playwright

    realnews = require(REALNEWS)
    work = tmp_path_factory.mktemp("browser")
    db = work / "accord.db"
    with Pipeline(db, extractor=extractor) as pipeline:
        pipeline.run([demo_corpus_path(), realnews], out=None)
    with open_store(db) as store:
        write_report(store.iter_incidents(), work / "report")
    realnews_ids = {json.loads(line)["id"] for line in realnews.read_text(encoding="utf-8").splitlines() if line}
    ARTIFACTS.mkdir(exist_ok=True)
    with running_server(db) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        result = Site(page=None, base=base, report=work / "report" / "report.html", realnews_ids=realnews_ids,
                      db=db)

        def only_this_machine(route: Any) -> None:
            url = urlsplit(route.request.url)
            if url.scheme in ("http", "https", "ws", "wss") and url.hostname not in LOCAL_HOSTS:
                result.outside.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        context.route("**/*", only_this_machine)
        context.on("request", lambda request: result.outside.append(request.url) if urlsplit(
            request.url).scheme not in ("http", "https", "file", "data", "about", "blob") else None)
        result.page = context.new_page()
        try:
            yield result
        finally:
            browser.close()


def _api(site: Site, path: str) -> Any:
    return httpx.get(site.base + path, timeout=30).json()


def _incidents(site: Site) -> list[dict[str, Any]]:
    return _api(site, "/api/incidents?per_page=500")["items"]


def _realnews(incident: dict[str, Any], site: Site) -> bool:
    return any(a.get("external_id") in site.realnews_ids for a in incident["articles"])


def _pick(site: Site, corpus: str) -> dict[str, Any]:
    """The main incident with the most claims, of the demo corpus or of the real news."""
    candidates = [i for i in _incidents(site) if not i["background"] and i["place"]
                  and _realnews(i, site) == (corpus == "realnews")]
    return max(candidates, key=lambda i: (sum(len(f["claims"]) for f in i["figures"]), i["id"]))


def _drawn_countries(page: Any, scope: str = "svg.map") -> list[str]:
    """The countries drawn with some size on the page's map (names of the paths)."""
    return page.evaluate("""(scope) => [...document.querySelectorAll(scope + ' path.country')]
        .filter(p => { const b = p.getBBox(); return b.width > 1 && b.height > 1; })
        .map(p => p.dataset.name)""", scope)


def _shot(page: Any, name: str, *, docs: bool = False) -> None:
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    if docs and UPDATE_DOCS_SHOTS:
        height = min(page.evaluate("document.documentElement.scrollHeight"), DOCS_SHOT_HEIGHT)
        page.screenshot(path=str(DOCS / name), full_page=True,
                        clip={"x": 0, "y": 0, "width": page.viewport_size["width"], "height": height})


def test_list_map_draws_the_countries_and_every_located_incident(site: Site) -> None:
    page = site.page
    page.goto(site.base + "/")
    countries = _drawn_countries(page)
    assert {"Kenya", "Nigeria", "Russia", "Australia"} <= set(countries) and len(countries) > 100
    located = [i for i in _incidents(site) if i["place"] and i["place"].get("lat") is not None]
    counts = page.evaluate("""() => [...document.querySelectorAll('svg.map .map-mark')].map(m => {
        const n = m.querySelector('text.map-count'); return n ? Number(n.textContent) : 1; })""")
    assert sum(counts) == len(located) and len(counts) < len(located)  # near ones drawn as one
    assert page.locator("figure.map-incidents .legend li").count() >= 3  # the types' colours
    _shot(page, "incident-list.png", docs=True)
    site.assert_offline()


@pytest.mark.parametrize("corpus", ["demo", "realnews"])
def test_incident_page_map_and_one_chart_mark_per_claim(site: Site, corpus: str) -> None:
    page = site.page
    incident = _pick(site, corpus)
    figures = _api(site, f"/api/incidents/{incident['id']}")["figures"]
    page.goto(f"{site.base}/incidents/{incident['id']}")
    # The map: the incident's country among its neighbours, the place marked inside the view.
    countries = _drawn_countries(page, "figure.map-incident svg.map")
    assert len(countries) >= 2
    mark = page.locator("figure.map-incident circle").first.bounding_box()
    box = page.locator("figure.map-incident svg.map").bounding_box()
    assert box["x"] < mark["x"] < box["x"] + box["width"] and box["y"] < mark["y"] < box["y"] + box["height"]
    # A chart per figure of a headline measure, one mark per claim.
    charted = [f for f in figures if f["measure"] in HEADLINE_MEASURES and f["claims"]]
    assert charted
    for figure in charted:
        chart = page.locator(f"#toll-{figure['measure']}-{figure['group']}")
        marks = chart.locator("a.toll-mark")
        assert marks.count() == len(figure["claims"]), figure["measure"] + " " + figure["group"]
        assert {m.get_attribute("data-claim") for m in marks.all()} == {c["id"] for c in figure["claims"]}
        assert chart.locator("details.chart-table tbody tr").count() == len(figure["claims"])
    name = "incident-page.png" if corpus == "demo" else "incident-page-realnews.png"
    _shot(page, name, docs=True)
    # Clicking a mark opens its sentence, as the figures table does.
    first = page.locator("a.toll-mark").first
    claim = first.get_attribute("data-claim")
    first.click()
    page.wait_for_url("**/articles/**")
    current = page.locator("mark.current")
    current.first.wait_for(state="visible")
    assert claim in (current.first.get_attribute("data-claims") or "").split()
    site.assert_offline()


def test_chart_marks_work_with_the_keyboard(site: Site) -> None:
    page = site.page
    incident = _pick(site, "demo")
    page.goto(f"{site.base}/incidents/{incident['id']}")
    charts = page.locator("figure.toll-chart")
    chart = next(c for c in charts.all() if c.locator("a.toll-mark").count() > 1)
    marks = chart.locator("a.toll-mark")
    # Tab moves from one mark to the next: each is in the tab order.
    marks.first.focus()
    assert page.evaluate("document.activeElement.classList.contains('toll-mark')")
    page.keyboard.press("Tab")
    second = page.evaluate("document.activeElement.getAttribute('data-claim')")
    assert second == marks.nth(1).get_attribute("data-claim")
    # Its name is read out, and Enter follows it to its sentence.
    assert "open the sentence" in page.evaluate("document.activeElement.getAttribute('aria-label')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/articles/**")
    assert second in (page.locator("mark.current").first.get_attribute("data-claims") or "").split()
    site.assert_offline()


def test_report_html_renders_its_maps_and_charts_offline(site: Site) -> None:
    page = site.page
    page.goto(site.report.as_uri())
    first = page.locator("article.incident").first
    # The map draws the country basemap written once at the end of the page.
    use = first.locator("svg.map use")
    assert use.count() == 1
    size = use.evaluate("u => { const b = u.getBBox(); return [b.width, b.height]; }")
    assert size[0] > 100 and size[1] > 100
    href = use.get_attribute("href")
    assert page.locator(f"{href} path.country").count() >= 2
    charts = first.locator("figure.toll-chart")
    assert charts.count() >= 1
    marks = first.locator("a.toll-mark")
    claim_items = first.locator("ul.claims li")
    headline_claims = sum(page.evaluate("""(article) => [...article.querySelectorAll('.figure-claims')]
        .filter(s => /^(killed|injured|held|rescued|released) /.test(s.querySelector('h4').textContent.trim()))
        .map(s => s.querySelectorAll('ul.claims li').length)""", first.element_handle()))
    assert marks.count() == headline_claims <= claim_items.count()
    target = marks.first.get_attribute("href")
    marks.first.click()
    assert page.evaluate("location.hash") == target
    assert page.locator(f'li[id="{target[1:]}"]').is_visible()
    first.screenshot(path=str(ARTIFACTS / "report-incident.png"))
    site.assert_offline()


def test_paged_report_reads_month_by_month_offline(site: Site, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A report over the page limit (lowered here) opened from disk: the first page's lines lead to the
    month pages, each self-contained (its maps draw basemaps written in it), and back."""
    monkeypatch.setattr("accord.report.incremental.SINGLE_PAGE_LIMIT", 2)
    out = tmp_path / "paged"
    with open_store(site.db) as store:
        update_report(out, store.incident_digests(), store.incidents_by_id,
                      skipped=[str(item) for item in store.skipped()], articles=store.incident_article_count())
    page = site.page
    page.goto((out / "report.html").as_uri())
    months = [link.get_attribute("href") for link in page.locator("ol.pages > li > a").all()]
    assert len(months) >= 2 and page.locator("article.incident").count() == 0
    top = page.locator("ol.pages ol.toc a").first
    month, anchor = top.get_attribute("href").split("#")
    top.click()
    page.wait_for_load_state("load")
    assert page.url == (out / month).as_uri() + "#" + anchor
    block = page.locator(f'article[id="{anchor}"]')
    assert abs(block.evaluate("a => a.getBoundingClientRect().top")) < 50  # scrolled to its block
    maps = 0
    for href in months:
        page.goto((out / href).as_uri())
        assert page.locator("article.incident").count() >= 1
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # background ones
        for use in page.locator("svg.map use").all():
            size = use.evaluate("u => { const b = u.getBBox(); return [b.width, b.height]; }")
            assert size[0] > 100 and size[1] > 100, href
            assert page.locator(f"{use.get_attribute('href')} path.country").count() >= 2, href
            maps += 1
    assert maps >= 1
    page.locator("header.page a").click()
    page.wait_for_load_state("load")
    assert page.url == (out / "report.html").as_uri()
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.goto((out / months[0]).as_uri())
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
    site.assert_offline()


def test_list_incident_figure_sentence(site: Site) -> None:
    page = site.page
    page.goto(site.base + "/")
    assert page.locator("table.incidents tbody tr").count() >= 2
    page.locator("table.incidents tbody tr:not(.background) td:nth-child(2) a").first.click()
    page.wait_for_url("**/incidents/**")
    assert page.locator("table.figures").is_visible()
    value = page.locator("a.claim-value").first
    claim_id = value.get_attribute("href").split("#claim-")[1]
    value.click()
    page.wait_for_url("**/articles/**")
    current = page.locator("mark.current")
    current.first.wait_for(state="visible")
    assert claim_id in (current.first.get_attribute("data-claims") or "")
    assert page.locator("mark.current b.figure-phrase").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "article-sentence.png"), full_page=False)
    site.assert_offline()


def test_api_docs_render_with_no_network(site: Site) -> None:
    """Swagger UI comes from an installed package, not a CDN: the API docs work offline."""
    page = site.page
    page.goto(site.base + "/docs")
    page.locator(".swagger-ui .opblock").first.wait_for(state="visible", timeout=30_000)
    assert "/api/incidents" in page.content()
    site.assert_offline()


def test_keyboard_reaches_the_incident_links(site: Site) -> None:
    page = site.page
    page.goto(site.base + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Skip to content" in focused
    for _ in range(40):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if href.startswith("/incidents/"):
            break
    else:
        pytest.fail("no incident link reachable by keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url("**/incidents/**")


def test_phone_width_has_no_horizontal_page_scroll(site: Site) -> None:
    page = site.page
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        for path, name in (("/", "incident-list-phone.png"),
                           (f"/incidents/{_pick(site, 'demo')['id']}", "incident-page-phone.png")):
            page.goto(site.base + path)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            page.screenshot(path=str(ARTIFACTS / name), full_page=True)
            assert overflow <= 1, path
        # The charts keep their marks inside the narrow page.
        box = page.locator("svg.chart").first.bounding_box()
        assert box["width"] <= 390 and box["height"] > 150
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_injected_markup_does_not_execute(site: Site) -> None:
    page = site.page
    evil = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    body = {"text": "Police said three people were wounded in a shooting in Lahore on Friday. " + evil,
            "title": "Shooting " + evil, "published": "2025-05-09"}
    created = httpx.post(site.base + "/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"},
                         timeout=120)
    assert created.status_code == 201, created.text
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{site.base}/articles/{created.json()['articles'][0]}")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pwned === undefined")
    page.goto(site.base + "/?q=shooting")
    assert page.evaluate("window.__pwned === undefined")
    assert not dialogs
    assert Path(ARTIFACTS).exists()
