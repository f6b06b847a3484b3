# Every target sets itself up in .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet -c constraints.txt
WS ?= workspace

.PHONY: run test bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Base install: the package with its data providers and lab libraries.
$(VENV)/.base: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) -e '.[data,lab,mlops,web]'
	touch $@

$(VENV)/.torch: $(VENV)/.base
	$(PIP) torch==2.13.0
	touch $@

$(VENV)/.dev: $(VENV)/.base
	$(PIP) -e '.[data,lab,mlops,web,dev]'
	touch $@

## run: install everything, create the workspace, show the roadmap and the next step
run: $(VENV)/.torch
	$(BIN)/airoadmap init $(WS)
	cd $(WS) && ../$(BIN)/airoadmap status

## test: install test tools, run the whole suite
test: $(VENV)/.dev
	$(BIN)/python -m pytest -q

## bench: measure speed goals; each benchmarks/bench_*.py writes to benchmarks/results/
bench: $(VENV)/.dev
	@set -e; for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b; done

## lint: ruff and mypy on src/
lint: $(VENV)/.dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(WS) .pytest_cache .mypy_cache .ruff_cache
