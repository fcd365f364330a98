# Two commands for a fresh clone: `make run` (the main job on the sample inbox) and
# `make test`. Both create .venv/ first when it is missing or older than pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean

$(BIN)/fundwire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: $(BIN)/fundwire
	$(BIN)/fundwire run

test: $(BIN)/fundwire
	$(BIN)/pytest

lint: $(BIN)/fundwire
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: $(BIN)/fundwire
	$(BIN)/pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/run_benchmarks.py

clean:
	rm -rf data/ .pytest_cache .ruff_cache
