"""The OpenAPI spec describes every response: each route's success response has a schema, and real
responses of a store built from the demo corpus validate against it, with every key documented."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from accord.extract import Extractor
from accord.pipeline import Pipeline, demo_corpus_path

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note on which httpx its test client wants
    from fastapi.testclient import TestClient

from accord.serve.app import create_app

TOKEN = "schema-token"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("schemas")
    (folder / "broken.txt").write_bytes(b"\x00\x01 not text")  # one skipped input, for /api/skipped
    db = folder / "accord.db"
    with Pipeline(db, extractor=extractor) as pipeline:
        pipeline.run([demo_corpus_path(), folder / "broken.txt"], out=None)
    with TestClient(create_app(db, token=TOKEN)) as test_client:
        yield test_client


def _success(operation: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    status = next(code for code in operation["responses"] if code.startswith("2"))
    return status, operation["responses"][status]


def test_every_route_has_a_success_schema(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            _, response = _success(operation)
            assert response.get("content"), f"{method} {path}: no content described"
            for media_type, content in response["content"].items():
                schema = content.get("schema") or {}
                assert schema.get("$ref") or schema.get("type") or schema.get("items"), \
                    f"{method} {path} {media_type}: no schema"


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _undocumented(value: Any, schema: dict[str, Any], spec: dict[str, Any], where: str) -> list[str]:
    """Keys of ``value`` that its schema does not name (a schema allows them without listing them)."""
    schema = _resolve(schema, spec)
    if "anyOf" in schema:
        branches = [b for b in schema["anyOf"] if _resolve(b, spec).get("type") != "null"]
        return min((_undocumented(value, b, spec, where) for b in branches), key=len) if value is not None else []
    if isinstance(value, dict) and "properties" in schema:
        found = [f"{where}.{key}" for key in value if key not in schema["properties"]]
        for key, item in value.items():
            if key in schema["properties"]:
                found += _undocumented(item, schema["properties"][key], spec, f"{where}.{key}")
        return found
    if isinstance(value, list) and "items" in schema:
        return [miss for i, item in enumerate(value) for miss in _undocumented(item, schema["items"], spec, f"{where}[{i}]")]
    return []


def _check(client: TestClient, method: str, url: str, route: str, **kwargs: Any) -> Any:
    spec = client.get("/openapi.json").json()
    response = client.request(method, url, **kwargs)
    status, described = _success(spec["paths"][route][method])
    assert str(response.status_code) == status, response.text
    schema = described["content"]["application/json"]["schema"]
    body = response.json()
    errors = list(Draft202012Validator({**schema, "components": spec["components"]}).iter_errors(body))
    assert not errors, f"{url}: {[(list(e.absolute_path), e.message[:200]) for e in errors[:5]]}"
    assert _undocumented(body, schema, spec, url) == []
    return body


def test_real_responses_validate_against_the_spec(client: TestClient) -> None:
    incidents = _check(client, "get", "/api/incidents?per_page=500", "/api/incidents")
    assert incidents["items"]
    incident_id = next(i["id"] for i in incidents["items"] if i["figures"])
    incident = _check(client, "get", f"/api/incidents/{incident_id}", "/api/incidents/{incident_id}")
    assert incident["figures"][0]["claims"] and incident["quotes"] and incident["evidence"]
    _check(client, "get", f"/api/incidents/{incident_id}/incident.json", "/api/incidents/{incident_id}/incident.json")
    claims = _check(client, "get", "/api/claims?per_page=1000", "/api/claims")
    claim_id = claims["items"][0]["id"]
    articles = _check(client, "get", "/api/articles", "/api/articles")
    _check(client, "get", "/api/articles?q=police", "/api/articles")
    _check(client, "get", f"/api/articles/{articles['items'][0]['id']}", "/api/articles/{article_id}")
    skipped = _check(client, "get", "/api/skipped", "/api/skipped")
    assert skipped and skipped[0]["path"].endswith("broken.txt")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    _check(client, "post", f"/api/claims/{claim_id}/corrections", "/api/claims/{claim_id}/corrections",
           json={"action": "wrong", "note": "a schema test"}, headers=auth)
    corrections = _check(client, "get", "/api/corrections", "/api/corrections")
    assert corrections[0]["claim"] == claim_id
    owner = next(c["incident"] for c in claims["items"] if c["id"] == claim_id)
    detail = _check(client, "get", f"/api/incidents/{owner}", "/api/incidents/{incident_id}")
    assert detail["corrections"]
    posted = _check(client, "post", "/api/articles", "/api/articles", headers=auth,
                    json=[{"text": "Police said two people were killed in Garissa on Monday.", "id": "s1"},
                          {"title": "no text"}])
    assert posted["new"] == 1 and posted["skipped"]


def test_export_formats_are_an_enum_in_the_spec(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    parameter = next(p for p in spec["paths"]["/api/export"]["get"]["parameters"] if p["name"] == "format")
    assert _resolve(parameter["schema"], spec)["enum"] == ["acled", "gtd", "geojson", "parquet", "csv", "jsonl"]
    assert client.get("/api/export?format=pdf").status_code == 422
    exported = client.get("/api/export?format=geojson")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("application/geo+json")
    assert exported.headers["content-type"].split(";")[0] in spec["paths"]["/api/export"]["get"]["responses"]["200"]["content"]

