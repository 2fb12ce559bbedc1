# Two entry points for a fresh machine (see README):
#   make seed   set up .venv (runtime only) and translate the seed article
#   make test   set up .venv with the test, training and comparison extras, lint, run pytest
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: seed test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# argostranslate without its declared dependencies (stanza, torch, spacy): hien uses only
# its package handling, whose imports (packaging, sentencepiece) are in pyproject.toml.
$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	$(PIP) install --no-deps argostranslate==1.11.0
	touch $@

# torch is pinned to the CPU build that lies on this project's machines; the `compare`
# extra (stanza, minisbd) lets tests and benchmarks import argostranslate.translate.
$(VENV)/.test: $(VENV)/.runtime
	$(PIP) install torch==2.13.0
	$(PIP) install -e '.[train,test,compare]'
	touch $@

seed: $(VENV)/.runtime
	$(BIN)/hien translate --input corpus/seed/openai-aws.hi.txt

lint: $(VENV)/.test
	$(BIN)/ruff check .

test: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV)
