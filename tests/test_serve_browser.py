"""The web UI in a real headless Chromium (Debian's package) driven by Playwright."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from accord.extract import Extractor
from accord.pipeline import Pipeline, demo_corpus_path
from tests.conftest import ROOT
from tests.serve_helpers import TOKEN, running_server

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Iterator[tuple[object, str]]:
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); CI installs it")
    from playwright.sync_api import sync_playwright

    work = tmp_path_factory.mktemp("browser")
    db = work / "accord.db"
    with Pipeline(db, extractor=extractor) as pipeline:
        pipeline.run([demo_corpus_path()], out=None)
    ARTIFACTS.mkdir(exist_ok=True)
    with running_server(db) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            yield page, base
        finally:
            browser.close()


def test_list_incident_figure_sentence(browser_page) -> None:
    page, base = browser_page
    page.goto(base + "/")
    assert page.locator("table.incidents tbody tr").count() >= 2
    page.screenshot(path=str(ARTIFACTS / "incident-list.png"), full_page=True)
    page.locator("table.incidents tbody tr:not(.background) td:nth-child(2) a").first.click()
    page.wait_for_url("**/incidents/**")
    assert page.locator("table.figures").is_visible()
    page.screenshot(path=str(ARTIFACTS / "incident-page.png"), full_page=True)
    shutil.copy(ARTIFACTS / "incident-page.png", ROOT / "docs" / "incident-page.png")
    value = page.locator("a.claim-value").first
    claim_id = value.get_attribute("href").split("#claim-")[1]
    value.click()
    page.wait_for_url("**/articles/**")
    current = page.locator("mark.current")
    current.first.wait_for(state="visible")
    assert claim_id in (current.first.get_attribute("data-claims") or "")
    assert page.locator("mark.current b.figure-phrase").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "article-sentence.png"), full_page=False)


def test_keyboard_reaches_the_incident_links(browser_page) -> None:
    page, base = browser_page
    page.goto(base + "/")
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


def test_phone_width_has_no_horizontal_page_scroll(browser_page) -> None:
    page, base = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path=str(ARTIFACTS / "incident-list-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert overflow <= 1


def test_injected_markup_does_not_execute(browser_page) -> None:
    page, base = browser_page
    evil = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    body = {"text": "Police said three people were wounded in a shooting in Lahore on Friday. " + evil,
            "title": "Shooting " + evil, "published": "2025-05-09"}
    created = httpx.post(base + "/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"},
                         timeout=120)
    assert created.status_code == 201, created.text
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{base}/articles/{created.json()['articles'][0]}")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pwned === undefined")
    page.goto(base + "/?q=shooting")
    assert page.evaluate("window.__pwned === undefined")
    assert not dialogs
    assert Path(ARTIFACTS).exists()
