# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PG_URL := postgres://postgres@127.0.0.1:5432/art8
# `PORT=8010 make run` serves on another port.
PORT ?= 8000
# The demo's e-mails (approvals of its applications) go nowhere, and only errors are
# logged, so the login table is the last thing the demo prints.
DEMO_ENV := EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend LOG_LEVEL=ERROR

.PHONY: run test install messages compile-messages migrate demo lint format bench bench-smoke clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

compile-messages: install
	$(PY) manage.py compile_translations

messages: install
	$(PY) manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=var
	$(PY) manage.py compile_translations

migrate: install
	mkdir -p var  # the default SQLite database lives here; absent in a fresh clone
	$(PY) manage.py migrate --noinput

demo: migrate
	$(DEMO_ENV) $(PY) manage.py demo

run: compile-messages demo
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Uses DATABASE_URL when set; else PostgreSQL on 127.0.0.1:5432 when it answers; else SQLite.
test: compile-messages
	@if [ -z "$$DATABASE_URL" ] && $(PY) -c "import socket; socket.create_connection(('127.0.0.1', 5432), 1)" 2>/dev/null; then \
		export DATABASE_URL=$(PG_URL); fi; \
	echo "make test: database $${DATABASE_URL:-SQLite (var/db.sqlite3)}"; \
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	$(PY) -m benchmarks.run

bench-smoke: install
	$(PY) -m benchmarks.run --smoke

clean:
	rm -rf $(VENV) var
