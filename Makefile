# The two commands of the README:
#   make run    set up, load the demo data on first run, open the app
#   make test   set up with the test tools, then lint, import contracts and the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test setup setup-test translations catalogs lint check-imports pytest bench clean

run: setup
	$(BIN)/dnqp demo --if-empty
	$(BIN)/dnqp gui

test: setup-test lint check-imports pytest

setup: $(VENV)/.installed-run translations
	@scripts/system-packages.sh run

setup-test: $(VENV)/.installed-test translations
	@scripts/system-packages.sh test

$(BIN)/python:
	@scripts/make-venv.sh $(PYTHON) $(VENV)

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	@touch $@ $(VENV)/.installed-run

translations: | $(BIN)/python
	@$(BIN)/python -m dnqp_desktop.tools.catalogs compile

# After changing user-visible strings: refresh messages.pot and merge it into the .po files.
catalogs: | $(BIN)/python
	$(BIN)/python -m dnqp_desktop.tools.catalogs extract
	$(BIN)/python -m dnqp_desktop.tools.catalogs update

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-imports:
	$(BIN)/lint-imports

pytest:
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: setup-test
	@for b in bench/*.py; do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
	find i18n -name '*.mo' -delete
