"""Sentence vectors for the comparison, cached so a report is cheap to rebuild.

Embedding is the only costly step of a report, so it is done once per article
(``scale.work.claim_vectors`` embeds every claim-worthy sentence of an article of a story
with two articles or more: by default when the story is first read,
``pipeline.Engine.comparison_vectors``; with ``RASHOMON_CLAIM_VECTORS=1`` at ingest;
``store_sentences`` keeps them), and a report reads the vectors back: per article in the
store's ``embeddings`` table (kind ``sent:<hash of the sentences>``; the store deletes an
article's embeddings when its text changes), or from the in-process cache (by text). Only
what was not embedded that way (a near-copy's own additions, an article alone in its
story) is embedded by the report itself.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

import numpy as np

from rashomon.compare.units import Unit, claim_spans
from rashomon.core import ArticleFacts
from rashomon.embed import Embedder
from rashomon.store import Store

#: Characters of a sentence given to the model. e5-small reads 512 tokens but the cost
#: grows with length; the first 300 characters of a news sentence hold its subject, verb
#: and figures (measured: 130-char sentences embed at 18/s, 60-char ones at 25/s).
EMBED_CHARS = 300

_MEMORY_LIMIT = 50_000
_memory: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()


def unit_vectors(units: list[Unit], embedder: Embedder, store: Store | None = None) -> np.ndarray:
    """L2-normalized vectors of ``units`` in order, shape (len(units), dim)."""
    vectors: list[np.ndarray | None] = [None] * len(units)
    by_article: dict[int, list[int]] = {}
    for i, unit in enumerate(units):
        by_article.setdefault(unit.article_id, []).append(i)
    if store is not None:
        for article_id, rows in by_article.items():
            _from_store(store, embedder, article_id, [units[i] for i in rows], rows, vectors)
    for i, unit in enumerate(units):
        if vectors[i] is None:
            vectors[i] = _memory.get((embedder.name, _clip(unit.text)))
    fresh = {units[i].article_id for i, v in enumerate(vectors) if v is None}
    _embed_missing(units, vectors, embedder)
    if store is not None:
        for article_id, rows in by_article.items():
            if article_id not in fresh:
                continue
            matrix = np.stack([vectors[i] for i in rows])
            store.put_embedding(article_id, _kind(units, rows), embedder.name, matrix.ravel())
    if not units:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.stack(vectors).astype(np.float32)


def _clip(text: str) -> str:
    return text[:EMBED_CHARS]


def _kind(units: list[Unit], rows: list[int]) -> str:
    return sentence_kind([_clip(units[i].text) for i in rows])


def sentence_kind(texts: list[str]) -> str:
    """Embedding kind of an article's sentence vectors: a hash of the (clipped)
    sentences, so a changed text or sentence rule never reads stale vectors."""
    digest = hashlib.sha1("\n".join(texts).encode("utf-8"))
    return f"sent:{digest.hexdigest()[:16]}"


def sentence_texts(maintext: str) -> list[str]:
    """The sentences of an article a report compares (its claim-worthy sentences, as
    ``units`` splits them), clipped as they are embedded: what ingest embeds once."""
    return [_clip(span.text) for span in claim_spans(maintext)]


def store_sentences(store: Store, article_id: int, texts: list[str], vectors: np.ndarray,
                    model: str) -> None:
    """Keep the sentence vectors ingest computed (``scale.work.analyse``), so a report
    reads them instead of running the model."""
    if texts and len(vectors) == len(texts):
        store.put_embedding(article_id, sentence_kind(texts), model,
                            np.asarray(vectors, dtype=np.float32).ravel())
        for text, vector in zip(texts, vectors, strict=True):
            _remember(model, text, vector)


def keep_vectors(store: Store, article_id: int, analysis, model: str) -> None:
    """Store what ingest computed for the comparison (``scale.work.ClaimVectors``): the
    article's sentence vectors and name vectors."""
    if analysis.sentence_vectors is not None:
        store_sentences(store, article_id, analysis.sentences, analysis.sentence_vectors,
                        model)
    if analysis.name_vectors is not None:
        store_names(store, article_id, analysis.names, analysis.name_vectors, model)


