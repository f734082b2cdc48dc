"""Contract run on every registered extractor component, and the pipeline's ordering check."""

from __future__ import annotations

import copy
from datetime import datetime

import pytest

from rashomon.extract.components import PIPELINE, Doc, ExtractionError, run
from rashomon.registry import available, create

TEXTS = {
    "en": ('"We will keep every channel open," said Anna Berg, the spokeswoman of the '
           "European Union, in Brussels on 3 March 2024. About 1,200 people were evacuated."),
    "ru": ("«Мы продолжим переговоры», — заявил Дмитрий Песков в Москве 5 мая 2024 года. "
           "Эвакуированы около 300 человек."),
    "fa": ("سخنگوی وزارت خارجه ایران در تهران گفت: «مذاکرات ادامه خواهد یافت و ما آماده هستیم». "
           "حدود ۲۰۰ نفر تخلیه شدند."),
    "zh": "外交部发言人毛宁在北京表示，约有300人被疏散。",
}
EXTRACTORS = available("extractor")["extractor"]


def _prepared(language: str, requires: tuple[str, ...]) -> Doc:
    """A document with every slot the component requires filled by the default pipeline."""
    doc = Doc(text=TEXTS[language], language=language, published=datetime(2024, 3, 4))
    needed = [name for name in PIPELINE
              if set(create("extractor", name).assigns) & set(requires)]
    upto = max((PIPELINE.index(n) for n in needed), default=-1)
    return run(doc, PIPELINE[:upto + 1])


def test_default_pipeline_is_registered() -> None:
    assert set(PIPELINE) <= set(EXTRACTORS)


@pytest.mark.parametrize("language", sorted(TEXTS))
@pytest.mark.parametrize("name", EXTRACTORS)
def test_component_contract(name: str, language: str) -> None:
    component = create("extractor", name)
    assert component.name == name
    assert set(component.requires) <= set(Doc.SLOTS)
    assert component.assigns and set(component.assigns) <= set(Doc.SLOTS)
    doc = _prepared(language, component.requires)
    before = copy.deepcopy(doc)
    component(doc)
    for slot in Doc.SLOTS:
        if slot in component.assigns:
            assert getattr(doc, slot) is not None, f"{name} did not set {slot}"
        else:
            assert getattr(doc, slot) == getattr(before, slot), f"{name} changed {slot}"
    for slot in component.assigns:
        for item in getattr(doc, slot) or ():
            assert 0 <= item.start < item.end <= len(doc.text)
            if slot in ("mentions", "quotes"):
                assert doc.text[item.start:item.end] == item.text


def test_missing_requirement_is_a_coded_error() -> None:
    doc = Doc(text=TEXTS["en"], language="en")
    with pytest.raises(ExtractionError) as caught:
        run(doc, ("quotes",))
    assert caught.value.code == "E401"


def test_pipeline_finds_names_dates_quantities_and_the_speaker() -> None:
    doc = run(Doc(text=TEXTS["en"], language="en", published=datetime(2024, 3, 4)))
    labels = {m.text: m.label for m in doc.mentions}
    assert labels.get("Anna Berg") == "PER"
    assert labels.get("European Union") == "ORG"
    assert labels.get("Brussels") == "LOC"
    assert [d.value for d in doc.dates] == ["2024-03-03"]
    assert [q.value for q in doc.quantities] == [1200]
    assert [q.speaker for q in doc.quotes] == ["Anna Berg"]
