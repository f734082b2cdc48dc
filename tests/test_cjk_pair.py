"""Chinese and Japanese are served by the CRF + network pair (``models/nn-ner-zh.npz``,
``nn-ner-ja.npz``, see the model card): what the pair reads right where the language's CRF
alone does not. Sentences written for this test (no evaluation article's text or names)."""

from rashomon.extract import tagger_nn
from rashomon.extract.entities import extract_mentions
from rashomon.extract.ner import Tagger, tagger


def _names(text: str, language: str) -> dict[str, str]:
    return {m.text: m.label for m in extract_mentions(text, language)}


def _crf(text: str, language: str) -> set[tuple[str, str]]:
    return {(text[s.start:s.end], s.label) for s in Tagger(language).spans(text)
            if s.score >= 0.5}


def test_chinese_and_japanese_are_served_by_their_own_pair_files() -> None:
    for language in ("zh", "ja"):
        served = tagger(language)
        assert isinstance(served, tagger_nn.NnTagger) and served._crf is not None
        assert served._model.path.name == f"nn-ner-{language}.npz"


def test_chinese_pair_reads_heads_of_state_and_cities() -> None:
    """The CRF alone reads the country before 总统 as a person and misses the transliterated
    name after it, and reads a transliterated city as a person; the pair reads both right."""
    argentina = "阿根廷总统米莱抵达首都后与内阁成员举行会谈。"
    assert ("阿根廷", "PER") in _crf(argentina, "zh")
    found = _names(argentina, "zh")
    assert found.get("米莱") == "PER" and found.get("阿根廷") == "LOC"
    power = "南非总统拉马福萨表示，约翰内斯堡的电力供应已基本恢复。"
    assert ("约翰内斯堡", "PER") in _crf(power, "zh")
    found = _names(power, "zh")
    assert found.get("拉马福萨") == "PER" and found.get("约翰内斯堡") == "LOC"


def test_japanese_pair_finds_katakana_heads_of_state() -> None:
    """A foreign president's katakana name before 大統領, which the CRF alone misses."""
    for text, name in (
            ("南アフリカのラマポーザ大統領は、ヨハネスブルクの電力供給がほぼ回復したと述べた。",
             "ラマポーザ"),
            ("チリのボリッチ大統領はサンティアゴで記者会見を開いた。", "ボリッチ")):
        assert name not in {t for t, _ in _crf(text, "ja")}
        assert _names(text, "ja").get(name) == "PER", text


def test_a_weekday_after_a_chinese_name_is_cut_off_not_the_name_dropped() -> None:
    """Chinese news names the day right after the speaker ("X周三表示"); the tagger reads the
    weekday into the name and the date extractor reads it as a date. The name is cut back
    to its part outside the date instead of being dropped with it."""
    from datetime import datetime

    from rashomon.core import Article
    from rashomon.extract import extract_facts

    text = ("美国联邦储备委员会主席鲍威尔周三表示，通胀仍高于目标。"
            "国务院总理李强周四主持召开常务会议。")
    facts = extract_facts(Article(title="", maintext=text, language="zh", id=1,
                                  date_publish=datetime(2026, 3, 13)))
    names = {(m.text, m.label) for m in facts.mentions}
    assert {("鲍威尔", "PER"), ("李强", "PER")} <= names
    assert not any("周" in m.text for m in facts.mentions)
    assert {d.text for d in facts.dates} >= {"周三", "周四"}
    for m in facts.mentions:
        assert text[m.start:m.end] == m.text
