"""Chinese and Japanese institutions named after a place come out as one ORG, without the
place inside typed LOC (extract/institutions_cjk.py). Sentences written for these tests."""

from __future__ import annotations

import pytest

from rashomon.core.facts import Mention
from rashomon.extract import institutions_cjk
from rashomon.extract.entities import extract_mentions
from rashomon.extract.lexicon import Lexicon


def _found(text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in extract_mentions(text, lang)]


@pytest.mark.parametrize(("lang", "text", "body", "place"), [
    ("zh", "昆明市公安局已对此事展开调查。", "昆明市公安局", "昆明市"),
    ("zh", "柬埔寨政府周二宣布将最低工资提高百分之五。", "柬埔寨政府", "柬埔寨"),
    ("zh", "乌拉圭中央银行宣布维持基准利率不变。", "乌拉圭中央银行", "乌拉圭"),
    ("zh", "青岛市卫生委员会提醒市民注意防暑降温。", "青岛市卫生委员会", "青岛市"),
    ("zh", "中国驻黎巴嫩维和部队完成了第二十批轮换。", "中国驻黎巴嫩维和部队", "黎巴嫩"),
    ("ja", "札幌市交通局は運賃の値上げを発表した。", "札幌市交通局", "札幌市"),
])
def test_place_and_head_make_one_body(lang, text, body, place):
    found = _found(text, lang)
    assert (body, "ORG") in found
    assert (place, "LOC") not in found
    assert all(label != "ORG" or name == body for name, label in found)


@pytest.mark.parametrize(("text", "wrong"), [
    ("越南政府军在边境地区举行演习。", "越南政府"),  # 政府军: troops, a longer word
    ("印尼外交部长周三抵达东京。", "印尼外交部"),  # 部长: the minister
    ("蒙古的第一支职业球队成立于二零一零年。", "蒙古的第一支职业球队"),  # across 的
])
def test_no_body_from_a_longer_word_or_across_a_stop(text, wrong):
    assert not any(name.startswith(wrong) for name, _ in _found(text, "zh"))


def test_expansion_drops_inner_mentions_and_keeps_others():
    text = "据悉，智利铁路局和秘鲁总统府均未回应。"
    chile = text.index("智利")
    peru = text.index("秘鲁")
    mentions = [Mention(chile, chile + 2, "智利", "LOC", score=0.9),
                Mention(chile + 2, chile + 5, "铁路局", "ORG", score=0.7),
                Mention(peru, peru + 2, "秘鲁", "LOC", score=0.8)]
    out = institutions_cjk.expand(text, mentions, "zh")
    assert [(m.text, m.label, m.score) for m in out] == [
        ("智利铁路局", "ORG", 0.9), ("秘鲁总统府", "ORG", 0.8)]
    assert institutions_cjk.expand(text, mentions, "fr") == mentions


def test_heads_and_stops_are_language_data():
    for lang in ("zh", "ja"):
        lexicon = Lexicon(lang)
        heads = lexicon.words("institutions", "heads")
        assert "政府" in heads and "局" in heads
        assert "的" in str(lexicon.value("institutions", "stops", ""))
