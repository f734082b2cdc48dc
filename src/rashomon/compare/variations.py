"""Why two incompatible figures may both be right: a spread of estimates, a different
period or place, a revision (split from ``slots``). Such a pair is a *variation*, shown
apart from the contradictions."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rashomon.compare.slots import Observation
    from rashomon.compare.units import Unit

SPREAD = "spread of estimates"
DIFFERENT_PLACE = "different place"

#: Words that mark a figure as an estimate, in the languages of the sample corpus. A
#: disagreement whose sentence carries one is a variation.
ESTIMATE_CUES = re.compile(
    r"estimat|stim[ae]|schätz|estim|оценк|по разным|تخمین|برآورد|تقدير|估计|估算|推定|"
    r"according to various",
    re.IGNORECASE,
)

#: Range words mark a spread only right before a figure ("between 3,000 and 4,000",
#: "entre 3 y 5", "от 3 до 5", "3至5"). Bare, they also join the two sides of talks: in
#: sample story B2 "les discussions entre Téhéran et Washington" had labelled the 3-hours
#: vs 5-hours dispute of the gold a spread of estimates.
RANGE_CUES = re.compile(
    r"(?:\bbetween|\bzwischen|\bentre|\btra|\bfra|\bот|بین|بين)\s+(?:\S+\s+){0,2}?"
    r"[\d۰-۹٠-٩]|\d\s*(?:至|到|～|~)\s*\d",
    re.IGNORECASE,
)
#: The same words right before a figure written in words ("zwischen fünf und sechs").
RANGE_BEFORE = re.compile(
    r"(?:\bbetween|\bzwischen|\bentre|\btra|\bfra|\bот|بین|بين)\s+(?:\S+\s+){0,3}$",
    re.IGNORECASE,
)
REVISION_CUES = re.compile(
    r"\brose\b|risen|climbed|increased to|updated|revised|now stands|"
    r"salit[oa]|aumentat[oa]|aggiornat|rivist|gestiegen|erhöht|aktualisiert|"
    r"passé à|révisé|выросл|увеличил|уточнен|افزایش|به .{1,20} رسید|ارتفع|"
    r"上升|升至|增至|更新",
    re.IGNORECASE,
)


def variation_label(a: Observation, b: Observation) -> str | None:
    """Why two incompatible values may both be right, or None for a contradiction."""
    if any(ESTIMATE_CUES.search(o.unit.text) or RANGE_CUES.search(o.unit.text)
           or _range_before(o) for o in (a, b)):
        return SPREAD
    if _periods(a.unit) and _periods(b.unit) and not (_periods(a.unit) & _periods(b.unit)):
        return "different period"
    if a.unit.source == b.unit.source:
        return "revision"
    if REVISION_CUES.search(a.unit.text) or REVISION_CUES.search(b.unit.text):
        return "revision"
    return None


def other_places(a: Observation, b: Observation,
                  common: frozenset[str] = frozenset()) -> str | None:
    """Figures of aligned sentences that each name places, none in common ("46 flights to
    Spain" / "62 flights to Italy"), count for different places. Places most of the
    story's articles name (``common``: the hubs every account of a strike names) do not
    tell a scope: "46 connections between Madrid, Barcelona ... and Frankfurt" and "62
    links between Fiumicino, Malpensa ... and Frankfurt" still count for two countries."""
    pa, pb = a.unit.keys_labelled("LOC"), b.unit.keys_labelled("LOC")
    if pa and pb and not (pa & pb):
        return DIFFERENT_PLACE
    own_a, own_b = pa - common, pb - common
    return DIFFERENT_PLACE if own_a and own_b and not (own_a & own_b) else None


def _range_before(o: Observation) -> bool:
    at = o.quantity.start - o.unit.start
    return bool(RANGE_BEFORE.search(o.unit.text[max(0, at - 40):max(0, at)]))


def _periods(unit: Unit) -> set[str]:
    """Month-precise periods the sentence dates itself to."""
    return {d.value[:7] for d in unit.dates if not d.relative and d.granularity != "monthday"}
