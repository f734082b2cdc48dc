"""Durations on one scale, for the figure disputes of ``slots``: "un giorno e mezzo",
"約36時間", "36 hours" and "a day and a half" are one figure; "two days" and "36 hours"
are two. The units and their lengths are data (``[quantities.time_scale]`` of the
language files), the words that name them too (``[quantities.time_units]``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rashomon.core import Quantity
from rashomon.lang import Lexicon, lexicon_languages


def _time_scale() -> tuple[str | None, dict[str, float]]:
    """``[quantities.time_scale]`` of the language files (read for every language: unit
    codes are shared): the unit durations are compared in and each unit's length in
    minutes."""
    base, minutes = None, {}
    for lang in lexicon_languages():
        table = Lexicon(lang).table("quantities", "time_scale")
        base = table.pop("compare_in", base)
        minutes.update((str(k), float(v)) for k, v in table.items())
    return base, minutes


#: Durations are compared on one scale: "un giorno e mezzo", "約36時間", "36 hours" and "a
#: day and a half" are one figure, "two days" and "36 hours" are not. Only units of fixed
#: length are put on it (minutes, hours, days, weeks); a month or a year is not a fixed
#: number of days, so "18 months" and "a year and a half" stay apart.
DURATION_BASE, DURATION_MINUTES = _time_scale()
TIME_UNIT_CODES = frozenset(code for lang in lexicon_languages() for code in
                            Lexicon(lang).table("quantities", "time_units"))


@dataclass
class ScaledQuantity(Quantity):
    """A figure put on the shared duration scale: ``value`` and ``unit`` are on it,
    ``scale`` is how many shared units one written unit is (24 for days in hours)."""

    scale: float = 1.0
    written_unit: str | None = None

    def as_written(self) -> Quantity:
        key = f"{self.written_unit}s" if self.counted_key == f"{self.unit}s" else \
            self.counted_key
        return Quantity(self.start, self.end, self.text, self.value / self.scale,
                        self.written_unit, self.counted, key, self.hedge)


def on_shared_scale(q: Quantity) -> Quantity:
    """``q`` in the shared duration unit when it is a duration of fixed length, else ``q``
    itself. The hedge and the rounding slack stay those of the figure as written
    (``interval``): "5 days" is as exact as written, not a round 120 hours."""
    factor = DURATION_MINUTES.get(q.unit or "")
    if not factor or DURATION_BASE is None or q.unit == DURATION_BASE:
        return q
    scale = factor / DURATION_MINUTES[DURATION_BASE]
    # the extractor keys a bare duration by its unit ("days"): that key moves to the scale
    key = f"{DURATION_BASE}s" if q.counted_key == f"{q.unit}s" else q.counted_key
    return ScaledQuantity(q.start, q.end, q.text, q.value * scale, DURATION_BASE, q.counted,
                          key, q.hedge, scale=scale, written_unit=q.unit)


def durations_as_written(per_source: dict[str, list]) -> tuple[dict[str, list], bool]:
    """A claim's figures (observations with a ``quantity``, per source) stay on the shared
    scale only when its durations were written in more than one unit ("36 hours" and "a
    day and a half"): (observations, whether they were). When every source wrote the same
    unit, the figures are compared as written, under the name they always had."""
    written = {o.quantity.written_unit if isinstance(o.quantity, ScaledQuantity)
               else o.quantity.unit for found in per_source.values() for o in found}
    if len(written) > 1:
        return per_source, True
    return {source: [replace(o, quantity=o.quantity.as_written())
                     if isinstance(o.quantity, ScaledQuantity) else o for o in found]
            for source, found in per_source.items()}, False


def written_name(unit_name: str, written: Quantity) -> str:
    """A slot's unit name ("hour 2026": unit and year) with the unit ``written`` has."""
    base = DURATION_BASE or ""
    if base and unit_name.startswith(base) and written.unit:
        return written.unit + unit_name[len(base):]
    return unit_name
