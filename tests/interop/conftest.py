"""Fixtures for the interop tests: pact-python on loopback, the interop provider."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from tests.interop.fixtures import pact_python  # noqa: F401  (shared with other folders)
from tests.interop.provider import UsersProvider, make_app
from tests.interop.server import serve_wsgi


@pytest.fixture
def serve_provider() -> Callable[..., AbstractContextManager[str]]:
    """``with serve_provider(app) as url``: serve a WSGI app on 127.0.0.1, port 0."""
    return serve_wsgi


@pytest.fixture
def provider_app() -> UsersProvider:
    """A fresh interop provider that honours the contracts."""
    return make_app()


@pytest.fixture
def broken_app() -> UsersProvider:
    """A fresh interop provider with a deliberate contract break (``$.name``)."""
    return make_app(broken=True)


@pytest.fixture(scope="session")
def polypact_cli() -> list[str]:
    """The command line that runs the installed ``polypact`` console script."""
    script = Path(sys.executable).with_name("polypact")
    if script.exists():
        return [str(script)]
    found = shutil.which("polypact")
    if found is None:
        pytest.fail("the polypact console script is not installed (pip install -e .)")
    return [found]
