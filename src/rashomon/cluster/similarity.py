"""Pairwise 'same story' score from language-independent signals.

The score is a linear combination of a few features, fitted by least squares on the
SemEval 2022 task 8 dev pairs (796 human-rated news article pairs, 8 language pairs) to
predict the human ``Overall`` rating mapped to [0, 1] (1 = same story ... 4 = unrelated
-> 1.0 ... 0.0). ``bench/bench_similarity.py`` refits it with 5-fold cross-validation and
prints the held-out figures recorded next to ``COEFFICIENTS``.

SemEval pairs carry no publish times, so the time term is not fitted there: it is a
separate penalty calibrated on the sample corpus (see ``TIME_GRACE_DAYS``).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from rashomon.cluster.base import ArticleSignals

#: Feature names, in the order of ``pair_features``' output.
FEATURES = ("cos", "cos_cross", "cross", "names", "numbers", "words", "dates", "cos_sq",
            "words_jaccard", "lead_words", "names_shared", "numbers_disjoint",
            # the event signals (cluster.events): who, where, when, how many
            "persons", "orgs", "places_shared", "places_disjoint", "time_known", "time_gap",
            "numbers_shared")
#: Features whose weight must not be negative: sharing more names or words is never
#: evidence against the same story (the fit drops them rather than flip them). The
#: normalized overlaps (names, jaccard, lead, dates) are left free: next to the counts
#: they measure how much each text says that the other does not, and the unconstrained
#: fit gives several of them a negative weight (constraining all of them: held-out
#: SemEval Pearson 0.760; only these two: see COEFFICIENTS).
NON_NEGATIVE = ("words", "names_shared")
#: Features the fit only trusts up to the 99th percentile of its training pairs. The
#: free weights of the normalized overlaps (see NON_NEGATIVE) encode a contrast that holds
#: in the range SemEval covers (Jaccard <= 0.49) but turns over beyond it: uncapped, a text
#: scored 0.23-0.44 against itself. Capped: 0.81-1.0 against itself, held-out SemEval
#: Pearson 0.773 (uncapped 0.778).
CAPPED = ("names", "words", "dates", "words_jaccard", "lead_words")
#: Fewest numbers each article must state before stating none in common counts as
#: evidence ("numbers_disjoint"): one or two numbers are often a date or a page furniture.
DISJOINT_MIN_NUMBERS = 2

#: The fitted weights, shipped as data (``pair_weights.json``: intercept, one coefficient
#: per feature of ``FEATURES``, the caps of ``CAPPED``, and what they measured). Fitted by
#: bench/bench_similarity.py on the SemEval dev pairs (ridge least squares on
#: (4 - Overall) / 3, "words"/"names_shared" constrained >= 0, CAPPED features held at
#: their 99th percentile). The cosine enters as a quadratic (-11.8 cos + 9.9 cos^2):
#: increasing over the whole observed cosine range (0.7-1.0) and steeper near the top,
#: where the narrow e5 band separates same-event from same-topic pairs. Shared words
#: (+3.4) against their Jaccard share (-4.3): inside the capped range, texts that share
#: words and add little of their own score higher than ones where much is said by one
#: text only. The seven event features (persons ... numbers_shared) keep weight 0: refitted
#: with them, held-out Pearson 0.770 against 0.769 without (see the file), and their time
#: terms, fitted where "known" means a date read from the lead, would count a dated pair's
#: publish-time gap a second time next to ``time_penalty``.
WEIGHTS_FILE = Path(__file__).with_name("pair_weights.json")


def _weights() -> tuple[float, np.ndarray, np.ndarray, float, np.ndarray]:
    body = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    if tuple(body["features"]) != FEATURES or tuple(body["capped"]) != CAPPED:
        raise ValueError(f"{WEIGHTS_FILE.name} was fitted on other features")
    return (float(body["intercept"]), np.array(body["coefficients"], dtype=float),
            np.array(body["caps"], dtype=float), float(body.get("metric_offset") or 0.0),
            np.array(body.get("metric") or [], dtype=np.float32))


def _rating_model() -> tuple[np.ndarray, dict]:
    body = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    model = body.get("rating") or {}
    if model and tuple(model["terms"]) != RATING_TERMS:
        raise ValueError(f"{WEIGHTS_FILE.name}: the rating was fitted on other terms")
    return np.array(body.get("topic_mean") or [], dtype=np.float32), model


INTERCEPT, COEFFICIENTS, FEATURE_CAPS, METRIC_OFFSET, METRIC = _weights()
#: The terms the rating adds to the pair features, in the order of ``rating_terms``:
#: centrality (see ``TOPIC_MEAN``), lead-vs-rest (each text's lead against the other's
#: text after the lead: ``a.lead . b.rest + a.rest . b.lead``; the rest is the lead when
#: there is none) and prose (the lower ``prose_share`` of the two: how much of the pair is
#: article rather than site furniture, see ``signals.PROSE_LINE_CHARS``).
RATING_TERMS = ("centrality", "lead_rest", "prose")
TOPIC_MEAN, _RATING = _rating_model()
RATING_INTERCEPT = float(_RATING.get("intercept") or 0.0)
RATING_COEFFICIENTS = np.array(_RATING.get("coefficients") or [0.0] * len(FEATURES))
RATING_CAPS = np.array(_RATING.get("caps") or FEATURE_CAPS)
RATING_WEIGHTS = np.array(_RATING.get("weights") or [0.0] * len(RATING_TERMS))
RATING_METRIC = np.array(_RATING.get("metric") or [], dtype=np.float32)
CALIBRATION = np.array(_RATING.get("calibration") or [], dtype=float)
CALIBRATION_RANGE = tuple(float(v) for v in _RATING.get("calibration_range") or (0.0, 1.0))
#: ``TOPIC_MEAN``: the mean lead vector of the 1,564 SemEval dev texts (``topic_mean`` in
#: pair_weights.json), the centre of everyday news in e5's space. A pair's *centrality*
#: is how close its two leads sit to that centre (``a . mean + b . mean``): two reports
#: of a much-covered topic (the pandemic, an election) embed close to each other whether
#: or not they tell one happening, two reports of a rare one only when they do, so the
#: same cosine means less near the centre (the hubness of embedding spaces; corrected
#: here by one term rather than by each article's neighbours, which would need the whole
#: store). It enters ``rating`` only, not the story decision: the centre is that of
#: SemEval's 2020 news (the pandemic dominates), and on the held-out stories of
#: bench/heldout, far from it, the term merged two stories of one topic (held-out
#: clustering F1 0.940 -> 0.867).
#: The rating (``rating`` in pair_weights.json, ``RATING_*``): its own linear model for
#: the API's similarity of two given texts, free of the story decision's constraints
#: (see ``METRIC`` for why the story decision keeps older feature weights): intercept,
#: the shipped features' weights (``RATING_COEFFICIENTS``, capped at ``RATING_CAPS``),
#: the ``RATING_TERMS`` and a diagonal metric (``RATING_METRIC``, same-language pairs),
#: fitted jointly by bench/bench_similarity.py on all SemEval dev pairs (ridge on the
#: metric chosen by nested CV; see "measured" in the file). Against the story decision's
#: score the joint refit gains ~+0.004, centrality ~+0.010, lead-vs-rest ~+0.003 and the
#: prose share ~+0.003 held-out Pearson, the prose share mostly on the AUC (0.974 ->
#: 0.981): a cookie wall or a rate-limit page rated as its missing article's story pulls
#: the pair towards what such pairs are rated on average. ``CALIBRATION``: cubic (highest
#: power first) from that score (plus the name bonus and the time penalty of
#: ``unclipped_score``) to the rated scale: the linear score overshoots at the ends, where
#: the ratings bunch (1 and 4). Fitted on the held-out scores of the 5 folds and used
#: between their 1st and 99th percentile (``CALIBRATION_RANGE``, held beyond), where it is
#: increasing (checked when fitted). Story decisions keep ``pair_score``, on whose scale
#: their thresholds were calibrated.
#: ``METRIC``: one learned weight per dimension of the lead embedding (``metric`` in
#: pair_weights.json), a diagonal metric on top of the cosine: a same-language pair's
#: score gains ``METRIC_OFFSET + sum_i METRIC[i] * a[i] * b[i]``. The cosine weighs every
#: dimension of the e5 vector alike, but some dimensions carry the topic (two same-topic
#: reports agree on them) and others the particular happening. Fitted by
#: bench/bench_similarity.py on what the features above leave unexplained (their
#: residual) over SemEval dev's same-language pairs (ridge chosen by nested 5-fold CV):
#: held-out Pearson 0.766 -> 0.782, AUC 0.968 -> 0.973 (see "measured" in the file).
#: Same language only: SemEval's one cross-language pair (de-en) cannot teach how the
#: dimensions behave between other scripts, and fitted over all pairs the metric lowered
#: a Turkish report of a prisoner swap below the join threshold of its English, Arabic
#: and Russian coverage on the sample corpus. The features' own weights stay as fitted
#: before: refitted on today's signals (held-out 0.766 either way) they merged undated
#: reports of separate strikes in two cities into one story (bench_events, stories vs
#: incidents undated 0.869 -> 0.771). The weights belong to one embedding model
#: (``metric_model`` in the file); vectors of another dimension get no metric term.

#: Days of publish-time gap that cost nothing: coverage of one event spreads over a day
#: or two (time zones, follow-ups).
TIME_GRACE_DAYS = 2.0
#: Score lost per further day of gap. Same-topic stories of other dates embed as close as
#: the same event, so time separates them; calibrated on the sample corpus.
TIME_PENALTY_PER_DAY = 0.08
#: Grace when a time is only estimated from dates the text mentions: reports cite earlier
#: days (the event, a previous round) so only gaps beyond a week count. Without this wider
#: grace SemEval dev (no publish times) lost 0.03 Pearson to mentioned-date mismatches.
ESTIMATED_GRACE_DAYS = 7.0
#: ...and an estimated gap only nudges (at most this much), never vetoes: texts also cite
#: old events. Uncapped, SemEval Arabic pairs lost 0.15 Pearson to cited old dates.
ESTIMATED_MAX_PENALTY = 0.2


def overlap(a: set[str], b: set[str]) -> float:
    """Set overlap normalized by the geometric mean of the sizes (cosine of indicator
    vectors): a long article is not rewarded just for naming more things."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def jaccard(a: set[str], b: set[str]) -> float:
    """Shared share of the union: unlike ``overlap`` it drops when one text says much the
    other does not, which is what a rater calls a different narrative."""
    return _jaccard(len(a & b), a, b)  # the size of a | b counted without building it


