"""Which day a claim is of: a publish time of low confidence dates nothing, and figures of
different days are no dispute. Sentences written for these tests."""

from __future__ import annotations

from datetime import datetime

from rashomon import extract
from rashomon.compare import implausible
from rashomon.compare.units import build_witnesses, fill_units, trusted_publish
from rashomon.core import Article

PORT_ES = ("Los estibadores del puerto de Valencia levantaron la huelga el 14 de marzo de 2026 "
           "tras alcanzar un acuerdo con la patronal, según el sindicato.")
RESCUE_PL = ("Trzęsienie ziemi nawiedziło region w czwartek, 12 marca 2026 roku. "
             "Ratownicy pracują bez przerwy od 72 godzin w zawalonych budynkach.")


def _article(text: str, lang: str, published: str, confidence: float | None) -> Article:
    return Article(title="", maintext=text, id=1, language=lang, source_domain="a.example",
                   date_publish=datetime.fromisoformat(published),
                   date_publish_confidence=confidence)


def _units(article: Article):
    facts = {article.id: extract.extract_facts(article)}
    return fill_units(build_witnesses([article]), facts,
                      extract.link_entities([article], facts))


def test_a_low_confidence_publish_time_is_no_date_of_a_claim():
    published = "2026-03-10T09:00:00+00:00"
    assert trusted_publish(_article(PORT_ES, "es", published, 0.3)) is None
    assert trusted_publish(_article(PORT_ES, "es", published, 0.9)) is not None
    # a time given with the input carries no confidence and is trusted as before
    assert trusted_publish(_article(PORT_ES, "es", published, None)) is not None


def test_a_date_after_a_low_confidence_publish_time_is_not_implausible():
    """Told as past four days after a trusted publish time: flagged; the same time
    guessed from a teaser (confidence 0.3) says nothing of when the article was written."""
    for confidence, flagged in ((0.95, True), (0.3, False)):
        article = _article(PORT_ES, "es", "2026-03-10T09:00:00+00:00", confidence)
        found = implausible.future_checks(article, _units(article), stated_elsewhere=set())
        assert bool(found) is flagged, (confidence, found)


def test_elapsed_work_is_not_measured_from_a_low_confidence_publish_time():
    for confidence, flagged in ((0.95, True), (0.3, False)):
        article = _article(RESCUE_PL, "pl", "2026-03-12T18:00:00+00:00", confidence)
        found = implausible.elapsed_checks(article, _units(article))
        assert bool(found) is flagged, (confidence, found)
