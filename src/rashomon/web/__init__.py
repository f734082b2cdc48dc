"""Web UI and REST API (FastAPI): ``create_app(engine_or_db_path)``.

``create_app`` is loaded on first use, so the data modules of this package
(``web.queries``, ``web.views``) import without FastAPI's application being built first.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from rashomon.web.app import create_app

        return create_app
    raise AttributeError(f"module 'rashomon.web' has no attribute {name!r}")
