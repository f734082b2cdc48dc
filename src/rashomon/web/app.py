"""The FastAPI application: server-rendered HTML pages and the JSON API.

Routes are thin: they check access, call ``rashomon.web.queries`` or ``.views`` and render.
Every error becomes a JSON body ``{"error": {"code", "message", "hint"}}`` (or an HTML
error page for browsers) and never a stack trace.
"""

from __future__ import annotations

import csv
import io
import ipaddress
import json
import logging
import re
import secrets
import threading
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from rashomon import api
from rashomon.config import Config, setting
from rashomon.errors import (
    BadRequest,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    RashomonError,
    StoryMerged,
    WebError,
)
from rashomon.ingest.fields import article_from_record
from rashomon.ingest.readers import ReadItem
from rashomon.pipeline import Engine
from rashomon.web import queries, upload, views
from rashomon.web.access import (  # noqa: F401 - the routes import them from here
    bearer,
    check_api_write,
    check_form_write,
    check_read,
    get_state,
    is_loopback_host,
)
from rashomon.web.queries import WebFilter
from rashomon.web.upload import parse_bounded

log = logging.getLogger(__name__)

#: Served with every response: no script but ours, no plugins, no framing, no sniffing.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: under no-referrer browsers send "Origin: null" with
    # our own form posts, and a null origin must be refused (sandboxed frames send it)
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

MAX_RECORDS_PER_POST = 1000


class ReportUnavailable(WebError):
    code = "E708"
    http_status = 503


class State:
    """What the routes share: the engine, settings, template environment, locks."""

    def __init__(self, engine: Engine, config: Config, loopback: bool, warm: bool):
        self.engine = engine
        self.config = config
        self.loopback = loopback
        self.warm = warm
        self.allowed_hosts: set[str] = set()  # set by create_app from the bound address
        self.csrf = secrets.token_urlsafe(24)
        self.ingest_lock = threading.Lock()
        self.refresh_wanted = threading.Event()
        folder = resources.files("rashomon.web") / "templates"
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(folder)),
            autoescape=True,  # every {{ value }} is HTML-escaped: article text is hostile
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.globals.update(csrf=self.csrf, urlencode=_urlencode)


