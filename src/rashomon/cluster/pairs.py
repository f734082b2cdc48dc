"""One pair of articles as the online clusterer weighs it: the fitted similarity score
(``cluster.similarity.pair_score``), the evidence against one event (``contrast``), and
the memo that computes both once per pair however many decisions look at it.

The penalties built on these (contrast penalty, same-language offset, the cross-language
anchor penalty, the event's own contrast penalty) are the clusterer's settings, passed in
by its callers (``cluster.online``), so changing them on a live clusterer takes effect at
once.
"""

from __future__ import annotations

from collections.abc import Callable

from rashomon.cluster.base import ArticleSignals
from rashomon.cluster.similarity import scored_pair

# Fewest names each article must have before naming none in common counts as evidence
# against (same language only: across scripts a name may fail to match its skeleton).
# At 5 no same-story pair of the sample corpus above the threshold fires, 7% of the
# different-story ones do.
CONTRAST_MIN_NAMES = 5
# Within one language, numbers disjoint are evidence against one event when both reports
# state a figure and the one stating more states at least this many, years not counted
# ("in 2019" is background, not the happening's figure): a report giving one figure (an
# age, a total) and another giving two others are often one happening told with other
# details, while of two reports of other incidents of one topic one at least states
# several (a rate decision's rate, inflation and growth beside another bank's one rate).
# Across languages any disjoint figures still count: there the contrast penalty replaces
# the anchor penalty rather than adding to the same-language offset, and figures are among
# the few signals every script writes alike. SemEval 2022 dev sample part (bench_events.py
# and bench_pair_joins.py --sweep, texts undated; the sweep sets this constant), event
# decision P/R/F1 / same-story pairs joined of 117 / unrelated pairs joined of 205: the
# rule before (any disjoint figures, years counted) 0.893/0.641/0.746 / 84 / 2; 1
# 0.898/0.675/0.771 / 84 / 2; 2 0.900/0.692/0.783 / 86 / 3; 3 0.896/0.735/0.808 / 90 / 3;
# 4 0.897/0.744/0.813 / 91 / 3; 5 0.879/0.744/0.806 / 91 / 3 (the unrelated pair that
# joins from 2 on: two Turkish reports of German travel warnings for Turkey). At 4 and
# more, or with several asked of both sides, a one-rate report of another central bank's
# decision of the same day scores above the join threshold against the first
# (tests/test_cluster_metric.py, the hard negative the contrast was written for): 3, the
# best setting that keeps it apart. Held-out third and
# the sample corpus: docs/benchmarks.md (cross-language joins).
CONTRAST_NUMBERS = 3
# Pair scores kept for reuse (``PairMemo``), at most this many; the memo is emptied when
# full. One placement scores the same pairs several times: the event decision, the story
# decision, ``repair`` (the same candidates again, once the article has joined) and
# ``repair_events``; a story link scores two stories' members against each other again
# whenever one of them grows. Measured with bench_scale's 200k store (300 new articles
# placed, 2026-12-03): 126,652 pair scores asked for, 61,545 distinct (~205 per
# placement), the same story and event for every article and the same 577 story merges
# as without the memo; placement CPU p50 / p95 29 / 157 -> 15 / 86 ms (under cProfile,
# load 9). An entry is ~270 bytes: 50,000 hold the pairs of the last ~250 placements in
# ~13 MB.
PAIR_MEMO = 50_000


def contrast(a: ArticleSignals, b: ArticleSignals) -> bool:
    """Evidence against one event: both state numbers and none agree (in one language one
    of them must state several, ``CONTRAST_NUMBERS``), or (same language) both name
    several things and none in common. Same-day same-topic reports (two central banks'
    decisions, two quakes in one province) embed as close as one event's coverage; their
    specifics are what differs. SemEval has few such pairs, so the fitted score gives
    disjoint numbers little weight (-0.05) and the penalty is applied in the story
    decision (``cluster.online.CONTRAST_PENALTY``)."""
    return _contrast(a, b, len(a.keys & b.keys),
                     len(a.numbers & b.numbers) if a.numbers and b.numbers else 0)


