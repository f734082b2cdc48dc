"""The Chinese dictionary-word marks of the character CRF (``extract/tagger_lattice.py``,
table ``models/lattice-zh.tsv.xz`` built from jieba's dictionary)."""

from __future__ import annotations

import numpy as np

from rashomon.extract import ner, tagger_lattice, tagger_names
from rashomon.text.long_text import sample_texts


def test_the_shipped_table_loads_with_classes_and_counts() -> None:
    table, total = tagger_lattice.lexicon("zh")
    assert len(table) > 300_000 and 35 < total < 37  # 2 ln of jieba's total count
    code = table["北京"]
    assert tagger_lattice.CODES[code & 15] == "L" and code >> 4 > 10  # a frequent place
    assert tagger_lattice.CODES[table["习近平"] & 15] == "P"
    assert table["中华人"] == -1  # a prefix of 中华人民 only: the lookup goes on
    assert tagger_lattice.lexicon("en") == ({}, 0.0)


def test_the_character_name_model_holds_surnames_and_transliterations() -> None:
    codes = tagger_lattice.char_codes("zh")
    for surname in "王李张周陈":  # listed surnames, first characters of many nr words
        assert codes[surname] & 3 == 3, surname
    assert codes["国"] & 3 == 1  # a listed surname that is mostly other words
    assert codes.get("的", 0) == 0 and codes.get("是", 0) == 0
    for sound in "斯拉尔克":  # characters of jieba's nrt transliterations
        assert codes[sound] >> 4 == 3, sound
    assert codes.get("军", 0) & 3 == 0 and codes["军"] >> 2 & 3 >= 2  # a given-name character
    assert tagger_lattice.char_codes("en") == {}


def test_unknown_names_get_the_name_models_marks() -> None:
    marks = _by_char("航天员张海、周立新、何军组成乘组。拉加德表示")
    assert "sn=3" in marks[6] and "-1sn=3" in marks[7] and "-2sn=3" in marks[8]  # 周立新
    # 周 / 立新 (a rare common word, count 51) is not the route: the name word is
    assert [next(m for m in marks[k] if m.startswith("sg=")) for k in (6, 7, 8)] == \
        ["sg=BN", "sg=MN", "sg=EN"]
    assert {"sg=BN", "sg=EN"} <= marks[3] | marks[4] and "sg=BN" in marks[10]  # 张海, 何军
    assert all("it=3s" in marks[k] for k in (6, 7, 8))  # an item of the 、-list
    assert not any(m.startswith("it=") for m in marks[0])  # 航天员张海: five characters
    assert [next(m for m in marks[k] if m.startswith("tru=")) for k in (17, 18, 19)] == \
        ["tru=B", "tru=M", "tru=E"]  # 拉加德: a run of transliteration characters
    assert not any(m.startswith("tru=") for m in marks[20])


def test_frequent_words_keep_the_dictionarys_route_over_a_candidate_name() -> None:
    marks = _by_char("高新技术产业发展很快，王国庆说周一开会。")
    seg = [next(m for m in position if m.startswith("sg=")) for position in marks]
    assert seg[:4] == ["sg=BC", "sg=MC", "sg=MC", "sg=EC"]  # 高新技术, not 高新 as a name
    assert seg[11:14] == ["sg=BN", "sg=MN", "sg=EN"]  # 王国庆: unseen, 王国 is a place
    assert seg[15:17] == ["sg=BC", "sg=EC"]  # 周一: a frequent word after a surname


def test_the_name_word_model_scores_by_the_dictionarys_names() -> None:
    model = tagger_lattice.names_model("zh")
    assert {"王", "张", "周", "欧"} <= set(model.surname) and "的" not in model.surname
    assert model.given["军"] > model.given["的"] if "的" in model.given else "军" in model.given
    found = dict(tagger_names.candidates("周立新说", model)[0])
    assert set(found) == {2, 3} and found[3] == model.length[3] + model.surname["周"] \
        + model.given["立"] + model.given["新"]
    assert tagger_names.candidates("的立新", model)[0] == []  # no surname, no candidate
    assert tagger_lattice.names_model("en") == tagger_names.NO_NAMES


def _by_char(text: str) -> list[set[str]]:
    return [set(m) for m in tagger_lattice.marks(list(text), "zh")]


def test_a_sentences_characters_see_the_dictionary_words_around_them() -> None:
    marks = _by_char("欧洲央行行长表示")
    if "C" in tagger_lattice.LATTICE_CLASSES:
        assert "lt=BC" in marks[4] and "lt=EC" in marks[5]  # 行长
    # 欧洲 (place) and 欧洲央行 (organisation) both begin at 欧: every match is marked
    assert {"lt=BL", "lt=BO"} <= marks[0]
    assert "lt=EO" in marks[3] and "lt=MO" in marks[1] and "lt=EL" in marks[1]
    # the most probable segmentation: 欧洲央行 (a low-count word: l) / 行长 / 表示
    assert "sg=BOl" in marks[0] and "sg=MOl" in marks[2] and "sg=EOl" in marks[3]
    assert "sg=BC" in marks[4] and "sg=BC" in marks[6]  # 行长, 表示: frequent words
    assert not any(m.startswith("sg=") and m[4] == "O" for m in marks[4])
    assert "-1lt=EO" in marks[4] and "+1lt=BL" not in marks[0]  # the neighbours' words
    assert not any(m.startswith("-1") for m in marks[0])


def test_a_token_that_is_not_one_character_breaks_every_word() -> None:
    assert "lt=BL" in _by_char("北京")[0]
    marks = tagger_lattice.marks(["北", "Siemens", "京"], "zh")
    assert not any(m.startswith("lt=") for m in marks[0] + marks[2])
    assert tagger_lattice.marks([], "zh") == []


def test_the_batch_keys_are_the_keys_sentence_by_sentence() -> None:
    sentences = [ner._sentences(t, True)[1] for t in sample_texts()["zh"][:20]]
    sentences = [s for block in sentences for s in block] + [["京"], ["Siemens"]]
    lattice, seg, name = tagger_lattice.batch_keys(sentences, "zh")
    expected = [k for s in sentences for k in tagger_lattice.keys(s, "zh")]
    got = (lattice.astype(object) | seg.astype(object) << tagger_lattice.SEG_SHIFT
           | name.astype(object) << tagger_lattice.NAME_SHIFT).tolist()
    assert got == expected and sum(map(bool, expected)) > len(expected) // 2
    assert isinstance(seg, np.ndarray)


def test_the_chinese_crf_reads_the_marks_and_tags_known_names() -> None:
    feats = ner.features(list("外交部发言人毛宁在北京表示"), "zh")
    assert "lt=BL" in feats[9] and "lt=EL" in feats[10]  # 北京
    found = {(text[s.start:s.end], s.label) for text in
             ["外交部发言人毛宁在北京表示，中国和俄罗斯将加强合作。"]
             for s in ner.tagger("zh").spans(text)}
    assert {("北京", "LOC"), ("俄罗斯", "LOC"), ("毛宁", "PER")} <= found