def _urlencode(params: dict) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def create_app(
    engine: Engine | str | None = None,
    config: Config | None = None,
    host: str = "127.0.0.1",
    warm: bool = True,
) -> FastAPI:
    """The application over ``engine`` (or a store path). ``host`` is the address the
    server binds: on loopback, the web forms may write without a token (see README).
    ``warm`` builds entity indexes and reports in the background (at start, after ingest)."""
    config = config or Config()
    if not isinstance(engine, Engine):
        engine = Engine(engine or config.db, config=config)
    state = State(engine, config, is_loopback_host(host), warm)
    state.allowed_hosts = allowed_hosts(host)
    app = FastAPI(
        title="Rashomon",
        version="0.1.0",
        description="Stories grouped across languages and how each source tells them.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.rashomon = state
    static = resources.files("rashomon.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    _install_middleware(app, state)
    _install_errors(app, state)
    from rashomon.web import routes_api, routes_pages

    app.include_router(routes_api.router)
    app.include_router(routes_pages.router)
    if warm:
        _start_refresher(state)
    _load_models_soon()
    app.router.on_shutdown.append(upload.shutting_down)  # SIGTERM: stop parses under way
    return app


# -- background refresh --------------------------------------------------------------------
def _start_refresher(state: State) -> None:
    """One daemon thread that builds missing entity indexes and reports when asked."""

    def loop() -> None:
        while True:
            try:
                views.refresh_indexes(state.engine)
            except Exception:
                log.exception("background refresh failed")
            state.refresh_wanted.wait()
            state.refresh_wanted.clear()

    threading.Thread(target=loop, name="rashomon-refresh", daemon=True).start()


def _load_models_soon() -> None:
    """Load the embedding model on a daemon thread (once per process), so that neither a
    story page whose names are linked across scripts nor the first comparison built for a
    reader waits for it, whether or not the server warms up its stories."""
    global _models_loading

    def load() -> None:
        try:
            from rashomon.extract.linking import load_name_model

            load_name_model()
        except Exception:
            log.exception("loading the embedding model failed")

    with _models_lock:
        if not _models_loading:
            _models_loading = True
            threading.Thread(target=load, name="rashomon-models", daemon=True).start()


_models_lock = threading.Lock()
_models_loading = False


def request_refresh(state: State) -> None:
    if state.warm:
        state.refresh_wanted.set()


# -- middleware and errors -----------------------------------------------------------------
def _install_middleware(app: FastAPI, state: State) -> None:
    @app.middleware("http")
    async def guard(request: Request, call_next):
        refused = _refused(request, state)
        if refused is not None:
            return error_response(request, state, refused)
        length = request.headers.get("content-length")
        limit = state.config.upload_limit
        if length and length.isdigit() and int(length) > limit + 64_000:
            return error_response(request, state, upload_too_large(limit))
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return await _xml_safe(response)


#: Largest id a store row can have (SQLite INTEGER / PostgreSQL BIGINT): a larger one in a
#: path is no row, and used to reach the database as an overflow (HTTP 500).
MAX_ID = 2**63 - 1
_UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def allowed_hosts(bound: str) -> set[str]:
    """RASHOMON_ALLOWED_HOSTS (comma-separated host names), else the bound address and
    the loopback names; None-like (empty set) when bound to every interface."""
    configured = setting("RASHOMON_ALLOWED_HOSTS").strip()
    if configured:
        return {h.strip().lower().strip("[]") for h in configured.split(",") if h.strip()}
    if bound in ("0.0.0.0", "::", ""):
        return set()  # every interface: names cannot be listed; set the setting to check
    return {bound.lower().strip("[]"), "localhost", "127.0.0.1", "::1"}


def _refused(request: Request, state: State) -> RashomonError | None:
    """DNS rebinding and cross-site posts: a Host not in the allow-list (checked for
    socket clients only: an in-process caller has no browser behind it), an ``Origin:
    null`` or foreign origin on a write; and path ids past the largest row id."""
    client = request.client.host if request.client else ""
    host = (request.headers.get("host") or "").lower()
    name = host[1:].split("]")[0] if host.startswith("[") else host.rsplit(":", 1)[0] \
        if host.count(":") == 1 else host
    if state.allowed_hosts and _is_address(client) and name not in state.allowed_hosts:
        return Forbidden(f"host {name or '(none)'} is not served here",
                         hint="open the server by its own address, or add the name to "
                              "RASHOMON_ALLOWED_HOSTS").worded(
            "host_refused", host=name or "-", setting="RASHOMON_ALLOWED_HOSTS")
    origin = request.headers.get("origin")
    if request.method in _UNSAFE_METHODS and origin is not None and (
            origin == "null" or urlsplit(origin).netloc.lower() != host):
        return Forbidden("cross-site request refused",
                         hint="use the forms on this site").worded("cross_site")
    for part in request.url.path.split("/"):
        digits = part.removeprefix("-")  # /articles/-99999999999999999999 was a 500 (E799)
        if digits.isdigit() and len(digits) > 18 and abs(int(part)) > MAX_ID:
            return NotFound(f"no such id {part[:30]}", hint="ids are the numbers the site "
                            "shows").worded("no_such_id", id=part[:30])
    return None


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


#: Characters XML 1.0 forbids (C0 controls but tab/newline/return, U+FFFE, U+FFFF), as
#: UTF-8 bytes: a \x01 in a title made the Atom feed ill-formed, NUL reached HTML.
_XML_INVALID = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")


async def _xml_safe(response: Response) -> Response:
    """HTML and XML responses without XML-invalid characters (JSON escapes them)."""
    kind = response.headers.get("content-type", "")
    if not any(k in kind for k in ("text/html", "xml")):
        return response
    body = getattr(response, "body", None)
    if body is None:  # a streamed response: collect it (pages and feeds are small)
        chunks = [chunk async for chunk in response.body_iterator]
        body = b"".join(c if isinstance(c, bytes) else c.encode() for c in chunks)
    cleaned = _XML_INVALID.sub(b"", body)
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    return Response(cleaned, status_code=response.status_code, headers=headers,
                    background=response.background)


def upload_too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"the request is larger than the {limit:,}-byte upload limit (RASHOMON_UPLOAD_LIMIT)",
        hint="split the file or raise the limit",
    ).worded("upload_too_large", limit=limit, setting="RASHOMON_UPLOAD_LIMIT")


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/openapi.json" or path.endswith((".csv", ".xml"))


def error_response(request: Request, state: State, exc: RashomonError) -> Response:
    if isinstance(exc, StoryMerged):
        return merged_redirect(request, exc)
    status = getattr(exc, "http_status", 400)
    if wants_json(request):
        return JSONResponse({"error": exc.to_dict()}, status_code=status)
    from rashomon.web.reader import error_context, reader_message  # as pages are
    context = error_context(request, state.config)
    html = state.templates.get_template("error.html").render(
        error=exc.to_dict(), status=status, request_path=request.url.path, needs_token=False,
        reader_message=reader_message(exc, context), **context)
    return HTMLResponse(html, status_code=status)


def merged_redirect(request: Request, exc: StoryMerged) -> Response:
    """A link to a story that was merged into another leads to the merged story (308:
    permanent, and an API client repeats the same method)."""
    new = f"/stories/{exc.into}"
    target, hits = re.subn(rf"/stories/{exc.story_id}(?=/|$)", new, request.url.path, count=1)
    target = target if hits else new
    query = f"?{request.url.query}" if request.url.query else ""
    return Response(status_code=308, headers={"Location": target + query})


def _install_errors(app: FastAPI, state: State) -> None:
    @app.exception_handler(RashomonError)
    async def rashomon_error(request: Request, exc: RashomonError):
        return error_response(request, state, exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = f"invalid value for {where}: {first.get('msg', 'bad request')}"
        error = BadRequest(message, hint="see /openapi.json")
        return error_response(request, state, error.worded("invalid_value", field=where
                                                           .rsplit(".", 1)[-1] or "-"))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        codes = {404: ("E711", "no such page"), 405: ("E712", "method not allowed")}
        code, message = codes.get(exc.status_code, ("E700", str(exc.detail)))
        error = WebError(message, hint="see /openapi.json for the API", code=code)
        if code != "E700":
            error.worded({"E711": "no_page", "E712": "method"}[code])
        error.http_status = exc.status_code
        return error_response(request, state, error)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        error = WebError("internal error; the details are in the server log",
                         code="E799").worded("internal")
        error.http_status = 500
        return error_response(request, state, error)


# -- rendering helpers ---------------------------------------------------------------------
def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    state = get_state(request)
    context.setdefault("needs_token", bool(state.config.api_token))
    context.setdefault("request_path", request.url.path)
    html = state.templates.get_template(name).render(**context)
    return HTMLResponse(html)


def csv_response(rows: list[list[str]], filename: str) -> Response:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return Response(
        buffer.getvalue().encode("utf-8-sig"),  # BOM: spreadsheets then read UTF-8 correctly
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def web_filter(
    language: str | None, source: str | None, since: str | None, until: str | None,
    entity: str | None, q: str | None,
) -> WebFilter:
    def clean(value: str | None, name: str) -> str | None:
        return queries.without_controls(value, name).strip()[:200] or None if value else None

    flt = WebFilter(clean(language, "language"), clean(source, "source"), clean(since, "since"),
                    clean(until, "until"), clean(entity, "entity"), clean(q, "q"))
    flt.validate()
    return flt


FilterQuery = {
    "language": Query(None, description="ISO language code, e.g. fa"),
    "source": Query(None, description="outlet domain, e.g. example.org"),
    "since": Query(None, description="YYYY-MM-DD: stories active on or after"),
    "until": Query(None, description="YYYY-MM-DD: stories that began on or before"),
    "entity": Query(None, description="entity id or canonical name"),
    "q": Query(None, description="full-text search words, any language"),
}


# -- ingest --------------------------------------------------------------------------------
def ingest_items(state: State, items: list[ReadItem]) -> dict[str, Any]:
    """Ingest read items under the engine's lock (clustering is sequential)."""
    with state.ingest_lock:
        results = state.engine.ingest_items(items)
    request_refresh(state)
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    return {"counts": counts, "results": [api.ingest_result_data(r) for r in results]}


def items_from_bytes(data: bytes, filename: str, url: str | None = None) -> list[ReadItem]:
    """Read uploaded/fetched bytes; the name's suffix picks the reader (else sniffed).
    The parsing runs in a worker process with a memory and a time cap (a 3.9 MB page
    used to keep the server at 100% CPU for over ten minutes); blocking: call it through
    ``parse_upload`` from a route."""
    name = Path(filename or "upload").name[:120] or "upload"
    return parse_bounded(data, name, url)


async def parse_upload(data: bytes, filename: str, url: str | None = None) -> list[ReadItem]:
    """``items_from_bytes`` off the event loop: other requests go on meanwhile."""
    return await in_thread(items_from_bytes, data, filename, url)




def items_from_records(records: Any) -> list[ReadItem]:
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list) or not records:
        raise BadRequest("send one article object or a list of them",
                         hint='e.g. {"title": "...", "maintext": "...", "url": "https://..."}')
    if len(records) > MAX_RECORDS_PER_POST:
        raise BadRequest(f"at most {MAX_RECORDS_PER_POST} articles per request")
    items = []
    for index, record in enumerate(records):
        try:
            items.append(ReadItem(f"post#{index}", article=article_from_record(record,
                                                                               f"post#{index}")))
        except RashomonError as exc:
            items.append(ReadItem(f"post#{index}", error=exc))
    return items


async def read_upload(upload: Any, limit: int) -> bytes:
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise upload_too_large(limit)
    return data


_ARTICLES_HINT = "send one news-please object, a list of them, or multipart 'file' parts"


async def read_json(request: Request, hint: str = _ARTICLES_HINT) -> Any:
    """The JSON body (``hint``: what to send instead), refused past the upload limit."""
    limit = get_state(request).config.upload_limit
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > limit:
            raise upload_too_large(limit)
    return parse_json_body(bytes(raw), hint)


def parse_json_body(raw: bytes, hint: str = _ARTICLES_HINT) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRequest(f"the body is not valid UTF-8 JSON ({str(exc)[:120]})",
                         hint=hint) from exc


async def in_thread(func, *args, **kwargs):
    return await run_in_threadpool(func, *args, **kwargs)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)