def _contrast(a: ArticleSignals, b: ArticleSignals, shared_keys: int,
              shared_numbers: int) -> bool:
    """``contrast`` given the numbers of names and of numbers the two share."""
    same_language = a.language is not None and a.language == b.language
    if not shared_numbers and a.numbers and b.numbers:
        if not same_language:
            return True
        figures = (_figures(a.numbers), _figures(b.numbers))
        if min(figures) and max(figures) >= CONTRAST_NUMBERS:
            return True
    named = min(len(a.keys), len(b.keys)) >= CONTRAST_MIN_NAMES
    return same_language and named and not shared_keys


def _figures(numbers: set[str]) -> int:
    """How many of the number keys are not years (``1900``..``2099``)."""
    return sum(1 for n in numbers if not (len(n) == 4 and n[:2] in ("19", "20")
                                          and n.isdigit()))


def anchored(a: ArticleSignals, b: ArticleSignals) -> bool:
    """Do the two articles share a number, a day date or a city their titles name
    (``signals.place_keys``)? What ties two reports to one happening whatever their
    languages: digits, calendar days and the gazetteer's canonical city names read the
    same from every script, while the other names two reports share across languages are
    as often the topic's (the head of government, the virus, the country) as the event's.
    Across languages the story decision sets a stricter bar for pairs without such an
    anchor (``UNANCHORED_PENALTY``, ``join_penalty``)."""
    return (not a.numbers.isdisjoint(b.numbers) or not a.dates.isdisjoint(b.dates)
            or not a.places.isdisjoint(b.places))


# Score taken off a cross-language pair that shares no number, no day date and no city
# its titles name (``anchored``), unless the contrast penalty already takes as much
# (the larger of the two applies, never both): across languages the lexical features are
# silent, the embedding places two reports of one much-covered topic (the pandemic's
# daily figures in German and English, two statements of one head of government) as
# close as one event's coverage, and the other names they share are as often the
# topic's as the event's. Calibrated on the SemEval 2022 dev *sample* part (two thirds,
# bench_events' split; the texts undated, each pair placed by a fresh clusterer,
# bench/bench_pair_joins.py): its cross-language (de-en) pairs joined, same story
# (Overall <= 1.5) / unrelated (> 3.5), and bench_events' event decision F1 on the sample
# part (anchors: numbers and dates; the title cities changed none of these figures):
# 0 12/13 / 9/42, F1 0.743; 0.05 12/13 / 6/42, 0.743; 0.1 12/13 / 4/42, 0.746;
# 0.15 12/13 / 3/42, 0.746; 0.2 11/13 / 3/42, 0.740; 0.3 9/13 / 1/42, 0.714. 0.15: the
# largest setting that keeps every same-story join of the sample part. The sample corpus
# and held-out stories (replayed, B-cubed F1 0.991 / 0.972) unchanged at 0.1 and 0.15;
# the penalty added to the contrast penalty, instead of the larger of the two, split two
# cross-script reports whose numbers differ from the rest of their stories (sample corpus
# 0.991 -> 0.972). Without the title cities as anchors, an undated three-language report
# of a small attack (a count written "three", "3" and in words: no number of 2+ digits)
# split from its event (bench_events undated 0.9885 -> 0.9781). Held-out third: docs/benchmarks.md
# (Clustering, cross-language joins).
UNANCHORED_PENALTY = 0.15


