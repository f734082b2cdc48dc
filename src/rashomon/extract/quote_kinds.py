"""Text in quotation marks that is not speech: names and titles (a film, a book, a song, a
newspaper, an app), slogans, names of operations and campaigns, scare quotes.

News puts quotation marks around many things besides what someone said. What tells them
apart is in the text around and inside the marks, the same way in every outlet of a
language:
- a name: the quoted text is one named entity ("der „Kronen Zeitung“", "«Bending Spoons»");
- a title or a named thing: a noun or naming word right before the marks ("the song “…”",
  "im Buch „…“", "la plataforma «…»", "so-called “…”") or, where the language puts it
  after, right after them ('"…" sloganıyla'); ``[quotes] title_nouns`` /
  ``title_nouns_after`` of ``rashomon/lang/<code>.toml``;
- a title in a language that capitalises every main word of a title (English,
  ``[quotes] title_case``): "I Won’t Back Down", "The Year In Review";
- scare quotes: one to three words with no speech verb or attribution in their sentence
  ("a “political earthquake”", "des « bêtes noires »"), and no first-person word
  (``[quotes] first_person``: "« Nous ferons appel »" is speech).
"""

from __future__ import annotations

import re
from functools import cache

from rashomon.core.facts import Mention
from rashomon.extract.lexicon import Lexicon

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# The most words a scare quote holds ("political earthquake", "très inquiètes", "Zaakceptuj
# i zamknij"); four-word pieces are mostly partial speech ("doesn't include an ignorant …")
_SCARE_WORDS = 3
# A title noun's inflection or case ending ("Buches", "sloganıyla" = slogan + ıyla)
_ENDING = 5
# How many words may stand between a title noun and the quotation mark ("the song “…”",
# "sein neuer Roman „…“": the noun is last; "a letter titled “…”": the naming word is)
_BEFORE_WORDS = 2


# Scripts written without spaces between words: a run of them is no one word; about two
# characters make a word of Chinese or Japanese news
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def _words(inner: str) -> int:
    """How many words ``inner`` holds, written with spaces or not."""
    unspaced = len(_UNSPACED.findall(inner))
    return len(_WORD.findall(_UNSPACED.sub(" ", inner))) + (unspaced + 1) // 2


@cache
def _speaking(language: str | None) -> re.Pattern | None:
    """First-person words of ``language`` (``[quotes] first_person``) as whole words: "we",
    "nous", "wir" in a short quote make it speech ("« Nous ferons appel »")."""
    words = Lexicon(language).words("quotes", "first_person") if language else ()
    if not words:
        return None
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{body})(?![^\W\d_])", re.IGNORECASE)


@cache
def _titles(language: str | None) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    lexicon = Lexicon(language) if language else None
    if not lexicon:
        return (), (), False
    return (tuple(w.casefold() for w in lexicon.words("quotes", "title_nouns")),
            tuple(w.casefold() for w in lexicon.words("quotes", "title_nouns_after")),
            lexicon.flag("quotes", "title_case"))


def _is_title_word(word: str, entries: tuple[str, ...]) -> bool:
    low = word.casefold()
    parts = {low, low.rsplit("-", 1)[-1]}
    return any(part.startswith(entry) and len(part) - len(entry) <= _ENDING
               for part in parts for entry in entries)


def _title_case(inner: str) -> bool:
    """Every word of four letters or more capitalised, two such words at least, and no
    closing stop: "I Won’t Back Down", "Links Open Externally" (not "We Will Win.")."""
    words = [w for w in _WORD.findall(inner) if len(w) >= 4]
    return len(words) >= 2 and all(w[0].isupper() for w in words) and \
        not inner.rstrip().endswith((".", "!", "?", ","))


def not_speech(text: str, start: int, end: int, names: list[Mention], attributed: bool,
               language: str | None) -> bool:
    """Whether the text in quotation marks at ``start..end`` (marks included) is a name, a
    title or scare quotes rather than speech. ``names``: the article's mentions lying
    inside the marks; ``attributed``: a speech verb or an attribution cue stands in the
    quote's sentence."""
    raw = text[start + 1:end - 1]
    inner = raw.strip(" ,.;:!?-–—'’\"")
    if not inner:
        return True
    # one named entity, nothing else ("„Kronen Zeitung“", "«Handelsblatts»")
    first = start + 1 + raw.find(inner)
    if any(m.start <= first and m.end >= first + len(inner) for m in names):
        return True
    before, after, title_case = _titles(language)
    head = text[max(0, start - 60):start]
    cut = max(head.rfind(mark) for mark in ".!?;:\n")  # "told the paper: “…”" is speech
    words = _WORD.findall(head[cut + 1:])[-_BEFORE_WORDS:]
    if before and any(_is_title_word(w, before) for w in words):
        return True
    if after:
        tail = _WORD.findall(text[end:end + 30])[:1]
        if tail and _is_title_word(tail[0], after):
            return True
    if title_case and _title_case(inner):
        return True
    if attributed or _words(inner) > _SCARE_WORDS:
        return False
    speaking = _speaking(language)
    return speaking is None or not speaking.search(inner)
