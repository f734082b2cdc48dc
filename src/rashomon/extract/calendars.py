"""Calendar arithmetic for the date finders (``dates.py``): an ISO date from its parts,
Solar Hijri (Persian) -> Gregorian by the 33-year cycle, lunar Hijri -> Gregorian through
``hijridate``, and the Solar Hijri year of a publish date."""

from __future__ import annotations

from datetime import date, datetime


def iso_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def persian_year(published: datetime | None) -> int | None:
    """Solar Hijri year of the publish date (the year turns at Nowruz, ~21 March)."""
    if published is None:
        return None
    after_nowruz = (published.month, published.day) >= (3, 21)
    return published.year - (621 if after_nowruz else 622)


def from_persian(year: int | None, month: int, day: int) -> str | None:
    """Arithmetic (33-year cycle) Solar Hijri -> Gregorian. convertdate's astronomical
    version costs ~180 ms per call; this one agrees with it on 1300-1500 AP dates tested."""
    if year is None or not 1300 <= year <= 1500 or not 1 <= day <= 31:
        return None
    if (month <= 6 and day > 31) or (month > 6 and day > 30):
        return None
    return _jalali_to_gregorian(year, month, day)


def _jalali_to_gregorian(jy: int, jm: int, jd: int) -> str | None:
    jy += 1595
    days = -355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + jd
    days += (jm - 1) * 31 if jm < 7 else (jm - 7) * 30 + 186
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    leap = gy % 4 == 0 and (gy % 100 != 0 or gy % 400 == 0)
    lengths = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    gm = 0
    while gm < 12 and gd > lengths[gm]:
        gd -= lengths[gm]
        gm += 1
    return iso_date(gy, gm + 1, gd)


def from_hijri(year: int, month: int, day: int) -> str | None:
    from hijridate import Hijri

    try:
        return Hijri(year, month, day).to_gregorian().isoformat()
    except (ValueError, OverflowError):
        return None
