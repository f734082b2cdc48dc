"""Who may read and who may change: the read token, the API token of API writes, and
the web forms' anti-forgery and token checks (``app.check_*`` as before)."""

from __future__ import annotations

import hmac
import ipaddress
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from fastapi import Request

from rashomon.errors import Forbidden, Unauthorized

if TYPE_CHECKING:
    from rashomon.web.app import State


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def get_state(request: Request) -> State:
    return request.app.state.rashomon


def bearer(request: Request) -> str:
    value = request.headers.get("authorization", "")
    return value[7:].strip() if value[:7].lower() == "bearer " else ""


def _same(a: str, b: str) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(a.encode(), b.encode())


def check_read(request: Request) -> None:
    """Reads are open unless RASHOMON_READ_TOKEN is set; then the read or the API token
    must come as a bearer header or a ``token`` query parameter (for feed readers)."""
    config = get_state(request).config
    if not config.read_token:
        return
    given = bearer(request) or request.query_params.get("token", "")
    if _same(given, config.read_token) or _same(given, config.api_token):
        return
    raise Unauthorized(
        "this server needs a read token",
        hint="send 'Authorization: Bearer <RASHOMON_READ_TOKEN>' or add ?token=...",
    ).worded("read_token", param="?token=…")


def check_api_write(request: Request) -> None:
    """API writes need the bearer RASHOMON_API_TOKEN; with none configured they are off."""
    config = get_state(request).config
    if not config.api_token:
        raise Forbidden(
            "writes are turned off on this server",
            hint="set RASHOMON_API_TOKEN and send 'Authorization: Bearer <token>'",
        )
    if not _same(bearer(request), config.api_token):
        raise Unauthorized(
            "a valid bearer token is required for this call",
            hint="send 'Authorization: Bearer <RASHOMON_API_TOKEN>'",
        )


def check_form_write(request: Request, form: Any) -> None:
    """Web forms (ingest, watchlists): a CSRF token and a same-origin request always;
    then the API token in the form's token field, or — when no token is configured —
    a server bound to loopback and a loopback client (one person on their own machine)."""
    state = get_state(request)
    if not _same(str(form.get("csrf") or ""), state.csrf):
        raise Forbidden("the form has expired",
                        hint="reload the page and submit again").worded("form_expired")
    origin = request.headers.get("origin")
    if origin and (origin == "null" or urlsplit(origin).netloc != request.headers.get("host")):
        raise Forbidden("cross-site form submission refused",
                        hint="use the form on this site").worded("cross_site_form")
    if state.config.api_token:
        if _same(str(form.get("token") or "") or bearer(request), state.config.api_token):
            return
        raise Unauthorized("this server needs the API token to accept changes",
                           hint="enter RASHOMON_API_TOKEN in the token field"
                           ).worded("token_needed")
    client = request.client.host if request.client else ""
    if not (state.loopback and is_loopback_host(client)):
        raise Forbidden(
            "changes are turned off: no RASHOMON_API_TOKEN is configured",
            hint="set RASHOMON_API_TOKEN, or run the server on 127.0.0.1 for local use",
        ).worded("local_only", setting="RASHOMON_API_TOKEN", address="127.0.0.1")
