"""Trained named-entity tagger: one linear-chain CRF per language (trained with
python-crfsuite, tagged on its weights as arrays, ``crf_model.py``).

The models are trained at build time by ``tools/train_ner.py`` (``make train-ner``) from
``../shared/data/ner`` and shipped in ``extract/models/`` (see the model card there). This
module holds the token features training and tagging must share, so a model never sees
features computed differently from how it was trained, and the loaded CRF tagger; the
tokenizer and the tag decoding every tagger shares are in ``ner_tokens.py``.

Cased and Arabic-script languages are tagged per word; Chinese and Japanese per character
(their training text mixes word-segmented and character-tokenized sources, so characters
are the one unit both share and the unit the runtime can produce without a segmenter).
"""

from __future__ import annotations

import bisect
import itertools
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from rashomon.extract import (
    char_words,
    crf_model,
    memo,
    tagger_clusters,
    tagger_lattice,
    tagger_lexicons,
)
from rashomon.extract.lexicon import Lexicon
from rashomon.extract.ner_tokens import (
    Span,
    _blocks,  # noqa: F401 (tagger_nn imports it from here)
    _script,
    _sentences,
    _shape,
    decode,  # noqa: F401 (tagger_nn and the trainers import it from here)
    tokenize,  # noqa: F401 (tagger_nn and the trainers import it from here)
)
from rashomon.lang import is_code

MODELS = Path(__file__).resolve().parent / "models"


def model_path(language: str) -> Path:
    """The packed CRF of ``language`` (``crf_model.load``), shipped or not."""
    return MODELS / f"ner-{language}.crf.npz"

#: Languages tagged per character rather than per word.
CHAR_LANGUAGES = {"zh", "ja"}
#: A language without its own model is tagged by its nearest trained neighbour (same script
#: and close vocabulary); languages absent here and without a model get no tagger.
LABELS = ("PER", "ORG", "LOC", "MISC")


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


# Features are computed per distinct word (character, character pair) and assembled per
# position. The tagger path (``keep`` = the attributes the loaded model has weights for,
# ``crf_model.py``) stores only those, UTF-8 encoded: an attribute the model does not
# know weighs nothing in crfsuite, so the tags and marginals are exactly those of the full
# feature lists, without the cost of passing and looking up the rest. Training and tests
# call the functions without ``keep`` and get every feature as a string.
Strings = tuple  # of str, or of UTF-8 bytes on the tagger path


def _kept(strings, keep) -> Strings:
    if keep is None:
        return tuple(strings)
    return tuple(s.encode() for s in strings if s in keep)


class _WordParts(NamedTuple):
    """The feature strings one word contributes, to itself and to its neighbours' windows,
    computed once per distinct word (``word_features`` only assembles them per position).
    A new word feature is added in ``_word_parts`` (once per word) and, if it looks at
    neighbours, placed in the window by ``word_features``."""

    own: Strings  # word, shape, script, affixes, case, hyphen, apostrophe, fq, fqc
    low: str
    as_prev: Strings  # "-1w=", "-1sh=" as the word before
    as_next: Strings  # "+1w=", "+1sh=" as the word after
    as_prev2: Strings  # "-2w=" two before
    as_next2: Strings  # "+2w=" two after
    fqc: tuple[Strings, Strings]  # "-1fqc=", "+1fqc=" (empty: no frequency list)
    xn: tuple[Strings, Strings, Strings]  # own, as -1, as +1
    gz: tuple[Strings, Strings, Strings]  # own, as -1, as +1 (gazetteer, name dictionary)


#: Languages whose models were trained with the wider window (``_wide``, ``_stem_gazetteer``);
#: a model is only ever given the features it was trained on. Chosen per language by the
#: model card's rule (dev cased F1 up, ``bench/heldout`` entities not down): German dev
#: cased 0.660 -> 0.672, held-out German 0.811 -> 0.825 (2026-12-03).
WIDE_LANGUAGES = frozenset({"de"})


