"""Dictionary words over characters, features of a character-tagged CRF (Japanese).

Japanese is tagged per character (``ner.CHAR_LANGUAGES``) and the runtime has no
segmenter, so the CRF sees neither where words begin and end nor what kind of word a run of
characters is. The language's dictionary table ``models/morph-<lang>.tsv.gz``
(``tagger_lexicons.morph``; for Japanese IPAdic's words with their class letters, built by
``tools/train_ner_morph.py`` and ``[names.dictionary_classes]`` of ``lang/ja.toml``: S
surname, N given name, F other person name, Y country, G other place, O organisation, P
other proper noun, C any other word) is read here as a list of words over characters.

Every character gets, for each dictionary word of 2..``MAX_LEN`` characters of a marked
class (``MARKED``) covering it, where it sits in that word and each class of the word
(``dw=B``/``dw=M``/``dw=E`` + letter: the lattice / SoftLexicon idea of the Chinese and
Japanese NER literature as CRF features), and the marks of the words ending just before it
and beginning just after it (``-1dw=E``, ``+1dw=B``). All matches are marked; the CRF
learns how far to trust each ("田中" is a surname and a place; "日本" a country inside
"日本銀行", an organisation).
"""

from __future__ import annotations

import gzip
import re
from functools import cache

from rashomon.extract import memo, tagger_lexicons

#: Languages whose CRF was trained with these marks.
LANGUAGES = frozenset({"ja"})
#: Longest dictionary word looked up. IPAdic's katakana place and person names run longer
#: than Chinese words ("サンフランシスコ" is 8); 98% of its name-class surfaces have 8
#: characters or fewer. Bounds the work per character.
MAX_LEN = 8
#: The class letters, in bit order (``[names.dictionary_classes]`` of the language).
CODES = "SNFYGOPC"
_WIDTH = len(CODES)
#: The classes whose words are marked; a word of none of them gets no mark. Measured on
#: the Japanese dev sentences (cased F1, 1,673 names) and held-out article (12 names):
#: every class, common words ``C`` too, 0.719 but the held-out article lost a name (0.814
#: -> 0.76); the name classes only 0.714, held-out 0.814 (0.691 / 0.814 without marks).
MARKED = "SNFYGOP"
#: Bit blocks of a position's key: its own B, M, E of each class, the E block of the
#: character before, the B block of the character after. (Marking the name words of one
#: character too, 林 as a surname, was measured: dev 0.714 -> 0.710; not kept.)
_B, _M, _E, _PREV_E, _NEXT_B = (k * _WIDTH for k in range(5))
_BLOCK = (1 << _WIDTH) - 1
_SIDES = ("dw=B", "dw=M", "dw=E", "-1dw=E", "+1dw=B")
#: Stands for a token that is not one character (a Latin word, a digit run): no word runs
#: across it.
_GAP = "\x00"


@cache
def lexicon(language: str) -> tuple[dict[str, int], frozenset[str]]:
    """Word of 2..MAX_LEN characters of a marked class -> its
    classes as bits (``CODES``), and the first two characters of those words (a position
    whose next two characters begin no word is skipped). Empty for a language outside
    ``LANGUAGES`` or without a table. Read from the table file itself (one regular
    expression over the text: 0.4 s of CPU where a loop over its lines took 0.9 s), not
    through ``tagger_lexicons.morph``: one dict in memory, not two."""
    path = tagger_lexicons.MODELS / f"morph-{language}.tsv.gz"
    if language not in LANGUAGES or not path.exists():
        return {}, frozenset()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        text = handle.read()
    pairs = re.findall(f"^([^\t\n]{{2,{MAX_LEN}}})\t([A-Z]+)$", text, re.M)
    bits = {letters: sum(1 << CODES.index(c) for c in letters if c in MARKED)
            for letters in {letters for _, letters in pairs}}
    words = {word: bits[letters] for word, letters in pairs if bits[letters]}
    return words, frozenset(word[:2] for word in words)


def keys(chars: list[str], language: str) -> list[int]:
    """Per token, its marks as one integer (0: none; ``names`` spells them out)."""
    table, heads = lexicon(language)
    n = len(chars)
    bits = [0] * n
    if not table:
        return bits
    text = "".join(c if len(c) == 1 else _GAP for c in chars)
    get = table.get
    for i in range(n - 1):
        if text[i:i + 2] not in heads:
            continue
        for k in range(2, min(MAX_LEN, n - i) + 1):
            code = get(text[i:i + k])
            if code:
                bits[i] |= code << _B
                bits[i + k - 1] |= code << _E
                if k > 2:
                    middle = code << _M
                    for j in range(i + 1, i + k - 1):
                        bits[j] |= middle
    out = []
    for i in range(n):
        key = bits[i]
        if i:
            key |= (bits[i - 1] >> _E & _BLOCK) << _PREV_E
        if i < n - 1:
            key |= (bits[i + 1] & _BLOCK) << _NEXT_B
        out.append(key)
    return out


def names(key: int) -> tuple[str, ...]:
    """The mark strings of a position's key, remembered in the extraction memo (a text has
    a few hundred distinct keys)."""
    table = memo.table("dw")
    got = table.get(key)
    if got is None:
        got = table[key] = tuple(side + CODES[k] for block, side in enumerate(_SIDES)
                                 for k in range(_WIDTH) if key >> (block * _WIDTH + k) & 1)
    return got


def marks(chars: list[str], language: str) -> list[tuple[str, ...]]:
    """Per token, its mark strings (see the module note)."""
    return [names(key) if key else () for key in keys(chars, language)]
