"""Fixtures for the command-line tests: a pact directory and the example HTTP provider."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.plugins.http.provider.phelpers import UsersApp, get_user, serve, write_pact


@pytest.fixture
def pact_dir(tmp_path: Path) -> Path:
    """A folder holding ``web-users.json``: users 1 (no state) and 2 (state with params)."""
    write_pact(tmp_path, [get_user(1, "Ann"),
                          get_user(2, "Bob", states=[{"name": "user 2 exists", "params": {"id": 2}}])])
    return tmp_path


@pytest.fixture
def provider() -> Iterator[Any]:
    """The users provider honouring the pact, served on 127.0.0.1 (``.url``; ``.app``)."""
    app = UsersApp()
    with serve(app) as server:
        server.app = app
        yield server


@pytest.fixture
def broken_provider() -> Iterator[Any]:
    """The users provider with a deliberate contract break, served on 127.0.0.1."""
    with serve(UsersApp(broken=True)) as server:
        yield server