def _wide(word: str, low: str, shape: str, prev, nxt, prev2, nxt2):
    """The wider window: what a word tells its neighbours beyond its identity and shape:
    its ending (the word before ending in a case suffix or "-s" genitive closes a name:
    Turkish "Kaliforniya'daki Van Nuys'ta", German "Innsbrucks Bürgermeister"), its
    capitalisation, and the shape of the words two away."""
    ends = ("-1s3=" + low[-3:],)
    cut = max(low.rfind("'"), low.rfind("’"))
    if cut > 0:
        ends += ("-1ap>" + low[cut + 1:],)
    case = _case(word)
    return (*prev, *ends, "-1c=" + case), (*nxt, "+1s3=" + low[-3:], "+1c=" + case), \
        (*prev2, "-2sh=" + shape), (*nxt2, "+2sh=" + shape)


#: Languages whose models were trained with the name classes of a morphological dictionary
#: (``tagger_lexicons.morph_marks``, table ``models/morph-<lang>.tsv.gz``). Russian: its
#: training set (16k sentences, mostly Wikipedia, names given in full) had seen few bare
#: surnames and fewer of their inflections, so "Петров и Иванов заявили" lost both names;
#: see the model card for the figures. German: every noun is capitalised, so a common
#: noun's form ("Tag", "Richtung") against a surname the training text never showed.
MORPH_LANGUAGES = frozenset({"ru", "de"})


def _stem_gazetteer(word: str, language: str) -> str | None:
    """``gzs=<kind>`` when the word is a gazetteer name once an inflection is taken off:
    a suffix after an apostrophe (Turkish "İtalya'nın"), an elided article before one
    (French "d'Allemagne"), or a final genitive "s" (German "Innsbrucks", Dutch
    "Nederlands"); the model learns how far to trust it apart from ``gz=``."""
    cut = max(word.rfind("'"), word.rfind("’"))
    stems = [word[:cut], word[cut + 1:]] if cut > 0 else []
    if word.endswith("s") and len(word) > 4:
        stems.append(word[:-1])
    for stem in stems:
        if len(stem) > 1 and stem[0].isupper():
            found = _gazetteer_feature(stem, language)
            if found:
                return "gzs=" + found[3:]
    return None


def _word_parts(word: str, language: str, keep, table: dict) -> _WordParts:
    low = word.lower()
    shape = _shape(word)
    own = _word_features(word)
    fqc: tuple = ((), ())
    ranks = tagger_lexicons.ranks(language) if language else {}
    if ranks:
        fq = tagger_lexicons.bucket(low, ranks) + _case(word)
        own += ("fq=" + fq[0], "fqc=" + fq)
        fqc = (("-1fqc=" + fq,), ("+1fqc=" + fq,))
    name = tagger_lexicons.names(language).get(word) if language else None
    xn = (("xn=" + name,), ("-1xn=" + name,), ("+1xn=" + name,)) if name else ((), (), ())
    gz = _gazetteer_feature(word, language) if language and word[0].isalpha() else None
    gzs = ((gz,), ("-1" + gz,), ("+1" + gz,)) if gz else ((), (), ())
    if language in WIDE_LANGUAGES and gz is None and word[0].isalpha():
        stem = _stem_gazetteer(word, language)
        if stem:
            gzs = ((stem,), ("-1" + stem,), ("+1" + stem,))
    if language in MORPH_LANGUAGES and word[0].isalpha():
        marks = tagger_lexicons.morph_marks(word, language)
        gzs = tuple((*g, *m) for g, m in zip(gzs, marks, strict=True))
    prev, nxt, prev2, nxt2 = ("-1w=" + low, "-1sh=" + shape), ("+1w=" + low, "+1sh=" + shape), \
        ("-2w=" + low,), ("+2w=" + low,)
    if language in MORPH_LANGUAGES and gzs[0]:  # a name two words away ("Петров и Иванов")
        prev2 += tuple("-2" + m for m in gzs[0] if m.startswith("mo="))
        nxt2 += tuple("+2" + m for m in gzs[0] if m.startswith("mo="))
    if language in WIDE_LANGUAGES:
        prev, nxt, prev2, nxt2 = _wide(word, low, shape, prev, nxt, prev2, nxt2)
    parts = _WordParts(_kept(own, keep), low, _kept(prev, keep), _kept(nxt, keep),
                       _kept(prev2, keep), _kept(nxt2, keep),
                       tuple(_kept(f, keep) for f in fqc), tuple(_kept(f, keep) for f in xn),
                       tuple(_kept(f, keep) for f in gzs))
    table[word] = parts
    return parts


