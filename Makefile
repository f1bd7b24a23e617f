# Salaklang — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Find a Python >= 3.12: on PATH, then pyenv's versions.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3; do \
  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then command -v $$p; break; fi; done)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install system-deps bench-deps run dev static serve migrate demo test test-fast lint bench bench-search messages clean

help:
	@echo "make run    - install, migrate SQLite, load demo data, serve http://$(HOST):$(PORT) with a task worker"
	@echo "              as a deployment would (DEBUG off, the site's error pages, collected static files)"
	@echo "make dev    - the same with DEBUG on (Django's debug pages, code reloaded on change) for developers"
	@echo "make test   - install and run every test (SQLite; PostgreSQL too when DATABASE_URL is set)"
	@echo "make bench  - performance harness (SCALE=province|national, BENCH_DB=sqlite|postgres)"
	@echo "make bench-search - search only: pages, reindex rate, engine latency (search_bench)"
	@echo "make lint   - ruff"

$(VENV)/.installed: requirements.lock requirements-dev.lock
	@test -n "$(PYTHON)" || { echo "Python >= 3.12 not found (install it or set PYTHON=/path/to/python3.12)"; exit 1; }
	@echo "Using $(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==0.13.9
	$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements.lock requirements-dev.lock
	touch $@

install: $(VENV)/.installed

# Debian packages the PDF renderer and its tests need (poppler-utils: pdftotext reads our PDFs' text layer; only what is missing).
system-deps:
	@missing=""; \
	for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext fonts-thai-tlwg poppler-utils; do \
	  dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; fi

browser-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  echo "Installing Debian chromium + chromium-driver for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; fi

messages: install
	$(MANAGE) compilemessages --ignore=.venv >/dev/null

migrate: install system-deps messages
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

demo: migrate
	$(MANAGE) seed_demo

# `make run`: what a real deployment serves (gunicorn, DEBUG off, WhiteNoise serving the collected static
# files, the site's Thai/English 404/403/500 pages) on plain http on this machine: SALAKLANG_LOCAL=1 only
# turns off the `Secure` cookie flag. Links in e-mails use BASE_URL (default: this address).
# --limit-request-line 0: a long query string (a search of 10,000 characters) reaches Django, which answers it
# with the page's own message, instead of gunicorn's bare "414 URI Too Long" (default limit 4,094 bytes).
static: install
	$(MANAGE) collectstatic --noinput -v0

run: demo static
	@echo "Salaklang on http://$(HOST):$(PORT)/  (demo password: salaklang-demo; Ctrl-C stops server and worker)"
	@trap 'kill 0' EXIT INT TERM; \
	export SALAKLANG_LOCAL=1 BASE_URL=$${BASE_URL:-http://$(HOST):$(PORT)}; \
	$(MANAGE) run_worker & \
	$(VENV)/bin/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 --limit-request-line 0 --access-logfile -

# `make dev`: for debugging — DEBUG on (Django's debug pages), runserver reloading on code changes.
dev: demo
	@echo "Salaklang (debug) on http://$(HOST):$(PORT)/  (demo password: salaklang-demo; Ctrl-C stops both)"
	@trap 'kill 0' EXIT INT TERM; \
	export SALAKLANG_DEV=1 BASE_URL=$${BASE_URL:-http://$(HOST):$(PORT)}; \
	$(MANAGE) run_worker & \
	$(MANAGE) runserver $(HOST):$(PORT)

test: install system-deps browser-deps messages
	$(VENV)/bin/ruff check .
	$(MANAGE) makemigrations --check --dry-run >/dev/null || { echo "Missing migrations: run manage.py makemigrations"; exit 1; }
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test-fast: install
	$(VENV)/bin/pytest -m "not browser" $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

SCALE ?= province
BENCH_DB ?= sqlite
# The load generator of `make bench` (requests/s under a 20-s load), a separate process from the server.
bench-deps:
	@command -v wrk >/dev/null 2>&1 || { echo "Installing Debian wrk (load generator for make bench)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }

bench: install system-deps bench-deps messages
	$(PY) -m bench.run --scale $(SCALE) --db $(BENCH_DB) $(BENCH_ARGS)

# `make bench` includes search (bench/scenarios/search.py: the index over the generated data, the search pages,
# then `manage.py search_bench --reindex-rate --measure`); this runs only that part on the same data.
bench-search: install system-deps bench-deps messages
	$(PY) -m bench.run --scale $(SCALE) --db $(BENCH_DB) --only "search:,scenarios.search" --load-seconds 0 $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var staticfiles