def numbers_disjoint(a: ArticleSignals, b: ArticleSignals) -> float:
    """1 when both articles state several numbers and none agree: two reports of one
    event share its figures (casualties, rates, amounts), same-topic reports do not."""
    enough = min(len(a.numbers), len(b.numbers)) >= DISJOINT_MIN_NUMBERS
    return 1.0 if enough and not (a.numbers & b.numbers) else 0.0


def pair_features(a: ArticleSignals, b: ArticleSignals) -> np.ndarray:
    """The feature vector of one pair, in ``FEATURES`` order. ``names_shared`` counts
    (log) shared names rather than normalizing: three shared specific names say more
    than one, whatever the article lengths (it was the strongest single addition on
    SemEval dev, +0.013 held-out Pearson)."""
    return np.array(_feature_list(a, b))


def _feature_list(a: ArticleSignals, b: ArticleSignals,
                  skip: frozenset[int] = frozenset()) -> list[float]:
    """``pair_features`` as a list, the features whose index is in ``skip`` left at 0.0
    without computing them (``pair_score`` skips those of weight 0: ``UNWEIGHTED``)."""
    cosine = float(np.dot(a.embedding, b.embedding))
    cross = 1.0 if (a.language and b.language and a.language != b.language) else 0.0
    shared_keys = len(a.keys & b.keys)
    shared_words = len(a.words & b.words)
    features = [
        cosine,
        cosine * cross,
        cross,
        _overlap(shared_keys, a.keys, b.keys),
        overlap(a.numbers, b.numbers),
        _overlap(shared_words, a.words, b.words),
        overlap(a.dates, b.dates),
        cosine * cosine,
        _jaccard(shared_words, a.words, b.words),
        overlap(a.lead_words, b.lead_words),
        _log1p(shared_keys),
        numbers_disjoint(a, b),
    ]
    if skip >= _EVENT_FEATURES:  # the event features, all of weight 0 in pair_score
        return [*features, *[0.0] * len(_EVENT_FEATURES)]
    known = _time_known(a, b)
    return [
        *features,
        overlap(_typed(a, "PER"), _typed(b, "PER")),
        overlap(_typed(a, "ORG"), _typed(b, "ORG")),
        overlap(a.places, b.places),
        1.0 if a.places and b.places and not (a.places & b.places) else 0.0,
        known,
        known * min(_gap_days(a, b), TIME_GAP_CAP_DAYS) / TIME_GAP_CAP_DAYS,
        float(np.log1p(len(a.numbers & b.numbers))),
    ]


