"""Long, realistic articles built from the bundled sample corpus, for the checks that
extraction stays linear and within its time budget on huge inputs
(``tests/test_hostile_large.py``, ``bench/bench_large_article.py``).

A repeated text would flatter caches and hide nothing; these articles are the sample
articles of one language (or of all), their sentences shuffled and their numbers varied,
one paragraph per article drawn, until the size asked for. Deterministic for a seed.
"""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "sample" / "corpus"
_SENTENCE_END = re.compile(r"(?<=[.!?。؟])\s+")


@cache
def sample_texts() -> dict[str, tuple[str, ...]]:
    """Main texts of the sample corpus by language (as ``rashomon ingest`` reads them)."""
    from rashomon.ingest import iter_inputs

    by_language: dict[str, list[str]] = {}
    for item in iter_inputs([str(CORPUS)]):
        if item.article is not None and item.article.language and item.article.maintext:
            language = item.article.language.split("-")[0]
            by_language.setdefault(language, []).append(item.article.maintext)
    return {language: tuple(texts) for language, texts in by_language.items()}


def long_article(texts, size: int, seed: int = 0) -> str:
    """Paragraphs made from ``texts`` (sentences shuffled, numbers varied) until ``size``
    bytes of UTF-8."""
    rnd = random.Random(seed)
    texts = list(texts)
    paragraphs, total = [], 0
    while total < size:
        sentences = _SENTENCE_END.split(rnd.choice(texts))
        rnd.shuffle(sentences)
        paragraph = re.sub(r"\d+", lambda m: str(int(m.group()) + rnd.randint(0, 9)),
                           " ".join(sentences))
        paragraphs.append(paragraph)
        total += len(paragraph.encode()) + 2
    return "\n\n".join(paragraphs)
