"""Names the other languages' training sentences tagged: a tie-breaker for the tagger.

``models/spans.tsv.gz`` (built by ``tools/train_ner_spans.py`` with the models) counts,
per training language, how often a run of one to five words was tagged exactly as a PER,
an ORG or a LOC, and how often the same words occur at all. A language reads the counts
of the *other* languages only, so on the dev split the table is evidence its own model
could not have learnt from those sentences (and the dev figures of the model card measure
what it adds): "General Motors", tagged ORG in the Dutch and Russian sentences, is an
organisation in English text where the English CRF sees two common words.

``extract/entities.py`` uses the hits as weak gazetteer names: they name a run the model
left untagged, and settle the label of a span the model tagged with low confidence.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rashomon.extract.tagger_lexicons import summed_counts

PATH = Path(__file__).resolve().parent / "models" / "spans.tsv.gz"
LABELS = ("PER", "ORG", "LOC")
#: The counts per language in the file: tagged exactly as each label, occurrences outside
#: any name, occurrences at all.
COLUMNS = (*LABELS, "MISC", "free", "all")
#: Longest name looked up, in words (the gazetteer's n-grams stop at five too).
MAX_WORDS = 5
#: A run is a name of the other languages when their sentences tagged it this often with
#: one label, and at least half of the times its words occur there at all: the rule of
#: ``tagger_lexicons.names`` (one sighting is as often a tagging slip as a name).
MIN_SEEN = 2
#: Languages whose sentences never count as another language's evidence for this one
#: (Ukrainian sentences are trained into the Russian model; ``tagger_lexicons._SAME``).
_SAME = {"ru": {"ru", "uk"}, "uk": {"ru", "uk"}}
#: Models whose languages use the table, by the model card's rule (cased dev F1 up,
#: ``bench/heldout`` entities not down), measured through ``extract_mentions`` on every
#: cased dev sentence (2026-12-03): en 0.7646 -> 0.7697, es 0.7379 -> 0.7385, ru 0.7964 ->
#: 0.7976, nl 0.7076 -> 0.7095, pt 0.8034 -> 0.8041. Not used: fr (0.7117, unchanged), de
#: (0.6777 -> 0.6775), pl (0.7624 -> 0.7622), tr (0.4644 -> 0.4617: its Wikipedia gold
#: tags bands as persons and leaves many clubs and leagues untagged, which the table
#: calls organisations).
MODELS_USING = frozenset({"en", "es", "ru", "nl", "pt"})


def key_of(words: list[str]) -> str:
    """The table key of a run of (case-folded) words; "" when a word does not start with
    a letter (the runtime looks runs of letter-initial words up)."""
    if not words or not all(w[:1].isalpha() for w in words):
        return ""
    return " ".join(words)


@cache
def names(language: str) -> dict[str, str]:
    """Case-folded run of words -> PER/ORG/LOC, by the other languages' sentences."""
    if not PATH.exists():
        return {}
    out: dict[str, str] = {}
    for key, total in summed_counts(PATH, _SAME.get(language, {language}), len(COLUMNS)):
        best = max(range(3), key=total.__getitem__)
        if _is_name(total, best):
            out[key] = LABELS[best]
    return out


def _is_name(total: list[int], best: int) -> bool:
    """Tagged ``best`` at least MIN_SEEN times and in at least half of the sightings that
    were a name of their own or no name at all (inside a longer name, "Chrysler" of "Fiat
    Chrysler", says neither). Chosen over half of *all* occurrences on the cased dev
    sentences (en 0.7697 vs 0.7687, nl 0.7095 vs 0.7090, pt 0.8041 vs 0.8035)."""
    return total[best] >= MIN_SEEN and total[best] * 2 >= sum(total[:5])


def find(text: str, tokens: list[tuple[int, int, str]], language: str
         ) -> list[tuple[int, int, str, int]]:
    """Runs of ``tokens`` (``lookup._tokens``: start, end, word) that are names of the
    table, longest first, as (start, end, label, words). In a cased script a run starts and ends
    with a capital, and its words stand apart by spaces only."""
    from rashomon.extract.ner import model_language

    if model_language(language) not in MODELS_USING:
        return []
    table = names(language)
    if not table:
        return []
    out = []
    i = 0
    n = len(tokens)
    while i < n:
        hit = None
        if tokens[i][2][:1].isupper():
            words = []
            for j in range(i, min(n, i + MAX_WORDS)):
                if j > i and not text[tokens[j - 1][1]:tokens[j][0]].isspace():
                    break
                words.append(tokens[j][2].casefold())
                label = table.get(" ".join(words))
                if label and tokens[j][2][:1].isupper():
                    hit = (j, label, j - i + 1)
        if hit is None:
            i += 1
            continue
        j, label, words = hit
        out.append((tokens[i][0], tokens[j][1], label, words))
        i = j + 1
    return out
