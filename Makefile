# Two commands for a newcomer: `make demo` and `make test`. Everything else is set up on the way.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

CYPHERLINT := tests/cypherlint/node_modules/.package-lock.json
NEO4J_BUILD := tests/neo4j/.build/classes/Launcher.class

.PHONY: setup demo serve test test-fast test-neo4j neo4j neo4j-server lint format eval train bench bench-quick \
	bench-store ontology chromium screenshot clean

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

## cypherlint: Neo4j's Cypher grammar (npm, pinned in tests/cypherlint) for the grammar check
$(CYPHERLINT): tests/cypherlint/package.json tests/cypherlint/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix tests/cypherlint --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the Cypher grammar check will be skipped (fails in CI)"; fi

## neo4j-server: the Neo4j 5.26 test server's jars from Maven Central, and its launcher
$(NEO4J_BUILD): tests/neo4j/pom.xml tests/neo4j/Launcher.java
	$(BIN)/python tests/neo4j_server.py build

neo4j-server: setup $(NEO4J_BUILD)

## test: the whole suite: browser, Cypher grammar and the real Neo4j server included
test: setup chromium $(CYPHERLINT) neo4j-server
	$(BIN)/python -m pytest

## test-neo4j: the Neo4j cases and the Cypher grammar check (the test server, or NEO4J_URI)
test-neo4j: setup $(CYPHERLINT) neo4j-server
	$(BIN)/python -m pytest -m neo4j

## neo4j: the Neo4j test server in the foreground, printing NEO4J_URI, user and password
neo4j: setup neo4j-server
	$(BIN)/python tests/neo4j_server.py

## test-fast: the suite without the browser
test-fast: setup
	$(BIN)/python -m pytest -m "not browser"

## screenshot: refresh docs/app.png and docs/<page>.png, the README's pictures, from the browser tests
screenshot: setup chromium
	ACTORGRAPH_SCREENSHOT=docs/app.png ACTORGRAPH_SCREENSHOTS=docs $(BIN)/python -m pytest \
		tests/test_browser.py -k "explore_search or every_page or review_page"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

EVAL_DEV := ../shared/eval/dev
EVAL_FOLDS := ../shared/eval/folds.json

## eval: the extractor on ../shared/eval/dev, cross-validated: each fold scored by a
## relation model trained on the other four (the figures unseen articles get)
eval: setup
	$(BIN)/actorgraph eval $(EVAL_DEV) --folds $(EVAL_FOLDS)

## train: fit the shipped relation model (loaders/relation_model.json) on ../shared/eval/dev
train: setup
	$(BIN)/actorgraph train $(EVAL_DEV) -o loaders/relation_model.json

## bench: every benchmark (extraction, writes at 10k/100k/1M edges, queries, export) into
## bench/results.md, with the machine's details; about half an hour on 2 cores
bench: setup neo4j-server
	$(BIN)/python bench/run_all.py

## bench-quick: the same scripts at a tiny scale (a minute): do they still run?
bench-quick: setup neo4j-server
	$(BIN)/python bench/run_all.py --quick --output build/bench-quick.md

## ontology: regenerate schema/actorgraph.ttl from schema/vocabulary.yaml
ontology: setup
	$(BIN)/python -m actorgraph.schema.ontology

## bench-store: write and ego-network speed, Neo4j beside FalkorDB, on one generated graph
bench-store: setup neo4j-server
	$(BIN)/python bench/store_speed.py

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache *.egg-info tests/neo4j/.build \
		tests/cypherlint/node_modules
