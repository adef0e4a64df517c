# harmwatch: set-up, demo, tests, evaluation and benchmarks.
# `make demo` and `make test` do all the set-up on a fresh machine (Python 3.11, Debian).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export PYTHONHASHSEED := 0

.PHONY: install system demo test lint typecheck unit eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,postgres,spark]'
	touch $(STAMP)

install: $(STAMP)                     ## the Python environment

system:                               ## Debian packages and servers the tests use (Chromium, PostgreSQL, Java)
	bash .ci/install-system.sh

demo: install                         ## the main job on the bundled sample corpus, then serve the map
	$(BIN)/harmwatch demo

test: install system lint typecheck unit   ## everything CI runs

lint: install                         ## ruff: the lint rules, and the code formatted as ruff formats it
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: install
	$(BIN)/mypy

unit: install
	HARMWATCH_TEST_PG="$${HARMWATCH_TEST_PG:-$$(bash .ci/start-postgres.sh)}" $(BIN)/pytest

eval: install                         ## accuracy on the real data in ../shared/data; writes eval/*.json
	$(BIN)/python -m harmwatch.evaluation

bench: install                        ## speed and memory; writes bench/results/*.json
	@set -e; for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache demo.db*
