"""Fixtures for the verifier tests driven through the fake transport plugin."""

from __future__ import annotations

import pytest
from polypact.registry import Registry
from polypact.testing import registry_with

from tests.core.verifier.vhelpers import FakePlugin


@pytest.fixture
def plugin() -> FakePlugin:
    """A fresh fake transport plugin (transport ``fake``), recording what it was asked."""
    return FakePlugin()


@pytest.fixture
def registry(plugin: FakePlugin) -> Registry:
    """The core plugin and ``plugin``; modules needing another registry define their own."""
    return registry_with(plugin)
