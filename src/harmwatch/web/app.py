"""The web app: a read-only JSON API, exports, a live feed, and the offline map page.

Every error leaves the API in one shape, whatever raised it (a harmwatch named
error, a FastAPI validation error, an unknown route)::

    {"error": {"code": "not_found", "message": "no incident with id 'x'", "status": 404}}

Writing is off unless a token is configured (``create_app(token=...)`` or the
``HARMWATCH_TOKEN`` environment variable); a write then needs
``Authorization: Bearer <token>``.

Report text is hostile. The API returns it as JSON data; the page builds its
DOM with ``textContent`` only, and every response carries a strict
Content-Security-Policy (no inline scripts, nothing from other origins) as a
second line of defence.
"""

from __future__ import annotations

import asyncio
import gzip
import hmac
import io
import json
import logging
import os
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from harmwatch.errors import BadQuery, HarmwatchError, InputRejected, NotFound, Unauthorized
from harmwatch.models import Facility, Incident
from harmwatch.publish.exports import incidents_to_csv, incidents_to_geojson, incidents_to_hxl
from harmwatch.store import Store, open_store
from harmwatch.web.queries import (
    MAX_PAGE,
    Filters,
    data_version,
    incident_page_json,
    incident_points_json,
    iter_incidents,
    parse_filters,
    point_of,
)

__all__ = ["CSP", "create_app", "error_body", "serve"]

log = logging.getLogger(__name__)

# Tiles are only fetched when the user turns the online basemap on.
TILE_ORIGIN = "https://tile.openstreetmap.org"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    f"img-src 'self' data: {TILE_ORIGIN}; connect-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
FEED_POLL_SECONDS = 1.0
# Pre-compute the map's points at start-up for databases up to this size; a
# bigger one is better browsed with filters than drawn whole.
WARM_POINTS_UP_TO = 250_000
MAX_POST_BYTES = 20 * 1024 * 1024  # the ingester's own limit
SQLITE_MMAP_BYTES = 1 << 30
FEED_HEARTBEAT_SECONDS = 15.0


# Response shapes for /api/openapi.json (these endpoints stream pre-encoded JSON,
# so FastAPI cannot infer them).
PAGE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["incidents", "has_more", "next", "limit"],
    "properties": {
        "incidents": {"type": "array", "items": {"type": "object", "description": "an Incident (SPEC.md)"}},
        "has_more": {"type": "boolean"},
        "next": {"type": ["string", "null"], "description": "pass as `cursor` for the next page"},
        "limit": {"type": "integer"},
    },
}
POINTS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "parallel arrays, one entry per incident with coordinates",
    "properties": {
        "count": {"type": "integer"},
        "seq": {"type": "integer", "description": "start the live feed (/api/feed?since=) here"},
        "event_types": {"type": "array", "items": {"type": "string"}},
        "id": {"type": "array", "items": {"type": "string"}},
        "lat": {"type": "array", "items": {"type": "number"}},
        "lon": {"type": "array", "items": {"type": "number"}},
        "day": {
            "type": "array",
            "items": {"type": ["integer", "null"]},
            "description": "days since 1970-01-01",
        },
        "type": {"type": "array", "items": {"type": "integer"}, "description": "index into event_types"},
        "killed": {"type": "array", "items": {"type": ["integer", "null"]}},
    },
}
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "status"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "status": {"type": "integer"},
            },
        }
    },
}


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    """The one JSON shape of every API error."""
    return {"error": {"code": code, "message": message, "status": status}}


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, code, message), status_code=status, headers=headers)


