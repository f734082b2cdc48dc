"""The rule typer (``extract/rules.py``), which types entities in a cased language
without a trained model (Greek and any language added without training data): places
after place nouns, adjectives, particles, bodies named after cities, list and case-ending
propagation, and hostile input. The tests call the rule typer directly, in languages
whose text is easy to read here; the trained models are tested in test_extract_ner.py.
Sentences written for these tests."""

from rashomon.extract import entities
from rashomon.extract.rules import extract_mentions


def _by_text(text: str, lang: str) -> dict[str, str]:
    return {m.text: m.label for m in extract_mentions(text, lang)}


def _spans_ok(text: str, lang: str) -> None:
    for m in extract_mentions(text, lang):
        assert text[m.start:m.end] == m.text


# -- cased scripts ----------------------------------------------------------------------
def test_person_after_connector_and_name_particles() -> None:
    it = _by_text("Ieri la Juve di Marco Bellini ha perso in casa.", "it")
    assert it.get("Marco Bellini") == "PER"
    nl = _by_text("Dat zei directeur Annelies van Houten dinsdag in Utrecht.", "nl")
    assert nl.get("Annelies van Houten") == "PER"


def test_body_named_after_a_big_city() -> None:
    es = _by_text("El equipo venció al Inter de Milán en la final.", "es")
    assert es.get("Inter de Milán") == "ORG"
    fr = _by_text("Le club a battu le Paris Saint-Germain hier soir.", "fr")
    assert fr.get("Paris Saint-Germain") == "ORG"
    # a country before a name is a person's first name, never a club
    assert "ORG" not in _by_text("Il ministro Israel Katz ha parlato.", "it").values()


def test_competitions_are_misc_and_venues_places() -> None:
    found = _by_text("La finale della Coppa Italia si gioca allo Stadio Olimpico di Roma.", "it")
    assert found.get("Coppa Italia") == "MISC"
    assert found.get("Stadio Olimpico") == "LOC"


def test_place_nouns_before_and_after_a_name() -> None:
    en = _by_text("Smoke rose over the village of Agia Anna and the Kandili district.", "en")
    assert en.get("Agia Anna") == "LOC" and en.get("Kandili") == "LOC"
    tr = _by_text("Deprem sonrası sarsıntı Pütürge ilçesinde de hissedildi.", "tr")
    assert tr.get("Pütürge") == "LOC"


def test_slavic_adjective_with_lowercase_institution_noun() -> None:
    uk = _by_text("Бійці Державної прикордонної служби та Національної поліції прибули.", "uk")
    assert any(t.startswith("Національної пол") and lab == "ORG" for t, lab in uk.items())
    ru = _by_text("Об этом сообщило Казахстанское агентство космических исследований.", "ru")
    assert any(t.startswith("Казахстанское агентство") for t in ru)
    nl = _by_text("Het Utrechtse bedrijf en de Europese toezichthouder zwegen.", "nl")
    assert "Utrechtse" not in nl and "Europese" not in nl


def test_greek_list_and_case_endings_spread_place_labels() -> None:
    text = ("Η φωτιά ξέσπασε κοντά στο Λιτόχωρο. Εκκενώθηκαν το Λιτόχωρο, η Κερασιά, ο "
            "Αγκαλιανός και η Ραψάνη. Κάτοικος της "
            "Ραψάνης μεταφέρθηκε στη Λάρισα. Ο υπουργός Εθνικής Άμυνας Νίκος Δένδιας μίλησε.")
    found = _by_text(text, "el")
    assert found.get("Κερασιά") == "LOC" and found.get("Αγκαλιανός") == "LOC"
    assert found.get("Ραψάνη") == "LOC" and found.get("Ραψάνης") == "LOC"
    assert found.get("Νίκος Δένδιας") == "PER"
    assert "Εθνικής Άμυνας" not in found  # the minister's portfolio