def _overlap(shared: int, a: set[str], b: set[str]) -> float:
    """``overlap`` given the size of the intersection."""
    if not a or not b:
        return 0.0
    return shared / math.sqrt(len(a) * len(b))


def _jaccard(shared: int, a: set[str], b: set[str]) -> float:
    """``jaccard`` given the size of the intersection."""
    union = len(a) + len(b) - shared
    return shared / union if union else 0.0


_LOG1P: list[float] = []


def _log1p(count: int) -> float:
    """``float(np.log1p(count))``, from a table (numpy's scalar call costs ~1 us)."""
    while len(_LOG1P) <= count:
        _LOG1P.append(float(np.log1p(len(_LOG1P))))
    return _LOG1P[count]


#: Event-time gaps (days) beyond this count as "far apart" in the ``time_gap`` feature:
#: the feature is linear up to a month, where SemEval's same-story pairs end.
TIME_GAP_CAP_DAYS = 30.0
#: Event times surer than this (days either side) count as known for ``time_known``:
#: a day date read from the text or a publish time, not a month or a year.
KNOWN_TIME_DAYS = 3.0


def _typed(item: ArticleSignals, label: str) -> set[str]:
    prefix = label + ":"
    return {k for k in item.typed if k.startswith(prefix)}


def _time_known(a: ArticleSignals, b: ArticleSignals) -> float:
    sure = (a.published is not None and b.published is not None
            and a.time_uncertainty <= KNOWN_TIME_DAYS and b.time_uncertainty <= KNOWN_TIME_DAYS)
    return 1.0 if sure else 0.0


