# Cimaise: `make run` serves the demo site, `make test` runs the whole suite with its services.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
# The pins in pyproject.toml are the source; requirements.lock fixes every other package's version
# (`make lock` writes it), so laptops and CI install the same set.
LOCK := requirements.lock
DEPS_HASH := $(shell cat pyproject.toml $(LOCK) 2>/dev/null | sha1sum | cut -c1-12)
STAMP := $(VENV)/.installed-$(DEPS_HASH)
TEST_STAMP := $(VENV)/.installed-test-$(DEPS_HASH)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install install-test lock messages migrate demo test test-clock lint fmt bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): pyproject.toml $(LOCK) | $(PY)
	$(PIP) install --quiet -c $(LOCK) -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(LOCK) | $(PY)
	$(PIP) install --quiet -c $(LOCK) -e '.[test]'
	touch $@ $(STAMP)

install: $(STAMP)

install-test: $(TEST_STAMP)

# A fresh venv gets the pins of pyproject.toml and whatever they pull in today; its list, without
# the project itself, becomes the lock. Run after changing a pin, then commit both files.
LOCK_VENV := .cache/lock-venv
lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCK_VENV)/bin/python -m pip install --quiet -e '.[test]'
	{ echo "# Every package \`pip install -e '.[test]'\` installs, at the version CI and laptops get."; \
	  echo "# Written by \`make lock\` from the pins in pyproject.toml (the source): do not edit."; \
	  $(LOCK_VENV)/bin/python -m pip freeze --exclude-editable --exclude cimaise; } > $(LOCK).tmp
	mv $(LOCK).tmp $(LOCK)
	rm -rf $(LOCK_VENV)

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

# The ASGI server of production (deploy/run-asgi.sh), one process: pages and the live websocket.
run: demo
	@echo "Cimaise: http://$(HOST):$(PORT)/"
	DEBUG=$${DEBUG:-1} $(PY) -m uvicorn community.asgi:application --host $(HOST) --port $(PORT) \
		--lifespan off --ws websockets-sansio

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# What lint asks for, done: safe fixes (imports, upgrades), then the formatting.
fmt: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: install-test
	bash scripts/test.sh

# The suite on SQLite (without the browser journeys) as if it were 23:30, then 00:30, in Paris:
# no test may depend on the hour it runs (CI runs at any hour).
test-clock: install-test
	CIMAISE_TEST_CLOCK=23:30 $(PY) -m pytest tests --ignore=tests/services --ignore=tests/browser -q -n 2
	CIMAISE_TEST_CLOCK=00:30 $(PY) -m pytest tests --ignore=tests/services --ignore=tests/browser -q -n 2

bench: install-test
	bash scripts/bench.sh

clean:
	rm -rf $(VENV) var .cache
