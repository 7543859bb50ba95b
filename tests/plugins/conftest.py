"""Fixtures shared by the protocol plugins' tests."""

from __future__ import annotations

from tests.interop.fixtures import pact_python  # noqa: F401  (pact-python as an interop peer)
