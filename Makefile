# Creative Poles: `make run` sets up and starts the demo; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
POLES := $(BIN)/poles
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: run test lint setup install messages migrate demo clean mutants mutation-report

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(BIN)/python -m creativepoles.tools.compile_messages

migrate: install
	$(POLES) migrate --noinput -v0

setup: install messages migrate

demo: setup
	$(POLES) demo

run: demo
	DEBUG=1 $(POLES) runserver $(HOST)

# Both cores by default (pytest-xdist); PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2

test: setup
	./scripts/ensure-chromium
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Import contracts are generated from the apps under src/creativepoles/, so a new app is checked with no config edit.
lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/mypy --strict --config-file mypy-analysis.ini src/creativepoles/analysis
	$(BIN)/python -m creativepoles.tools.import_contracts

# Mutation testing of analysis/ (docs/quality.md). Slow (about 7,000 mutants): run by hand, never in CI.
# MUTANTS picks mutant names, e.g. MUTANTS='creativepoles.analysis.geo*'; empty = every module.
MUTANTS ?=
MUTANT_WORKERS ?= 2

mutants: install
	set -f; CREATIVEPOLES_HYPOTHESIS=mutants $(BIN)/mutmut run --max-children $(MUTANT_WORKERS) $(MUTANTS)
	$(BIN)/python scripts/mutation-report

mutation-report:
	$(BIN)/python scripts/mutation-report

clean:
	rm -rf $(VENV) var mutants .pytest_cache .mypy_cache .ruff_cache
