"""Names in one list share their type (``extract/list_names.py``)."""

from __future__ import annotations

import pytest

from rashomon.extract import list_names, lookup
from rashomon.extract.entities import extract_mentions


def _named(text: str, *names: tuple[str, str, float]):
    """Hand-made mentions of ``text``: (surface, label, score), in order."""
    out, at = [], 0
    for surface, label, score in names:
        start = text.index(surface, at)
        out.append(lookup._mention(text, start, start + len(surface), label, None, score))
        at = start + len(surface)
    return out


def _typed(mentions) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in mentions]


def test_untyped_members_take_the_sure_siblings_type():
    text = "Flights by Vuelair, Norskfly and British Airways were cancelled on Monday."
    got = list_names.listed(text, _named(text, ("British Airways", "ORG", 0.82)), "en")
    assert _typed(got) == [("Vuelair", "ORG"), ("Norskfly", "ORG"),
                           ("British Airways", "ORG")]
    assert got[0].score == pytest.approx(0.82 * list_names.LIST_SHARE, abs=0.001)


def test_unsure_member_of_another_type_is_retyped_and_a_sure_one_is_not():
    text = "Die Streiks trafen Condor, Brixair und Edelweiss Air am Flughafen."
    got = list_names.listed(text, _named(text, ("Condor", "PER", 0.53), ("Brixair", "PER", 0.5),
                                         ("Edelweiss Air", "ORG", 0.91)), "de")
    assert _typed(got) == [("Condor", "ORG"), ("Brixair", "ORG"), ("Edelweiss Air", "ORG")]
    sure = _named(text, ("Condor", "PER", 0.93), ("Edelweiss Air", "ORG", 0.91))
    assert _typed(list_names.listed(text, sure, "de")) == _typed(sure)  # two sure labels


def test_german_common_nouns_are_not_names():
    # "Töchter" (daughters) is capitalised as every German noun: cut off the run
    text = "Nicht betroffen sind die Töchter Brixair, Condor und Edelweiss Air."
    got = list_names.listed(text, _named(text, ("Condor", "ORG", 0.9),
                                         ("Edelweiss Air", "ORG", 0.95)), "de")
    assert _typed(got)[0] == ("Brixair", "ORG")


def test_no_list_without_a_conjunction_and_no_sentence_opener():
    # a comma alone joins clauses as often as names
    text = "In Nantes, Rezé said the plant would reopen."
    mentions = _named(text, ("Nantes", "LOC", 0.95))
    assert _typed(list_names.listed(text, mentions, "en")) == [("Nantes", "LOC")]
    text = "Konya and Izmir were hit. Kestane and Bursa were not."
    mentions = _named(text, ("Konya", "LOC", 0.95), ("Izmir", "LOC", 0.9),
                      ("Bursa", "LOC", 0.9))
    assert ("Kestane", "LOC") not in _typed(list_names.listed(text, mentions, "en"))


def test_a_list_of_misc_or_of_unsure_names_types_nothing():
    text = "Comparisons of Hexafon, Trimax and Ubuntu showed little."
    mentions = _named(text, ("Ubuntu", "MISC", 0.9))
    assert _typed(list_names.listed(text, mentions, "en")) == [("Ubuntu", "MISC")]
    mentions = _named(text, ("Ubuntu", "ORG", 0.6))
    assert _typed(list_names.listed(text, mentions, "en")) == [("Ubuntu", "ORG")]


def test_uncased_scripts_are_left_alone():
    text = "شركات ماهان وكاسبين وإيران إير"
    assert list_names.listed(text, [], "fa") == []


def test_words_nothing_tells_from_names_only_link_their_list():
    # Spanish ships no frequency list: "Volotea" may be a word, so it is not added, but it
    # still links "Binter" (typed LOC, unsure) to the sure "Air Europa"
    text = "Las aerolíneas Air Europa, Binter y Volotea mantienen sus vuelos."
    mentions = _named(text, ("Air Europa", "ORG", 0.8), ("Binter", "LOC", 0.65))
    assert _typed(list_names.listed(text, mentions, "es")) == [("Air Europa", "ORG"),
                                                               ("Binter", "ORG")]
    # Turkish lists type nothing (``[entities] lists_untyped``: measured on its dev split)
    text = "Toplantıya Aselsan, Roketsan ve Havelsan katıldı."
    mentions = _named(text, ("Aselsan", "ORG", 0.9), ("Havelsan", "ORG", 0.9))
    assert _typed(list_names.listed(text, mentions, "tr")) == [("Aselsan", "ORG"),
                                                               ("Havelsan", "ORG")]
    # a common word links its list without becoming a name ("Trumpf": a trump card)
    text = "Zu den Kunden zählen Siemens, Trumpf und Festo."
    mentions = _named(text, ("Siemens", "ORG", 0.96))
    assert _typed(list_names.listed(text, mentions, "de")) == [("Siemens", "ORG"),
                                                               ("Festo", "ORG")]


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The storm cut power in Oxford, Bicester and Kidlington overnight.",
     ("Kidlington", "LOC")),
    ("de", "Zu den Kunden zählen Siemens, Trumpf und Festo.", ("Festo", "ORG")),
    ("nl", "De stakingen troffen KLM, Transavia en Corendon op Schiphol.",
     ("Corendon", "ORG")),
])
def test_through_the_extraction(lang, text, expected):
    assert expected in _typed(extract_mentions(text, lang))
    list_names.ENABLED = False
    try:
        assert expected not in _typed(extract_mentions(text, lang))
    finally:
        list_names.ENABLED = True
