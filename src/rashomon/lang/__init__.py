"""Per-language data, one TOML file per language (``<code>.toml`` beside this module),
read through ``Lexicon(language)``: the words and properties every stage needs from a
language (speech verbs, sentence openers, case endings, relative-date words, page
furniture, whether the script has capitals, which NER model tags it). Adding a language
is adding a file; a language without one degrades to "no cue", never to an error.

The sections of a file and who reads them: ``[language]`` (properties), ``[quotes]`` and
``[entities]`` (extract/quotes.py, extract/entities.py), ``[institutions]``
(extract/institutions.py), ``[names]`` (extract/lookup.py),
``[rules]`` (the fallback typer, extract/rule_words.py), ``[quantities]``
(extract/quantity_words.py, extract/quantities.py), ``[dates]`` (extract/dates.py,
extract/relative_dates.py), ``[text]`` (text/normalize.py, text/sentences.py).
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

#: The directory of the data files (this package's own directory).
LANG_DIR = Path(__file__).resolve().parent


class Lexicon:
    """The data-file words of one language: ``Lexicon("fr").words("quotes",
    "speech_verbs")``. A language without a file, or a file without the list, gives an
    empty tuple, so extractors degrade to "no cue" rather than fail."""

    def __init__(self, language: str | None):
        self.language = (language or "").split("-")[0].lower()
        self._data = _lang_data(self.language)

    def words(self, section: str, name: str) -> tuple[str, ...]:
        value = self._data.get(section, {}).get(name, ())
        return tuple(str(v) for v in value)

    def words_of(self, section: str, table: str, name: str) -> tuple[str, ...]:
        """A word list inside a sub-table (``[section.table] name = [...]``)."""
        value = self.table(section, table).get(name, ())
        return tuple(str(v) for v in value)

    def flag(self, section: str, name: str) -> bool:
        """A true/false property of the language (``[section] name = true``)."""
        return self._data.get(section, {}).get(name) is True

    def table(self, section: str, name: str) -> dict:
        """A mapping of the data file (``[section.name]``), empty when absent."""
        value = self._data.get(section, {}).get(name, {})
        return dict(value) if isinstance(value, dict) else {}

    def value(self, section: str, name: str, default=None):
        """One scalar property (``[language] cased = false``), ``default`` when absent."""
        return self._data.get(section, {}).get(name, default)

    def __bool__(self) -> bool:
        return bool(self._data)


@lru_cache(maxsize=128)  # bounded: the language code comes from article metadata
def _lang_data(language: str) -> dict:
    import tomllib

    if not is_code(language):
        return {}  # a hostile or garbled code never reaches the file system
    path = LANG_DIR / f"{language}.toml"
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def is_code(language: str | None) -> bool:
    """A language code a data or model file can be named by: 2-3 ASCII lowercase letters
    (ISO 639-1/-3). Codes come from article metadata, so anything else (a 10,000-letter
    string, a path) is no language we have data for."""
    return bool(language) and 2 <= len(language) <= 3 and language.isascii() and \
        language.isalpha() and language.islower()


def lexicon_languages() -> list[str]:
    """Languages that have a data file."""
    return sorted(p.stem for p in LANG_DIR.glob("*.toml"))


@cache
def all_words(section: str, name: str) -> frozenset[str]:
    """One word list of every language's data file, joined: cues read whatever the
    article's language (a sentence-opening "Volgens" in a Dutch quote of an English text)."""
    words: set[str] = set()
    for lang in lexicon_languages():
        words.update(Lexicon(lang).words(section, name))
    return frozenset(words)


@lru_cache(maxsize=128)  # bounded: the language code comes from article metadata
def default_script(language: str | None) -> str | None:
    """The script a language is written in by default, from CLDR's likely subtags
    (``ru`` -> ``Cyrl``, ``fa`` -> ``Arab``, ``sr`` -> ``Cyrl``, ``az`` -> ``Latn``); None
    when CLDR does not know the code."""
    from babel.core import get_global

    code = (language or "").split("-")[0].split("_")[0].lower()
    likely = get_global("likely_subtags").get(code) if code.isalpha() else None
    parts = likely.split("_") if likely else []
    return parts[1] if len(parts) > 1 and len(parts[1]) == 4 else None


def alternation(section: str, name: str, *, escape: bool = False, transform=None) -> str:
    """One ``[section] name`` list of every language's file as a regular-expression
    alternation: each word ``transform``-ed (e.g. folded, to match folded text), escaped
    when the lists hold words rather than patterns, longest first (so a phrase wins over
    its first word); a pattern that never matches when no file has the list."""
    import re

    words = {transform(w) if transform else w for w in all_words(section, name)}
    if escape:
        words = {re.escape(w) for w in words}
    return "|".join(sorted(words, key=lambda w: (-len(w), w))) or "(?!)"
