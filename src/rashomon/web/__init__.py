"""Web UI and REST API (FastAPI): ``create_app(engine_or_db_path)``."""

from rashomon.web.app import create_app

__all__ = ["create_app"]