_NO_WORD = _WordParts((), "", (), (), (), (), ((), ()), ((), (), ()), ((), (), ()))


def word_features(words: list[str], language: str = "", keep=None) -> list[list]:
    """CRF features of each word: itself, shape, script, affixes, gazetteer membership, its
    frequency rank bucket and the other languages' tag of it (``tagger_lexicons``), and a
    ±2 window. ``keep``: see the note above ``_kept``."""
    n = len(words)
    table = memo.table("w", language, keep is not None)
    parts = [table.get(w) or _word_parts(w, language, keep, table) for w in words]
    bos, eos = _kept(("BOS",), keep), _kept(("EOS",), keep)
    out = []
    for i in range(n):
        me = parts[i]
        prev = parts[i - 1] if i else _NO_WORD
        nxt = parts[i + 1] if i < n - 1 else _NO_WORD
        feats = [*me.own, *prev.fqc[0], *nxt.fqc[1], *me.xn[0], *prev.xn[1], *nxt.xn[2],
                 *me.gz[0], *prev.gz[1], *nxt.gz[2]]
        if i == 0:
            feats += bos
        else:
            feats += prev.as_prev
            pair = "-1w+w=" + prev.low + "|" + me.low
            if keep is None:
                feats.append(pair)
            elif pair in keep:
                feats.append(pair.encode())
            if i > 1:
                feats += parts[i - 2].as_prev2
        if i == n - 1:
            feats += eos
        else:
            feats += nxt.as_next
            if i < n - 2:
                feats += parts[i + 2].as_next2
        out.append(feats)
    return out


def _lexicon_marks(chars: list[str], ranks: dict, prefixes=None) -> list[list[str]]:
    """Per character: it begins (``lxB<len>``, with the word's frequency bucket ``lxBf``),
    ends (``lxE<len>``) or lies inside (``lxM``) a run of 2-6 characters that is a word of
    the language's frequency list, the segmenter the runtime otherwise lacks.
    ``prefixes`` (optional, the same marks faster): every start of 2 or more characters
    of the list's words of 2-6; a run that starts no word ends the search there."""
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
            if prefixes is not None and piece not in prefixes:
                break
            if piece not in ranks:
                continue
            size = str(min(k, 4))
            marks[i].update(("lxB" + size, "lxBf" + tagger_lexicons.bucket(piece, ranks)))
            marks[i + k - 1].add("lxE" + size)
            for j in range(i + 1, i + k - 1):
                marks[j].add("lxM")
    return [sorted(m) for m in marks]


class _CharParts(NamedTuple):
    """The feature strings of one character (or Latin word inside CJK text), to itself and
    to its neighbours' windows, computed once per distinct token."""

    own: Strings  # "c=", "sc="
    script: str
    as_prev: Strings  # "-1c=" as the character before
    as_next: Strings  # "+1c="
    as_prev2: Strings  # "-2c="
    as_next2: Strings  # "+2c="
    shape: Strings  # "sh=" of a multi-character token


def _char_parts(c: str, keep, table: dict) -> _CharParts:
    script = _script(c[0])
    parts = table[c] = _CharParts(
        _kept(("c=" + c, "sc=" + script), keep), script, _kept(("-1c=" + c,), keep),
        _kept(("+1c=" + c,), keep), _kept(("-2c=" + c,), keep), _kept(("+2c=" + c,), keep),
        _kept(("sh=" + _shape(c),), keep) if len(c) > 1 else ())
    return parts


