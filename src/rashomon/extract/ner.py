"""Trained named-entity tagger: one linear-chain CRF (python-crfsuite) per language.

The models are trained at build time by ``tools/train_ner.py`` (``make train-ner``) from
``../shared/data/ner`` and shipped in ``extract/models/`` (see the model card there). This
module holds what training and tagging must share: the tokenizer, the token features and
the tag decoding, so a model never sees features computed differently from how it was
trained.

Cased and Arabic-script languages are tagged per word; Chinese and Japanese per character
(their training text mixes word-segmented and character-tokenized sources, so characters
are the one unit both share and the unit the runtime can produce without a segmenter).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rashomon.extract import tagger_lexicons

MODELS = Path(__file__).resolve().parent / "models"
#: Languages tagged per character rather than per word.
CHAR_LANGUAGES = {"zh", "ja"}
#: A language without its own model is tagged by its nearest trained neighbour (same script
#: and close vocabulary); languages absent here and without a model get no tagger.
FALLBACK = {"uk": "ru", "be": "ru", "bg": "ru", "it": "it", "ca": "es", "gl": "pt",
            "af": "nl", "lb": "de", "ur": "fa", "ps": "fa", "ku": "fa"}
LABELS = ("PER", "ORG", "LOC", "MISC")

# Words with inner hyphens, apostrophes and dots stay whole ("Альфа-Групп", "Газета.Ru",
# "O'Brien", "U.S."); any other non-space, non-word character is a token of its own.
_WORD = re.compile(r"(?:[^\W_](?:[\w\u064b-\u065f\u0670\u200c]|[-'’.](?=[^\W_]))*)|\S",
                   re.UNICODE)


@dataclass(frozen=True)
class Span:
    """One tagged name: character offsets, label and the model's marginal confidence."""

    start: int
    end: int
    label: str
    score: float


def tokenize(text: str, char_level: bool = False) -> list[tuple[int, int]]:
    """Token offsets: words and single punctuation marks, or every non-space character."""
    if char_level:
        out = []
        for match in _WORD.finditer(text):
            s, e = match.span()
            word = text[s:e]
            if _script(word[0]) in ("han", "kana"):
                out.extend((s + i, s + i + 1) for i in range(len(word)))
            else:
                out.append((s, e))
        return out
    return [m.span() for m in _WORD.finditer(text)]


@cache
def _script_of(ch: str) -> str:
    if ch.isdigit():
        return "digit"
    if not ch.isalpha():
        return "punct"
    name = unicodedata.name(ch, "")
    for script, prefix in (("latin", "LATIN"), ("cyr", "CYRILLIC"), ("arab", "ARABIC"),
                           ("kana", "HIRAGANA"), ("kana", "KATAKANA"), ("han", "CJK"),
                           ("greek", "GREEK"), ("hebrew", "HEBREW"), ("hangul", "HANGUL")):
        if name.startswith(prefix):
            return script
    return "other"


def _script(ch: str) -> str:
    return _script_of(ch)


@cache
def _shape(word: str) -> str:
    out = []
    for ch in word[:8]:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else \
            "a" if ch.isalpha() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@cache
def _word_features(word: str) -> tuple[str, ...]:
    low = word.lower()
    feats = ["w=" + low, "sh=" + _shape(word), "sc=" + _script(word[0]),
             "s2=" + low[-2:], "s3=" + low[-3:], "s4=" + low[-4:],
             "p2=" + low[:2], "p3=" + low[:3]]
    if word[0].isupper():
        feats.append("title" if word[1:].islower() or len(word) == 1 else "upper" if
                     word.isupper() else "mixed")
    if len(word) > 1 and "-" in word:
        feats.append("hyphen")
    cut = max(low.rfind("'"), low.rfind("’"))
    if cut > 0:  # a suffix after an apostrophe (Turkish "Jericho'nun") or an elided article
        feats += ("ap<" + low[:cut], "ap>" + low[cut + 1:])
    return tuple(feats)


@cache
def _places(language: str):
    from rashomon.extract.gazetteer import gazetteer, geonames

    return gazetteer(language), geonames()


