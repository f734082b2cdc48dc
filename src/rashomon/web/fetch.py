"""Fetching one URL or feed for the ingest page, without becoming a proxy into the
private network (SSRF).

The host name is resolved *before* connecting and every address it resolves to is checked;
the connection then goes to the checked address itself (the name is only sent as Host/SNI),
so a DNS answer that changes between the check and the connect cannot slip through.
Redirects are followed by hand, each hop checked the same way. Size and time are bounded.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from rashomon.config import setting
from rashomon.errors import FetchFailed, FetchRefused, PayloadTooLarge

#: Seconds one connect or one read may take (the whole fetch: RASHOMON_FETCH_SECONDS).
TIMEOUT_SECONDS = 10.0
MAX_REDIRECTS = 3
USER_AGENT = "Rashomon/0.1 (+offline news comparison; one page fetched on a user's request)"


@dataclass
class Fetched:
    url: str
    data: bytes
    content_type: str


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified
        or ip in ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT
    )


def resolve_checked(url: str, allow_private: bool) -> tuple[str, str, int]:
    """(scheme, first allowed IP address, port) of an http(s) URL; refuses other schemes
    and, unless ``allow_private``, any host with a loopback/private/link-local address."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused(
            "only http:// and https:// addresses can be fetched", hint="paste a full web address"
        ).worded("fetch_scheme", schemes="http://, https://")
    port = parts.port or (443 if scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        # with no network at all this is what a fetch meets first, hence the second check
        raise FetchFailed(
            f"cannot resolve host {parts.hostname}",
            hint="check the address, and that this computer is online",
        ).worded("fetch_resolve", host=parts.hostname) from exc
    addresses = [info[4][0] for info in infos]
    if not allow_private:
        blocked = [a for a in addresses if not _is_public(a)]
        if blocked:
            raise FetchRefused(
                f"{parts.hostname} resolves to a non-public address ({blocked[0]})",
                hint="set RASHOMON_ALLOW_PRIVATE_URLS=1 to fetch from your own network",
            ).worded("fetch_private", host=parts.hostname, address=blocked[0],
                     setting="RASHOMON_ALLOW_PRIVATE_URLS=1")
    return scheme, addresses[0], port


#: Fetches running at once (RASHOMON_FETCH_CONCURRENCY): 45 slow fetches used to occupy
#: every worker thread and stall /api/stories for 40 s.
_SLOTS: threading.BoundedSemaphore | None = None
_SLOTS_LOCK = threading.Lock()


def _slots() -> threading.BoundedSemaphore:
    global _SLOTS
    with _SLOTS_LOCK:
        if _SLOTS is None:
            _SLOTS = threading.BoundedSemaphore(max(1, int(setting("RASHOMON_FETCH_CONCURRENCY"))))
        return _SLOTS


def fetch(url: str, allow_private: bool, max_bytes: int) -> Fetched:
    """GET ``url`` (following up to MAX_REDIRECTS checked redirects) within the limits:
    a total deadline (RASHOMON_FETCH_SECONDS) over connect, redirects and every read
    (the per-read timeout alone let a server trickling one byte at a time hold a fetch
    for minutes), and at most RASHOMON_FETCH_CONCURRENCY fetches at once."""
    total = float(setting("RASHOMON_FETCH_SECONDS"))
    deadline = time.monotonic() + total
    slots = _slots()
    if not slots.acquire(timeout=total):
        raise FetchFailed("the server is busy fetching other pages",
                          hint="retry in a minute").worded("fetch_busy")
    try:
        timeout = min(TIMEOUT_SECONDS, total)
        with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
            for _ in range(MAX_REDIRECTS + 1):
                response_url, location, fetched = _fetch_once(client, url, allow_private,
                                                              max_bytes, deadline)
                if fetched is not None:
                    return fetched
                url = urljoin(response_url, location)
    finally:
        slots.release()
    raise FetchFailed(f"more than {MAX_REDIRECTS} redirects",
                      hint="paste the final address").worded("fetch_redirects", n=MAX_REDIRECTS)


def _fetch_once(
    client: httpx.Client, url: str, allow_private: bool, max_bytes: int, deadline: float
) -> tuple[str, str, Fetched | None]:
    scheme, address, port = resolve_checked(url, allow_private)
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    ip_host = f"[{address}]" if ":" in address else address
    pinned = urlunsplit((scheme, f"{ip_host}:{port}", parts.path or "/", parts.query, ""))
    headers = {"Host": parts.netloc.rsplit("@", 1)[-1], "User-Agent": USER_AGENT}
    extensions = {"sni_hostname": host} if scheme == "https" else {}
    try:
        with client.stream("GET", pinned, headers=headers, extensions=extensions) as response:
            if response.status_code in (301, 302, 303, 307, 308):
                return url, response.headers.get("location", ""), None
            if response.status_code >= 400:
                raise FetchFailed(f"the server answered HTTP {response.status_code}").worded(
                    "fetch_status", status=f"HTTP {response.status_code}")
            declared = int(response.headers.get("content-length") or 0)
            if declared > max_bytes:
                raise _too_large(max_bytes)
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk  # decoded (gunzipped) bytes: a compression bomb stops here too
                if len(body) > max_bytes:
                    raise _too_large(max_bytes)
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("total deadline")
            content_type = response.headers.get("content-type", "")
    except httpx.TimeoutException as exc:
        raise FetchFailed("the page did not arrive in time",
                          hint="retry later").worded("fetch_timeout") from exc
    except httpx.HTTPError as exc:  # "check it" was the whole hint
        raise FetchFailed(f"fetching failed: {type(exc).__name__}",
                          hint="check the address, and that this computer is online"
                          ).worded("fetch_failed") from exc
    return url, "", Fetched(url, bytes(body), content_type)


def _too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"the page is larger than the {limit:,}-byte limit (RASHOMON_UPLOAD_LIMIT)"
    ).worded("fetch_too_large", limit=limit, setting="RASHOMON_UPLOAD_LIMIT")
