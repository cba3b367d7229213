# The two commands a newcomer needs: `make run` and `make test`.
# Everything else here is what those two are made of.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
LOCKS := requirements-bootstrap.lock requirements.lock pyproject.toml
STAMP := $(VENV)/.installed-$(shell sha256sum $(LOCKS) | sha256sum | cut -c1-12)
PIP := $(BIN)/python -m pip --disable-pip-version-check
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint pytest pytest-sqlite pytest-postgres browser-deps bench openapi lock clean venv

venv: $(STAMP)

# The pip that `venv` brings only installs the pinned pip and setuptools
# (requirements-bootstrap.lock); that pip installs exactly the lock's files, each
# hash-checked, without resolving anything against the index (--no-deps), and
# `pip check` proves the lock is complete. Nothing depends on what the index
# publishes later or on the pip of the machine.
$(STAMP): $(LOCKS)
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r requirements-bootstrap.lock
	$(PIP) install --quiet --require-hashes --no-deps -r requirements.lock
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	$(PIP) check
	rm -f $(VENV)/.installed-*
	touch $@

## run: the platform with its demo data on the embedded SQLite database under var/
run: venv
	GONGKAI_ENV=development $(BIN)/gongkai migrate --noinput
	GONGKAI_ENV=development $(BIN)/gongkai demo
	GONGKAI_ENV=development $(BIN)/gongkai collectstatic --noinput --verbosity 0
	GONGKAI_ENV=development $(BIN)/gongkai serve --host $(HOST) --port $(PORT)

## test: the linter, then every test (SQLite; PostgreSQL too when GONGKAI_TEST_DATABASE_URL is set;
## on SQLite again at another date when GONGKAI_TEST_OTHER_DAY is set, e.g. 2031-12-29)
test: lint pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

browser-deps:
	@test -x /usr/bin/chromium || { echo "Browser tests need Debian's chromium: apt-get install chromium" >&2; exit 1; }
	@test -f node_modules/axe-core/axe.min.js || npm ci --silent --no-audit --no-fund

# Browser tests run in their own session: their live server needs transactional
# tests, which empty the tables (data migrations included) after each test.
pytest: venv browser-deps
	GONGKAI_TEST_DATABASE_URL= $(BIN)/pytest -n auto -q -m "not browser"
	GONGKAI_TEST_DATABASE_URL= $(BIN)/pytest -n auto -q -m browser
	@if [ -n "$$GONGKAI_TEST_DATABASE_URL" ]; then \
		echo "== again on $$GONGKAI_TEST_DATABASE_URL =="; \
		$(BIN)/pytest -n auto -q -m "not browser"; \
	fi
	@if [ -n "$$GONGKAI_TEST_OTHER_DAY" ]; then \
		echo "== again on SQLite, on $$GONGKAI_TEST_OTHER_DAY =="; \
		GONGKAI_TEST_DATABASE_URL= $(BIN)/pytest -n auto -q -m "not browser" --today "$$GONGKAI_TEST_OTHER_DAY"; \
	fi

## bench: benchmarks, printing ratios measured side by side in one run
bench: venv
	$(BIN)/python -m benchmarks

## openapi: write the API's schema to docs/openapi.json (a test compares it with the code)
openapi: venv
	GONGKAI_ENV=test $(BIN)/gongkai export_openapi_schema --api gongkai.api.urls.api --indent 2 \
		--output docs/openapi.json

## lock: re-resolve requirements.lock from pyproject.toml and the installer's own lock (needs uv)
lock:
	uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --generate-hashes -o requirements.lock
	uv pip compile requirements-bootstrap.in --universal --python-version 3.11 --generate-hashes -o requirements-bootstrap.lock

clean:
	rm -rf $(VENV) node_modules .pytest_cache