def test_polish_inflected_country_and_ministry_opening_a_sentence() -> None:
    text = ("Rodziny wróciły do Polski w maju. Ministerstwo Spraw Zagranicznych Litwy "
            "potwierdziło, że ministerstwo pracuje dalej.")
    found = _by_text(text, "pl")
    assert found.get("Polski") == "LOC"
    assert any(t.startswith("Ministerstwo Spraw") and lab == "ORG" for t, lab in found.items())


def test_russian_fleeting_vowel_and_cape() -> None:
    found = _by_text("Суда идут вокруг мыса Горн, минуя берега Египта.", "ru")
    assert found.get("Египта") == "LOC"
    assert found.get("мыса Горн") == "LOC"


def test_ship_after_vessel_noun_and_german_federal_body() -> None:
    ru = _by_text("Танкер застрял, контейнеровоз Blue Falcon сел на мель.", "ru")
    assert ru.get("Blue Falcon") == "MISC"
    de = _by_text("Die Bundesregierung prüft den Antrag der Firma.", "de")
    assert de.get("Bundesregierung") == "ORG"


def test_sentence_openers_of_many_languages_are_not_names() -> None:
    assert "Volgens" not in _by_text("Volgens Brussel gaat het goed.", "nl")
    assert "Este" not in _by_text("Este sábado ganó el equipo.", "es")
    assert not any(t.startswith("Beide") for t in _by_text("Beide Unternehmen schwiegen.",
                                                           "de"))


def test_hostile_text_mixed_scripts_marks_and_long_lines() -> None:
    text = ("\u200fوزارة الخارجية القطرية\u200f met Jonas Berglund في Zürich; "
            "Ministerstwo Zdrowia ‏(MZ)‏ " + "x" * 5000 + " سازمان ملل ۱۲۳ ٤٥٦ 789 "
            "「王毅」" * 50)
    for lang in ("ar", "fa", "en", "pl", "zh", "el"):
        _spans_ok(text, lang)
        for m in entities.extract_mentions(text, lang):  # the model path as well
            assert text[m.start:m.end] == m.text


def test_context_nouns_label_lone_names() -> None:
    it = _by_text("Poi la doppietta di Bremer e i gol del giovane Kostić. Lo ha detto "
                  "Spalletti ai microfoni di Rai. Per l'Atalanta è festa.", "it")
    assert it.get("Bremer") == "PER" and it.get("Kostić") == "PER"
    assert it.get("Rai") == "ORG"
    assert it.get("Atalanta") == "ORG"  # a Romance article before a club
    es = _by_text("El delantero dedicó el gol a su hija Lucía y a la empresa Inditex.", "es")
    assert es.get("Lucía") == "PER" and es.get("Inditex") == "ORG"


def test_title_words_are_not_part_of_the_name() -> None:
    de = _by_text("Das bestätigte Außenminister Badr al-Bussaidi. Gegen den "
                  "Chipkonzern Nexora verhängte die Behörde eine Strafe.", "de")
    assert de.get("Badr al-Bussaidi") == "PER"
    assert de.get("Nexora") == "ORG"
    en = _by_text("Crews reached Dravnik at night.", "en")
    assert en.get("Dravnik") is not None  # "dr" as a title prefix must not eat names


def test_role_inside_a_run_starts_the_person() -> None:
    en = _by_text("Health Minister Aylin Korkmaz said 20 people were hurt in the Turkish "
                  "city of Sivas, according to the Bank of England.", "en")
    assert en.get("Aylin Korkmaz") == "PER"
    assert en.get("Bank of England") == "ORG"
    assert "Turkish" not in en


def test_sultanates_and_ministry_abbreviations() -> None:
    de = _by_text("Vermittelt wurde erneut vom Sultanat Brunei.", "de")
    assert "PER" not in de.values()
    ru = _by_text("Об этом сообщило Минобороны в воскресенье.", "ru")
    assert ru.get("Минобороны") == "ORG"
