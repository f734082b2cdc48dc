"""Writing direction of a language, from CLDR (Babel's ``character_order``): the one place
the web pages and the exported report ask whether a text runs right to left."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError


# bounded: the code comes from article metadata, which a feed or a JSONL line can set
@lru_cache(maxsize=512)
def direction(language: str | None) -> str:
    """HTML ``dir`` value for text in ``language``: ``rtl`` when CLDR says the language is
    written right to left (Arabic, Persian, Hebrew, Urdu, Pashto, Yiddish, Sorani, ...),
    else ``auto`` (the browser decides from the text, which also covers unknown codes)."""
    code = (language or "").split("-")[0].split("_")[0].lower()
    if not code:
        return "auto"
    try:
        order = Locale.parse(code).character_order
    except (UnknownLocaleError, ValueError):
        return "auto"
    return "rtl" if order == "right-to-left" else "auto"
