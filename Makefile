# The whole developer interface; .ci/run calls these targets as they are.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# A separate database per checkout keeps parallel test runs on one server apart.
TEST_PG_URL ?= postgres://postgres@127.0.0.1:5432/test
# Web tests and flows run on tests/settings.py (production settings made fast).
PYTEST_WEB := $(BIN)/python -m pytest -p no:cacheprovider --ds=tests.settings

.PHONY: install run test test-core test-cli test-web test-web-pg test-flows lint fmt migrations-check bench docs messages

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: install
	DEBUG=True $(BIN)/hromada manage migrate --no-input
	DEBUG=True $(BIN)/hromada demo --if-new
	# Large survey rounds are analysed by the worker; it stops with the server.
	DEBUG=True $(BIN)/hromada manage worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=True $(BIN)/hromada serve --host $(HOST) --port $(PORT)

test: install test-core test-cli test-web test-web-pg test-flows

# The core runs without the Django plugin, so a stray Django import fails here.
test-core: install
	$(BIN)/python -m pytest -p no:django -p no:cacheprovider tests/core \
		--cov=hromada.core --cov-branch --cov-report=term-missing --cov-fail-under=100

# Commands that read and write files only: no database, no Django.
test-cli: install
	@if [ -d tests/cli ]; then $(BIN)/python -m pytest -p no:django -p no:cacheprovider tests/cli; fi

test-web: install
	scripts/ensure_gettext.sh
	$(PYTEST_WEB) tests/web

test-web-pg: install
	@url="$${DATABASE_URL:-$(TEST_PG_URL)}"; \
	if $(BIN)/python scripts/db_reachable.py "$$url"; then \
		scripts/ensure_gettext.sh && DATABASE_URL="$$url" $(PYTEST_WEB) tests/web; \
	elif [ -n "$${CI:-}" ]; then echo "PostgreSQL not reachable at $$url" >&2; exit 1; \
	else echo "PostgreSQL not reachable at $$url: skipping the PostgreSQL run"; fi

test-flows: install
	scripts/ensure_chromium.sh
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PYTEST_WEB) -m flow tests/flows

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	DEBUG=True $(BIN)/mypy --strict src/hromada/core
	DEBUG=True $(BIN)/mypy src/hromada tests
	$(BIN)/lint-imports

fmt: install
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

migrations-check: install
	DEBUG=True HROMADA_DATA_DIR=$$(mktemp -d) $(BIN)/hromada manage makemigrations --check --dry-run

# Extract every UI string into the uk and en catalogues, then compile them (commit both).
messages: install
	cd src/hromada/web && DEBUG=True ../../../$(BIN)/hromada manage makemessages -l uk -l en --no-obsolete --no-location
	cd src/hromada/web && DEBUG=True ../../../$(BIN)/hromada manage compilemessages

bench: install
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,bench]'
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

docs: install
	$(BIN)/python scripts/check_docs.py
