"""Probe: which lead weekdays of the SemEval dev texts the statement-day rule
(``extract.speech_days``) changes. For each distinct text, the lead weekday with the rule
against the one without it; prints each changed text's weekday with its sentence, and a
count per language.

    RASHOMON_SHARED=/work/shared PYTHONPATH=src python tools/probe_speech_days.py
    ... tools/probe_speech_days.py --mentions OUT.json   # every weekday mention, judged
    ... tools/probe_speech_days.py --diff BEFORE.json AFTER.json

``--mentions`` writes every weekday name and day date of every text (not only the lead's) with the
rule's answer and its sentence; ``--diff`` prints the mentions whose answer differs
between two such files, to read and count by hand.
"""

from __future__ import annotations

import json
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


def mentions(out: Path) -> None:
    from rashomon.extract.dates import extract_dates, weekday_mentions, year_less_days
    from rashomon.extract.speech_days import said_on_in_text

    engine = Engine(SQLiteStore(":memory:"), embedder=None)
    texts = sorted({t for p in semeval_pairs() for t in (p.text1, p.text2)})
    rows = []
    for number, text in enumerate(texts):
        article = engine._article_of_text(text)
        body = article.maintext
        days = [(d.start, d.end, None) for d in (extract_dates(body, article.language, None) +
                                                  year_less_days(body, article.language))
                if d.granularity in ("day", "monthday")]
        for start, end, _ in weekday_mentions(body, article.language) + days:
            rows.append({"text_no": number, "lang": article.language, "start": start,
                         "day": body[start:end],
                         "said": said_on_in_text(body, article.language, start, end),
                         "sentence": " ".join(sentence_at(body, start).split())[:400]})
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=0))
    print(f"{len(rows)} weekdays and days, {sum(r['said'] for r in rows)} statement days "
          f"-> {out}")


def diff(before: Path, after: Path) -> None:
    old = {(r["text_no"], r["start"]): r for r in json.loads(before.read_text())}
    new = {(r["text_no"], r["start"]): r for r in json.loads(after.read_text())}
    changed = [k for k in sorted(new) if k in old and old[k]["said"] != new[k]["said"]]
    for key in changed:
        r = new[key]
        print(f"[{r['lang']}] {old[key]['said']}->{r['said']} {r['day']!r}: {r['sentence']}")
    print(f"changed: {len(changed)} of {len(new)} weekdays and days")


def main() -> None:
    if sys.argv[1:2] == ["--mentions"]:
        return mentions(Path(sys.argv[2]))
    if sys.argv[1:2] == ["--diff"]:
        return diff(Path(sys.argv[2]), Path(sys.argv[3]))
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
