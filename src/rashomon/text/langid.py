"""Language identification behind a tiny interface, lingua by default (lazy-loaded)."""

from __future__ import annotations

import threading
from typing import Protocol

from rashomon.registry import register


class LanguageIdentifier(Protocol):
    """Returns an ISO 639-1 code (``"fa"``, ``"zh"``) and a confidence in [0, 1]."""

    name: str

    def detect(self, text: str) -> tuple[str | None, float]: ...


class LinguaIdentifier:
    """lingua-language-detector: 75 languages, models bundled in the package.

    Built lazily on first use so importing Rashomon or running commands that never read
    text costs nothing; lingua loads each language model on demand.
    """

    name = "lingua"

    def __init__(self) -> None:
        self._detector = None
        self._lock = threading.Lock()

    def _get(self):
        with self._lock:
            if self._detector is None:
                from lingua import LanguageDetectorBuilder

                self._detector = LanguageDetectorBuilder.from_all_languages().build()
        return self._detector

    def detect(self, text: str) -> tuple[str | None, float]:
        sample = text[:2000]
        if not sample.strip():
            return None, 0.0
        values = self._get().compute_language_confidence_values(sample)
        if not values:
            return None, 0.0
        best = values[0]
        return best.language.iso_code_639_1.name.lower(), float(best.value)


@register("langid", "lingua")
def _lingua() -> LanguageIdentifier:
    return LinguaIdentifier()
