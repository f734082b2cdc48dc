"""The packed CRF format the package ships (``crf_model.write`` / ``load``): a CRF trained
here with python-crfsuite, packed, tags with the labels and marginals of python-crfsuite's
own tagger on its crfsuite file; every shipped packed model loads and tags a real sentence;
a damaged file raises the coded error E404 (no traceback: the CLI and the ingest workers
print coded errors as one line)."""

from __future__ import annotations

import numpy as np
import pycrfsuite
import pytest

from rashomon.errors import CODES, RashomonError
from rashomon.extract import crf_model, ner, ner_states

#: Training sentences (IOB2), news-like, in four languages and two scripts.
_TRAIN = [
    ("en", "Angela Merkel met Joe Biden in Washington on Monday .",
     "B-PER I-PER O B-PER I-PER O B-LOC O O O"),
    ("en", "Microsoft and Apple reported profits , Reuters said .",
     "B-ORG O B-ORG O O O B-ORG O O"),
    ("en", "The United Nations sent aid to Gaza and Lebanon .",
     "O B-ORG I-ORG O O O B-LOC O B-LOC O"),
    ("en", "General Motors cut jobs in Detroit , said Mary Barra .",
     "B-ORG I-ORG O O O B-LOC O O B-PER I-PER O"),
    ("en", "Officials in New York and Hong Kong agreed .", "O O B-LOC I-LOC O B-LOC I-LOC O O"),
    ("de", "Olaf Scholz traf Emmanuel Macron in Berlin .",
     "B-PER I-PER O B-PER I-PER O B-LOC O"),
    ("de", "Die Deutsche Bahn streikt in Hamburg und München .",
     "O B-ORG I-ORG O O B-LOC O B-LOC O"),
    ("es", "Pedro Sánchez viajó a Bruselas con la Comisión Europea .",
     "B-PER I-PER O O B-LOC O O B-ORG I-ORG O"),
    ("es", "El Banco de España subió los tipos en Madrid .",
     "O B-ORG I-ORG I-ORG O O O O B-LOC O"),
    ("ru", "Владимир Путин прибыл в Москву .", "B-PER I-PER O O B-LOC O"),
    ("ru", "Газпром и Сбербанк отчитались , сообщил Интерфакс .",
     "B-ORG O B-ORG O O O B-ORG O"),
    ("ru", "Сергей Лавров встретился с Антони Блинкеном в Женеве .",
     "B-PER I-PER O O B-PER I-PER O B-LOC O"),
]
#: Tagged with the model trained on ``_TRAIN``: seen and unseen words.
_HELD = [
    ["Joe", "Biden", "met", "Olaf", "Scholz", "in", "Gaza", "."],
    ["Reuters", "said", "Microsoft", "cut", "jobs", "in", "Madrid", "."],
    ["Путин", "и", "Лавров", "прибыли", "в", "Берлин", "."],
    ["La", "Comisión", "Europea", "y", "el", "Banco", "de", "España", "."],
    ["Nobody", "."],
]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """(crfsuite file, packed file) of a small CRF trained on the real features."""
    folder = tmp_path_factory.mktemp("crf")
    trainer = pycrfsuite.Trainer(verbose=False)
    for language, words, tags in _TRAIN:
        trainer.append(ner.features(words.split(), language), tags.split())
    # L2 only, so the weights are many and dense-ish; a fixed iteration count (L-BFGS is
    # deterministic): the same model on every run
    trainer.set_params({"c1": 0.0, "c2": 0.05, "max_iterations": 60,
                        "feature.possible_transitions": True})
    source = folder / "ner-en.crfsuite"
    trainer.train(str(source))
    target = folder / "ner-en.crf.npz"
    crf_model.pack(source, target)
    return source, target


def test_packed_weights_are_the_crfsuite_weights_bit_for_bit(trained) -> None:
    source, target = trained
    original, packed = crf_model.read_crfsuite(source), crf_model.load(target)
    assert original is not None and crf_model.same_weights(original, packed)
    assert int((packed.state != 0).sum()) > 1000 and len(packed.labels) == 7
    # rows in the sorted order of the names: the lookups, not the numbering, are kept
    assert list(packed.attributes) == sorted(packed.attributes)
    assert target.stat().st_size < source.stat().st_size / 3
    changed = crf_model.CrfModel(packed.labels, packed.attributes, packed.state.copy(),
                                 packed.transition)
    changed.state[5, 1] = np.nextafter(changed.state[5, 1], 1.0)  # one bit
    assert not crf_model.same_weights(original, changed)


def test_packed_model_tags_as_python_crfsuite_does(trained) -> None:
    """Labels equal python-crfsuite's on the crfsuite file, marginals of every label at
    every token to 1e-12, for sentences tagged one by one and all at once."""
    source, target = trained
    reference = pycrfsuite.Tagger()
    reference.open(str(source))
    tagger = ner.Tagger("en", target)
    model = tagger.model
    assert list(model.labels) == reference.labels()
    expected = [reference.tag(ner.features(words, "en")) for words in _HELD]
    assert tagger.tag(_HELD) == expected
    assert [tagger.tag([words])[0] for words in _HELD] == expected
    assert {t for tags in expected for t in tags} >= {"B-PER", "B-ORG", "B-LOC", "O"}
    lengths = [len(words) for words in _HELD]
    states = ner_states.word_states(model, [w for s in _HELD for w in s], lengths, "en")
    got = crf_model.marginals(model, states, lengths)
    at = 0
    for words in _HELD:
        reference.set(ner.features(words, "en"))
        ref = [[reference.marginal(label, i) for label in model.labels]
               for i in range(len(words))]
        np.testing.assert_allclose(got[at:at + len(words)], ref, rtol=0, atol=1e-12)
        at += len(words)


