"""Which claims are agreements and what else the aligned sentences add: a claim of
figures for different places is no agreement, and a figure too few sources give is a
minority claim even inside sentences that agree on something else (split from
``build``)."""

from __future__ import annotations

from rashomon.compare import align
from rashomon.compare.units import Unit
from rashomon.compare.variations import DIFFERENT_PLACE
from rashomon.core import Contradiction


def is_agreement(sources: list[str], n_witnesses: int, independent: set[str]) -> bool:
    """All or most witnesses: at least two, and more than half of them; only independent
    sources count (a copy's own addition joins a claim but is not a second witness)."""
    count = sum(1 for s in sources if s in independent)
    return count >= 2 and count > n_witnesses / 2


def scoped_apart(units: list[Unit], groups: list[tuple[list[int], float]],
                 linked: set[int], variations: list[Contradiction]
                 ) -> tuple[list[tuple[list[int], float]], set[int]]:
    """Claims whose sentences state figures of different places and nothing else in
    common ("46 flights to Spanish airports", "62 links of Italian airports", "34 at
    Stuttgart"): one topic, not one fact. Every sentence of such a claim is cited by one
    "different place" variation of its figures; the claim is dropped, so each sentence
    is what its own source adds (an only-in item) rather than an agreement."""
    cited = [{(v["evidence"].article_id, v["evidence"].start) for v in c.values}
             for c in variations if c.note == DIFFERENT_PLACE]
    kept, dropped = [], set()
    for members, score in groups:
        keys = {(units[i].article_id, units[i].start) for i in members}
        if any(keys <= sentences for sentences in cited):
            dropped.update(members)
        else:
            kept.append((members, score))
    still = {i for members, _ in kept for i in members}
    return kept, linked - (dropped - still)


def minority_figures(units: list[Unit], linked: set[int], n: int, independent: set[str],
                     disputed: set[tuple[int, int, float]] = frozenset()) -> list[list[int]]:
    """Aligned sentences of two or more sources that state a figure too few sources
    give for an agreement: a minority claim inside sentences that also state a shared
    fact ("up to 12,000 visitors, 25 km from the city centre" where most sources give
    the visitors and two the distance). One sentence per source, listed once as one
    claim, like a minority claim of the alignment."""
    told: dict[tuple[float, str], dict[str, int]] = {}
    for unit in units:
        if unit.index not in linked:
            continue
        for value, name in align.specific_figures(unit):
            if (unit.article_id, unit.start, value) not in disputed:
                told.setdefault((value, name), {}).setdefault(unit.source, unit.index)
    found = []
    for per_source in told.values():
        stated_by = [s for s in per_source if s in independent]
        if len(stated_by) >= 2 and not is_agreement(stated_by, n, independent):
            found.append(sorted(per_source.values()))
    return found
