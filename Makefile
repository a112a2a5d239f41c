# Hip Impingement & PT — every task in one place. `make serve` and `make test` set up
# everything they need on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_READY := $(VENV)/.site-packages-installed
TEST_READY := $(VENV)/.test-packages-installed
CHROMIUM := /usr/bin/chromium

export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/hooks

.PHONY: serve build check schema test clean

serve: $(SITE_READY) ## Build and serve the site on http://127.0.0.1:8000, rebuilding on every change
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(SITE_READY) ## Build the site into site/
	$(BIN)/mkdocs build --strict

check: $(SITE_READY) ## Validate exercises.yaml alone and list every problem
	@$(BIN)/python -m fai_site.cli check exercises.yaml

schema: $(SITE_READY) ## Regenerate exercises.schema.json from the models
	$(BIN)/python -m fai_site.cli schema exercises.schema.json

test: $(TEST_READY) $(CHROMIUM) ## Run the whole test suite
	$(BIN)/python -m pytest

clean:
	rm -rf site .cache .pytest_cache

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(SITE_READY): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(TEST_READY): requirements-test.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $(SITE_READY) $@

# Browser tests use Debian's Chromium, never a browser downloaded by Playwright.
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Chromium is missing: run 'sudo apt-get install chromium' (Debian/Ubuntu), then 'make test' again." >&2; exit 1; \
	fi
