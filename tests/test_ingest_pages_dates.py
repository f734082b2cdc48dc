"""Dates read from undated text and date lines, and timeline lines cut at a word."""

from __future__ import annotations

from datetime import UTC, datetime

from rashomon.compare.build import TIMELINE_TEXT, cut_at_word
from rashomon.extract.dates import extract_dates


def _values(text: str, lang: str, published: datetime | None) -> list[str]:
    return [d.value for d in extract_dates(text, lang, published)]


def test_yearless_date_in_undated_text_takes_no_year_from_a_bare_year() -> None:
    # A forecast year further up is not the year of "November 11".
    text = ("Officials expect the plant to open in 2006. The board meets on November 11 "
            "to approve the budget.")
    assert _values(text, "en", None) == ["2006", "--11-11"]  # a day-month, no ISO day
    # With the publish time known, the publish year is taken.
    dated = _values(text, "en", datetime(2005, 10, 2, tzinfo=UTC))
    assert "2005-11-11" in dated


def test_yearless_date_after_a_full_date_keeps_its_year() -> None:
    text = "Die Wahl fand am 3. Oktober 2021 statt. Am 5. Oktober trat der Rat zusammen."
    assert _values(text, "de", None) == ["2021-10-03", "2021-10-05"]


def test_month_alone_in_undated_text_is_no_date() -> None:
    text = "Seit 1990 ist die Stadt gewachsen. Im November beginnt der Umbau des Bahnhofs."
    assert not any(v.startswith("1990-") for v in _values(text, "de", None))
    assert "2024-11" in _values(text, "de", datetime(2024, 3, 1, tzinfo=UTC))


def test_dashed_date_lines_are_read() -> None:
    assert _values("Posted: 01-Mar-08 | Section: Business", "en", None) == ["2008-03-01"]
    assert _values("Filed 7-Nov-2005 by the night desk.", "en", None) == ["2005-11-07"]
    # A two-digit year never lands after the publish year (+1).
    assert _values("Archive entry 12-Jan-97.", "en", datetime(2001, 5, 1, tzinfo=UTC)) == [
        "1997-01-12"]
    # Not a date: an impossible day, or a code glued to other tokens.
    assert _values("Ref 45-Mar-08 was voided.", "en", None) == []
    assert _values("Part no. X-12-Mar-08-B", "en", None) == []


def test_timeline_line_is_cut_at_a_word_with_an_ellipsis() -> None:
    sentence = ("Secondo il rapporto, la produzione era crollata del quindici per cento "
                "rispetto ai dati dell'anno, mentre i prezzi erano saliti in modo costante "
                "nel febbraio 2023 e poi a marzo.")
    assert sentence[:TIMELINE_TEXT].endswith("febbraio 20")  # where a plain cut falls
    cut = cut_at_word(sentence, TIMELINE_TEXT)
    assert len(cut) <= TIMELINE_TEXT
    assert cut.endswith("…")
    assert not cut.endswith("20…")  # never a stray "20" that reads as a day
    assert sentence.startswith(cut[:-1])
    assert cut[:-1].split()[-1] in sentence.split()
    assert cut_at_word("Kurzer Satz.", TIMELINE_TEXT) == "Kurzer Satz."
    chinese = "据报道" * 80
    assert len(cut_at_word(chinese, TIMELINE_TEXT)) == TIMELINE_TEXT
