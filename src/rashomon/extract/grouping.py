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
    """Dates sharing a value form a bucket; a coarser or smaller bucket then joins the ONE
    earlier bucket it is compatible with next to a common entity. No chaining: "May 2025" near
    three different May days stays apart, and 16 -> 17 -> 18 does not snowball."""
    buckets: dict[str, list[tuple[int, DateMention, frozenset[str]]]] = {}
    for article_id, article_facts in sorted(facts.items()):
        text = texts.get(article_id, "")
        for d in article_facts.dates:
            item = (article_id, d, _sentence_entities(text, d, article_facts))
            buckets.setdefault(d.value, []).append(item)
    order = sorted(buckets, key=lambda v: (-len(v), -len(buckets[v]), v))  # days first
    anchors: list[str] = []
    for value in order:
        targets = [a for a in anchors if _joins(value, buckets[value], a, buckets[a])]
        if len(targets) == 1:
            buckets[targets[0]].extend(buckets.pop(value))
        else:
            anchors.append(value)
    return [_date_group(value, buckets[value]) for value in anchors if len(buckets[value]) > 1]


def _date_group(key: str, members: list[tuple[int, DateMention, frozenset[str]]]) -> dict:
    return {
        "kind": "date",
        "key": key,
        "values": sorted({d.value for _, d, _ in members}),
        "articles": sorted({aid for aid, _, _ in members}),
        "members": [
            {"article_id": aid, "text": d.text, "value": d.value, "start": d.start,
             "end": d.end, "granularity": d.granularity, "calendar": d.calendar}
            for aid, d, _ in members
        ],
    }


def _joins(value: str, members: list, anchor: str, anchor_members: list) -> bool:
    """Compatible values, and some sentence of each names a common entity."""
    if not _compatible(value, anchor):
        return False
    anchor_keys = frozenset().union(*(keys for _, d, keys in anchor_members if d.value == anchor))
    return any(keys & anchor_keys for _, _, keys in members)


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

