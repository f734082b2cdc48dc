"""The Russian news sentences we wrote for the Russian network's fine-tuning
(tools/data/ner-written.ru.txt, read by tools/written_ner.py at build time;
``train_nn_ner.NN_WRITTEN``): read as the runtime cuts them, and free of the evaluation
articles' names and text."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from written_ner import load

from test_ner_written_ja import _evaluation_names

ROOT = Path(__file__).resolve().parent.parent
_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")
#: Stems of the held-out and in-sample Russian and Ukrainian articles' names, so that no
#: inflected form of them is written either (the country and capital the Russian press
#: writes from, the places and bodies of those stories).
_STEMS = ("Росси", "Росі", "Москв", "Украин", "Україн", "Мариупол", "Маріупол", "Казахстан",
          "Алмат", "Кита", "Иран", "Турци", "Беларус", "Белорус", "Калининград", "Новосибирск",
          "Курск", "Курськ", "Харьков", "Харків", "Львов", "Львів", "Полтав", "Киев", "Київ",
          "Роскосмос", "Ростуризм", "Минобороны", "Зеленск", "Зеленськ", "Лубин", "Лубін",
          "Москальков", "Суэц", "Тегеран", "Египт", "Катар", "Сингапур", "Роттердам",
          "Малать", "Элязыг", "Тяньгун", "Шэньчжоу", "Шымбулак", "Шимбулак", "Талгар",
          "Червон", "Карпат", "Италии", "Болонь", "Флоренц", "Санкт-Петербург")


def _text() -> str:
    return "\n".join(" ".join(row["tokens"]) for row in load("ru"))


def test_the_russian_sentences_cover_the_class_they_were_written_for() -> None:
    """Read as the runtime cuts them: tests/test_written_ner.py, with the other languages."""
    starts = {row["tokens"][0] for row in load("ru")}
    assert {"Жители", "Власти", "Сотрудники"} <= starts


def test_no_name_or_text_of_the_evaluation_articles_is_in_the_russian_sentences() -> None:
    """Every Cyrillic name of the held-out and in-sample gold (as whole words), the stems of
    their Russian and Ukrainian stories' names, and no stretch of 40 characters of a
    held-out article or a seed."""
    text = _text()
    names = [n for n in _evaluation_names() if _CYRILLIC.search(n)]
    assert len(names) > 50  # the gold files were read
    found = [n for n in names
             if re.search(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", text)]
    found += [s for s in _STEMS if re.search(r"(?<![\w-])" + re.escape(s), text)]
    assert not found
    sources = [p for p in (ROOT / "bench" / "heldout" / "corpus").rglob("*") if p.is_file()]
    seeds = Path(os.environ.get("RASHOMON_SHARED") or ROOT.parent / "shared") / "seeds"
    sources += sorted(seeds.glob("*.txt")) if seeds.exists() else []
    windows = {line[k:k + 40] for line in text.splitlines() for k in range(len(line) - 39)}
    for source in sources:
        body = source.read_text(encoding="utf-8", errors="replace")
        assert not windows & {body[k:k + 40] for k in range(len(body) - 39)}, source.name
