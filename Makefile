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

# The broker tests and bench also run against PostgreSQL when Debian's postgresql is
# installed (.ci/run installs it and sets POLYPACT_REQUIRE_POSTGRES=1, so CI cannot silently
# fall back to SQLite): scripts/with-postgres starts a throw-away server for the command.
test: setup lint
	scripts/with-postgres $(PY) -m pytest -n 2 -q -p no:randomly

bench: setup
	scripts/with-postgres $(PY) bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info
