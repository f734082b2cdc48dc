"""``rashomon serve``: the web UI and JSON API on one address."""

from __future__ import annotations

import argparse
import errno
import socket

from rashomon.cli.output import shown_db
from rashomon.config import Config
from rashomon.errors import RashomonError


def register(sub: argparse._SubParsersAction) -> None:
    from rashomon.cli import add_db_option

    p = sub.add_parser(
        "serve",
        help="serve the web UI and JSON API (http://127.0.0.1:8000 by default)",
        description=(
            "Serve the stories, story comparisons, articles, entities, watchlists and the "
            "ingest page, plus the JSON API under /api (OpenAPI at /openapi.json). Reads are "
            "open unless RASHOMON_READ_TOKEN is set; API writes need RASHOMON_API_TOKEN. On a "
            "loopback address with no token set, the ingest and watchlist forms work for the "
            "local user."
        ),
    )
    add_db_option(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from rashomon.cli import check_existing_database
    from rashomon.pipeline import Engine
    from rashomon.store import open_store
    from rashomon.web import create_app

    config = Config(db=args.db)
    # a database that does not exist is refused (E603), not created empty: a mistyped
    # --db would otherwise serve an empty site
    check_existing_database(args.db)
    engine = Engine(open_store(args.db, create=False), config=config)
    _check_address(args.host, args.port)
    app = create_app(engine, config=config, host=args.host, warm=config.web_warm)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Rashomon is serving {shown_db(args.db)} at http://{shown}:{args.port}/  "
          f"(Ctrl+C to stop)", flush=True)
    from rashomon.web.upload import shutting_down

    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame) -> None:
            shutting_down()  # an upload parse under way stops now (its worker is killed)
            super().handle_exit(sig, frame)

    # SIGTERM: parses under way stop at once (tests/test_hostile_web.py), other in-flight
    # requests get 10 s, then the server exits (uploads are parsed in a worker process, so
    # the event loop is free to hear the signal)
    Server(uvicorn.Config(app, host=args.host, port=args.port, log_level="warning",
                          timeout_graceful_shutdown=10)).run()
    return 0


def _port(text: str) -> int:
    """A TCP port number; 70000 reached uvicorn, which printed a traceback (E000)."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid port {text!r}: give a number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is out of range: give 0-65535")
    return port


def _check_address(host: str, port: int) -> None:
    """Refuse an address that cannot be listened on (port taken, no such interface) with
    one coded line, before loading anything; uvicorn would only log it and exit 3."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        taken = exc.errno in (errno.EADDRINUSE, errno.EACCES)
        raise RashomonError(
            f"cannot serve on {host}:{port}: {exc.strerror or exc}",
            hint="choose another --port (or stop what is using this one)" if taken else
            "check --host: an address of this machine, e.g. 127.0.0.1 or 0.0.0.0",
            code="E904",
        ) from exc