# GeoNames cities at least this large mark a word as a known place name; smaller towns
# share too many names with people and common words to be evidence.
_GEO_FEATURE_POPULATION = 50_000


@cache
def _gazetteer_feature(word: str, language: str) -> str | None:
    """``gz=LOC``/``gz=ORG`` when the word alone is a CLDR/hand-listed name in the
    language, ``gz=geo`` for a GeoNames city; the model learns how far to trust it."""
    from rashomon.extract.lexicon import fold

    table, geo = _places(language)
    key = fold(word)
    if key in table:
        return "gz=" + table[key][1]
    entry = geo.get(key)
    if entry and entry[2] >= _GEO_FEATURE_POPULATION:
        return "gz=geo"
    return None


def _case(word: str) -> str:
    return "T" if word[0].isupper() else "l" if word[0].isalpha() else "o"


def word_features(words: list[str], language: str = "") -> list[list[str]]:
    """CRF features of each word: itself, shape, script, affixes, gazetteer membership, its
    frequency rank bucket and the other languages' tag of it (``tagger_lexicons``), and a
    ±2 window."""
    n = len(words)
    lows = [w.lower() for w in words]
    shapes = [_shape(w) for w in words]
    gz = [_gazetteer_feature(w, language) if language and w[0].isalpha() else None
          for w in words]
    ranks = tagger_lexicons.ranks(language) if language else {}
    fq = [tagger_lexicons.bucket(w, ranks) + _case(words[i]) for i, w in enumerate(lows)] \
        if ranks else None
    names = tagger_lexicons.names(language) if language else {}
    xn = [names.get(w) for w in words]
    out = []
    for i, word in enumerate(words):
        feats = list(_word_features(word))
        if fq:
            feats += ("fq=" + fq[i][0], "fqc=" + fq[i])
            if i:
                feats.append("-1fqc=" + fq[i - 1])
            if i < n - 1:
                feats.append("+1fqc=" + fq[i + 1])
        if xn[i]:
            feats.append("xn=" + xn[i])
        if i and xn[i - 1]:
            feats.append("-1xn=" + xn[i - 1])
        if i < n - 1 and xn[i + 1]:
            feats.append("+1xn=" + xn[i + 1])
        if gz[i]:
            feats.append(gz[i])
        if i and gz[i - 1]:
            feats.append("-1" + gz[i - 1])
        if i < n - 1 and gz[i + 1]:
            feats.append("+1" + gz[i + 1])
        if i == 0:
            feats.append("BOS")
        else:
            feats += ("-1w=" + lows[i - 1], "-1sh=" + shapes[i - 1],
                      "-1w+w=" + lows[i - 1] + "|" + lows[i])
            if i > 1:
                feats.append("-2w=" + lows[i - 2])
        if i == n - 1:
            feats.append("EOS")
        else:
            feats += ("+1w=" + lows[i + 1], "+1sh=" + shapes[i + 1])
            if i < n - 2:
                feats.append("+2w=" + lows[i + 2])
        out.append(feats)
    return out


def _lexicon_marks(chars: list[str], ranks: dict) -> list[list[str]]:
    """Per character: it begins (``lxB<len>``, with the word's frequency bucket ``lxBf``),
    ends (``lxE<len>``) or lies inside (``lxM``) a run of 2-6 characters that is a word of
    the language's frequency list, the segmenter the runtime otherwise lacks."""
    n = len(chars)
    marks: list[set[str]] = [set() for _ in range(n)]
    for i in range(n):
        if len(chars[i]) != 1:
            continue
        piece = chars[i]
        for k in range(2, 7):
            if i + k > n or len(chars[i + k - 1]) != 1:
                break
            piece += chars[i + k - 1]
            if piece not in ranks:
                continue
            size = str(min(k, 4))
            marks[i].update(("lxB" + size, "lxBf" + tagger_lexicons.bucket(piece, ranks)))
            marks[i + k - 1].add("lxE" + size)
            for j in range(i + 1, i + k - 1):
                marks[j].add("lxM")
    return [sorted(m) for m in marks]


