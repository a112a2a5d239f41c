# Hip Impingement & PT — every task in one place. `make serve` and `make test` set up
# everything they need on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_READY := $(VENV)/.site-packages-installed
TEST_READY := $(VENV)/.test-packages-installed
LINT_READY := $(VENV)/.lint-packages-installed
# ESLint for `make lint` (npm, pinned by the lock file beside package.json); never part of the site.
ESLINT_READY := node_modules/.package-lock.json
# Where `make lint` writes the JavaScript templates, rendered, for ESLint to read.
LINT_JS := .cache/lint
CHROMIUM := /usr/bin/chromium
# Where `make generate` writes the site's sources as ordinary files (outside docs/).
GENERATED ?= generated
PDFTOPPM := /usr/bin/pdftoppm
JAVA := /usr/bin/java
# Node.js runs the browser scripts' unit tests (`node --test`, called by the test suite).
NODE := $(or $(shell command -v node 2>/dev/null),/usr/bin/node)
# Lighthouse for `make bench` (npm, pinned by its lock file); never part of the site or the tests.
LIGHTHOUSE_READY := tests/bench/lighthouse/node_modules/.package-lock.json

export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/hooks
# Python keeps the modules it compiles (__pycache__, ignored by git), as it does unless told not to: the tests start
# Python again and again (builds, servers, PDF workers), and each would compile the hooks afresh.
unexport PYTHONDONTWRITEBYTECODE
# Dates in the output (sitemap, PDFs) are the last commit's, so two builds of a commit match byte for byte.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: serve build offline check schema generate fingerprints lint test test-fast bench mutants clean

serve: $(SITE_READY) ## Build and serve the site on http://127.0.0.1:8000, rebuilding on every change
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(SITE_READY) ## Build the site into site/, handout PDFs included (whatever HANDOUT_PDFS says)
	HANDOUT_PDFS=1 $(BIN)/mkdocs build --strict

offline: $(SITE_READY) ## Build a copy that works opened from a folder or USB stick into site-offline/, and zip it
	HANDOUT_PDFS=1 $(BIN)/mkdocs build --strict --config-file mkdocs-offline.yml
	rm -f site-offline.zip
	$(BIN)/python -m zipfile -c site-offline.zip site-offline/

check: $(SITE_READY) ## Validate exercises.yaml alone and list every problem
	@$(BIN)/python -m fai_site.cli check exercises.yaml --cache-dir .cache/generator

schema: $(SITE_READY) ## Regenerate exercises.schema.json from the models
	$(BIN)/python -m fai_site.cli schema exercises.schema.json

generate: $(SITE_READY) ## Write docs/ with every generated page and picture, and a mkdocs.yml without hooks, into generated/ (for Zensical, or to read what the generator made)
	$(BIN)/python -m fai_site.cli generate $(GENERATED)

fingerprints: $(SITE_READY) ## Print each article's and the catalogue's fingerprint, for a clinician's sign-off in mkdocs.yml
	@$(BIN)/python -m fai_site.cli fingerprints

lint: $(LINT_READY) $(ESLINT_READY) ## ruff (check and format), mypy, import-linter's contracts and ESLint
	$(BIN)/ruff check hooks tests
	$(BIN)/ruff format --check hooks tests
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python tests/lint/js_templates.py $(LINT_JS)
	node_modules/.bin/eslint docs/javascripts tests/javascripts $(LINT_JS)

test: $(TEST_READY) $(CHROMIUM) $(PDFTOPPM) $(JAVA) $(NODE) ## Run the whole test suite
	$(BIN)/python -m pytest

test-fast: $(TEST_READY) ## The inner loop, under a minute: every test that needs no Chromium, no whole build and no PDF
	$(BIN)/python -m pytest -m "not browser and not build and not pdf"

bench: $(SITE_READY) $(CHROMIUM) $(LIGHTHOUSE_READY) ## Time the generator against plain MkDocs at 100 and 1,000 exercises (under 10 min); writes bench/results/latest.json
	$(BIN)/python tests/bench/run_bench.py $(BENCH_ARGS)

mutants: $(TEST_READY) $(CHROMIUM) $(PDFTOPPM) $(JAVA) $(NODE) ## Break the product on a copy, one edit at a time, and show which edits the tests catch (about 10 min)
	$(BIN)/python tests/mutants/run_mutants.py $(MUTANTS_ARGS)

clean:
	rm -rf site site-offline site-offline.zip generated .cache .pytest_cache .mypy_cache .ruff_cache .import_linter_cache node_modules tests/bench/lighthouse/node_modules .*.building-* .*.replaced-*

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(SITE_READY): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(TEST_READY): requirements-test.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $(SITE_READY) $@

$(LINT_READY): requirements-lint.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-lint.txt
	touch $(SITE_READY) $@

$(ESLINT_READY): package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: make lint needs Node.js 20 and npm for ESLint (install them, then 'make lint' again)." >&2; exit 1; }
	npm ci --no-audit --no-fund --silent

$(LIGHTHOUSE_READY): tests/bench/lighthouse/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix tests/bench/lighthouse --no-audit --no-fund --silent; \
	else \
		echo "npm is missing: make bench leaves out the Lighthouse row (install Node.js 20 and npm to measure it)." >&2; \
	fi

# Browser tests use Debian's Chromium, never a browser downloaded by Playwright.
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Chromium is missing: run 'sudo apt-get install chromium' (Debian/Ubuntu), then 'make test' again." >&2; exit 1; \
	fi

# The handout tests turn PDF pages into images (to read the QR code) with poppler's pdftoppm.
$(PDFTOPPM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	else \
		echo "pdftoppm is missing: run 'sudo apt-get install poppler-utils' (Debian/Ubuntu), then 'make test' again." >&2; exit 1; \
	fi

# The browser scripts' pure functions are tested under Node's own test runner.
$(NODE):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null; \
	else \
		echo "Node.js is missing: run 'sudo apt-get install nodejs' (Debian/Ubuntu), then 'make test' again." >&2; exit 1; \
	fi

# The HTML validity tests run the Nu HTML Checker (vnu.jar), which needs a Java runtime.
$(JAVA):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	else \
		echo "Java is missing: run 'sudo apt-get install default-jre-headless' (Debian/Ubuntu), then 'make test' again." >&2; exit 1; \
	fi
