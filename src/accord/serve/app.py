"""The FastAPI application: REST API under ``/api``, HTML pages elsewhere.

Reads take a read-only store per request, which never waits for a writer: a SQLite file
is opened read-only (WAL), a PostgreSQL store lends a connection of the server's pool
(``--pool-size``), closed when the server shuts down. Writes (ingesting articles,
corrections) need the token given at start and go through one Pipeline behind a lock:
one writer.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader
from pydantic import BaseModel, Field
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from accord import __version__
from accord.errors import InputError, StoreError
from accord.export import ExportFormat
from accord.models import EVENT_TYPES, GROUPS, MEASURES, SOURCE_KINDS, Article, Skipped
from accord.report import maps
from accord.report.toll_chart import KEY as TOLL_CHART_KEY
from accord.report.toll_chart import toll_charts
from accord.serve.queries import (
    MAP_POINTS,
    ClaimFilters,
    IncidentFilters,
    article_view,
    filter_claims,
    filter_incidents,
    headline_figures,
    highlight_segments,
    map_points,
)
from accord.serve.schemas import (
    EXPORT_CONTENT,
    ArticlePage,
    ArticleView,
    ClaimPage,
    Correction,
    IncidentDetail,
    IncidentPage,
    IncidentRecord,
    IngestResult,
    SkippedInput,
    described,
)
from accord.store import Store, open_read_pool, open_store

if TYPE_CHECKING:
    from accord.pipeline import Pipeline

HERE = Path(__file__).parent

#: Largest request body accepted (an article of HTML is rarely above 2 MB).
MAX_BODY_BYTES = 5 * 1024 * 1024


class BodySizeLimit(BaseHTTPMiddleware):
    """Refuse bodies over MAX_BODY_BYTES with 413, by header or by counting what arrives."""

    def __init__(self, app: Any, limit: int) -> None:
        super().__init__(app)
        self.limit = limit

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > self.limit:
            return JSONResponse({"detail": f"request body over {self.limit} bytes"}, status_code=413)
        if request.method in {"POST", "PUT", "PATCH"} and not length:
            body = b""
            async for chunk in request.stream():
                body += chunk
                if len(body) > self.limit:
                    return JSONResponse({"detail": f"request body over {self.limit} bytes"}, status_code=413)
            request._body = body  # starlette reads the cached body from here
        return await call_next(request)


class ArticleIn(BaseModel):
    """An article to ingest: ``text`` or ``html`` is required."""

    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    id: str | None = Field(default=None, description="Your id for the article, kept as external_id.")


class CorrectionIn(BaseModel):
    action: str = Field(description="'wrong' (the claim is not a figure of this incident) or 'reassign'.")
    incident: str | None = Field(default=None, description="For 'reassign': the incident it belongs to.")
    note: str | None = None


def get_store(request: Request) -> Iterator[Store]:
    """A read-only store for one request (FastAPI dependency): on SQLite it never takes the write lock, so
    under WAL a page is answered while a run or ``accord watch`` writes; on PostgreSQL a connection lent by
    the server's pool, in one read-only snapshot. All of the pool's connections busy for long: 503."""
    readers = request.app.state.readers
    try:
        store = readers.store() if readers is not None else open_store(request.app.state.db, read_only=True)
    except StoreError as e:
        if readers is None:
            raise
        raise HTTPException(503, str(e), headers={"Retry-After": "5"}) from e
    try:
        yield store
    finally:
        store.close()


def get_writable_store(request: Request) -> Iterator[Store]:
    """A store connection that may write (corrections)."""
    store = open_store(request.app.state.db)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(get_store)]
WritableStoreDep = Annotated[Store, Depends(get_writable_store)]


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Refuse a write without the server's token (FastAPI dependency)."""
    token: str | None = request.app.state.token
    if token is None:
        raise HTTPException(403, "this server was started without a token: writes are disabled")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid token is required: Authorization: Bearer TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})


