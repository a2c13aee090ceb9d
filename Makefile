# Os dois comandos do README: `make serve` e `make test`. Ambos instalam o que falta antes.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RESTRICOES := requirements/constraints.txt

.PHONY: install serve test lint figuras cadernos desempenho clean

$(BIN)/.instalado: pyproject.toml $(RESTRICOES)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(RESTRICOES) -e ".[dev]"
	touch $@

install: $(BIN)/.instalado

serve: install
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

figuras: install
	$(BIN)/python -m pytorchdl_snippets.figuras

cadernos: install
	$(BIN)/python -m tests.cadernos

desempenho: install
	$(BIN)/python -m tests.desempenho

clean:
	rm -rf $(VENV) site .cache
