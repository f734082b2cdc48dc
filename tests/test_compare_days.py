"""Which day a claim is of: a publish time of low confidence dates nothing, and figures of
different days are no dispute. Sentences written for these tests."""

from __future__ import annotations

from datetime import datetime

from rashomon import extract
from rashomon.compare import implausible, slots
from rashomon.compare.figure_days import DIFFERENT_DAY, RUNNING_COUNT, FigureDays
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


def _slot(*specs: tuple[str, str, str, str | None]):
    """(observations of the first figure of each article's text, FigureDays): articles
    given as (domain, language, text, ISO publish time)."""
    articles = [
        Article(title=domain, maintext=text, id=i, source_domain=domain, language=lang,
                date_publish=datetime.fromisoformat(pub) if pub else None)
        for i, (domain, lang, text, pub) in enumerate(specs, start=1)
    ]
    facts = {a.id: extract.extract_facts(a) for a in articles}
    units = fill_units(build_witnesses(articles), facts,
                       extract.link_entities(articles, facts))
    observations = [slots.Observation(u, u.quantities[0]) for u in units if u.quantities]
    return observations, FigureDays.of(articles)


CASES_ES = "Hasta ahora se han confirmado {n} contagios del nuevo virus en la provincia."


def test_running_counts_of_undated_articles_are_no_dispute():
    """"So far 412" and "so far 530" in two articles nobody can date are two updates of
    one count: shown as a variation, not as a dispute."""
    observations, days = _slot(("a.example.es", "es", CASES_ES.format(n=412), None),
                               ("b.example.es", "es", CASES_ES.format(n=530), None))
    assert len(observations) == 2
    found, varied = slots.contradictions_of("contagios", observations, days=days)
    assert found == [] and varied and varied[0].note == RUNNING_COUNT


def test_running_counts_of_one_day_still_dispute():
    observations, days = _slot(
        ("a.example.es", "es", CASES_ES.format(n=412), "2026-03-10T08:00:00+00:00"),
        ("b.example.es", "es", CASES_ES.format(n=530), "2026-03-10T17:30:00+00:00"))
    found, _ = slots.contradictions_of("contagios", observations, days=days)
    assert len(found) == 1
    # one publish time not trusted (low confidence): the day is no longer known
    low = FigureDays({1: days.published[1], 2: None})
    found, varied = slots.contradictions_of("contagios", observations, days=low)
    assert found == [] and varied[0].note == RUNNING_COUNT


def test_counts_each_sentence_dates_to_another_day_are_no_dispute():
    """Two sentences that each name the day of their count, and different days."""
    observations, days = _slot(
        ("a.example.de", "de", "Am Montag, 9. März 2026, meldeten die Behörden 40 Verletzte "
         "nach dem Zugunglück.", "2026-03-11T08:00:00+00:00"),
        ("b.example.pl", "pl", "W środę 11 marca 2026 roku władze podały, że rannych jest 55 "
         "osób.", "2026-03-11T09:00:00+00:00"))
    found, varied = slots.contradictions_of("injured", observations, days=days)
    assert found == [] and varied[0].note == DIFFERENT_DAY
    # the same counts with one sentence that names no day: a dispute as before
    observations, days = _slot(
        ("a.example.de", "de", "Die Behörden meldeten 40 Verletzte nach dem Zugunglück.",
         "2026-03-11T08:00:00+00:00"),
        ("b.example.pl", "pl", "W środę 11 marca 2026 roku władze podały, że rannych jest 55 "
         "osób.", "2026-03-11T09:00:00+00:00"))
    found, _ = slots.contradictions_of("injured", observations, days=days)
    assert len(found) == 1


