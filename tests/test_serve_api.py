"""The REST API against a real uvicorn server on a localhost port, over a real SQLite store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from accord.extract import Extractor
from accord.pipeline import Pipeline, demo_corpus_path
from tests.serve_helpers import TOKEN, running_server

pytestmark = pytest.mark.slow

EVIL = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Iterator[tuple[str, Path]]:
    work = tmp_path_factory.mktemp("serve")
    db = work / "accord.db"
    with Pipeline(db, extractor=extractor) as pipeline:
        pipeline.run([demo_corpus_path()], out=None)
    with running_server(db) as base:
        yield base, db


def _first_incident(base: str) -> dict:
    listing = httpx.get(base + "/api/incidents", params={"background": False}).json()
    assert listing["total"] >= 1
    return httpx.get(f"{base}/api/incidents/{listing['items'][0]['id']}").json()


def test_incident_list_filters_and_pages(served) -> None:
    base, _ = served
    everything = httpx.get(base + "/api/incidents", params={"per_page": 500}).json()
    assert everything["total"] == len(everything["items"]) >= 2
    one_page = httpx.get(base + "/api/incidents", params={"per_page": 1, "page": 2}).json()
    assert len(one_page["items"]) == 1 and one_page["items"][0]["id"] == everything["items"][1]["id"]
    kind = everything["items"][0]["type"]
    typed = httpx.get(base + "/api/incidents", params={"type": kind, "per_page": 500}).json()
    assert typed["items"] and all(i["type"] == kind for i in typed["items"])
    none = httpx.get(base + "/api/incidents", params={"q": "zzzz-no-such-word"}).json()
    assert none["total"] == 0
    assert httpx.get(base + "/api/incidents", params={"per_page": 0}).status_code == 422


def test_incident_detail_has_figures_claims_and_articles(served) -> None:
    base, _ = served
    incident = _first_incident(base)
    assert incident["figures"] and incident["articles"]
    claim = incident["figures"][0]["claims"][0]
    assert {"measure", "group", "value", "sentence", "span", "article", "source"} <= set(claim)
    assert "timeline" in incident and "quotes" in incident
    assert httpx.get(base + "/api/incidents/nope").status_code == 404
    # every claim names the rule that read it, and the incident page shows it beside the sentence
    assert all(c["rule"].startswith("figures.") for f in incident["figures"] for c in f["claims"])
    page = httpx.get(f"{base}/incidents/{incident['id']}").text
    assert f"read by <code>{claim['rule']}</code>" in page


def test_claims_filter_by_measure_and_status(served) -> None:
    base, _ = served
    killed = httpx.get(base + "/api/claims", params={"measure": "killed"}).json()
    assert killed["items"] and all(c["measure"] == "killed" for c in killed["items"])
    status = killed["items"][0]["status"]
    same = httpx.get(base + "/api/claims", params={"measure": "killed", "status": status}).json()
    assert all(c["status"] == status for c in same["items"])


def test_article_has_text_and_spans(served) -> None:
    base, _ = served
    incident = _first_incident(base)
    claim = incident["figures"][0]["claims"][0]
    article = httpx.get(f"{base}/api/articles/{claim['article']}").json()
    text = article["article"]["text"]
    start, end = claim["span"]
    assert text[start:end] == claim["text"]
    assert any(m["id"] == claim["id"] for m in article["marks"])


def test_openapi_spec_lists_the_endpoints(served) -> None:
    base, _ = served
    paths = httpx.get(base + "/openapi.json").json()["paths"]
    for path in ("/api/incidents", "/api/incidents/{incident_id}", "/api/claims", "/api/articles",
                 "/api/articles/{article_id}", "/api/claims/{claim_id}/corrections"):
        assert path in paths


def test_writes_need_the_token(served) -> None:
    base, _ = served
    body = {"text": "Police said one man was killed in a shooting on Main Street on Monday.", "title": "Shooting"}
    assert httpx.post(base + "/api/articles", json=body).status_code == 401
    assert httpx.post(base + "/api/articles", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert httpx.post(base + "/api/claims/x/corrections", json={"action": "wrong"}).status_code == 401


def test_oversized_body_is_refused(served) -> None:
    base, _ = served
    big = {"text": "word " * 1_200_000}
    response = httpx.post(base + "/api/articles", json=big, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert response.status_code == 413


def test_post_article_then_correct_a_claim(served) -> None:
    base, _ = served
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {"text": "Gunmen killed four people and wounded seven others at a market in Peshawar on Monday, "
                    "police said. The attackers escaped.",
            "title": "Four killed at Peshawar market " + EVIL, "published": "2025-05-06", "outlet": "Test Wire",
            "id": "ext-42"}
    created = httpx.post(base + "/api/articles", json=body, headers=auth, timeout=120)
    assert created.status_code == 201, created.text
    assert created.json()["new"] == 1
    article_id = created.json()["articles"][0]
    article = httpx.get(f"{base}/api/articles/{article_id}").json()
    assert article["article"]["external_id"] == "ext-42"
    killed = httpx.get(base + "/api/claims", params={"article": article_id, "measure": "killed"}).json()["items"]
    assert killed and killed[0]["value"]["low"] == 4
    claim = killed[0]
    correction = httpx.post(f"{base}/api/claims/{claim['id']}/corrections", headers=auth,
                            json={"action": "wrong", "note": "checked by hand"})
    assert correction.status_code == 201, correction.text
    trail = httpx.get(base + "/api/corrections").json()
    assert any(c["claim"] == claim["id"] and c["action"] == "wrong" for c in trail)
    # The original claim is kept: a correction is an audit record, not a deletion.
    still = httpx.get(base + "/api/claims", params={"article": article_id, "measure": "killed"}).json()["items"]
    assert any(c["id"] == claim["id"] for c in still)
    bad = httpx.post(f"{base}/api/claims/{claim['id']}/corrections", headers=auth, json={"action": "reassign"})
    assert bad.status_code == 422


def test_pages_escape_article_text(served) -> None:
    base, _ = served
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {"text": "Officials said two people were injured in a blast in Quetta on Sunday. " + EVIL,
            "title": "Blast " + EVIL, "published": "2025-05-04"}
    created = httpx.post(base + "/api/articles", json=body, headers=auth, timeout=120).json()
    page = httpx.get(f"{base}/articles/{created['articles'][0]}").text
    assert "<script>window.__pwned" not in page and "&lt;script&gt;" in page
    assert '<img src=x onerror' not in page
    listing = httpx.get(base + "/", params={"q": "blast"}).text
    assert "<script>window.__pwned" not in listing
