"""Fixtures for the message plugin tests: a registry with exactly the plugins they need."""

from __future__ import annotations

from pathlib import Path

import pytest
from polypact import Pact
from polypact.registry import Registry
from polypact.testing import registry_with


@pytest.fixture(scope="session")
def registry() -> Registry:
    """The core, the message plugin and the HTTP plugin (for mixed pacts)."""
    import polypact_message.plugin

    return registry_with(("message", polypact_message.plugin), installed=["http"])


@pytest.fixture
def pact_dir(tmp_path: Path) -> Path:
    """Where a test's consumer writes its pact."""
    return tmp_path / "pacts"


@pytest.fixture
def pact(registry: Registry, pact_dir: Path) -> Pact:
    """A V4 pact between "web" and "orders" using the test registry."""
    return Pact("web", "orders", pact_dir=pact_dir, registry=registry)
