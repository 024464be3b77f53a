# Cimaise: `make run` serves the demo site, `make test` runs the whole suite with its services.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
TEST_STAMP := $(VENV)/.installed-test-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install install-test messages migrate demo test test-clock lint services-up services-down bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[test]'
	touch $@ $(STAMP)

install: $(STAMP)

install-test: $(TEST_STAMP)

# The English locale needs msgfmt (Debian's gettext); French, the source language, does not.
messages: | $(PY)
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq gettext >/dev/null 2>&1; } \
		|| { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq gettext >/dev/null 2>&1; } \
		|| echo "gettext (msgfmt) is missing: the site runs in French only until it is installed."
	@if command -v msgfmt >/dev/null; then $(PY) manage.py compilemessages --ignore=.venv --ignore=.cache -v 0; fi

migrate: install messages
	$(PY) manage.py migrate --noinput -v 0

demo: migrate
	$(PY) manage.py seed_demo

run: demo
	@echo "Cimaise: http://$(HOST):$(PORT)/"
	DEBUG=$${DEBUG:-1} $(VENV)/bin/daphne -b $(HOST) -p $(PORT) community.asgi:application

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: install-test
	bash scripts/test.sh

# The suite on SQLite (without the browser journeys) as if it were 23:30, then 00:30, in Paris:
# no test may depend on the hour it runs (CI runs at any hour).
test-clock: install-test
	CIMAISE_TEST_CLOCK=23:30 $(PY) -m pytest tests --ignore=tests/services --ignore=tests/browser -q
	CIMAISE_TEST_CLOCK=00:30 $(PY) -m pytest tests --ignore=tests/services --ignore=tests/browser -q

bench: install-test
	bash scripts/bench.sh

clean:
	rm -rf $(VENV) var .cache
