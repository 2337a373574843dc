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
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
PIP_TOOLS_VERSION ?= 7.6.2

# Run apt-get through sudo only when we are not already root.
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: help install chromium build serve lint test publish lock clean distclean

help: ## Show this list of targets
	@echo "Usage: make <target>"
	@grep -E '^[a-z][a-z-]*:.*## ' $(firstword $(MAKEFILE_LIST)) \
	  | awk 'BEGIN { FS = ":.*## " } { printf "  %-10s %s\n", $$1, $$2 }'

install: $(STAMP) ## Create .venv and install the locked runtime and dev dependencies

# Reinstall whenever the declared or the locked dependencies change.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VBIN)/python -m pip install --require-hashes -r requirements.lock
	$(VBIN)/python -m pip install --no-deps -e .
	touch $@

chromium: ## Install Debian's Chromium with apt-get if /usr/bin/chromium is missing
	@if [ -x /usr/bin/chromium ]; then \
	  echo "Chromium is already installed at /usr/bin/chromium."; \
	else \
	  $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y chromium; \
	fi

build: install ## Build content/ into output/ with pelicanconf.py
	$(VBIN)/python -m generator build

serve: install ## Build, then preview on http://127.0.0.1:8000/ with live reload (HOST=, PORT=)
	$(VBIN)/python -m generator.serve --host $(HOST) --port $(PORT)

lint: install ## Check code style with ruff (lint and formatting)
	$(VBIN)/ruff check .
	$(VBIN)/ruff format --check .

test: install chromium lint ## Lint, then run the whole test suite, browser tests included
	$(VBIN)/python -m pytest $(PYTEST_ARGS)

publish: install ## Build the production site with publishconf.py
	$(VBIN)/python -m generator build --settings publishconf.py

# The lock is compiled in a throwaway venv against PyPI alone, so that a developer's
# local pip configuration (extra indexes, wheel folders) never ends up in the file.
lock: ## Regenerate requirements.lock (pinned, with hashes) from pyproject.toml
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	export PIP_CONFIG_FILE=/dev/null; \
	unset PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS PIP_NO_INDEX; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet "pip-tools==$(PIP_TOOLS_VERSION)"; \
	CUSTOM_COMPILE_COMMAND="make lock" "$$tmp/venv/bin/pip-compile" --quiet \
	  --extra dev --generate-hashes --strip-extras --allow-unsafe \
	  --index-url https://pypi.org/simple --no-emit-index-url --no-emit-find-links \
	  -o requirements.lock pyproject.toml
	@if grep -n '/opt\|file://\|index-url\|find-links' requirements.lock; then \
	  echo "requirements.lock names a local index or path: fix the pip setup and rerun." >&2; \
	  exit 1; \
	fi

clean: ## Remove build output and caches (keeps .venv)
	rm -rf output output.*/ cache .pytest_cache .ruff_cache .hypothesis *.egg-info
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

distclean: clean ## Also remove the virtual environment
	rm -rf $(VENV)
