"""Fixtures for the UI tests: a module-scoped database on every configured backend
(SQLite always, PostgreSQL when ``POLYPACT_TEST_POSTGRES_URL`` is set), so one seeded
broker serves all the page tests of a module per backend."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.broker.conftest import BACKENDS, _admin, _postgres_url


@pytest.fixture(scope="module", params=BACKENDS)
def ui_database_url(request: pytest.FixtureRequest,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database URL shared by one module's tests: a SQLite file, or a fresh PostgreSQL
    database copied from the migrated template and dropped afterwards."""
    if request.param == "sqlite":
        yield str(tmp_path_factory.mktemp("ui-db") / "broker.sqlite")
        return
    template = request.getfixturevalue("postgres_template")
    name = f"polypact_ui_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield _postgres_url(name)
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
