"""Errors with stable codes and a message that says what to do next.

Codes are grouped by stage (E1xx ingest, E2xx text, E3xx embed/cluster, E4xx extract,
E5xx compare, E6xx store, E7xx web/API, E9xx configuration) so a log line or an API
error body can be looked up in the README's error table.
"""

from __future__ import annotations


class RashomonError(Exception):
    """Base error: ``code`` is stable, ``message`` explains, ``hint`` says what to do."""

    code = "E000"
    http_status = 400

    def __init__(self, message: str, hint: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code:
            self.code = code

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "hint": self.hint}


class IngestError(RashomonError):
    """An input item could not be read as an article (E1xx)."""

    code = "E100"


class EmptyInput(IngestError):
    code = "E101"


class BinaryInput(IngestError):
    code = "E102"


class InputTooLarge(IngestError):
    code = "E103"


class MalformedInput(IngestError):
    code = "E104"


class UnsupportedFormat(IngestError):
    code = "E105"


class NotFound(RashomonError):
    """A story, article or entity id that does not exist (E6xx)."""

    code = "E601"
    http_status = 404


class StoryMerged(NotFound):
    """A story id that was merged into another story; ``into`` is where it went."""

    code = "E602"
    http_status = 301

    def __init__(self, story_id: int, into: int):
        super().__init__(
            f"story {story_id} was merged into story {into}",
            hint=f"open story {into} (`rashomon story {into}`)",
        )
        self.story_id, self.into = story_id, into


class StoreError(RashomonError):
    code = "E600"
    http_status = 500


class MissingExtra(RashomonError):
    """An optional backend was asked for but its extra is not installed (E9xx)."""

    code = "E901"
    http_status = 500

    def __init__(self, backend: str, extra: str):
        super().__init__(
            f"the {backend} backend needs packages that are not installed",
            hint=f"install them with: pip install 'rashomon[{extra}]'",
        )


class ConfigError(RashomonError):
    code = "E900"
    http_status = 500