def create_app(db: str | Path = "accord.db", *, token: str | None = None, pool_size: int | None = None) -> FastAPI:
    """The web application over the store ``db``; write endpoints need ``token`` (None: writes refused).

    A PostgreSQL store is read through a pool of at most ``pool_size`` read-only connections (default
    ``accord.store.postgres_pool.DEFAULT_POOL_SIZE``), opened here and closed when the application shuts
    down (its lifespan: uvicorn's shutdown, or the end of a ``with TestClient(app)`` block)."""
    db = str(db)
    open_store(db).close()  # created or brought up to date once: requests then open it read-only
    readers = open_read_pool(db, size=pool_size)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if readers is not None:
                readers.close()

    # The API docs (/docs) load Swagger UI from files fastapi-offline ships, not from a CDN: accord's
    # pages work on a machine with no network. ReDoc is off: its page fetches a logo from its CDN.
    app = FastAPIOffline(
        redoc_url=None, title="accord", version=__version__, lifespan=lifespan,
        description="Incidents, figures, claims and articles from an accord store. "
                    "Write endpoints need `Authorization: Bearer TOKEN` (the token given to `accord serve`).",
    )
    app.add_middleware(BodySizeLimit, limit=MAX_BODY_BYTES)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    # The pages' own templates, then report.html's (its SVG macros for maps and charts); every
    # template escapes, whatever its file name ends with.
    templates = Jinja2Templates(env=Environment(
        loader=ChoiceLoader([FileSystemLoader(HERE / "templates"), PackageLoader("accord.report", "templates")]),
        autoescape=True))
    templates.env.globals.update(version=__version__, headline_figures=headline_figures,
                                 toll_chart_key=TOLL_CHART_KEY)
    app.state.db = db
    app.state.token = token
    app.state.readers = readers
    write_lock = threading.Lock()
    pipeline_holder: dict[str, Any] = {}

    def pipeline() -> Pipeline:
        from accord.pipeline import Pipeline

        if "pipeline" not in pipeline_holder:
            pipeline_holder["pipeline"] = Pipeline(db)
        return pipeline_holder["pipeline"]

    # ------------------------------------------------------------------ API: read

    @app.get("/api/incidents", tags=["incidents"], response_model=None,
             responses=described(IncidentPage, "A page of incidents that pass the filters."))
    def api_incidents(
        store: StoreDep,
        type: Annotated[str | None, Query(description=f"One of {', '.join(EVENT_TYPES)}")] = None,
        country: Annotated[str | None, Query(description="ISO code or country name")] = None,
        since: Annotated[str | None, Query(description="ISO date")] = None,
        until: Annotated[str | None, Query(description="ISO date")] = None,
        q: Annotated[str | None, Query(description="Words in title, place, perpetrators or article titles")] = None,
        background: bool | None = None,
        sort: str = "-start",
        page: Annotated[int, Query(ge=1)] = 1,
        per_page: Annotated[int, Query(ge=1, le=500)] = 50,
        changed_since: Annotated[str | None, Query(
            description="ISO time (UTC): only incidents new or changed after it (each has changed_at, and each "
                        "figure its own): poll with the time of your last answer")] = None,
    ) -> dict[str, Any]:
        filters = IncidentFilters(type=type, country=country, since=since, until=until, q=q,
                                  background=background, sort=sort, page=page, per_page=per_page,
                                  changed_since=changed_since)
        items, total = filter_incidents(store, filters)
        summary = [{k: v for k, v in i.items() if k not in {"quotes", "timeline", "evidence"}} for i in items]
        return {"total": total, "page": page, "per_page": per_page, "items": summary}

    @app.get("/api/incidents/{incident_id}", tags=["incidents"], response_model=None,
             responses=described(IncidentDetail, "The incident, with the corrections of its claims."))
    def api_incident(incident_id: str, store: StoreDep) -> dict[str, Any]:
        incident = store.incident(incident_id)
        if incident is None:
            raise HTTPException(404, f"no incident {incident_id}")
        incident["corrections"] = [c for c in store.corrections() if c.get("incident") == incident_id
                                   or c.get("target") == incident_id]
        return incident

    @app.get("/api/incidents/{incident_id}/claims.csv", tags=["incidents"], response_class=Response,
             responses={200: {"description": "One row per claim.", "content": {"text/csv": {"schema": {"type": "string"}}}}})
    def api_incident_csv(incident_id: str, store: StoreDep) -> Response:
        incident = store.incident(incident_id)
        if incident is None:
            raise HTTPException(404, f"no incident {incident_id}")
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["incident", "measure", "group", "low", "high", "hedge", "modality", "source", "source_kind",
                         "outlet", "article", "as_of", "status", "sentence"])
        for figure in incident["figures"]:
            for claim in figure["claims"]:
                source = claim.get("source") or {}
                writer.writerow([incident_id, claim["measure"], claim["group"], claim["value"]["low"],
                                 claim["value"]["high"], claim["hedge"], claim["modality"], source.get("name"),
                                 source.get("kind"), claim.get("outlet"), claim["article"], claim.get("as_of"),
                                 figure["status"], claim["sentence"]])
        return Response(buffer.getvalue(), media_type="text/csv", headers={
            "Content-Disposition": f'attachment; filename="incident-{incident_id}-claims.csv"'})

    @app.get("/api/incidents/{incident_id}/incident.json", tags=["incidents"], response_model=None,
             responses=described(IncidentRecord, "The incident as a file to download."))
    def api_incident_download(incident_id: str, store: StoreDep) -> Response:
        incident = store.incident(incident_id)
        if incident is None:
            raise HTTPException(404, f"no incident {incident_id}")
        return Response(json.dumps(incident, indent=2, ensure_ascii=False), media_type="application/json",
                        headers={"Content-Disposition": f'attachment; filename="incident-{incident_id}.json"'})

    @app.get("/api/incidents/{incident_id}/export", tags=["incidents"], response_class=Response,
             responses={200: {"description": "The incident in that format, as a file.", "content": EXPORT_CONTENT}})
    def api_incident_export(
        incident_id: str, store: StoreDep,
        format: Annotated[ExportFormat, Query(description="acled, gtd, geojson, parquet (a zip of four tables), "
                                              "csv or jsonl.")] = ExportFormat.acled,
    ) -> Response:
        from accord.export import export_bytes

        incident = store.incident(incident_id)
        if incident is None:
            raise HTTPException(404, f"no incident {incident_id}")
        content, media_type, filename = export_bytes([incident], format)
        return Response(content, media_type=media_type,
                        headers={"Content-Disposition": f'attachment; filename="incident-{incident_id}-{filename}"'})

    @app.get("/api/export", tags=["incidents"], response_class=Response,
             responses={200: {"description": "Every incident in that format, as a file.", "content": EXPORT_CONTENT}})
    def api_export(
        store: StoreDep,
        format: Annotated[ExportFormat, Query(description="acled, gtd, geojson, parquet (a zip of four tables), "
                                              "csv or jsonl.")] = ExportFormat.acled,
    ) -> Response:
        from accord.export import export_bytes

        content, media_type, filename = export_bytes(store, format)
        return Response(content, media_type=media_type,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    @app.get("/api/claims", tags=["claims"], response_model=None,
             responses=described(ClaimPage, "A page of claims that pass the filters."))
    def api_claims(
        store: StoreDep,
        measure: Annotated[str | None, Query(description=f"One of {', '.join(MEASURES)}")] = None,
        group: Annotated[str | None, Query(description=f"One of {', '.join(GROUPS)}")] = None,
        source_kind: Annotated[str | None, Query(description=f"One of {', '.join(SOURCE_KINDS)}")] = None,
        status: Annotated[str | None, Query(description="agreed, updated or disputed")] = None,
        incident: str | None = None,
        article: str | None = None,
        page: Annotated[int, Query(ge=1)] = 1,
        per_page: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> dict[str, Any]:
        filters = ClaimFilters(measure=measure, group=group, source_kind=source_kind, status=status,
                               incident=incident, article=article, page=page, per_page=per_page)
        if incident:  # one incident's claims: read that incident only
            one = store.incident(incident)
            items, total = filter_claims([one] if one else [], filters)
        else:
            items, total = filter_claims(store.iter_incidents(), filters)
        return {"total": total, "page": page, "per_page": per_page, "items": items}

    @app.get("/api/articles", tags=["articles"], response_model=None,
             responses=described(ArticlePage, "A page of articles, or the best matches of q."))
    def api_articles(store: StoreDep, q: str | None = None,
                     page: Annotated[int, Query(ge=1)] = 1,
                     per_page: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
        if q:
            items = store.search_articles(q, limit=per_page)
            return {"total": len(items), "page": 1, "per_page": per_page, "items": items}
        items, total = store.article_page((page - 1) * per_page, per_page)
        return {"total": total, "page": page, "per_page": per_page, "items": items}

    @app.get("/api/articles/{article_id}", tags=["articles"], response_model=None,
             responses=described(ArticleView, "The article, what was extracted from it, and where."))
    def api_article(article_id: str, store: StoreDep) -> dict[str, Any]:
        view = article_view(store, article_id)
        if view is None:
            raise HTTPException(404, f"no article {article_id}")
        return view

    @app.get("/api/skipped", tags=["articles"], response_model=None,
             responses=described(list[SkippedInput], "Every input that was not stored, and why."))
    def api_skipped(store: StoreDep) -> list[dict[str, Any]]:
        return [{"path": s.path, "line": s.line, "reason": s.reason} for s in store.skipped()]

    @app.get("/api/corrections", tags=["corrections"], response_model=None,
             responses=described(list[Correction], "Every correction, oldest first."))
    def api_corrections(store: StoreDep) -> list[dict[str, Any]]:
        return store.corrections()

    # ------------------------------------------------------------------ API: write

    @app.post("/api/articles", tags=["articles"], status_code=201, dependencies=[Depends(require_token)],
              response_model=None, responses=described(IngestResult, "What was stored.", 201))
    def api_post_articles(articles: ArticleIn | list[ArticleIn]) -> dict[str, Any]:
        """Ingest one article or a list (JSON with ``text``, or ``html``); incidents are rebuilt."""
        from accord.ingest import article_from_record

        batch = articles if isinstance(articles, list) else [articles]
        items: list[Article | Skipped] = []
        for number, item in enumerate(batch):
            record = item.model_dump(exclude_none=True)
            try:
                items.append(article_from_record(record, path=f"api:{number}"))
            except InputError as e:
                items.append(Skipped(path=f"api:{number}", reason=str(e)))
        with write_lock:
            runner = pipeline()
            new, duplicates, skipped = runner.ingest_items(items)
            runner.rebuild_incidents(keep=False)
        stored = [i.id for i in items if not isinstance(i, Skipped)]
        return {"new": new, "duplicates": duplicates, "articles": stored,
                "skipped": [{"path": s.path, "reason": s.reason} for s in skipped]}

    @app.post("/api/claims/{claim_id}/corrections", tags=["corrections"], status_code=201,
              dependencies=[Depends(require_token)], response_model=None,
              responses=described(Correction, "The correction as recorded.", 201))
    def api_correct_claim(claim_id: str, correction: CorrectionIn, store: WritableStoreDep) -> dict[str, Any]:
        """Mark a claim wrong or re-assign it to another incident. Kept as an audit trail; nothing is deleted."""
        if correction.action not in {"wrong", "reassign"}:
            raise HTTPException(422, "action must be 'wrong' or 'reassign'")
        owners = store.incidents_of_claim(claim_id)
        if not owners:
            raise HTTPException(404, f"no claim {claim_id}")
        if correction.action == "reassign":
            if not correction.incident or store.incident(correction.incident) is None:
                raise HTTPException(422, "'reassign' needs an existing target incident")
        with write_lock:
            record = store.add_correction(claim_id, correction.action, incident=owners[0],
                                          target=correction.incident, note=correction.note)
        return record

    # ------------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page_incidents(
        request: Request, store: StoreDep, type: str | None = None, country: str | None = None,
        since: str | None = None, until: str | None = None, q: str | None = None, sort: str = "-start",
        background: str | None = None, page: int = 1, changed_since: str | None = None,
    ) -> HTMLResponse:
        show_background = {"yes": True, "no": False}.get(background or "", None)
        filters = IncidentFilters(type=type or None, country=country or None, since=since or None,
                                  until=until or None, q=q or None, sort=sort, page=max(page, 1), per_page=50,
                                  background=show_background)
        items, total = filter_incidents(store, filters)

        def country_href(members: Sequence[maps.MapPoint]) -> str | None:
            # A cluster of one country's incidents opens the list of that country (its map zooms in).
            countries = {m.country for m in members}
            if filters.country or len(countries) != 1 or None in countries:
                return None
            kept = {"q": q, "type": type, "since": since, "until": until, "background": background, "sort": sort}
            return "/?" + urlencode({"country": countries.pop(), **{k: v for k, v in kept.items() if v}})

        points = map_points(store, filters)
        incidents_map = maps.incidents_map(points, lambda p: f"/incidents/{p.id}", country_href, matched=total,
                                           limited=len(points) >= MAP_POINTS)
        return templates.TemplateResponse(request, "incidents.html", {
            "items": items, "total": total, "filters": filters, "event_types": EVENT_TYPES,
            "background": background or "", "incidents_map": incidents_map,
            "stats": store.stats(), "pages": (total + filters.per_page - 1) // filters.per_page,
            "changed_since": changed_since or "",
        })

    @app.get("/incidents/{incident_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_incident(request: Request, incident_id: str, store: StoreDep) -> HTMLResponse:
        incident = store.incident(incident_id)
        if incident is None:
            raise HTTPException(404, f"no incident {incident_id}")
        quotes_by_speaker: dict[str, list[dict[str, Any]]] = {}
        for quote in incident.get("quotes") or []:
            speaker = quote.get("speaker") or {}
            name = speaker.get("resolved") or speaker.get("name") or "unattributed"
            quotes_by_speaker.setdefault(name, []).append(quote)
        corrections = [c for c in store.corrections() if c.get("incident") == incident_id]
        articles_by_id = {a["id"]: a for a in incident.get("articles") or []}
        charts = toll_charts(incident.get("figures") or [], lambda c: f"/articles/{c['article']}#claim-{c['id']}",
                             outlet=lambda c: c.get("outlet") or articles_by_id.get(c["article"], {}).get("outlet"))
        return templates.TemplateResponse(request, "incident.html", {
            "incident": incident, "quotes_by_speaker": quotes_by_speaker, "corrections": corrections,
            "incident_map": maps.incident_map(incident.get("place")), "charts": charts,
            "articles_by_id": articles_by_id,
        })

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_article(request: Request, article_id: str, store: StoreDep) -> HTMLResponse:
        view = article_view(store, article_id)
        if view is None:
            raise HTTPException(404, f"no article {article_id}")
        owners = store.claim_owners(article_id)
        segments = highlight_segments(view["article"]["text"], view["marks"])
        return templates.TemplateResponse(request, "article.html", {
            "view": view, "article": view["article"], "segments": segments, "owners": owners,
        })

    return app


def serve(db: str | Path = "accord.db", *, host: str = "127.0.0.1", port: int = 8000,
          token: str | None = None, pool_size: int | None = None) -> None:
    """Run the web UI and API with uvicorn until interrupted (a PostgreSQL store's pool closed on the way out)."""
    import uvicorn

    uvicorn.run(create_app(db, token=token, pool_size=pool_size), host=host, port=port, log_level="info")
