"""Contradictions: the same slot (a count, a date, a place) filled with incompatible values.

Rashomon shows disagreements, it never rules who is right. So values are compared as
*intervals* that honour the writer's hedge ("about 100,000" covers 90,000-110,000,
"more than 9 months" covers 9 months and up) and rounding; only intervals that do not
touch are a contradiction. Disagreements explained by a spread of estimates, a later
revision or a different period are kept apart as *variations*.
"""

from __future__ import annotations

import difflib
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from rashomon.compare.units import Unit
from rashomon.core import Contradiction, DateMention, Quantity

#: Largest relative slack of an unhedged *round* figure (half its rounding unit, capped
#: here): writers round ("1,240" reported as "1,200"); 3% keeps 1,240 vs 1,200 compatible
#: and unhedged 100,000 vs 120,000 not. Exact-looking figures (115, 6.5) get no slack.
ROUNDING = 0.03

#: Relative slack of "about"/"nearly"/"some": 10%, so "about 100,000" vs "120,000" (20%
#: apart) IS a contradiction, as the issue's calibration example requires, while "about
#: 100,000" vs "95,000" is not.
ABOUT = 0.10

#: Hedges decide *whether* two figures conflict; severity is the relative difference of
#: the stated values: < 15% low (counting method), < 50% medium (100,000 vs 120,000:
#: 17%; 9 vs 12 months: 25%), else high (4 vs 40 killed).
SEVERITY_LOW = 0.15
SEVERITY_MEDIUM = 0.50

#: Words that mark a figure as an estimate, a range or a revision, in the languages of
#: the sample corpus. A disagreement whose sentence carries one is a variation.
ESTIMATE_CUES = re.compile(
    r"estimat|range|between|according to various|stim[ae]|tra .{1,20} e |fra .{1,20} e |"
    r"schätz|zwischen|estim|entre|оценк|по разным|от .{1,15} до|تخمین|برآورد|بین|"
    r"تقدير|ما بين|估计|估算|至|推定",
    re.IGNORECASE,
)
REVISION_CUES = re.compile(
    r"\brose\b|risen|climbed|increased to|updated|revised|now stands|"
    r"salit[oa]|aumentat[oa]|aggiornat|rivist|gestiegen|erhöht|aktualisiert|"
    r"passé à|révisé|выросл|увеличил|уточнен|افزایش|به .{1,20} رسید|ارتفع|"
    r"上升|升至|增至|更新",
    re.IGNORECASE,
)


@dataclass
class Observation:
    """One value of a slot as stated in one sentence."""

    unit: Unit
    quantity: Quantity

    @property
    def interval(self) -> tuple[float, float]:
        return interval(self.quantity)


def interval(q: Quantity) -> tuple[float, float]:
    """The range of true values a hedged, possibly rounded figure is compatible with."""
    v = q.value
    hedge = q.hedge or ""
    if hedge in ("more_than", "at_least", "over"):
        return (v * (1 - ROUNDING), float("inf"))
    if hedge in ("less_than", "up_to", "at_most", "under"):
        return (0.0, v * (1 + ROUNDING))
    if hedge in ("about", "approximately", "nearly", "around"):
        return (v * (1 - ABOUT), v * (1 + ABOUT))
    slack = min(_rounding_unit(v) / 2, abs(v) * ROUNDING)
    return (v - slack, v + slack)


def _rounding_unit(v: float) -> float:
    """The unit an unhedged figure looks rounded to: 1,200 -> 100; 115 or 6.5 -> 0 (an
    exact count, so 115 vs 116 prisoners conflict, as the sample gold expects)."""
    if v != int(v) or abs(v) < 100:
        return 0.0
    unit = 1.0
    while int(v) % int(unit * 10) == 0:
        unit *= 10
    return unit if unit >= 10 else 0.0


