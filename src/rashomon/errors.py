"""Errors with stable codes and a message that says what to do next.

``CODES`` below is the one table of error codes: every code raised anywhere in ``src/`` is
listed there (``tests/test_cli_errors.py`` scans for them) and the README's error table is
checked against it (``tests/test_docs.py``). Codes are grouped by stage (E1xx ingest, E2xx
text, E3xx embed/cluster, E4xx extract, E5xx compare, E6xx store, E7xx web/API, E9xx
configuration and commands). A new code goes into ``CODES`` and the README table.
"""

from __future__ import annotations

import sqlite3

#: code -> what it means (the README's "Errors" table shows exactly these rows).
CODES: dict[str, str] = {
    "E000": "unexpected internal error (a bug): rerun with -v for the details and report it",
    "E100": "an input item could not be read (the reader failed on it)",
    "E101": "nothing to read: no paths given, an empty file, a page or record with no text",
    "E102": "binary input (an image, archive or document), not text",
    "E103": "input larger than RASHOMON_MAX_BYTES",
    "E104": "malformed input: a file that cannot be read, invalid JSON/HTML/feed/WARC",
    "E105": "unsupported file type",
    "E106": "compressed input expanding past its cap (RASHOMON_MAX_EXPANDED_BYTES/RECORD_BYTES)",
    "E107": "not a regular file (a FIFO, device or socket): skipped",
    "E200": "not news (junk verdict): the item is stored with its reason and joins no story",
    "E201": "junk: template code, not article text",
    "E202": "junk: a photo caption, not an article",
    "E203": "junk: too short to be an article",
    "E204": "junk: a front or navigation page",
    "E205": "junk: undecodable noise, not text",
    "E401": "fact extraction failed for one article (it is kept, without facts)",
    "E402": "article longer than RASHOMON_EXTRACT_MAX_CHARS (it is kept, without facts)",
    "E403": "fact extraction past RASHOMON_EXTRACT_SECONDS (the article is kept, without facts)",
    "E404": "a shipped NER model file does not read (a damaged install): reinstall, or "
            "rebuild it with make train-ner",
    "E600": "the database could not be opened or updated",
    "E601": "no story, article, entity or watchlist with that id",
    "E602": "the story was merged into another one (the error names it)",
    "E603": "the database file does not exist (read-only commands never create one)",
    "E604": "the file is not a Rashomon database",
    "E605": "the database file is corrupt",
    "E606": "the database is locked by another process",
    "E610": "the feature needs the SQLite store",
    "E700": "bad web/API request",
    "E701": "bad request: a parameter or body is invalid",
    "E702": "API token missing or wrong",
    "E703": "writes are off (no RASHOMON_API_TOKEN set)",
    "E704": "upload or body too large (RASHOMON_UPLOAD_LIMIT)",
    "E705": "address refused by the ingest page (private/loopback, or not http/https)",
    "E706": "fetching the address failed",
    "E707": "bad pagination cursor",
    "E708": "the story's comparison report is not available yet",
    "E711": "no such page",
    "E712": "method not allowed",
    "E799": "internal server error (details in the server log)",
    "E900": "bad setting value or unknown plugin name",
    "E901": "an optional extra that a command or setting needs is not installed",
    "E902": "the Dask scheduler cannot be reached",
    "E903": "bad command line: unknown command or option, or a value of the wrong kind",
    "E904": "`rashomon serve` cannot listen on the address (port taken, no such interface)",
    "E910": "the export cannot be produced as asked",
    "E911": "the output file cannot be written",
}


class RashomonError(Exception):
    """Base error: ``code`` is stable, ``message`` explains, ``hint`` says what to do."""

    code = "E000"
    http_status = 400
    #: The key of this message in the reader's word files (compare/reader/<lang>.json,
    #: ``errors.messages``) and its values, set by ``worded``: a web page writes the
    #: message in the reader's language; the API and the commands keep ``message``.
    reader_key: str | None = None
    reader_args: dict | None = None

    def __init__(self, message: str, hint: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code:
            self.code = code

    def worded(self, key: str, **args: object) -> RashomonError:
        """This error, its message written from the reader's words ``key`` with ``args``."""
        self.reader_key, self.reader_args = key, args
        return self

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    def line(self) -> str:
        """The one line a command prints: ``Exxx message — hint``."""
        return f"{self.code} {self.message}" + (f" — {self.hint}" if self.hint else "")

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


# -- E2xx: an item read fine but is not news (rashomon.ingest.quality). Stored with its
# reason, never placed in a story. --


class JunkItem(RashomonError):
    """An item that is not a news article: stored, listed, never clustered (E2xx)."""

    code = "E200"


class TemplateCode(JunkItem):
    code = "E201"


class CaptionOnly(JunkItem):
    code = "E202"


class TooShort(JunkItem):
    code = "E203"


class NavigationPage(JunkItem):
    code = "E204"


class NoiseText(JunkItem):
    code = "E205"


class ExtractionBudget(RashomonError):
    """An article past the extraction budget (E402 size, E403 time): it is stored and
    clustered without facts, and the rest of the input goes on."""

    code = "E402"
    http_status = 413


class ExpansionTooLarge(IngestError):
    """A compressed input (gzip, WARC record) expanding past its byte cap: a bomb."""

    code = "E106"
    http_status = 413


class NotARegularFile(IngestError):
    """A FIFO, device or socket named as input: reading it could block for ever."""

    code = "E107"


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


class DatabaseMissing(StoreError):
    """A read-only command named a database file that does not exist."""

    code = "E603"
    http_status = 404

    def __init__(self, path: str):
        super().__init__(
            f"no database at {path}",
            hint=f"check --db, or create it first: `rashomon ingest FILES --db {path}` "
                 f"(or `rashomon ingest --sample --db {path}`)",
        )


def store_error(exc: BaseException, location: str) -> StoreError | None:
    """The coded error for a database failure the store library raised, or None.

    SQLite says what is wrong only in its message text; these are its stable wordings.
    """
    if not isinstance(exc, sqlite3.Error):
        return None
    text = str(exc)
    if "file is not a database" in text:
        return StoreError(f"{location} is not a Rashomon database (SQLite: {text})",
                          hint="check --db / RASHOMON_DB: it must name a file written by "
                               "`rashomon ingest`", code="E604")
    if "malformed" in text or "corrupt" in text:
        return StoreError(f"the database {location} is corrupt (SQLite: {text})",
                          hint="restore it from a backup, or ingest the articles again into "
                               "a new file", code="E605")
    if "locked" in text or "busy" in text:
        return StoreError(f"the database {location} is locked (SQLite: {text})",
                          hint="another rashomon process is writing it; retry when it is done",
                          code="E606")
    return StoreError(f"database error in {location}: {text}",
                      hint="check --db / RASHOMON_DB and the file's permissions")


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


class WebError(RashomonError):
    """A bad web/API request (E7xx); ``http_status`` says which 4xx it becomes."""

    code = "E700"
    http_status = 400


class BadRequest(WebError):
    code = "E701"


class Unauthorized(WebError):
    code = "E702"
    http_status = 401


class Forbidden(WebError):
    code = "E703"
    http_status = 403


class PayloadTooLarge(WebError):
    code = "E704"
    http_status = 413


class FetchRefused(WebError):
    code = "E705"


class FetchFailed(WebError):
    code = "E706"
    http_status = 502


class BadCursor(WebError):
    code = "E707"
