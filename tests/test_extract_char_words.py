"""Japanese dictionary words over characters (``extract/char_words.py``, the table
``models/morph-ja.tsv.gz`` from IPAdic): the classes read, the marks each character gets,
and what the retrained Japanese CRF does with them."""

from __future__ import annotations

from rashomon.extract import char_words, ner, tagger_lexicons


def _classes(word: str) -> str:
    bits = char_words.lexicon("ja")[0].get(word)
    return "" if not bits else "".join(c for k, c in enumerate(char_words.CODES)
                                       if bits >> k & 1)


def test_the_japanese_table_gives_words_their_ipadic_classes() -> None:
    assert "S" in _classes("岸田") and "N" in _classes("文雄")  # surname, given name
    assert _classes("日本") == "Y" and _classes("フランス") == "Y"  # countries
    assert "G" in _classes("ニューヨーク") and "G" in _classes("サンフランシスコ")
    assert "O" in _classes("国連") and "O" in _classes("日本銀行")
    # common words are in the table, and marked only when their class is (MARKED)
    assert tagger_lexicons.morph("ja")["首相"] == "C" and tagger_lexicons.morph("ja")["防災"] == "C"
    assert ("C" in char_words.MARKED) == (_classes("首相") == "C")
    assert "東京都" not in char_words.lexicon("ja")[0]  # IPAdic has no such word
    assert tagger_lexicons.morph("ja")["田中"] == "GPS"
    assert not char_words.lexicon("ru")[0]  # Russian's table is read per word, not here


def test_each_character_is_marked_with_the_words_covering_it() -> None:
    chars = list("岸田文雄首相は日本銀行で")
    marks = char_words.marks(chars, "ja")
    assert {"dw=BS", "+1dw=BS"} & set(marks[0]) == {"dw=BS"}  # 岸 begins the surname 岸田
    assert {"dw=ES", "+1dw=BN"} <= set(marks[1])  # 田 ends it; a given name follows
    assert {"dw=BN", "-1dw=ES"} <= set(marks[2])
    assert {"dw=BY", "dw=BO"} <= set(marks[7])  # 日: 日本 (country), 日本銀行 (organisation)
    assert {"dw=MO", "dw=EY"} <= set(marks[8]) and "dw=EO" in marks[10]
    assert not any(m.startswith("dw=") for m in marks[6])  # は: in no word of 2+
    assert {"+1dw=BY", "+1dw=BO"} <= set(marks[6])
    # a Latin word among the characters is in no word and breaks every word across it
    assert char_words.marks(["東", "ANA", "京"], "ja") == [(), (), ()]
    assert char_words.marks(list("東京"), "zh") == [(), ()]  # Chinese: no table
    features = ner.char_features(list("日本銀行"), "ja")
    assert "dw=BO" in features[0] and "dw=EO" in features[3]


def test_a_name_made_of_a_common_word_is_found_by_its_dictionary_classes() -> None:
    """役所広司 (an actor; "役所" is also the common word "government office") is in no
    training sentence; IPAdic lists the whole name as a person and 広司 as a given name.
    The CRF trained without the dictionary's marks tagged only 宮部みゆき here."""
    text = "作家の宮部みゆきさんと俳優の役所広司さんが登壇した。"
    found = {(text[s.start:s.end], s.label) for s in ner.Tagger("ja").spans(text)}
    assert {("宮部みゆき", "PER"), ("役所広司", "PER")} <= found
