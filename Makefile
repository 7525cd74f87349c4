# Thi đua: `make run` sets everything up and serves the demo; `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: run setup test lint bench messages clean help

help:
	@echo "make run    set up (venv, dependencies, translations, migrations, demo data) and serve on http://$(HOST):$(PORT)"
	@echo "make test   set up and run ruff, the migration check and the whole test suite"
	@echo "make bench  measure the main pages on a province-sized directory"

$(VENV)/.deps: requirements.txt requirements-dev.txt
	@PYTHON=$(PYTHON) bash scripts/system-deps.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	@touch $@

messages: $(VENV)/.deps
	$(PY) manage.py compilemessages -l vi -v0 --ignore=.venv

setup: $(VENV)/.deps messages
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py migrate --noinput -v0

# The demo is served as a user sees it: DEBUG off (Vietnamese error pages, no route list),
# static files from the collected folder through WhiteNoise. The key below is for this local
# demo only; production sets its own SECRET_KEY (README, "Running in production").
DEMO_ENV := DEBUG=0 SECURE_COOKIES=0 SECRET_KEY=$${SECRET_KEY:-demo-only-key-never-use-in-production}

run: setup
	$(PY) manage.py load_demo
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

lint: $(VENV)/.deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy thidua config
	$(PY) manage.py makemigrations --check --dry-run -v1

# The suite runs one worker per core (pytest-xdist), a test file per worker so data loaded once
# per module (conftest.module_db) is loaded once; each worker builds its own test database.
test: $(VENV)/.deps messages
	@PYTHON=$(PYTHON) bash scripts/system-deps.sh --test
	$(MAKE) lint
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -q -n auto --dist loadfile

# The benchmark builds its own province-sized database, leaving the demo untouched.
bench: $(VENV)/.deps messages
	rm -f bench.sqlite3
	DATABASE_URL=sqlite:///$(CURDIR)/bench.sqlite3 $(PY) manage.py migrate -v0
	DATABASE_URL=sqlite:///$(CURDIR)/bench.sqlite3 $(PY) manage.py bench

clean:
	rm -rf $(VENV) staticfiles