def _pair(pair: str, keep, table: dict) -> tuple[Strings, Strings, Strings, Strings]:
    """A character pair's four window strings ("-1b=", "+1b=", "-2b=", "+2b="); they
    depend only on the two characters written one after the other."""
    out = table[pair] = tuple(_kept((side + pair,), keep)
                              for side in ("-1b=", "+1b=", "-2b=", "+2b="))
    return out


def char_features(chars: list[str], language: str = "", keep=None) -> list[list]:
    """CRF features of each character (Chinese, Japanese): the character, its script,
    neighbouring characters and character bigrams in a ±2 window, the words of the
    language's frequency list that begin, end or run through it, (Japanese) its dictionary's
    words and their classes (``char_words``), and (Chinese) the dictionary words' lattice
    marks (``tagger_lattice``). ``keep``: see the note above ``_kept``."""
    n = len(chars)
    ranks = tagger_lexicons.ranks(language) if language else {}
    lex = _lexicon_marks(chars, ranks) if ranks else None
    words = char_words.marks(chars, language) if language in char_words.LANGUAGES else None
    lattice = tagger_lattice.marks(chars, language) if language in tagger_lattice.LANGUAGES \
        else None
    pad = ["<s>", "<s>", *chars, "</s>", "</s>"]
    filtered = keep is not None
    chars_table = memo.table("c", language, filtered)  # filtered: by that language's model
    pairs_table, triples = memo.table("b", language, filtered), memo.table("t", language, filtered)
    cp = [chars_table.get(c) or _char_parts(c, keep, chars_table) for c in pad]
    pairs = [pairs_table.get(p) or _pair(p, keep, pairs_table)
             for p in [pad[m] + pad[m + 1] for m in range(n + 3)]]  # pad[m], pad[m + 1]
    out = []
    for i in range(n):
        j = i + 2
        me, before, after = cp[j], cp[j - 1], cp[j + 1]
        triple = (before.script, me.script, after.script)
        psc = triples.get(triple)
        if psc is None:
            psc = triples[triple] = _kept(("psc=" + "|".join(triple),), keep)
        feats = [*me.own, *before.as_prev, *after.as_next, *cp[j - 2].as_prev2,
                 *cp[j + 2].as_next2, *pairs[j - 1][0], *pairs[j][1], *pairs[j - 2][2],
                 *pairs[j + 1][3], *psc, *me.shape]
        if lex is not None:
            marks = lex[i]
            if i:
                marks = [*marks, *("-1" + m for m in lex[i - 1] if m[2] == "E")]
            if i < n - 1:
                marks = [*marks, *("+1" + m for m in lex[i + 1] if m[2] == "B" and m[3] != "f")]
            feats += _kept(marks, keep)
        if words is not None and words[i]:
            feats += _kept(words[i], keep)
        if lattice is not None:
            feats += _kept(lattice[i], keep)
        out.append(feats)
    return out


def features(tokens: list[str], language: str, keep=None) -> list[list]:
    """The CRF features of a token sequence (see ``word_features``, ``char_features``)."""
    if language in CHAR_LANGUAGES:
        out = char_features(tokens, language, keep)
    else:
        out = word_features(tokens, language, keep)
    if language in tagger_clusters.LANGUAGES:  # subword-embedding clusters (ner3)
        tagger_clusters.extend(out, tokens, language, language in CHAR_LANGUAGES, keep)
    return out


@lru_cache(maxsize=256)  # bounded: codes come from article metadata
def model_language(language: str) -> str | None:
    """The language whose trained model tags ``language``: its own, or the related one its
    data file names (``[language] ner_model``: Ukrainian -> Russian, Catalan -> Spanish).
    Remembered per code, as ``tagger`` remembers the model it loads: an article asks 17
    times (extraction and the signals' title pass; first 300 distinct SemEval texts), 8 us
    each (a file-system check of the model file, a data-file look-up) on the 2-core Xeon VM."""
    lang = str(Lexicon(language).value("language", "ner_model", language))
    return lang if is_code(lang) and model_path(lang).exists() else None


