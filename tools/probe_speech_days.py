"""Probe: which lead weekdays of the SemEval dev texts the statement-day rule
(``extract.speech_days``) changes. For each distinct text, the lead weekday with the rule
against the one without it; prints each changed text's weekday with its sentence, and a
count per language. ``--compare MODULE.FUNC`` also shows which of those a second
``said_on`` variant keeps (to measure a change of the rule).

    RASHOMON_SHARED=/work/shared PYTHONPATH=src python tools/probe_speech_days.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from common import semeval_pairs
from rashomon.cluster import signals
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore
from rashomon.text.sentences import split_sentences


def sentence_at(text: str, at: int) -> str:
    for span in split_sentences(text):
        if span.start <= at < span.end:
            return span.text
    return text[max(0, at - 100):at + 100]


def first_weekdays(article) -> tuple[int | None, int | None, tuple[int, int] | None]:
    """(weekday without the rule, with it, span of the weekday the rule skipped)."""
    with mock.patch.object(signals, "_statement_day", lambda *a: False):
        plain = signals.lead_weekday(article)
    ruled = signals.lead_weekday(article)
    skipped = None
    if plain != ruled:
        from rashomon.extract.dates import weekday_mentions
        for start, end, _ in weekday_mentions(article.maintext[:signals.EVENT_LEAD_CHARS],
                                              article.language):
            if signals._statement_day(article, start, end):
                skipped = (start, end)
                break
    return plain, ruled, skipped


def main() -> None:
    engine = Engine(SQLiteStore(":memory:"), embedder=None)
    texts = sorted({t for p in semeval_pairs() for t in (p.text1, p.text2)})
    changed = Counter()
    for text in texts:
        article = engine._article_of_text(text)
        plain, ruled, skipped = first_weekdays(article)
        if plain == ruled:
            continue
        changed[article.language] += 1
        start, end = skipped or (0, 0)
        sentence = " ".join(sentence_at(article.maintext, start).split())
        print(f"[{article.language}] {plain}->{ruled} {article.maintext[start:end]!r}: "
              f"{sentence[:300]}")
    print(f"changed lead weekdays: {sum(changed.values())} of {len(texts)} texts "
          f"{dict(changed.most_common())}")


if __name__ == "__main__":
    main()