class _Stores:
    """One store connection per worker thread (SQLite connections are not shared across threads).

    An in-memory database, or a Store object passed in, cannot be reopened, so
    it is shared; the SQLite store serialises access with its own lock.
    """

    def __init__(self, target: str | Path | Store) -> None:
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        self._shared: Store | None = None
        if isinstance(target, Store):
            self._shared = target
            self._owned = False
            self.url = ""
            return
        self.url = str(target)
        self._owned = True
        if self.url in (":memory:", "sqlite:///:memory:"):
            self._shared = open_store(self.url, check_same_thread=False)
        else:
            # Migrate once, up front, so worker threads only read.
            first = self._open(migrate=True)
            self._local.store = first

    def _open(self, *, migrate: bool) -> Store:
        kwargs: dict[str, Any] = {}
        if not self.url.startswith(("postgresql://", "postgres://")):
            kwargs["check_same_thread"] = False
        store = open_store(self.url, migrate=migrate, **kwargs)
        if store.dialect.name == "sqlite":
            # Each worker thread has its own connection and page cache; memory-mapping
            # the file lets them all share the OS's copy instead of read() calls.
            store._execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES}")
        with self._lock:
            self._all.append(store)
        return store

    def get(self) -> Store:
        if self._shared is not None:
            return self._shared
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._open(migrate=False)
            self._local.store = store
        return store

    def close(self) -> None:
        if self._shared is not None and self._owned:
            self._shared.close()
        with self._lock:
            for s in self._all:
                try:
                    s.close()
                except Exception:  # closing during shutdown must not mask the real exit
                    log.debug("closing a store failed", exc_info=True)
            self._all.clear()


