"""Text stage: Unicode/script normalization, scrape-debris removal, language ID, sentences."""

from rashomon.text.normalize import (
    clean_text,
    is_debris_line,
    match_key,
    match_text,
    normalize_chars,
)

__all__ = ["clean_text", "is_debris_line", "match_key", "match_text", "normalize_chars"]
