# `make run` and `make test` are all a newcomer needs: each sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench model clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	mkdir -p out
	$(BIN)/diplograph build seeds --out out/diplograph.json
	$(BIN)/diplograph who-met --graph out/diplograph.json
	$(BIN)/diplograph export --graph out/diplograph.json --graphml out/diplograph.graphml --gexf out/diplograph.gexf
	$(BIN)/diplograph view --graph out/diplograph.json --out out/diplograph.html
	@echo "open $(CURDIR)/out/diplograph.html in a browser to see the graph"

# Lint, type-check (mypy: a few seconds, [tool.mypy] in pyproject.toml), then the tests.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/real.py
	$(BIN)/python benchmarks/commands.py
	$(BIN)/python benchmarks/scaling.py
	$(BIN)/python benchmarks/queries.py
	$(BIN)/python benchmarks/view.py

# The learned reader of meetings, trained on training/train (about a minute; see
# training/README.md), then shipped in extract/data/meeting_pairs.
model: $(STAMP)
	rm -rf training/model
	$(BIN)/python -m spacy train training/meeting_pairs.cfg --code training/reader.py \
		--output training/model
	$(BIN)/python training/ship.py

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache .mypy_cache