def test_a_claim_of_figures_for_different_places_is_no_agreement():
    """Three sentences on one topic, each counting cancelled trains at its own station:
    their figures are a "different place" variation, and the claim that held them is no
    agreement: each sentence is what its source adds."""
    from rashomon.compare import agreement
    from rashomon.compare.units import Unit
    from rashomon.core import Quantity

    texts = [("a.example.es", "es", "En la estación de Atocha se suprimieron 46 trenes.",
              "atocha", 46.0),
             ("b.example.it", "it", "Alla stazione di Termini sono saltati 62 treni.",
              "termini", 62.0),
             ("c.example.de", "de", "Am Bahnhof Stuttgart fielen 34 Züge aus.",
              "stuttgart", 34.0)]
    units = []
    for i, (source, lang, text, place, value) in enumerate(texts):
        at = text.index(str(int(value)))
        unit = Unit(i, i + 1, source, lang, 0, len(text), text, 0,
                    quantities=[Quantity(at, at + 2, str(int(value)), value)],
                    entity_keys={place}, entity_labels={place: "LOC"})
        units.append(unit)
    claim = [0, 1, 2]
    observations = slots.quantity_slots(units, [claim])
    assert len(observations) == 1
    (slot, found), = observations.items()
    contradictions, variations = slots.contradictions_of(slot, found, scoped=True)
    assert contradictions == [] and variations[0].note == "different place"
    kept, linked = agreement.scoped_apart(units, [(claim, 0.1)], {0, 1, 2}, variations)
    assert kept == [] and linked == set()
    # the same claim with one shared station is one fact: kept
    units[2].entity_keys, units[2].entity_labels = {"termini"}, {"termini": "LOC"}
    contradictions, variations = slots.contradictions_of(slot, found, scoped=True)
    kept, _ = agreement.scoped_apart(units, [(claim, 0.1)], {0, 1, 2}, variations)
    assert kept == [(claim, 0.1)]


def test_a_figure_two_of_five_sources_give_is_a_minority_claim():
    """Aligned sentences may state a shared fact and one of their own: the distance two
    of five sources give beside the visitor count all of them give is a minority claim,
    listed once with both sentences; the shared count is none."""
    from rashomon.compare import agreement
    from rashomon.compare.units import Unit
    from rashomon.core import Quantity

    def unit(i: int, text: str, figures: list[tuple[float, str | None]]) -> Unit:
        quantities = [Quantity(text.index(str(int(v))), text.index(str(int(v))) + 2,
                               str(int(v)), v, unit=u) for v, u in figures]
        return Unit(i, i + 1, f"s{i}.example", "en", 0, len(text), text, 0,
                    quantities=quantities)

    units = [unit(0, "Up to 12000 skiers visit the resort, 25 km from the city.",
                  [(12000, None), (25, "km")]),
             unit(1, "La estación, a 25 km de la ciudad, recibe 12000 esquiadores.",
                  [(12000, None), (25, "km")]),
             unit(2, "Курорт принимает до 12000 лыжников в выходные.", [(12000, None)]),
             unit(3, "Istasyon hafta sonu 12000 kayakçı ağırlıyor.", [(12000, None)]),
             unit(4, "Der Ort zählt am Wochenende 12000 Skifahrer.", [(12000, None)])]
    independent = {u.source for u in units}
    found = agreement.minority_figures(units, {0, 1, 2, 3, 4}, 5, independent)
    assert found == [[0, 1]]
    # a sentence no other source's sentence aligns with is listed on its own already
    assert agreement.minority_figures(units, {0, 2, 3, 4}, 5, independent) == []


def test_sentences_about_places_of_their_own_align_less():
    """Two sentences each naming stations of their own tell of different places: the
    alignment score is lowered as for different days of one month. A country against a
    city in it, the story's own place, or one place named in both is no such case."""
    from rashomon.compare import align
    from rashomon.compare.units import Unit

    def unit(i: int, text: str, places: list[str]) -> Unit:
        return Unit(i, i + 1, f"s{i}.example", "de", 0, len(text), text, 0,
                    entity_keys=set(places), entity_labels={p: "LOC" for p in places})

    hesse = unit(0, "In Hessen sind vor allem die Strecken nach Kassel und Fulda betroffen.",
                 ["kassel", "fulda"])
    big = unit(1, "Büyük istasyonlarda, Hamburg ve Köln'de yolcular alternatif aradı.",
               ["hamburg", "koln"])
    penalty = align.fact_bonus(hesse, big, weights={})
    assert penalty == align.PENALTY_OTHER_PLACE < 0
    # the story's own place (weight 0) tells nothing; a country is another scale
    assert align.fact_bonus(hesse, big, weights={"kassel": 0.0, "fulda": 0.0}) == 0.0
    country = unit(2, "Almanya'da tren seferlerinin çoğu iptal edildi.", ["germany"])
    assert align.fact_bonus(hesse, country, weights={}) == 0.0
    region = unit(3, "Im Raum Kassel fahren kaum Züge.", ["raum-kassel"])
    assert align.fact_bonus(hesse, region, weights={}) == 0.0