# Score taken off, on top of ``UNANCHORED_PENALTY``, a cross-language pair without an
# anchor whose shared names are all topic names (``topics.NameStories.topic_only``: each
# named by more than ``topics.TOPIC_STORIES`` other stories of the window):
# two statements of one head of government, two transfer rumours of one club. Calibrated
# on the SemEval 2022 dev sample part (bench_pair_joins.py --sweep: a fresh clusterer per
# pair, the window the 1,564 dev texts as stories of their own; bench_events.py --sweep,
# the event decision), at TOPIC_STORIES 2: sample part unrelated cross-language pairs
# joined / same-story joined / event decision F1: 0 3/42 / 12/13 / 0.7463; 0.05 3/42 /
# 12/13 / 0.7463; 0.1 2/42 / 12/13 / 0.7463; 0.15 2/42 / 12/13 / 0.7400 (a same-event
# pair lost). 0.1: the smallest setting that separates a pair, the largest that loses
# none. Held-out third, before -> after: unrelated 2/21 -> 1/21, same story 3/4 -> 3/4,
# event F1 0.7377 -> 0.7500 (precision 0.833 -> 0.865). The two separated (one per part)
# share only government leaders' names (a US president's; an Austrian chancellor's and
# vice-chancellor's); left joined: two transfer rumours of one club whose shared coach
# no other text names, two statements naming the same two politicians with a title city
# in common, and a study's figure shared by two reports of it.
TOPIC_PENALTY = 0.1


def join_penalty(a: ArticleSignals, b: ArticleSignals, against: bool, contrast: float,
                 same_language_offset: float, unanchored: float, topic: float = 0.0,
                 topic_only: Callable[[ArticleSignals, ArticleSignals], bool] | None = None
                 ) -> float:
    """What the story decision takes off a pair's similarity score: the contrast penalty
    when ``against`` (``contrast``), plus the same-language offset in one language; across
    languages, the unanchored penalty (plus ``topic`` when ``topic_only`` says every name
    the pair shares is a topic name) instead when that is larger and the pair shares no
    anchor (``anchored``). The settings are the clusterer's (``cluster.online``)."""
    penalty = contrast if against else 0.0
    if a.language is not None and a.language == b.language:
        return penalty + same_language_offset
    if not a.language or not b.language or anchored(a, b):
        return penalty
    across = unanchored
    if topic and topic_only is not None and topic_only(a, b):
        across += topic
    return across if across > max(penalty, 0.0) else penalty


def penalty_bounds(contrast: float, same_language_offset: float, unanchored: float,
                   extra: list[float], topic: float = 0.0
                   ) -> tuple[tuple[float, float], tuple[float, float]]:
    """(lowest, highest) score ``join_penalty`` less ``extra`` penalties (each may or may
    not apply) leaves a similarity score in [0, 1]: for same-language pairs, then for the
    others. Across languages the unanchored penalty (with the topic penalty) may replace
    the contrast penalty (when larger and positive): it can lower the lowest score, never
    raise the highest."""
    low = -sum(max(0.0, p) for p in [contrast, *extra])
    high = 1.0 - sum(min(0.0, p) for p in [contrast, *extra])
    across = -max(0.0, contrast, unanchored, unanchored + max(0.0, topic)) \
        - sum(max(0.0, p) for p in extra)
    return (low - same_language_offset, high - same_language_offset), (across, high)


class PairMemo:
    """``similarity.pair_score`` and ``contrast`` of two articles, computed once per pair
    of signal objects (``PAIR_MEMO``; ``size`` 0: no memo). An entry holds the two
    objects, so it is only ever served for the very objects it was computed on: signals
    are never changed in place (an undated article given its story's time is a new
    object)."""

    def __init__(self, size: int = PAIR_MEMO):
        self.size = size
        self.scored = 0  # pair scores computed (not served by the memo)
        # (id(a), id(b)) -> (a, b, similarity score, contrast)
        self._pairs: dict[tuple[int, int], tuple[ArticleSignals, ArticleSignals, float,
                                                 bool]] = {}

    def __len__(self) -> int:
        return len(self._pairs)

    def __call__(self, a: ArticleSignals, b: ArticleSignals) -> tuple[float, bool]:
        key = (id(a), id(b))
        hit = self._pairs.get(key)
        if hit is not None and hit[0] is a and hit[1] is b:
            return hit[2], hit[3]
        unclipped, shared_keys, shared_numbers = scored_pair(a, b)
        score = min(1.0, max(0.0, unclipped))  # similarity.pair_score
        against = _contrast(a, b, shared_keys, shared_numbers)
        self.scored += 1
        if len(self._pairs) >= self.size:
            self._pairs.clear()
            if self.size <= 0:
                return score, against
        self._pairs[key] = (a, b, score, against)
        return score, against
