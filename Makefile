# Maillage — every set-up and check is a make target; `make help` lists them.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# pytest-xdist workers: one per core by default (TEST_WORKERS=0 runs in a single process).
TEST_WORKERS ?= auto
# Installs are redone only when pyproject.toml changes.
INSTALLED := $(VENV)/.installed
INSTALLED_DEV := $(VENV)/.installed-dev
INSTALLED_LOAD := $(VENV)/.installed-load
SERVE_ENV = DJANGO_SETTINGS_MODULE=config.settings.production \
	SECRET_KEY="$$(cat var/secret_key)" ALLOWED_HOSTS=$(HOST),localhost \
	FORCE_HTTPS=false SERVE_MEDIA_FILES=true

.DEFAULT_GOAL := help
.PHONY: help install install-dev setup run serve test lint format migrations bench clean backup restore loadtest

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "}; /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(INSTALLED): pyproject.toml | $(BIN)/python
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --editable .
	@touch $@

$(INSTALLED_DEV): pyproject.toml | $(BIN)/python
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --editable ".[dev]"
	@touch $@ $(INSTALLED)

$(INSTALLED_LOAD): pyproject.toml | $(BIN)/python
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --editable ".[dev,load]"
	@touch $@ $(INSTALLED_DEV) $(INSTALLED)

# Map libraries (Leaflet and its marker clustering) from package-lock.json, served as static
# files; npm runs again only when the lock file is newer than node_modules.
node_modules: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: $(INSTALLED) node_modules ## Create .venv if missing and install Maillage with its dependencies

install-dev: $(INSTALLED_DEV) node_modules ## Install Maillage with the test and lint tools

var/secret_key:
	@mkdir -p var
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(64))" > $@

setup: install ## Migrate, load the demo territory and build the search index
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	$(MANAGE) update_index

run: setup ## Set everything up, then serve the site on http://127.0.0.1:8000
	$(MANAGE) runserver $(HOST):$(PORT)

serve: setup var/secret_key ## Serve with production settings (gunicorn + whitenoise), for measurement
	$(SERVE_ENV) $(MANAGE) collectstatic --no-input --verbosity 0
	$(SERVE_ENV) $(BIN)/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers $${WORKERS:-2} --access-logfile -

test: install-dev ## Run the test suite on every core (SQLite unless DATABASE_URL is set)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install-dev ## Check code style (ruff check + ruff format --check)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev ## Fix what ruff can fix, then format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations: install-dev ## Fail if a model change lacks its migration
	$(MANAGE) makemigrations --check --dry-run

bench: install-dev ## Run the benchmarks in bench/ (they print figures, never pass or fail)
	$(BIN)/python -m bench

loadtest: $(INSTALLED_LOAD) node_modules ## Serve (make serve) on a free port and load it with locust: 50 clients, one table
	$(BIN)/python bench/loadtest.py

backup: ## Write one archive of the database and the media to var/backups/ (BACKUP_DIR=… elsewhere)
	$(MANAGE) backup $(if $(BACKUP_DIR),--output-dir "$(BACKUP_DIR)")

restore: ## Replace the database and the media with an archive: make restore ARCHIVE=var/backups/….tar.gz
	@test -n "$(ARCHIVE)" || { echo "Usage : make restore ARCHIVE=var/backups/maillage-AAAAMMJJ-HHMMSS.tar.gz" >&2; exit 2; }
	$(MANAGE) restore "$(ARCHIVE)" --yes

clean: ## Remove the virtualenv and everything under var/ (database, media, index)
	rm -rf $(VENV) var .pytest_cache .ruff_cache
