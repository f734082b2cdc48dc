"""Russian, and Ukrainian through it, served by the CRF + network pair (``nn-ner-ru.npz``,
the 8-epoch network fine-tuned on the Russian sentences; model card, "Russian and
Ukrainian: the CRF + network pair"). The sentences were written for these tests (no
evaluation article's text or names)."""

from rashomon.extract import tagger_nn
from rashomon.extract.entities import extract_mentions
from rashomon.extract.ner import tagger


def _found(text: str, lang: str) -> set[tuple[str, str]]:
    return {(m.text, m.label) for m in extract_mentions(text, lang)}


def test_russian_and_ukrainian_read_through_the_russian_pair():
    pair = tagger("ru")
    assert isinstance(pair, tagger_nn.NnTagger) and pair._crf is not None
    assert pair._model.path.name == "nn-ner-ru.npz"
    # Ukrainian has no model of its own: the Russian pair reads it
    uk = tagger("uk")
    assert isinstance(uk, tagger_nn.NnTagger) and uk.language == "ru"
    assert uk._model is pair._model


def test_the_pair_finds_the_names_the_russian_crf_alone_missed():
    """Each of these the CRF alone got wrong through the same extraction: it left "Сергей
    Собянин" out (its span under the confidence cut-off), read "Вице-премьер Александр
    Новак" as one person with the title, and missed the Ukrainian central banker."""
    found = _found("Мэр Москвы Сергей Собянин открыл новую станцию метро «Потапово».", "ru")
    assert {("Сергей Собянин", "PER"), ("Москвы", "LOC")} <= found
    found = _found("Вице-премьер Александр Новак провёл переговоры с министром энергетики "
                   "Саудовской Аравии.", "ru")
    assert ("Александр Новак", "PER") in found
    assert not any(text.startswith("Вице-премьер") for text, _ in found)
    found = _found("Голова Національного банку Андрій Пишний заявив про зниження інфляції.",
                   "uk")
    assert ("Андрій Пишний", "PER") in found


def test_an_organisation_then_a_person_stay_two_names():
    """The network alone reads a person after an organisation's acronym as the rest of the
    organisation ("ЕС Тойво Клаар": I-ORG); the pair decodes two names, the person within
    the extraction's confidence cut-off."""
    found = _found("Представитель ЕС Тойво Клаар прибыл в Ереван.", "ru")
    assert {("ЕС", "ORG"), ("Тойво Клаар", "PER")} <= found
    assert not any("ЕС Тойво" in text for text, _ in found)


def test_residents_of_a_place_and_a_company_are_read_apart():
    """A sentence-initial plural noun before a place ("Жители" + a city in the genitive) is
    no name, the city is a place and a company name, bare, an organisation. Before the
    written Russian sentences joined the network's fine-tuning (``train_nn_ner.NN_WRITTEN``,
    none of these names among them) the pair read "Жители Бердска" as one person and left
    "Ухты" out (the CRF alone reads both right; "Жители Мариуполя", in
    tests/test_extract_entities.py, is the same class)."""
    for text, city, company in [
            ("Жители Бердска рассказали, что Транснефть не выплатила компенсацию.",
             "Бердска", "Транснефть"),
            ("Жители Ухты рассказали, что Транснефть не выплатила компенсацию.",
             "Ухты", "Транснефть")]:
        found = _found(text, "ru")
        assert {(city, "LOC"), (company, "ORG")} <= found, (text, found)
        assert not any(label == "PER" for _, label in found), (text, found)


def test_the_russian_pair_keeps_the_extractions_cut_off():
    """Russian's pair spans of 0.4-0.5 were right 37% of the time on its dev split, under
    half its F1 (``tagger_nn.PAIR_MIN_SCORE_OF``), so its names keep the CRF's 0.5, in
    Ukrainian too: "Оскара" (the award), read ORG at 0.435, is dropped (at 0.4 it was kept
    and, the last name before "сказал он", took the quote of
    tests/test_extract_ner.py::test_a_pronoun_speaker_after_reported_speech_is_that_person)."""
    from rashomon.extract import entities

    text = ("Режиссёр Бертран Лефевр заявил, что никто не может предсказать итоги «Оскара».")
    for lang in ("ru", "uk"):
        spans = tagger(lang).spans(text)
        assert spans and all(s.floor == entities.MIN_SCORE for s in spans if s.label != "MISC")
    found = _found(text, "ru")
    assert ("Бертран Лефевр", "PER") in found and not any(t == "Оскара" for t, _ in found)
