# Build, preview, test and publish the chronology.  Run `make` for the list of targets.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules --warn-undefined-variables

PYTHON ?= python3
VENV := .venv
VBIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# npm ci empties node_modules/ first, so its stamp is written inside after each install.
NODE_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Options for `make bench`, e.g. BENCH_ARGS="--entries 1000 --runs 1".
BENCH_ARGS ?=
OUTPUT ?= output
# Where `make deploy` copies the site: a local folder or host:/path/ for rsync over ssh.
DEPLOY_TARGET ?=
# Set DRY_RUN=1 to list what `make deploy` would change without changing anything.
DRY_RUN ?=
PIP_TOOLS_VERSION ?= 7.6.2
# Options for `make links`, e.g. LINKS_ARGS="--strict --max-age 0".
LINKS_ARGS ?=

# Run apt-get through sudo only when we are not already root.
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: help install node-modules system-packages check links build serve lint test golden bench publish deploy docs translations lock clean distclean

help: ## Show this list of targets
	@echo "Usage: make <target>"
	@grep -E '^[a-z][a-z-]*:.*## ' $(firstword $(MAKEFILE_LIST)) \
	  | awk 'BEGIN { FS = ":.*## " } { printf "  %-16s %s\n", $$1, $$2 }'

install: $(STAMP) ## Create .venv and install the locked runtime and dev dependencies

# Reinstall whenever the declared or the locked dependencies change.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VBIN)/python -m pip install --require-hashes -r requirements.lock
	$(VBIN)/python -m pip install --no-deps -e .
	touch $@

# Java runs the Nu HTML Checker (vnu.jar, from npm) in the integration tests.
system-packages: ## Install Debian's chromium, rsync, Java and npm where missing (tests, deploy)
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v rsync >/dev/null || missing="$$missing rsync"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	if [ -z "$$missing" ]; then \
	  echo "chromium, rsync, java and npm are already installed."; \
	else \
	  $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi

node-modules: $(NODE_STAMP) ## Install the Nu HTML Checker (vnu.jar) from package-lock.json

# vnu-jar's install script would download a Java runtime of its own; Debian's is used instead.
$(NODE_STAMP): package.json package-lock.json | system-packages
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# For editors: the same checks as the build's, without building. The build runs them itself.
check: install ## Check every entry strictly: errors and warnings, as path:line: field: message
	$(VBIN)/timeline check --strict

# The only target that uses the network; neither the build nor CI runs it.
links: install ## Ask every source url and archive over the network; list the broken ones (LINKS_ARGS=)
	$(VBIN)/timeline links $(LINKS_ARGS)

# timeline build is strict: it reads and checks each file once and fails on any error or warning,
# all listed as timeline check --strict lists them, so it needs no `make check` first.
build: install ## Build content/ into output/ with pelicanconf.py; any error or warning fails it
	$(VBIN)/timeline build --output $(OUTPUT)

serve: install ## Build, then preview on http://127.0.0.1:8000/ with live reload (HOST=, PORT=)
	$(VBIN)/python -m generator.tools.serve --host $(HOST) --port $(PORT)

lint: install ## Check style (ruff), the package's layers (import-linter) and types (mypy)
	$(VBIN)/ruff check .
	$(VBIN)/ruff format --check .
	$(VBIN)/lint-imports
	$(VBIN)/mypy

test: install system-packages node-modules lint ## Lint, then run the whole test suite, browser tests included
	$(VBIN)/python -m pytest $(PYTEST_ARGS)

golden: install ## Rewrite the fixture site's expected output (tests/fixtures/minimal/expected-output.sha256)
	$(VBIN)/python -m tests.golden

bench: install ## Compare our build with vanilla Pelican and Hugo: cold, warm, preview (BENCH_ARGS=)
	$(VBIN)/python -m benchmarks.run $(BENCH_ARGS)

publish: install ## Build the production site with publishconf.py (needs SITEURL=); checked as build
	$(VBIN)/timeline build --settings publishconf.py --output $(OUTPUT)

# --delay-updates puts every changed file in place at the end of the transfer and
# --delete-after removes old files only then, so readers never see a half-copied site.
deploy: ## Copy output/ to DEPLOY_TARGET with rsync, all files swapped in at the end (DRY_RUN=1)
	@[ -n "$(DEPLOY_TARGET)" ] || { echo "make deploy: set DEPLOY_TARGET=host:/path/" >&2; exit 2; }
	@[ -f "$(OUTPUT)/index.html" ] || { echo "make deploy: no site in $(OUTPUT)/; run make publish" >&2; exit 2; }
	rsync --recursive --links --times --compress --chmod=D755,F644 \
	  --delay-updates --delete-after --itemize-changes $(if $(DRY_RUN),--dry-run) \
	  "$(OUTPUT)/" "$(DEPLOY_TARGET)"

docs: install ## Rewrite the field tables and host snippets in README.md from their sources
	$(VBIN)/python -m generator.tools.docs README.md

# Babel reads the templates (babel.cfg) into the template catalog, then adds new messages to
# each language's .po file; the build compiles the .po files itself, and a test fails until
# every message is translated.
translations: install ## Extract interface strings into theme/translations and update each language
	$(VBIN)/pybabel extract -F babel.cfg --no-location --sort-output --omit-header \
	  --add-comments=Translators: -o theme/translations/messages.pot .
	$(VBIN)/pybabel update -i theme/translations/messages.pot -d theme/translations \
	  -D messages --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date -w 100

# The lock is compiled in a throwaway venv against pip's default index alone: the developer's
# pip configuration (extra indexes, wheel folders) is cleared, so none of it ends up in the file.
lock: ## Regenerate requirements.lock (pinned, with hashes) from pyproject.toml
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	export PIP_CONFIG_FILE=/dev/null; \
	unset PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS PIP_NO_INDEX; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet "pip-tools==$(PIP_TOOLS_VERSION)"; \
	CUSTOM_COMPILE_COMMAND="make lock" "$$tmp/venv/bin/pip-compile" --quiet \
	  --extra dev --generate-hashes --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links \
	  -o requirements.lock pyproject.toml
	@if grep -n '/opt\|file://\|index-url\|find-links' requirements.lock; then \
	  echo "requirements.lock names a local index or path: fix the pip setup and rerun." >&2; \
	  exit 1; \
	fi

clean: ## Remove build output and caches (keeps .venv)
	rm -rf output output.*/ cache .pytest_cache .ruff_cache .hypothesis *.egg-info
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

distclean: clean ## Also remove the virtual environment and node_modules/
	rm -rf $(VENV) node_modules