def char_features(chars: list[str], language: str = "") -> list[list[str]]:
    """CRF features of each character (Chinese, Japanese): the character, its script,
    neighbouring characters and character bigrams in a ±2 window, and the words of the
    language's frequency list that begin, end or run through it."""
    n = len(chars)
    ranks = tagger_lexicons.ranks(language) if language else {}
    lex = _lexicon_marks(chars, ranks) if ranks else None
    pad = ["<s>", "<s>", *chars, "</s>", "</s>"]
    out = []
    for i in range(n):
        c = chars[i]
        j = i + 2
        feats = ["c=" + c, "sc=" + _script(c[0]), "-1c=" + pad[j - 1], "+1c=" + pad[j + 1],
                 "-2c=" + pad[j - 2], "+2c=" + pad[j + 2], "-1b=" + pad[j - 1] + c,
                 "+1b=" + c + pad[j + 1], "-2b=" + pad[j - 2] + pad[j - 1],
                 "+2b=" + pad[j + 1] + pad[j + 2], "psc=" + _script(pad[j - 1][0]) + "|" +
                 _script(c[0]) + "|" + _script(pad[j + 1][0])]
        if len(c) > 1:  # a Latin word or number inside CJK text
            feats.append("sh=" + _shape(c))
        if lex is not None:
            feats += lex[i]
            if i:
                feats += ["-1" + m for m in lex[i - 1] if m[2] == "E"]
            if i < n - 1:
                feats += ["+1" + m for m in lex[i + 1] if m[2] == "B" and m[3] != "f"]
        out.append(feats)
    return out


def features(tokens: list[str], language: str) -> list[list[str]]:
    if language in CHAR_LANGUAGES:
        return char_features(tokens, language)
    return word_features(tokens, language)


def decode(tags: list[str]) -> list[tuple[int, int, str]]:
    """IOB2 tags -> (first token, last token + 1, label); a stray I- opens a span."""
    spans = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != label):
            if start is not None:
                spans.append((start, i, label))
            start, label = (i, tag[2:]) if tag != "O" else (None, None)
    return spans


def model_language(language: str) -> str | None:
    lang = FALLBACK.get(language, language)
    return lang if (MODELS / f"ner-{lang}.crfsuite").exists() else None


class Tagger:
    """A loaded CRF for one language; ``spans(text)`` tags one text."""

    def __init__(self, language: str):
        import pycrfsuite

        self.language = language
        self.char_level = language in CHAR_LANGUAGES
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(MODELS / f"ner-{language}.crfsuite"))

    def spans(self, text: str) -> list[Span]:
        out: list[Span] = []
        for block in _blocks(text):
            base, chunk = block
            offsets = tokenize(chunk, self.char_level)
            if not offsets:
                continue
            words = [chunk[s:e] for s, e in offsets]
            tagger = self._tagger
            tags = tagger.tag(features(words, self.language))
            for first, last, label in decode(tags):
                score = min(tagger.marginal(tags[i], i) for i in range(first, last))
                out.append(Span(base + offsets[first][0], base + offsets[last - 1][1], label,
                                round(score, 3)))
        return out


# The models were trained on single sentences (BOS/EOS features, sentence-initial
# capitals), so text is tagged sentence by sentence: cut after . ! ? (and the CJK full
# stops) followed by a space or a line end; a run-on longer than _MAX_BLOCK characters is
# cut into pieces, which bounds the CRF's per-sequence memory on a pasted wall of text.
_MAX_BLOCK = 2000
_SENTENCE_CUT = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])|\n+")


def _blocks(text: str):
    position = 0
    for match in [*_SENTENCE_CUT.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[position:end]
        for k in range(0, len(piece), _MAX_BLOCK):
            yield position + k, piece[k:k + _MAX_BLOCK]
        if match:
            position = match.end()


@cache
def tagger(language: str) -> Tagger | None:
    """The loaded tagger for ``language`` (or its fallback), or None without a model."""
    lang = model_language(language)
    return Tagger(lang) if lang else None
