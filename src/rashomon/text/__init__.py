"""Text stage: Unicode/script normalization, scrape-debris removal, language ID, sentences."""

from rashomon.text.normalize import clean_text, normalize_chars

__all__ = ["clean_text", "normalize_chars"]
