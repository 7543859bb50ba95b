"""The pytest fixture that makes pact-python 4.2.0 usable as a peer in a test.

Defined once here and imported by the conftest of every test folder that runs
pact-python (``tests/interop``, ``tests/plugins``, ``tests/broker``), so the safety rules
of :mod:`tests.interop.peer` are applied the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.interop.peer import install_loopback_patches


@pytest.fixture(scope="session")
def pact_python() -> Iterator[None]:
    """pact-python imported with telemetry off and its helper servers on 127.0.0.1;
    skips the test when pact-python (a test-only dependency) is not installed."""
    pytest.importorskip("pact", reason="pact-python 4.2.0 is a test-only dependency")
    undo = install_loopback_patches()
    yield
    undo()