def gap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Relative distance between two intervals; 0 when they touch."""
    low, high = (a, b) if a[1] < b[0] else (b, a)
    if low[1] >= high[0]:
        return 0.0
    return (high[0] - low[1]) / max(high[0], 1e-9)


def severity(relative_gap: float) -> str:
    if relative_gap < SEVERITY_LOW:
        return "low"
    return "medium" if relative_gap < SEVERITY_MEDIUM else "high"


def variation_label(a: Observation, b: Observation) -> str | None:
    """Why two incompatible values may both be right, or None for a contradiction."""
    if ESTIMATE_CUES.search(a.unit.text) or ESTIMATE_CUES.search(b.unit.text):
        return "spread of estimates"
    if _periods(a.unit) and _periods(b.unit) and not (_periods(a.unit) & _periods(b.unit)):
        return "different period"
    if a.unit.source == b.unit.source:
        return "revision"
    if REVISION_CUES.search(a.unit.text) or REVISION_CUES.search(b.unit.text):
        return "revision"
    return None


def _periods(unit: Unit) -> set[str]:
    """Month-precise periods the sentence dates itself to."""
    return {d.value[:7] for d in unit.dates if not d.relative}


def quantity_slots(units: list[Unit], claims: list[list[int]]) -> dict[str, list[Observation]]:
    """Observations grouped by slot: the figures of aligned sentences (sentences that state
    the same thing) with the same unit, one per source.

    Slots are built inside aligned claims only. Story-wide slots keyed on ``counted_key``
    mixed different things the same noun counts (sample story A1: this quake's 12 dead
    and the 2023 quakes' 50,000 dead under "people"), and most figures of the sample
    corpus carry no counted key at all (a bare "14" in "hayatını kaybedenlerin sayısı 14").
    """
    slots: dict[str, list[Observation]] = {}
    for members in claims:
        by_unit: dict[str, dict[str, list[Observation]]] = {}
        for index in members:
            for q in units[index].quantities:
                if _comparable(q):
                    by_unit.setdefault(q.unit or "", {}).setdefault(
                        units[index].source, []).append(Observation(units[index], q))
        for unit_name, per_source in by_unit.items():
            chosen = _pick_per_source(per_source)
            if len(chosen) > 1:
                slots[_slot_name(chosen, unit_name, units[members[0]].text)] = chosen
    return slots


#: Counted things specific enough to be one slot story-wide, not only inside aligned
#: sentences: a story's death toll is one slot even when the sentences stating it say
#: different other things and fall in different aligned claims (sample story A1: the
#: Turkish, Arabic and Persian "14 dead" and the Russian "12" were in two claims, so the
#: claim-level slots never compared them). Generic keys ("people", time units) stay
#: claim-level: "3 hours" of talks and "3 hours" of delay are different things.
STORY_KEYS = frozenset({"dead", "injured", "evacuated", "missing", "residents", "villages",
                        "buildings", "spectators", "tugboats", "containers"})


def story_slots(units: list[Unit]) -> dict[str, list[Observation]]:
    """Observations of the STORY_KEYS counts across all sentences of the story, for keys
    that at least two sources state (each source's lead figure is chosen later)."""
    by_key: dict[str, dict[str, list[Observation]]] = {}
    for unit in units:
        for q in unit.quantities:
            if q.counted_key in STORY_KEYS and not q.unit and _comparable(q):
                by_key.setdefault(q.counted_key, {}).setdefault(unit.source, []).append(
                    Observation(unit, q))
    return {key: [o for found in per_source.values() for o in found]
            for key, per_source in by_key.items() if len(per_source) > 1}


def _slot_name(chosen: list[Observation], unit_name: str, text: str) -> str:
    """The counted thing when the sources name one ("residents"), else unit and claim."""
    keys = Counter(o.quantity.counted_key for o in chosen if o.quantity.counted_key)
    if keys:
        key, count = keys.most_common(1)[0]
        if count * 2 > len(chosen):
            return key
    return f"{unit_name + ' ' if unit_name else ''}({_short(text)})"


def _comparable(q: Quantity) -> bool:
    """Figures worth comparing: not a bare zero (a score "5-0") nor a percentage rate
    compared with unrelated rates of the same sentence."""
    return q.value > 0


def _pick_per_source(per_source: dict[str, list[Observation]]) -> list[Observation]:
    """One figure per source: sources stating a single figure set the reference (their
    median); a source stating several contributes the one closest to it (in log scale).
    With no single-figure source the slot is ambiguous and left out."""
    singles = [obs[0].quantity.value for obs in per_source.values() if len(obs) == 1]
    if not singles:
        return []
    reference = statistics.median(singles)
    chosen = []
    for observations in per_source.values():
        chosen.append(min(observations, key=lambda o: abs(
            math.log(max(o.quantity.value, 1e-9) / max(reference, 1e-9)))))
    return chosen


def _short(text: str, n: int = 50) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def contradictions_of(
    slot: str, observations: list[Observation]
) -> tuple[list[Contradiction], list[Contradiction]]:
    """(contradictions, variations) of one slot: at most one entry each, listing every
    source's value, with the severity of the worst incompatible pair."""
    per_source = _same_scale(_one_per_source(observations))
    if len(per_source) < 2:
        return [], []
    worst: dict[str, float] = {}
    labels: set[str] = set()
    for i, a in enumerate(per_source):
        for b in per_source[i + 1:]:
            if gap(a.interval, b.interval) == 0.0 or not same_thing(a.quantity, b.quantity):
                continue
            va, vb = a.quantity.value, b.quantity.value
            distance = abs(va - vb) / max(abs(va), abs(vb), 1e-9)
            label = variation_label(a, b)
            kind = "variation" if label else "contradiction"
            worst[kind] = max(worst.get(kind, 0.0), distance)
            if label:
                labels.add(label)
    kind = "duration" if _is_duration(per_source[0].quantity) else "quantity"
    found, varied = [], []
    if "contradiction" in worst:
        found.append(Contradiction(slot=slot, kind=kind,
                                   values=[_value(o) for o in per_source],
                                   severity=severity(worst["contradiction"])))
    elif "variation" in worst:
        varied.append(Contradiction(slot=slot, kind=kind,
                                    values=[_value(o) for o in per_source],
                                    severity=severity(worst["variation"]),
                                    note=", ".join(sorted(labels))))
    return found, varied


#: Two figures of aligned sentences farther apart than this factor count different
#: things (36 ships passed vs 40 waiting is close; 7 Beaufort vs 300 firefighters is
#: not). In the 27 gold contradictions of the sample corpus the widest pair is 3.6x
#: (Apple fined 500 million vs 1.8 billion euros); 4 keeps all of them.
SAME_THING_RATIO = 4.0


def same_thing(a: Quantity, b: Quantity) -> bool:
    """Could two figures of aligned sentences count the same thing?"""
    if a.counted_key and b.counted_key and a.counted_key != b.counted_key:
        return False
    low, high = sorted((abs(a.value), abs(b.value)))
    return low > 0 and high / low <= SAME_THING_RATIO


def _same_scale(observations: list[Observation]) -> list[Observation]:
    """The figures within SAME_THING_RATIO of the slot's median: a clock time read as a
    number ("14.26" among injured counts) or a crew size among tug counts is another
    thing, and listing it would put a false value in the contradiction."""
    median = statistics.median(o.quantity.value for o in observations)
    reference = Quantity(0, 0, "", median)
    return [o for o in observations if same_thing(o.quantity, reference)]


def _one_per_source(observations: list[Observation]) -> list[Observation]:
    """The first value each source gives (its lead figure) for the slot."""
    seen: dict[str, Observation] = {}
    for o in sorted(observations, key=lambda o: (o.unit.article_id, o.unit.start)):
        seen.setdefault(o.unit.source, o)
    return list(seen.values())


_DURATION_UNITS = {"second", "minute", "hour", "day", "week", "month", "year"}


def _is_duration(q: Quantity) -> bool:
    return (q.unit or "").rstrip("s") in _DURATION_UNITS


def _value(o: Observation) -> dict:
    q = o.quantity
    return {
        "value": q.value,
        "unit": q.unit,
        "hedge": q.hedge,
        "text": q.text,
        "source": o.unit.source,
        "evidence": o.unit.evidence(),
    }


def date_contradictions(units: list[Unit], claims: list[list[int]],
                        anchored: frozenset[int] = frozenset()) -> list[Contradiction]:
    """Aligned sentences that date the same event to different days. A relative day
    ("on Saturday", "ieri") counts when its article has a publish time to resolve it
    against (``anchored`` article ids): sample story B5 dates the swap "on Saturday" in
    three dated articles and "w piątek 13 września" in one."""
    found = []
    for members in claims:
        dated = [
            (units[i], d) for i in members for d in units[i].dates
            if d.granularity == "day" and (not d.relative or units[i].article_id in anchored)
        ]
        per_unit: dict[int, set[str]] = {}
        for unit, d in dated:
            per_unit.setdefault(unit.index, set()).add(d.value)
        singles = {i: next(iter(v)) for i, v in per_unit.items() if len(v) == 1}
        if len(singles) < 2 or len(set(singles.values())) < 2:
            continue
        if _only_inferred_years_differ(singles, dated) or _far_relative(singles, dated):
            continue
        values = [
            {"value": value, "text": next(d.text for u, d in dated if u.index == i),
             "source": units[i].source, "evidence": units[i].evidence()}
            for i, value in singles.items()
        ]
        found.append(Contradiction(
            slot=f"date of: {_short(units[members[0]].text, 80)}", kind="date",
            values=values, severity=_date_severity(sorted(singles.values())),
        ))
    return found


#: A relative day ("Saturday", "ieri") disagreeing with another date by more than this
#: many days was resolved against the wrong anchor (a quoted "tonight" in a follow-up
#: article): accounts that date one event differently are a day or two apart (the
#: sample corpus's date disputes: 1 day; its relative-date false alarm: 11 days).
RELATIVE_MAX_DAYS = 2


def _far_relative(singles: dict[int, str], dated: list[tuple[Unit, DateMention]]) -> bool:
    from datetime import date

    if not any(d.relative for u, d in dated if u.index in singles):
        return False
    days = sorted(date.fromisoformat(v[:10]) for v in singles.values())
    return (days[-1] - days[0]).days > RELATIVE_MAX_DAYS


def _only_inferred_years_differ(singles: dict[int, str],
                                dated: list[tuple[Unit, DateMention]]) -> bool:
    """Dates differing only in a year nobody wrote ("bis zum 21. Februar" resolved to the
    wrong year when the article has no publish date) are a resolution artefact, not two
    accounts (sample story A1: 2025-02-21 vs 2023-02-21)."""
    if len({v[5:] for v in singles.values()}) > 1:
        return False
    texts = [d.text for u, d in dated if u.index in singles]
    return not all(_YEAR.search(t) for t in texts)


_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)|[۱۲][۰-۹]{3}|[١٢][٠-٩]{3}")


def _date_severity(values: list[str]) -> str:
    """One day apart is often a time-zone or publication-day artefact: medium; more is high."""
    from datetime import date

    first, last = date.fromisoformat(values[0]), date.fromisoformat(values[-1])
    return "medium" if (last - first).days <= 1 else "high"


def place_contradictions(units: list[Unit], claims: list[list[int]],
                         article_keys: dict[int, set[str]]) -> list[Contradiction]:
    """Aligned sentences naming different places (or actors) that the other account never
    names at all — "met in Istanbul" vs "met in Ankara"."""
    found = []
    named_in = _articles_naming(units, "LOC")
    for members in claims:
        if not _pinned_together(units, members):
            continue
        for label, kind in (("LOC", "place"),):
            named = {
                i: {k for k, lab in units[i].entity_labels.items() if lab == label}
                for i in members
            }
            named = {i: keys for i, keys in named.items() if len(keys) == 1
                     and len(named_in.get(next(iter(keys)), ())) >= PLACE_MIN_ARTICLES}
            if len(named) < 2 or _nested(named.values()) or _spelled_alike(named.values()):
                continue
            conflicting = [
                i for i, keys in named.items()
                if all(not (keys & article_keys[units[j].article_id]) for j in named if j != i)
            ]
            if len(conflicting) == len(named):
                found.append(Contradiction(
                    slot=f"{kind} of: {_short(units[members[0]].text, 80)}", kind=kind,
                    values=[{"value": sorted(named[i]), "text": units[i].text,
                             "source": units[i].source, "evidence": units[i].evidence()}
                            for i in conflicting],
                    severity="medium",
                ))
    return found


#: A place enters a place contradiction only when at least this many articles of the
#: story name it. On the 15 sample gold stories every place/actor contradiction built
#: from single-article entity keys was an extraction artefact (13 of 13: "риме", "van",
#: "bank", a quoted phrase as a person); a real venue dispute names places other
#: sources also name (Rome, Muscat). Actor contradictions are off for the same reason:
#: 0 of 5 were right, person keys differ across scripts more often than people do.
PLACE_MIN_ARTICLES = 2


def _articles_naming(units: list[Unit], label: str) -> dict[str, set[int]]:
    named: dict[str, set[int]] = {}
    for unit in units:
        for key, lab in unit.entity_labels.items():
            if lab == label:
                named.setdefault(key, set()).add(unit.article_id)
    return named


def _nested(key_sets) -> bool:
    """One key inside another ("emilia-romagna" in "region-emilia-romagna") is one place
    named twice, not two places."""
    keys = [next(iter(k)) for k in key_sets]
    return any(a != b and (a in b or b in a) for a in keys for b in keys)


#: Two place keys this similar (difflib ratio) are one place spelled two ways
#: ("emilia-romagna" / "emilia-romana" from Spanish and Russian transliterations).
SPELLING_SIMILARITY = 0.8


def _spelled_alike(key_sets) -> bool:
    keys = [next(iter(k)) for k in key_sets]
    return any(a != b and difflib.SequenceMatcher(None, a, b).ratio() >= SPELLING_SIMILARITY
               for a in keys for b in keys)


def _pinned_together(units: list[Unit], members: list[int]) -> bool:
    """Do the aligned sentences pin one event (a shared day or month date)? Without
    it, different places in aligned sentences were, on the 15 gold stories, always
    different aspects of one story (Jiuquan launch site vs Beijing time; Suez vs Egypt),
    8 false place contradictions out of 8."""
    months = [{d.value[:7] for d in units[i].dates if d.granularity in ("day", "month")}
              for i in members]
    return any(a & b for i, a in enumerate(months) for b in months[i + 1:])