def has_vectors(store: Store, article, facts: ArticleFacts, model: str,
                sentences: bool = True) -> bool:
    """Are the comparison's vectors of this stored article in the store: its sentence
    vectors (when ``sentences``; a near-copy has none of its own) and its name vectors?"""
    return missing_vectors(store, article, facts, model, sentences) == (False, False)


def missing_vectors(store: Store, article, facts: ArticleFacts, model: str,
                    sentences: bool = True) -> tuple[bool, bool]:
    """Which of the comparison's vectors of this stored article are not in the store:
    (its sentence vectors, when ``sentences``; its name vectors)."""
    texts = sentence_texts(article.maintext) if sentences else []
    no_sentences = bool(texts) and \
        store.get_embedding(article.id, sentence_kind(texts), model) is None
    names = names_of(facts)
    no_names = bool(names) and store.get_embedding(article.id, _names_kind(names), model) is None
    return no_sentences, no_names


def names_of(facts: ArticleFacts) -> list[str]:
    """The names entity linking may embed (``extract.linking``: mentions of people,
    organisations and places without a gazetteer name), distinct, in order."""
    return sorted({m.text for m in facts.mentions
                   if m.canonical is None and m.label in ("PER", "ORG", "LOC")})


def store_names(store: Store, article_id: int, names: list[str], vectors: np.ndarray,
                model: str) -> None:
    """Keep the name vectors ingest computed, for ``recall_names``."""
    if names and len(vectors) == len(names):
        store.put_embedding(article_id, _names_kind(names), model,
                            np.asarray(vectors, dtype=np.float32).ravel())


def recall_names(store: Store, facts: dict[int, ArticleFacts], model: str) -> int:
    """Put the stored name vectors of these articles where entity linking looks first
    (its in-process name cache), so linking a story runs no model for names ingest
    embedded. Returns the number of names recalled."""
    from rashomon.extract import linking

    recalled = 0
    for article_id, article_facts in facts.items():
        names = [n for n in names_of(article_facts) if (model, n) not in linking._name_cache]
        if not names:
            continue
        every = names_of(article_facts)
        stored = store.get_embedding(article_id, _names_kind(every), model)
        if stored is None or stored.size % len(every):
            continue
        for name, vector in zip(every, stored.reshape(len(every), -1), strict=True):
            linking._name_cache[(model, name)] = vector
        recalled += len(every)
    return recalled


def _names_kind(names: list[str]) -> str:
    digest = hashlib.sha1("\n".join(names).encode("utf-8"))
    return f"names:{digest.hexdigest()[:16]}"


def _remember(model: str, text: str, vector: np.ndarray) -> None:
    _memory[(model, text)] = vector
    if len(_memory) > _MEMORY_LIMIT:
        _memory.popitem(last=False)


def _from_store(
    store: Store, embedder: Embedder, article_id: int, units: list[Unit], rows: list[int],
    vectors: list[np.ndarray | None],
) -> None:
    stored = store.get_embedding(article_id, _kind(units, list(range(len(units)))),
                                 embedder.name)
    if stored is None or stored.size != len(rows) * embedder.dim:
        return
    matrix = stored.reshape(len(rows), embedder.dim)
    for row, vector in zip(rows, matrix, strict=True):
        vectors[row] = vector


def _embed_missing(
    units: list[Unit], vectors: list[np.ndarray | None], embedder: Embedder
) -> None:
    """Embed, in one batch, every distinct sentence not found in a cache."""
    missing = sorted({_clip(units[i].text) for i, v in enumerate(vectors) if v is None})
    if not missing:
        return
    computed = dict(zip(missing, embedder.passages(missing), strict=True))
    for i, unit in enumerate(units):
        if vectors[i] is None:
            vectors[i] = computed[_clip(unit.text)]
    for text, vector in computed.items():
        _remember(embedder.name, text, vector)
