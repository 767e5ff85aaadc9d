# Two commands for a newcomer: `make demo` and `make test`. Everything else is set up on the way.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup demo serve test test-fast lint format eval bench chromium screenshot clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## setup: the .venv with actorgraph and its pinned dependencies
setup: $(STAMP)

## demo: ingest the bundled sample corpus into the embedded store and start the app
demo: setup
	$(BIN)/actorgraph demo

## serve: start the app on the current store
serve: setup
	$(BIN)/actorgraph serve

## chromium: Debian's chromium for the browser tests (no browser download)
chromium:
	@[ -x $(CHROMIUM) ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

## test: the whole suite, browser tests included
test: setup chromium
	$(BIN)/python -m pytest

## test-fast: the suite without the browser
test-fast: setup
	$(BIN)/python -m pytest -m "not browser"

## screenshot: refresh docs/app.png, the README's picture, from the browser test
screenshot: setup chromium
	ACTORGRAPH_SCREENSHOT=docs/app.png $(BIN)/python -m pytest tests/test_browser.py -k explore_search

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## eval: score the extractor on ../shared/eval/dev
eval: setup
	mkdir -p build
	$(BIN)/actorgraph extract ../shared/eval/dev -o build/dev.jsonl
	$(BIN)/python ../shared/eval/score.py ../shared/eval/dev build/dev.jsonl

## bench: extraction speed against bare spaCy on the sample corpus
bench: setup
	$(BIN)/python bench/extract_speed.py

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache *.egg-info
