# CSC Tracker. A fresh machine needs only python3 (3.11+, with venv) and make.
#
#   make run      install, migrate, load the demo data, serve http://127.0.0.1:8000 with a
#                 Celery worker and beat (Ctrl-C stops all three)
#   make test     install with the test extra, run the whole test suite
#   make lint     ruff check + ruff format --check
#   make messages extract and compile translations
#   make bench    run the benchmarks under bench/
#   make clean    remove build artefacts and caches (keeps .venv and var/)
#   make system-packages  apt-get install the libraries PDF minutes need (Debian/Ubuntu, root)
#
# Variables: HOST, PORT (make run PORT=8765), PYTEST_ARGS (make test PYTEST_ARGS="-k track -x"),
# TEST_PROCESSES (pytest-xdist processes, one per core by default; 0 runs in this process),
# PYTHON (the interpreter that creates .venv), SEED=0 (make run without the demo data),
# BENCH_ARGS (make bench BENCH_ARGS=10000).

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
SEED ?= 1
PYTEST_ARGS ?=
TEST_PROCESSES ?= auto
RUNSERVER_ARGS ?= --noreload
BENCH_ARGS ?=
# Catalogues makemessages keeps (English is the source language: it has none). Serbian Cyrillic
# (sr) is not extracted: locale/transliterate_sr.py writes it from sr_Latn.
LANGUAGES := sq sr_Latn bs tr ar ckb
MESSAGE_IGNORES := --ignore=.venv --ignore=var --ignore=staticfiles --ignore=build

export DJANGO_SETTINGS_MODULE ?= config.settings

.PHONY: help run test lint format messages bench clean distclean install install-test system-packages

help:
	@sed -n '2,15s/^# \{0,1\}//p' $(firstword $(MAKEFILE_LIST))

# --- Installation: a stamp per extra, redone only when pyproject.toml changes.
$(PY):
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create $(VENV). On Debian/Ubuntu: apt-get install python3-venv" >&2; \
	  rm -rf $(VENV); exit 1; }

$(VENV)/.installed-runtime: pyproject.toml | $(PY)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	@touch $@

# The test extra includes the runtime dependencies, so it satisfies both stamps.
$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $@ $(VENV)/.installed-runtime

install: $(VENV)/.installed-runtime
install-test: $(VENV)/.installed-test

# --- Local server: SQLite and a filesystem broker under var/ unless DATABASE_URL / REDIS_URL
# are set. One shell runs the three processes; when one stops, or on Ctrl-C, the others stop.
run: export DEBUG ?= 1
# Links in emails point at this server.
run: export PUBLIC_BASE_URL ?= http://$(HOST):$(PORT)
run: $(VENV)/.installed-runtime
	@$(PY) -c "from django.conf import settings; \
	  settings.VAR_DIR.mkdir(parents=True, exist_ok=True); \
	  from config.celery import ensure_broker_folders; ensure_broker_folders()"
	$(PY) manage.py migrate --noinput
	@if command -v msgfmt >/dev/null; then \
	  $(PY) manage.py compilemessages $(MESSAGE_IGNORES) -v 0; \
	else echo "msgfmt (gettext) not found: using the committed .mo files"; fi
	@if [ "$(SEED)" != 0 ]; then $(PY) manage.py seed_demo; fi
	@echo "Serving http://$(HOST):$(PORT)/ with a Celery worker and beat. Ctrl-C stops all."
	@trap 'trap - INT TERM EXIT; kill $$(jobs -p) 2>/dev/null; wait' INT TERM EXIT; \
	schedule=$$($(PY) -c "from django.conf import settings; print(settings.CELERY_BEAT_SCHEDULE_FILE)"); \
	$(BIN)/celery -A config worker -l info --pool solo & \
	$(BIN)/celery -A config beat -l info --schedule "$$schedule" & \
	$(PY) manage.py runserver $(RUNSERVER_ARGS) $(HOST):$(PORT) & \
	wait -n

# --- System libraries: WeasyPrint renders PDF minutes with Pango/HarfBuzz and these fonts;
# poppler-utils gives pdftotext (checking PDF text). Everything else works without them.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
  libfontconfig1 libglib2.0-0 fonts-dejavu-core fonts-noto-core poppler-utils
system-packages:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(PDF_PACKAGES)

# --- Tests. pytest's exit code 5 means "no tests collected": not a failure of the suite.
test: $(VENV)/.installed-test
	@status=0; $(BIN)/pytest -n $(TEST_PROCESSES) --dist worksteal $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; \
	exit $$status

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(VENV)/.installed-runtime
	$(PY) manage.py makemessages $(addprefix -l ,$(LANGUAGES)) $(MESSAGE_IGNORES)
	$(PY) locale/transliterate_sr.py
	$(PY) manage.py compilemessages $(MESSAGE_IGNORES)

# Each bench/bench_*.py is a script that prints its figures (most need DATABASE_URL on PostgreSQL).
# make bench BENCH_ARGS=10000 passes arguments to each.
bench: $(VENV)/.installed-test
	@shopt -s nullglob; scripts=(bench/bench_*.py); \
	if [ $${#scripts[@]} -eq 0 ]; then echo "no benchmarks in bench/"; exit 0; fi; \
	for script in "$${scripts[@]}"; do \
	  echo "== $$script"; $(PY) "$$script" $(BENCH_ARGS) || exit $$?; \
	done

clean:
	rm -rf staticfiles build *.egg-info .pytest_cache .ruff_cache
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

# Also the virtualenv and local data (the SQLite database, uploads, the broker folders).
distclean: clean
	rm -rf $(VENV) var
