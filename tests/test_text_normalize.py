"""Normalization: NFC, Persian letters and digits, ZWNJ-insensitive keys, invisible marks,
scrape debris removed while legitimate text is kept."""

from __future__ import annotations

import unicodedata

import pytest

from rashomon.text import clean_text, is_debris_line, match_key, match_text, normalize_chars

MESSY_ITALIAN = """\
< p class="bloquote cke-markup">Sciopero dei treni venerdì, a rischio i collegamenti regionali
</p >
Condividi su Facebook | Twitter | WhatsApp
I sindacati dei ferrovieri hanno confermato lo sciopero di 24 ore previsto per \
venerdì.&nbsp;Secondo le aziende, saranno garantiti soltanto i treni delle fasce protette.
<div class="inline-adv" data-slot="3"></div>
Il ministro ha detto che il governo vuole condividere con i sindacati «una soluzione rapida».
Leggi anche: Borsa di Milano, giornata in rialzo per le banche
Secondo l'Istat, l'adesione agli scioperi resta < 5% nel settore privato, e i ritardi > 30 minuti \
sono il 12% dei casi.
Stampa
Lascia un commento Annulla risposta
Il tuo indirizzo email non sarà pubblicato.
© 2023 Gazzetta del Bosforo — Tutti i diritti riservati
Iscriviti alla newsletter
"""


def test_messy_italian_scrape_is_cleaned_without_losing_text():
    cleaned = clean_text(MESSY_ITALIAN, "it")
    assert cleaned.splitlines() == [
        "Sciopero dei treni venerdì, a rischio i collegamenti regionali",
        "I sindacati dei ferrovieri hanno confermato lo sciopero di 24 ore previsto per "
        "venerdì. Secondo le aziende, saranno garantiti soltanto i treni delle fasce protette.",
        "Il ministro ha detto che il governo vuole condividere con i sindacati «una soluzione "
        "rapida».",
        "Secondo l'Istat, l'adesione agli scioperi resta < 5% nel settore privato, e i ritardi "
        "> 30 minuti sono il 12% dei casi.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Leaders share concerns about the ceasefire, the minister said.",
        "Share prices fell 3% in Frankfurt.",
        "Print media lost half their readers in ten years.",
        "Subscribe-only outlets now make up a quarter of the market, the study found.",
        "Condividi questa preoccupazione, ha detto il ministro agli alleati.",
        "Если a < b и c > d, то результат отрицательный.",
        "The rate is < 5% and rising.",
        "Read more slowly, the teacher told the class.",
        "نشر الخبر على وسائل التواصل الاجتماعي أثار جدلا واسعا.",
        "Telegram заблокирован в стране с 2018 года.",
    ],
)
def test_legitimate_lines_are_kept(line):
    assert not is_debris_line(line)
    assert clean_text(line) == line


@pytest.mark.parametrize(
    "line",
    [
        "Leave a Reply", "Leave a Reply Cancel reply", "Share this:", "Share on Facebook",
        "Tweet", "Subscribe to our newsletter", "Lascia un commento", "Commenti (12)",
        "Поделиться в Telegram", "Читайте также: Курс рубля укрепился", "ارسال نظر",
        "اشتراک‌گذاری: تلگرام | واتساپ", "شارك عبر فيسبوك", "分享到：微信 微博", "发表评论",
        "Teilen auf Facebook", "Compartir en WhatsApp", "Partager sur Facebook",
        "You must be logged in to post a comment.", "© 2023 Rheinpost GmbH",
    ],
)
def test_furniture_lines_are_debris(line):
    assert is_debris_line(line)
    assert clean_text(f"Erste Zeile des Artikels.\n{line}\nLetzte Zeile.") == (
        "Erste Zeile des Artikels.\nLetzte Zeile."
    )


def test_tag_fragments_anywhere_but_prose_comparisons_kept():
    text = 'Il vertice <span class="hl">di Istanbul</span> è durato 4 ore; x < y e z > w.<br/>'
    assert clean_text(text) == "Il vertice di Istanbul è durato 4 ore; x < y e z > w."
    assert clean_text("&lt;p&gt;Рубль укрепился&lt;/p&gt; AT&amp;T") == "Рубль укрепился AT&T"
    assert clean_text("R&D spending &parameters") == "R&D spending &parameters"


PERSIAN_MIXED = (
    "\u200fرئيس جمهور در سفر به كرمان گفت: تورم ماه گذشته ٤٠ درصد بود و تا پايان سال به "
    "۳۰ درصد می‌رسد.\u200e"
)


def test_persian_letters_digits_and_marks():
    cleaned = clean_text(PERSIAN_MIXED, "fa")
    assert cleaned == (
        "رئیس جمهور در سفر به کرمان گفت: تورم ماه گذشته 40 درصد بود و تا پایان سال به "
        "30 درصد می‌رسد."
    )
    assert "\u200c" in cleaned  # ZWNJ kept for display


def test_persian_letters_guessed_only_for_persian_text():
    arabic = "قال الرئيس في كلمة ألقاها إن التضخم بلغ ٤٠ بالمئة."
    assert normalize_chars(arabic) == "قال الرئيس في كلمة ألقاها إن التضخم بلغ 40 بالمئة."
    assert normalize_chars("گفت كه", None) == "گفت که"
    assert normalize_chars("رقم ١٬٢٣٤٫٥") == "رقم 1,234.5"


@pytest.mark.parametrize(
    "variant",
    ["دیپلمات‌های ارشد می‌گویند", "دیپلمات های ارشد می گویند", "دیپلماتهای ارشد میگویند",
     "ديپلمات‌هاي ارشد مي‌گويند"],
)
def test_zwnj_space_or_nothing_give_the_same_match_text(variant):
    assert match_text(variant) == "دیپلماتهای ارشد میگویند"


def test_match_keys_across_scripts_and_accents():
    assert match_key("Erdoğan") == match_key("ERDOGAN")
    assert match_key("José") == "jose"
    assert match_key("علي") == match_key("علی")  # Arabic and Persian spellings of Ali
    assert match_key("پاریس") == "پاریس"
    assert match_key("ガソリン") == "ガソリン"  # voicing marks are part of the word
    assert match_key("Ёлка") != ""


def test_nfc_merges_decomposed_accents():
    decomposed = unicodedata.normalize("NFD", "città perché Ελλάδα")
    assert clean_text(decomposed) == "città perché Ελλάδα"
    assert unicodedata.is_normalized("NFC", clean_text(decomposed))


def test_blank_lines_and_spaces_collapse():
    assert clean_text("Erste Zeile.\u00a0\u00a0 Noch  etwas.\n\n\n\nZweite.") == (
        "Erste Zeile. Noch etwas.\n\nZweite."
    )