def _gap_days(a: ArticleSignals, b: ArticleSignals) -> float:
    if a.published is None or b.published is None:
        return 0.0
    try:
        return abs((a.published - b.published).total_seconds()) / 86400.0
    except TypeError:  # one aware, one naive datetime: compare wall-clock times
        return abs((a.published.replace(tzinfo=None) - b.published.replace(tzinfo=None))
                   .total_seconds()) / 86400.0


def capped(features: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """Features with the ``CAPPED`` ones held to ``caps`` (one cap per capped feature)."""
    out = np.array(features, dtype=float)
    out[..., _CAPPED_INDEX] = np.minimum(out[..., _CAPPED_INDEX], caps)
    return out


_CAPPED_INDEX = [FEATURES.index(name) for name in CAPPED]
#: Indices of the event features (``FEATURES`` from "persons" on) and of the features
#: ``pair_score`` gives weight 0 (today: exactly the event features): it leaves them at
#: 0.0 uncomputed, the same sum, since each adds 0 * feature = 0.0 (features are finite).
_EVENT_FEATURES = frozenset(range(FEATURES.index("persons"), len(FEATURES)))
UNWEIGHTED = frozenset(i for i, w in enumerate(COEFFICIENTS) if w == 0.0)
#: ``scored_pair`` writes ``_feature_list`` out for today's weights: the caps of the capped
#: features by name, and the features after ``numbers_disjoint`` (the event features) all
#: of weight 0, left at 0.0.
_CAP_NAMES, _CAP_WORDS, _CAP_DATES, _CAP_JACCARD, _CAP_LEAD = (
    float(FEATURE_CAPS[CAPPED.index(name)])
    for name in ("names", "words", "dates", "words_jaccard", "lead_words"))
_ZEROS = (0.0,) * len(_EVENT_FEATURES)
if not UNWEIGHTED >= _EVENT_FEATURES:
    raise ValueError(f"{WEIGHTS_FILE.name}: scored_pair assumes weight 0 for the event "
                     "features")


def metric_term(a: ArticleSignals, b: ArticleSignals) -> float:
    """The learned per-dimension weighting of two same-language lead vectors (see
    ``METRIC``); 0 across languages and for vectors of another model."""
    if not METRIC.size or a.embedding.shape != METRIC.shape \
            or b.embedding.shape != METRIC.shape:
        return 0.0
    if a.language is None or a.language != b.language:
        return 0.0
    return METRIC_OFFSET + float(np.dot(a.embedding * b.embedding, METRIC))


def rating_terms(a: ArticleSignals, b: ArticleSignals,
                 mean: np.ndarray | None = None) -> np.ndarray:
    """The ``RATING_TERMS`` of one pair (``mean``: the topic mean, ``TOPIC_MEAN`` unless
    given; the bench passes the mean of its training texts)."""
    mean = TOPIC_MEAN if mean is None else mean
    lead_a, lead_b = a.embedding, b.embedding
    rest_a = a.rest_embedding if a.rest_embedding is not None else lead_a
    rest_b = b.rest_embedding if b.rest_embedding is not None else lead_b
    prose = min(1.0 if a.prose_share is None else a.prose_share,
                1.0 if b.prose_share is None else b.prose_share)
    return np.array([float(np.dot(lead_a, mean) + np.dot(lead_b, mean)),
                     float(np.dot(lead_a, rest_b) + np.dot(rest_a, lead_b)), prose])


def content_score(features: np.ndarray, metric: float = 0.0) -> float:
    """The fitted linear score of a feature vector plus the metric term (unclipped)."""
    return float(INTERCEPT + capped(features, FEATURE_CAPS) @ COEFFICIENTS + metric)


def calibrate(score: float) -> float:
    """An unclipped pair score mapped by ``CALIBRATION`` onto the rated scale, in [0, 1]."""
    if CALIBRATION.size:
        score = float(np.polyval(CALIBRATION, min(max(score, CALIBRATION_RANGE[0]),
                                                  CALIBRATION_RANGE[1])))
    return min(1.0, max(0.0, score))


def time_penalty(a: ArticleSignals, b: ArticleSignals) -> float:
    """Score lost to the publish-time gap beyond the grace period (0 when unknown)."""
    if a.published is None or b.published is None:
        return 0.0
    try:
        days = abs((a.published - b.published).total_seconds()) / 86400.0
    except TypeError:  # one aware, one naive datetime: compare wall-clock times
        days = abs((a.published.replace(tzinfo=None) - b.published.replace(tzinfo=None))
                   .total_seconds()) / 86400.0
    if a.time_estimated or b.time_estimated:
        penalty = max(0.0, days - ESTIMATED_GRACE_DAYS) * TIME_PENALTY_PER_DAY
        return min(penalty, ESTIMATED_MAX_PENALTY)
    return max(0.0, days - TIME_GRACE_DAYS) * TIME_PENALTY_PER_DAY


#: Extra weight of shared names and shared mentioned dates. SemEval gives them 0 (its
#: pairs are mostly same-language, where the lead embedding already sees the names), but
#: across scripts the embedding undervalues a shared name; calibrated on the sample corpus
#: (3 parts, 90 articles + 2 seeds): a grid over (name 0/0.2/0.4, date 0/0.2, threshold
#: 0.3..0.5) gave B-cubed F1 0.869 at (0, 0, 0.5) and 0.991 on the flat plateau
#: (0.4, 0.2, 0.3..0.45), every part >= 0.97 there, so each part picks the same setting.
#: Re-checked with the 12-feature scorer and the story decision of cluster.online
#: (threshold 0.3; F1 ingest order / mean over 10 shuffles): (0, 0) 0.966 / 0.961 and the
#: seeds join a sample story; (0.2, 0.2) 0.981 / 0.975; (0.4, 0.2) 0.991 / 0.983;
#: (0.6, 0.2) 0.991 / 0.984; (0.4, 0) 0.981 / 0.975. Kept at (0.4, 0.2), mid-plateau.
NAME_BONUS = 0.4
DATE_BONUS = 0.2


def pair_score(a: ArticleSignals, b: ArticleSignals) -> float:
    """Score in [0, 1] that two articles report the same story (1 = surely the same).
    The name/date bonus applies across languages only: within one language the lead
    embedding already reads the names (on SemEval, 85% same-language pairs, an
    unconditional bonus cost 0.04 Pearson; this way it costs none)."""
    return min(1.0, max(0.0, unclipped_score(a, b)))


def unclipped_score(a: ArticleSignals, b: ArticleSignals) -> float:
    """``pair_score`` before it is held to [0, 1]: ``content_score`` of ``pair_features``
    plus the name/date bonus less the time penalty, computed without the features of
    weight 0 and with the caps applied in place: the same operations on the same values,
    so the same float, in 39 instead of 92 us per pair (16,000 candidate and random
    pairs of a 10,000-article scale store, 2-core EPYC at load ~4). The story and event
    decisions score every pair through here (``scored_pair``)."""
    return scored_pair(a, b)[0]


def scored_pair(a: ArticleSignals, b: ArticleSignals) -> tuple[float, int, int]:
    """``unclipped_score`` and the numbers of names and of numbers the two articles share
    (what ``pairs.contrast`` asks again): ``_feature_list`` with the features of weight 0
    skipped, written out in one function so each set is intersected once (the names and
    the numbers were intersected twice for the features and twice more for the contrast)
    and no helper is called per feature. The same operations on the same values in the
    same order, so the same float (tests/test_similarity_fast_path.py)."""
    cosine = float(np.dot(a.embedding, b.embedding))
    cross = 1.0 if (a.language and b.language and a.language != b.language) else 0.0
    keys_a, keys_b, words_a, words_b = a.keys, b.keys, a.words, b.words
    numbers_a, numbers_b = a.numbers, b.numbers
    shared_keys = len(keys_a & keys_b)
    shared_words = len(words_a & words_b)
    shared_numbers = len(numbers_a & numbers_b) if numbers_a and numbers_b else 0
    names = shared_keys / math.sqrt(len(keys_a) * len(keys_b)) if keys_a and keys_b else 0.0
    numbers = (shared_numbers / math.sqrt(len(numbers_a) * len(numbers_b))
               if numbers_a and numbers_b else 0.0)
    words = (shared_words / math.sqrt(len(words_a) * len(words_b))
             if words_a and words_b else 0.0)
    dates = overlap(a.dates, b.dates)
    union = len(words_a) + len(words_b) - shared_words
    disjoint = 1.0 if (min(len(numbers_a), len(numbers_b)) >= DISJOINT_MIN_NUMBERS
                       and not shared_numbers) else 0.0
    bonus = (NAME_BONUS * names + DATE_BONUS * dates) * cross
    features = [cosine, cosine * cross, cross, min(names, _CAP_NAMES), numbers,
                min(words, _CAP_WORDS), min(dates, _CAP_DATES), cosine * cosine,
                min(shared_words / union if union else 0.0, _CAP_JACCARD),
                min(overlap(a.lead_words, b.lead_words), _CAP_LEAD),
                _log1p(shared_keys), disjoint, *_ZEROS]
    content = float(INTERCEPT + np.array(features) @ COEFFICIENTS + metric_term(a, b))
    return content + bonus - time_penalty(a, b), shared_keys, shared_numbers


def rating(a: ArticleSignals, b: ArticleSignals) -> float:
    """How likely two articles report the same story on the scale of the human ratings:
    the rating model (``RATING_*``: the features, ``RATING_TERMS`` and metric refitted
    jointly) plus the name bonus and time penalty, calibrated (``CALIBRATION``); what the
    API's similarity returns. Not used by the story decision (see ``TOPIC_MEAN``). Leads
    of another embedding model than the one fitted on get the calibrated pair score."""
    features = pair_features(a, b)
    adjust = pair_adjustment(a, b, features)
    shape = TOPIC_MEAN.shape
    if not TOPIC_MEAN.size or a.embedding.shape != shape or b.embedding.shape != shape \
            or RATING_METRIC.shape != shape:
        return calibrate(content_score(features, metric_term(a, b)) + adjust)
    metric = 0.0
    if a.language is not None and a.language == b.language:
        metric = float(np.dot(a.embedding * b.embedding, RATING_METRIC))
    score = (RATING_INTERCEPT + capped(features, RATING_CAPS) @ RATING_COEFFICIENTS
             + rating_terms(a, b) @ RATING_WEIGHTS + metric)
    return calibrate(float(score) + adjust)


def pair_adjustment(a: ArticleSignals, b: ArticleSignals,
                    features: np.ndarray | None = None) -> float:
    """What ``unclipped_score`` adds to the fitted score: the cross-language name/date
    bonus less the publish-time penalty (neither is fitted on SemEval)."""
    features = pair_features(a, b) if features is None else features
    bonus = (NAME_BONUS * features[3] + DATE_BONUS * features[6]) * features[2]
    return float(bonus - time_penalty(a, b))