class SecurityHeaders:
    """Pure ASGI middleware adding the CSP and friends to every response (streams included)."""

    HEADERS = (
        ("content-security-policy", CSP),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.HEADERS:
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _static_dir() -> Path:
    return Path(str(resources.files("harmwatch.web").joinpath("static")))


def _encode_cursor(seq: int) -> str:
    return str(seq)


def _decode_cursor(cursor: str | None) -> int | None:
    if cursor is None or cursor == "":
        return None
    if not cursor.isdigit() or len(cursor) > 18:
        raise BadQuery("cursor must be the 'next' value of a previous page")
    return int(cursor)


def create_app(store_url: str | Path | Store, *, token: str | None = None) -> FastAPI:
    """Build the app over a store (a path, a ``postgresql://`` URL, or an open :class:`Store`).

    ``token`` (or ``HARMWATCH_TOKEN``) enables the write endpoints; without one
    the API is read-only.
    """
    token = token if token is not None else (os.environ.get("HARMWATCH_TOKEN") or None)
    stores = _Stores(store_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Build the map's points while the server starts listening, so the first
        # page load does not pay for it.
        warmer = threading.Thread(target=warm, name="harmwatch-warm", daemon=True)
        warmer.start()
        yield
        # Never close a connection another thread is still reading from (SQLite
        # would crash): wait for the warm-up, and if it is stuck, leave the
        # connections to the process exit.
        warmer.join(timeout=60)
        if warmer.is_alive():
            log.warning("map points still being computed at shutdown; not closing the database")
            return
        stores.close()

    app = FastAPI(
        title="harmwatch",
        version="0.1.0",
        description=(
            "Verified, geolocated, sourced records of attacks on civilians and health care. "
            "Read-only unless a token is configured. Every error has the shape "
            '{"error": {"code", "message", "status"}}.'
        ),
        openapi_url="/api/openapi.json",
        docs_url=None,  # the Swagger UI loads scripts from a CDN: not offline, not under our CSP
        redoc_url=None,
        lifespan=lifespan,
        responses={
            status: {"description": text, "content": {"application/json": {"schema": ERROR_SCHEMA}}}
            for status, text in ((400, "bad query"), (401, "write without a valid token"), (404, "not found"))
        },
    )
    app.state.stores = stores
    app.state.token = token
    # Set when the server is asked to stop: live-feed streams end so shutdown is quick.
    stopping = threading.Event()
    app.state.stopping = stopping
    # Level 3 compresses a page of records nearly as well as 9 in a fifth of the time.
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=3)
    app.add_middleware(SecurityHeaders)
    points_cache: dict[tuple[str, tuple[int, int]], tuple[bytes, bytes]] = {}
    points_lock = threading.Lock()

    def cached_points(store: Store, f: Filters) -> tuple[bytes, bytes]:
        """The points body (plain, gzipped) for these filters, rebuilt when incidents change."""
        key = (repr(f), data_version(store))
        with points_lock:  # one build at a time; a concurrent request waits and reuses it
            cached = points_cache.get(key)
            if cached is None:
                body = incident_points_json(store, f).encode()
                cached = (body, gzip.compress(body, compresslevel=5))
                if len(points_cache) >= 16:
                    points_cache.pop(next(iter(points_cache)))
                points_cache[key] = cached
        return cached

    def warm() -> None:
        try:
            store = stores.get()
            if data_version(store)[1] <= WARM_POINTS_UP_TO:
                cached_points(store, Filters())
        except Exception:  # a cold cache is only slower; never fail start-up over it
            log.warning("could not pre-compute the map points", exc_info=True)

    # --- errors: one shape ----------------------------------------------------

    @app.exception_handler(HarmwatchError)
    async def harmwatch_error(request: Request, exc: HarmwatchError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, Unauthorized) else None
        if exc.status >= 500:
            log.error("request failed: %s", exc)
        return _error(exc.status, exc.code, str(exc) or exc.code, headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path"))
            problems.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
        return _error(400, BadQuery.code, "; ".join(problems) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404:
            message = f"no such endpoint: {request.url.path[:200]}"
        return _error(exc.status_code, codes.get(exc.status_code, "http_error"), message)

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return _error(500, HarmwatchError.code, "internal error")

    def require_token(request: Request) -> None:
        if not token:
            raise Unauthorized("this server is read-only: start it with HARMWATCH_TOKEN set to allow writes")
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise Unauthorized("missing or wrong bearer token")

    # --- shared filter parameters ----------------------------------------------

    def filters(
        since: str | None = Query(None, description="ISO date; incidents ending on or after it"),
        until: str | None = Query(None, description="ISO date; incidents starting on or before it"),
        area: str | None = Query(None, description="governorate or district name, or an OCHA P-code"),
        actor: str | None = Query(None, description="perpetrator (SPEC actor vocabulary)"),
        event_type: str | None = Query(None, description="SPEC event type"),
        grade: str | None = Query(None, description="confirmed|fair|weak|contested|discounted"),
        bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat"),
    ) -> Filters:
        return parse_filters(
            since=since, until=until, area=area, actor=actor, event_type=event_type, grade=grade, bbox=bbox
        )

    from fastapi import Depends

    FiltersDep = Depends(filters)

    # --- the page ----------------------------------------------------------------

    static = _static_dir()

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(
            static / "index.html",
            media_type="text/html; charset=utf-8",
            headers={"Cache-Control": "no-cache"},
        )

    app.mount("/static", StaticFiles(directory=static), name="static")

    # --- incidents -------------------------------------------------------------------

    @app.get(
        "/api/incidents",
        tags=["incidents"],
        summary="List incidents (filters, cursor pages)",
        responses={200: {"content": {"application/json": {"schema": PAGE_SCHEMA}}}},
    )
    def list_incidents(
        f: Filters = FiltersDep,
        limit: int = Query(100, ge=1, le=MAX_PAGE),
        cursor: str | None = Query(None, description="the `next` value of the previous page"),
    ) -> Response:
        """A page of incidents: ``{incidents: [...], has_more, next, limit}``.

        Pages follow a cursor (``next``), not an offset, and nothing counts the
        whole table: every page costs about the same.
        """
        page, has_more = incident_page_json(stores.get(), f, after_seq=_decode_cursor(cursor), limit=limit)
        tail = {
            "has_more": has_more,
            "next": _encode_cursor(page[-1][0]) if has_more and page else None,
            "limit": limit,
        }
        # The stored records are already SPEC JSON: splice them in rather than re-encode.
        body = '{"incidents":[' + ",".join(text for _, text in page) + "]," + json.dumps(tail)[1:]
        return Response(body, media_type="application/json")

    @app.get(
        "/api/incidents/points",
        tags=["incidents"],
        summary="Every matching incident as a compact point, for the map",
        responses={200: {"content": {"application/json": {"schema": POINTS_SCHEMA}}}},
    )
    def points(request: Request, f: Filters = FiltersDep) -> Response:
        """Compact parallel arrays for the map (see ``incident_points_json``); full records via /{id}.

        Cached (already gzipped) until an incident is saved or deleted, so a
        page load over 100k incidents costs one version check.
        """
        cached = cached_points(stores.get(), f)
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(
                cached[1],
                media_type="application/json",
                headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
            )
        return Response(cached[0], media_type="application/json")

    def _export_filename(ext: str) -> dict[str, str]:
        return {"Content-Disposition": f'attachment; filename="harmwatch-incidents.{ext}"'}

    def _csv_stream(writer: Any, f: Filters) -> Iterator[str]:
        store = stores.get()
        buf = io.StringIO()
        batch: list[Incident] = []

        def flush(header: bool) -> str:
            buf.seek(0)
            buf.truncate()
            writer(batch, buf)
            text = buf.getvalue()
            if not header:
                # Drop the header rows the writer repeats for each batch.
                skip = 2 if writer is incidents_to_hxl else 1
                text = text.split("\r\n", skip)[-1]
            return text

        first = True
        for inc in iter_incidents(store, f):
            batch.append(inc)
            if len(batch) >= 500:
                yield flush(first)
                first = False
                batch = []
        if batch or first:
            yield flush(first)

    @app.get("/api/incidents.csv", tags=["exports"], summary="ACLED/UCDP-style CSV export")
    def export_csv(f: Filters = FiltersDep) -> StreamingResponse:
        return StreamingResponse(
            _csv_stream(incidents_to_csv, f),
            media_type="text/csv; charset=utf-8",
            headers=_export_filename("csv"),
        )

    @app.get("/api/incidents.hxl.csv", tags=["exports"], summary="HXL-tagged CSV export")
    def export_hxl(f: Filters = FiltersDep) -> StreamingResponse:
        return StreamingResponse(
            _csv_stream(incidents_to_hxl, f),
            media_type="text/csv; charset=utf-8",
            headers=_export_filename("hxl.csv"),
        )

    @app.get("/api/incidents.geojson", tags=["exports"], summary="GeoJSON export")
    def export_geojson(f: Filters = FiltersDep) -> Response:
        body = json.dumps(incidents_to_geojson(iter_incidents(stores.get(), f)), ensure_ascii=False)
        return Response(body, media_type="application/geo+json", headers=_export_filename("geojson"))

    @app.get("/api/incidents/{incident_id}", tags=["incidents"], summary="One incident, with its sources")
    def get_incident(incident_id: str) -> dict[str, Any]:
        store = stores.get()
        incident = store.get_incident(incident_id)
        d = incident.to_dict()
        # Beyond the SPEC record: what each source report is, for the detail panel.
        sources = []
        for rid in incident.report_ids:
            try:
                r = store.get_report(rid)
            except NotFound:
                sources.append({"id": rid, "missing": True})
                continue
            sources.append(
                {
                    "id": r.id,
                    "source": r.source,
                    "title": r.title,
                    "url": r.url,
                    "published": r.published,
                    "language": r.language,
                }
            )
        d["sources"] = sources
        return d

    # --- facilities, bulletins, reports ---------------------------------------------------

    def _facility_list(area: str | None) -> list[Facility]:
        facs = stores.get().list_facilities()
        if area:
            from harmwatch.facilities.asof import facility_in_area

            facs = [f for f in facs if facility_in_area(f.place, area)]
        return facs

    @app.get(
        "/api/facilities",
        tags=["facilities"],
        summary="Facilities; with `on`, the as-of answer (status on that day, counts, statements)",
    )
    def facilities(
        area: str | None = Query(None, description="governorate, district or town name, or P-code"),
        on: str | None = Query(None, description="ISO date: status as of that day"),
    ) -> dict[str, Any]:
        if on is not None:
            from harmwatch.facilities import as_of

            answer: dict[str, Any] = as_of(stores.get(), area=area, on=on)
            return answer
        return {"facilities": [f.to_dict() for f in _facility_list(area)]}

    @app.get("/api/facilities.geojson", tags=["exports"], summary="Facilities as GeoJSON")
    def facilities_geojson(
        area: str | None = Query(None, description="governorate, district or town name, or P-code"),
        on: str | None = Query(None, description="ISO date: status as of that day"),
    ) -> Response:
        from harmwatch.facilities import as_of, facilities_to_geojson

        rows: list[Any] = as_of(stores.get(), area=area, on=on)["facilities"] if on else _facility_list(area)
        body = json.dumps(facilities_to_geojson(rows), ensure_ascii=False)
        disposition = 'attachment; filename="harmwatch-facilities.geojson"'
        return Response(body, media_type="application/geo+json", headers={"Content-Disposition": disposition})

    @app.get("/api/bulletins", tags=["bulletins"], summary="Stored bulletins (daily tallies)")
    def bulletins(date_: str | None = Query(None, alias="date", description="ISO date")) -> dict[str, Any]:
        if date_ is not None:
            try:
                date.fromisoformat(date_)
            except ValueError as e:
                raise BadQuery("date must be an ISO date (YYYY-MM-DD)") from e
        return {"bulletins": [b.to_dict() for b in stores.get().list_bulletins(date=date_)]}

    @app.get("/api/reports/{report_id}", tags=["reports"], summary="One stored report")
    def get_report(report_id: str) -> dict[str, Any]:
        store = stores.get()
        d = store.get_report(report_id).to_dict()
        d["incident_ids"] = store.incidents_of_report(report_id)
        return d

    @app.post(
        "/api/reports",
        tags=["reports"],
        status_code=201,
        summary="Ingest one report (needs a bearer token; off unless a token is configured)",
    )
    async def post_report(request: Request) -> JSONResponse:
        require_token(request)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_POST_BYTES:
            raise InputRejected(f"report too large (over {MAX_POST_BYTES} bytes)")
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():  # bounded even without a Content-Length
            size += len(chunk)
            if size > MAX_POST_BYTES:
                raise InputRejected(f"report too large (over {MAX_POST_BYTES} bytes)")
            chunks.append(chunk)
        raw = b"".join(chunks)
        try:
            payload = json.loads(raw)
        except ValueError as e:
            raise BadQuery("body must be a JSON object {text, title?, published?, source?, url?, id?}") from e
        if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
            raise BadQuery("body must be a JSON object with a string 'text'")
        result = await asyncio.to_thread(_ingest_json, stores.get(), raw)
        return JSONResponse(result, status_code=201 if result["stored"] else 200)

    # --- live feed -------------------------------------------------------------------------

    @app.get(
        "/api/feed",
        tags=["incidents"],
        summary="Server-sent events: incidents as they are recorded or updated",
    )
    async def feed(
        request: Request,
        since: int | None = Query(None, ge=0, description="last seq seen (or send Last-Event-ID)"),
    ) -> StreamingResponse:
        start = since
        if start is None:
            last_id = request.headers.get("last-event-id", "")
            start = int(last_id) if last_id.isdigit() else None
        if start is None:
            start = await asyncio.to_thread(lambda: stores.get().last_incident_seq())

        def _changed_since(after: int) -> list[tuple[int, Incident]]:
            return stores.get().incidents_changed_since(after, 200)

        async def events() -> AsyncIterator[str]:
            seq = int(start)
            yield f"retry: 3000\nevent: hello\ndata: {json.dumps({'seq': seq})}\n\n"
            idle = 0.0
            while not stopping.is_set() and not await request.is_disconnected():
                changed = await asyncio.to_thread(_changed_since, seq)
                for s, inc in changed:
                    seq = s
                    data = {"seq": s, "point": point_of(inc), "incident": inc.to_dict()}
                    yield f"id: {s}\nevent: incident\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
                if changed:
                    idle = 0.0
                    continue
                await asyncio.sleep(FEED_POLL_SECONDS)
                idle += FEED_POLL_SECONDS
                if idle >= FEED_HEARTBEAT_SECONDS:
                    idle = 0.0
                    yield ": keep-alive\n\n"

        return StreamingResponse(
            events(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    return app


def _ingest_json(store: Store, raw: bytes) -> dict[str, Any]:
    """Store one JSON report as the JSONL ingester would store the line."""
    from harmwatch.ingest import report_from_bytes

    report = report_from_bytes(raw, media_type="application/json", origin="api")
    with store.transaction():
        stored = store.add_report(report, raw)
    return {"id": report.id, "sha256": report.sha256, "stored": stored}


def serve(
    store_url: str | Path, host: str = "127.0.0.1", port: int = 8000, *, token: str | None = None
) -> None:
    """Run the app with uvicorn until interrupted (``harmwatch serve``)."""
    import uvicorn

    app = create_app(store_url, token=token)

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            app.state.stopping.set()
            super().handle_exit(sig, frame)

    config = uvicorn.Config(
        app, host=host, port=port, log_level="info", proxy_headers=False, timeout_graceful_shutdown=5
    )
    Server(config).run()
