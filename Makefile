# polypact: `make demo` and `make test` work from a fresh clone (they create .venv).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export PACT_DO_NOT_TRACK := true

.PHONY: setup demo test lint bench clean

$(STAMP): pyproject.toml docs/examples/polypact-example-plugin/pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e ".[all,test]"
	$(PY) -m pip install -q --disable-pip-version-check -e docs/examples/polypact-example-plugin
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(PY) examples/run_demo.py

lint: setup
	$(VENV)/bin/ruff check core plugins tests bench examples docs

# The broker tests also run against PostgreSQL when Debian's postgresql is installed
# (.ci/run installs it and sets POLYPACT_REQUIRE_POSTGRES=1, so CI cannot silently fall
# back to SQLite): a throw-away server on a unix socket in a temporary folder.
test: setup lint
	@pgdir=$$(mktemp -d /tmp/polypact-pg.XXXXXX); chmod 755 $$pgdir; export POLYPACT_PG_DIR=$$pgdir/pg; \
	if pg=$$(sh tests/broker/start_postgres.sh 2>/dev/null); then eval "$$pg"; \
		echo "broker tests: PostgreSQL at $$POLYPACT_TEST_POSTGRES_URL"; \
	else echo "broker tests: PostgreSQL could not be started (is Debian's postgresql installed?), SQLite only"; \
		if [ -n "$$POLYPACT_REQUIRE_POSTGRES" ]; then rm -rf $$pgdir; exit 1; fi; fi; \
	$(PY) -m pytest -n 2 -q -p no:randomly; rc=$$?; \
	sh tests/broker/start_postgres.sh stop >/dev/null 2>&1; rm -rf $$pgdir; exit $$rc

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info
