"""The CRF + network pair keeps its names from a lower confidence than the CRF alone
(``tagger_nn.PAIR_MIN_SCORE``): averaging two taggers that disagree on a name's type
lowers the winning type's marginal, and on the dev splits the pair's names of 0.4-0.5
were right more often than half its F1. A name both models see but type differently is
kept; the CRF's own spans and the pair's MISC keep the extraction's cut-off."""

from __future__ import annotations

import pytest

from rashomon.extract import entities, tagger_nn
from rashomon.extract.entities import extract_mentions
from rashomon.extract.ner import tagger
from rashomon.extract.ner_tokens import Span


def test_the_floor_of_a_span_decides_whether_it_is_kept() -> None:
    assert entities._kept(Span(0, 5, "ORG", 0.45, tagger_nn.PAIR_MIN_SCORE))
    assert not entities._kept(Span(0, 5, "ORG", 0.45))  # a CRF span: MIN_SCORE
    assert not entities._kept(Span(0, 5, "ORG", 0.35, tagger_nn.PAIR_MIN_SCORE))
    assert tagger_nn.PAIR_MIN_SCORE < entities.MIN_SCORE


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("en", "Officials at Thames Water said the leak near Reading had been repaired by "
           "Tuesday evening.", "Thames Water"),
    ("de", "Der Pilotenverband Vereinigte Flugkapitäne kündigte an, die Gespräche mit der "
           "Condor abzubrechen.", "Condor"),
])
def test_a_paired_language_keeps_a_name_its_two_taggers_type_differently(
        lang: str, text: str, name: str) -> None:
    if lang not in tagger_nn.languages():
        pytest.skip(f"{lang} is not served by the pair")
    [span] = [s for s in tagger(lang).spans(text) if text[s.start:s.end] == name]
    assert span.floor == tagger_nn.PAIR_MIN_SCORE
    mentions = {(m.text, m.label) for m in extract_mentions(text, lang)}
    assert (name, "ORG") in mentions


def test_a_crf_only_language_keeps_the_extraction_cut_off() -> None:
    text = "Из-за забастовки пилотов «Аэрофлот» отменил рейсы из Москвы в Казань."
    lang = "ru"
    if lang in tagger_nn.languages():
        pytest.skip("ru is served by the pair")
    spans = tagger(lang).spans(text)
    assert spans and all(s.floor is None for s in spans)
