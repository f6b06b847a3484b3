# Every target sets itself up in .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet -c constraints.txt
WS ?= workspace
# Test processes: one per core, at most 4 (each holds torch, pandas and scikit-learn).
JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)

.PHONY: run test test-heavy test-fast bench bench-drift lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# torch first, from the pin (an unpinned torch pulls GBs of CUDA), then the package with every
# extra in one resolve: data providers, lab, MLflow, the web app, deep learning, deployment,
# cohorts; .dev adds the test and lint tools to that same resolve.
EXTRAS := data,lab,mlops,web,dl,deploy,cohort
$(VENV)/.torch: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) torch==2.13.0
	$(PIP) -e '.[$(EXTRAS)]'
	touch $@

$(VENV)/.dev: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) torch==2.13.0
	$(PIP) -e '.[$(EXTRAS),dev]'
	touch $(VENV)/.torch $@

## run: install everything, create the workspace (kept if it exists), show the roadmap,
## then serve the dashboard on http://127.0.0.1:8765/ (Ctrl-C stops it)
run: $(VENV)/.torch
	$(BIN)/airoadmap init $(WS)
	cd $(WS) && ../$(BIN)/airoadmap status
	cd $(WS) && ../$(BIN)/airoadmap dashboard --open

## test: install test tools, run the suite (all but the few `heavy` tests: make test-heavy)
test: $(VENV)/.dev
	$(BIN)/python -m pytest -q -n $(JOBS) --dist worksteal -m "not heavy"

## test-heavy: the longest training runs: costliest dev checks and alternatives (CI runs it too)
test-heavy: $(VENV)/.dev
	$(BIN)/python -m pytest -q -n $(JOBS) --dist worksteal -m heavy

## test-fast: the edit loop: everything but the tests marked slow (real data sets, model
## training, MLflow, Chromium, the sandboxed dev check)
test-fast: $(VENV)/.dev
	$(BIN)/python -m pytest -q -n $(JOBS) --dist worksteal -m "not slow"

## bench: measure speed goals; each benchmarks/bench_*.py writes to benchmarks/results/
bench: $(VENV)/.dev
	@set -e; for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b; done
	$(BIN)/python benchmarks/readme_tables.py

BENCH_DRIFT_VENV ?= .venv-bench-drift
## bench-drift: m11-drift against Evidently, in its own environment (Evidently 0.7 needs pandas < 3)
$(BENCH_DRIFT_VENV)/.installed: benchmarks/envs/evidently/requirements.txt
	$(PYTHON) -m venv $(BENCH_DRIFT_VENV)
	$(BENCH_DRIFT_VENV)/bin/python -m pip install --quiet -r benchmarks/envs/evidently/requirements.txt
	touch $@

bench-drift: $(VENV)/.dev
	-$(MAKE) $(BENCH_DRIFT_VENV)/.installed
	$(BIN)/python benchmarks/bench_m11_drift.py --evidently-python $(BENCH_DRIFT_VENV)/bin/python

## lint: ruff, and mypy on src/ and on each exercise of the content
lint: $(VENV)/.dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m airoadmap.authoring.typecheck

clean:
	rm -rf $(VENV) $(BENCH_DRIFT_VENV) $(WS) .pytest_cache .mypy_cache .ruff_cache