def test_a_damaged_model_file_raises_the_coded_error(trained, tmp_path) -> None:
    _, target = trained
    data = target.read_bytes()
    cases = {"truncated": data[:len(data) // 2], "empty": b"", "garbage": bytes(range(256)) * 8,
             "crfsuite": trained[0].read_bytes()}
    flipped = bytearray(data)  # one byte of the compressed weights changed: the zip's CRC
    flipped[len(data) // 2] ^= 0x40
    cases["one byte changed"] = bytes(flipped)
    for name, content in cases.items():
        path = tmp_path / f"{name}.crf.npz"
        path.write_bytes(content)
        with pytest.raises(crf_model.ModelFileError) as caught:
            ner.Tagger("en", path)
        error = caught.value
        assert isinstance(error, RashomonError) and error.code == "E404" in CODES, name
        assert str(path) in error.line() and "make train-ner" in error.line(), name
        assert error.__cause__ is None and error.__suppress_context__, name
    with pytest.raises(crf_model.ModelFileError):
        crf_model.load(tmp_path / "missing.crf.npz")


def test_a_packed_file_of_another_version_is_refused(trained, tmp_path) -> None:
    _, target = trained
    with np.load(target) as packed:
        parts = {name: packed[name] for name in packed.files}
    parts["version"] = np.array([crf_model.VERSION + 1], dtype="<i4")
    path = tmp_path / "future.crf.npz"
    with open(path, "wb") as handle:
        np.savez(handle, **parts)
    with pytest.raises(crf_model.ModelFileError, match="format version"):
        crf_model.load(path)


#: One real sentence per shipped language, with names the model must find.
_SENTENCES = {
    "en": ("Angela Merkel met Joe Biden in Washington on Monday.", {"Angela Merkel": "PER",
                                                                    "Washington": "LOC"}),
    "de": ("Angela Merkel traf Joe Biden in Berlin.", {"Angela Merkel": "PER", "Berlin": "LOC"}),
    "fr": ("Emmanuel Macron a rencontré Olaf Scholz à Paris.", {"Emmanuel Macron": "PER",
                                                                "Paris": "LOC"}),
    "es": ("Pedro Sánchez viajó a Bruselas el lunes.", {"Pedro Sánchez": "PER",
                                                        "Bruselas": "LOC"}),
    "it": ("Giorgia Meloni è arrivata a Roma.", {"Giorgia Meloni": "PER", "Roma": "LOC"}),
    "ru": ("Владимир Путин прибыл в Москву.", {"Владимир Путин": "PER", "Москву": "LOC"}),
    "ar": ("التقى الرئيس عبد الفتاح السيسي في القاهرة بوفد من شركة سيمنس.",
           {"القاهرة": "LOC"}),
    "fa": ("حسن روحانی به تهران بازگشت.", {"تهران": "LOC"}),
    "tr": ("Recep Tayyip Erdoğan Ankara'da konuştu.", {"Recep Tayyip Erdoğan": "PER"}),
    "zh": ("习近平在北京会见了拜登。", {"北京": "LOC"}),
    "pl": ("Donald Tusk przyjechał do Warszawy.", {"Donald Tusk": "PER", "Warszawy": "LOC"}),
    "nl": ("Mark Rutte sprak in Amsterdam met Philips.", {"Mark Rutte": "PER",
                                                          "Amsterdam": "LOC"}),
    "ja": ("岸田文雄首相は東京で記者会見した。", {"東京": "LOC"}),
    "pt": ("Lula da Silva visitou Lisboa na segunda-feira.", {"Lisboa": "LOC"}),
}


def test_every_shipped_language_has_a_packed_model_and_no_crfsuite_file() -> None:
    assert sorted(p.name.split(".")[0][4:] for p in ner.MODELS.glob("ner-*.crf.npz")) == \
        sorted(_SENTENCES)
    assert not list(ner.MODELS.glob("*.crfsuite"))  # one format ships, not both


@pytest.mark.parametrize("language", sorted(_SENTENCES))
def test_shipped_packed_model_tags_a_real_sentence(language) -> None:
    text, names = _SENTENCES[language]
    tagger = ner.Tagger(language)
    assert len(tagger.model.attributes) > 10_000
    found = {text[s.start:s.end]: s.label for s in tagger.spans(text)}
    assert {k: found.get(k) for k in names} == names, found


def test_a_short_text_is_answered_from_the_memo_without_sharing_its_list() -> None:
    """The rest of an acronym-led name is retagged alone many times in a long article;
    ``Tagger.spans`` remembers short texts, and the answer must be the tagger's own and
    safe to change for the caller."""
    tagger = ner.Tagger("es")
    rest = "Banco Santander"
    first = tagger.spans(rest)
    assert [(s.label, rest[s.start:s.end]) for s in first] == [("ORG", "Banco Santander")]
    first.clear()
    again = tagger.spans(rest)
    assert again == tagger._spans(rest) and again
    long_text = "El presidente del Banco Santander habló ayer en Madrid con los periodistas."
    assert len(long_text) > ner.SHORT_TEXT
    assert tagger.spans(long_text) == tagger._spans(long_text)
