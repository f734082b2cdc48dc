"""Cross-article grouping of quantities and dates within one story (issue 3, point 5).

Why: comparing accounts needs to know which numbers talk about the same thing ("100mila
circa" residents in Italian, "۱۲۰ هزار" سکنه in Persian, "120,000 residents" in English)
and which dates refer to the same event, whatever the language or calendar they were
written in. Quantities group on their language-independent ``counted_key`` plus a
compatible unit; dates group when they have the same value, or when they are compatible
(one refines the other, or one day apart across time zones) and stated in sentences that
name a common entity.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from rashomon.core import Article, ArticleFacts
from rashomon.core.facts import DateMention, Quantity
from rashomon.extract.lexicon import fold

_SENTENCE_END = re.compile(r"[.!?。！？؟\n]+")
# Two day dates this many days apart can be the same event reported from different time
# zones (a night attack dated the 17th in Tehran and the 16th in New York).
_DAY_SLACK = 1


def group_facts(articles: list[Article], facts: dict[int, ArticleFacts]) -> list[dict]:
    """Groups of quantities and dates that refer to the same thing across a story's
    articles; a group needs at least two members. Members carry article id and offsets."""
    texts = {a.id: a.maintext or "" for a in articles}
    return _quantity_groups(facts) + _date_groups(facts, texts)


def _quantity_groups(facts: dict[int, ArticleFacts]) -> list[dict]:
    buckets: dict[tuple[str, str], list[tuple[int, Quantity]]] = {}
    for article_id, article_facts in sorted(facts.items()):
        for q in article_facts.quantities:
            if q.counted_key:
                buckets.setdefault((q.counted_key, q.unit or ""), []).append((article_id, q))
    groups = []
    for (key, unit), members in buckets.items():
        if len(members) < 2:
            continue
        groups.append({
            "kind": "quantity",
            "key": key,
            "unit": unit or None,
            "values": sorted({q.value for _, q in members}),
            "articles": sorted({aid for aid, _ in members}),
            "members": [
                {"article_id": aid, "text": q.text, "value": q.value, "start": q.start,
                 "end": q.end, "hedge": q.hedge, "counted": q.counted}
                for aid, q in members
            ],
        })
    return groups


def _date_groups(facts: dict[int, ArticleFacts], texts: dict[int, str]) -> list[dict]:
    items: list[tuple[int, DateMention, frozenset[str]]] = []
    for article_id, article_facts in sorted(facts.items()):
        text = texts.get(article_id, "")
        for d in article_facts.dates:
            items.append((article_id, d, _sentence_entities(text, d, article_facts)))
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if _same_event(items[i], items[j]):
                parent[find(j)] = find(i)
    clusters: dict[int, list[int]] = {}
    for i in range(len(items)):
        clusters.setdefault(find(i), []).append(i)
    groups = []
    for indexes in clusters.values():
        if len(indexes) < 2:
            continue
        members = [items[i] for i in indexes]
        values = Counter(d.value for _, d, _ in members)
        groups.append({
            "kind": "date",
            "key": max(values, key=lambda v: (values[v], len(v))),
            "values": sorted(values),
            "articles": sorted({aid for aid, _, _ in members}),
            "members": [
                {"article_id": aid, "text": d.text, "value": d.value, "start": d.start,
                 "end": d.end, "granularity": d.granularity, "calendar": d.calendar}
                for aid, d, _ in members
            ],
        })
    return groups


def _same_event(a: tuple[int, DateMention, frozenset[str]],
                b: tuple[int, DateMention, frozenset[str]]) -> bool:
    """Same value, or compatible values stated next to a common entity."""
    if a[1].value == b[1].value:
        return True
    return bool(a[2] & b[2]) and _compatible(a[1].value, b[1].value)


def _compatible(x: str, y: str) -> bool:
    """"2023-09" refines into "2023-09-17"; "2023-09-16" and "2023-09-17" may be one night."""
    if x.startswith(y) or y.startswith(x):
        return True
    if len(x) == len(y) == 10:
        try:
            gap = abs((date.fromisoformat(x) - date.fromisoformat(y)).days)
        except ValueError:
            return False
        return gap <= _DAY_SLACK
    return False


def _sentence_entities(text: str, d: DateMention, article_facts: ArticleFacts) -> frozenset[str]:
    """Keys of the entities named in the sentence holding the date mention."""
    start, end = _sentence_span(text, d.start, d.end)
    return frozenset(
        m.canonical or m.key or fold(m.text)
        for m in article_facts.mentions
        if start <= m.start and m.end <= end
    )


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, end)
    return left, right_match.start() if right_match else len(text)

