"""Settings read from the environment, each documented in the README's settings table.

A test (``tests/test_docs.py``) checks that every setting here appears in the README, so
the docs cannot drift from the code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from rashomon.errors import ConfigError, MissingExtra

#: name -> (default, one-line description). The README table is checked against this.
SETTINGS: dict[str, tuple[str, str]] = {
    "RASHOMON_DB": ("rashomon.db", "SQLite file (or postgresql:// URL) of the store"),
    "RASHOMON_EMBEDDER": ("e5", "registered embedder name (see `rashomon plugins`)"),
    "RASHOMON_EMBED_THREADS": ("0", "threads of the e5 embedder; 0 = its default (all cores)"),
    "RASHOMON_LANGID": ("fasttext", "registered language identifier name"),
    "RASHOMON_MAX_BYTES": ("20000000", "largest input file accepted, in bytes"),
    "RASHOMON_API_TOKEN": ("", "bearer token required for write API calls; empty = writes off"),
    "RASHOMON_READ_TOKEN": ("", "if set, read API calls need this bearer token too"),
    "RASHOMON_ALLOW_PRIVATE_URLS": ("0", "1 lets the ingest page fetch loopback/private addresses"),
    "RASHOMON_UPLOAD_LIMIT": ("10000000", "largest upload accepted by the web ingest, in bytes"),
    "RASHOMON_WEB_WARM": ("1", "1 = `serve` builds entity indexes and reports in the background"),
    "RASHOMON_NATASHA": (
        "0", "1 = Russian entities also via natasha's NER (better, ~100 ms/article)"
    ),
    # -- ingest speed (issue 15, owner "scale") --
    "RASHOMON_CASCADE": (
        "1", "1 = an article clearly reporting the event of a held one borrows its vector "
             "(cluster/cascade.py); 0 = every distinct article's lead is embedded"
    ),
    "RASHOMON_CLAIM_VECTORS": (
        "0", "1 = ingest embeds the claim sentences and names of the articles of every story "
             "with two articles or more, for the comparison; 0 = the story's first reader "
             "(its report, its entities, the web's warm-up) embeds them; stored either way"
    ),
    "RASHOMON_LOG_LEVEL": ("WARNING", "logging level: DEBUG, INFO, WARNING, ERROR"),
    # -- reader's view (issue 14, owner "readable") --
    "RASHOMON_READER_LANGUAGE": (
        "en", "language of glosses, headings and names in reports (pages/API: ?lang=)"
    ),
    # -- limits against hostile or careless input (issue 12) --
    "RASHOMON_EXTRACT_MAX_CHARS": (
        "4000000", "longest article text analysed for facts; longer ones get error E402"
    ),
    "RASHOMON_EXTRACT_SECONDS": (
        "60", "time budget of one article's fact extraction; past it error E403"
    ),
    "RASHOMON_MAX_RECORD_BYTES": (
        "20000000", "largest decompressed WARC record read; larger ones get error E106"
    ),
    "RASHOMON_MAX_EXPANDED_BYTES": (
        "500000000", "most bytes one compressed file may expand to; past it error E106"
    ),
    "RASHOMON_ALLOWED_HOSTS": (
        "", "Host names the web server answers to; empty = the bound address and localhost"
    ),
    "RASHOMON_PARSE_SECONDS": ("60", "time cap of parsing one web upload (worker process)"),
    "RASHOMON_PARSE_MEMORY_MB": ("1500", "memory cap of the web upload parser process, MB"),
    "RASHOMON_FETCH_SECONDS": ("20", "total time cap of one URL fetch of the ingest page"),
    "RASHOMON_FETCH_CONCURRENCY": ("4", "URL fetches of the ingest page running at once"),
}


#: What a setting's value must look like; a value that does not fit is refused with E900
#: (never read as something else: "abc" bytes, WEB_WARM=yes silently meaning off).
_WHOLE_NUMBERS = {"RASHOMON_MAX_BYTES", "RASHOMON_UPLOAD_LIMIT", "RASHOMON_EMBED_THREADS"}
_FLAGS = {"RASHOMON_ALLOW_PRIVATE_URLS", "RASHOMON_WEB_WARM", "RASHOMON_NATASHA",
          "RASHOMON_CASCADE", "RASHOMON_CLAIM_VECTORS"}
_CHOICES = {"RASHOMON_LOG_LEVEL": ("DEBUG", "INFO", "WARNING", "ERROR")}


def setting(name: str) -> str:
    """The value of one documented setting, from the environment or its default;
    a value of the wrong form raises ``ConfigError`` (E900) naming the setting."""
    default, _ = SETTINGS[name]
    value = os.environ.get(name, default)
    if name in _WHOLE_NUMBERS and not value.strip().isdecimal():
        _refuse(name, value, "a whole number", default)
    elif name in _FLAGS and value not in ("0", "1"):
        _refuse(name, value, "0 or 1", default)
    elif name in _CHOICES and value.upper() not in _CHOICES[name]:
        _refuse(name, value, "one of " + ", ".join(_CHOICES[name]), default)
    return value.upper() if name in _CHOICES else value


def int_setting(name: str) -> int:
    """A whole-number setting as an int."""
    return int(setting(name).strip())


def check_settings() -> None:
    """Raise E900 for the first setting in the environment whose value does not fit, and
    E901 when a setting asks for an optional package that is not installed."""
    for name in SETTINGS:
        setting(name)
    if setting("RASHOMON_NATASHA") == "1":
        try:
            import natasha  # noqa: F401
        except ImportError:
            raise MissingExtra("natasha Russian NER (RASHOMON_NATASHA=1)", "russian") from None


def _refuse(name: str, value: str, expected: str, default: str) -> None:
    raise ConfigError(
        f"{name}={value!r} is not valid: it must be {expected}",
        hint=f"fix or unset it (the default is {default or 'empty'})",
    )


@dataclass
class Config:
    """A snapshot of the settings, passed to stages so tests can vary them explicitly."""

    db: str = field(default_factory=lambda: setting("RASHOMON_DB"))
    embedder: str = field(default_factory=lambda: setting("RASHOMON_EMBEDDER"))
    langid: str = field(default_factory=lambda: setting("RASHOMON_LANGID"))
    max_bytes: int = field(default_factory=lambda: int_setting("RASHOMON_MAX_BYTES"))
    api_token: str = field(default_factory=lambda: setting("RASHOMON_API_TOKEN"))
    read_token: str = field(default_factory=lambda: setting("RASHOMON_READ_TOKEN"))
    allow_private_urls: bool = field(
        default_factory=lambda: setting("RASHOMON_ALLOW_PRIVATE_URLS") == "1"
    )
    upload_limit: int = field(default_factory=lambda: int_setting("RASHOMON_UPLOAD_LIMIT"))
    web_warm: bool = field(default_factory=lambda: setting("RASHOMON_WEB_WARM") == "1")
    cascade: bool = field(default_factory=lambda: setting("RASHOMON_CASCADE") == "1")
    claim_vectors: bool = field(default_factory=lambda: setting("RASHOMON_CLAIM_VECTORS") == "1")
    reader_language: str = field(default_factory=lambda: setting("RASHOMON_READER_LANGUAGE"))