#: The longest text whose spans a ``Tagger`` remembers: the rest of a name (1-5 words) fits
#: many times over, an article body does not, so the memo holds names, not articles.
SHORT_TEXT = 48


class Tagger:
    """A loaded CRF for one language; ``spans(text)`` tags one text, ``tag(sentences)``
    token sequences. ``path``: another packed model file than the shipped one."""

    def __init__(self, language: str, path: Path | None = None):
        self.language = language
        self.char_level = language in CHAR_LANGUAGES
        #: the model's weights as arrays (``crf_model.py``); a file that does not read
        #: raises ``crf_model.ModelFileError`` (E404)
        self.model = crf_model.load(path or model_path(language))
        #: the attributes the model has weights for (the rest weigh nothing): a view of the
        #: model's own table, not a copy (a frozenset copy took 33 MB of RSS for the 14
        #: shipped models' 839,027 attributes)
        self.known = self.model.attributes.keys()

    def spans(self, text: str) -> list[Span]:
        """The names the model tags in ``text``, sentence by sentence (``_blocks``): every
        sentence's label scores summed per distinct word (``ner_states``), Viterbi and
        marginals over all sentences at once (``crf_model.tag``).

        A short text's answer is remembered per model (it depends on the text only): tagging
        a few words costs a fixed ~0.2 ms of numpy set-up, and a long article asks the same
        few words again and again (the rest of each acronym-led name is retagged alone: the
        2 MB Chinese article of ``bench_large_article`` asks 6,149 times, 12.4 s of CPU
        without the memo, 7.2 s with it)."""
        if len(text) > SHORT_TEXT:
            return self._spans(text)
        table = memo.table("spans", self)
        found = table.get(text)
        if found is None:
            found = table[text] = tuple(self._spans(text))
        return list(found)

    def _spans(self, text: str) -> list[Span]:
        pieces, words, lengths = _sentences(text, self.char_level)
        if not lengths:
            return []
        labels, marginals = self._read(words, lengths)
        firsts = list(itertools.accumulate(lengths, initial=0))
        out = []
        for first, last, label, score in crf_model.iob_spans(self.model, labels, marginals,
                                                             lengths):
            block = bisect.bisect_right(firsts, first) - 1
            base, offsets = pieces[block]
            out.append(Span(base + offsets[first - firsts[block]][0],
                            base + offsets[last - 1 - firsts[block]][1], label, round(score, 3)))
        return out

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """The IOB2 labels of token sequences (the same as python-crfsuite's tagger on the
        model's crfsuite file gives, ``tests/test_extract_crf_pack.py``)."""
        full = [s for s in sentences if s]
        names: list = []
        if full:
            labels, _ = self._read(full, [len(s) for s in full])
            names = [self.model.labels[k] for k in labels.tolist()]
        out, at = [], 0
        for sentence in sentences:
            out.append(names[at:at + len(sentence)])
            at += len(sentence)
        return out

    def _read(self, words: list[list[str]], lengths: list[int]):
        from rashomon.extract import ner_states

        flat = [w for sentence in words for w in sentence]
        scores = (ner_states.char_states if self.char_level else ner_states.word_states)(
            self.model, flat, lengths, self.language)
        return crf_model.tag(self.model, scores, lengths)


@cache
def tagger(language: str):
    """The loaded tagger for ``language`` (or its fallback), or None without a model: the
    neural tagger (``tagger_nn``) where it ships for the language, else the language's CRF."""
    from rashomon.extract import tagger_nn

    lang = model_language(language)
    served = tagger_nn.languages()
    for choice in (language, lang):
        if choice in served:
            return tagger_nn.NnTagger(choice)
    return Tagger(lang) if lang else None
