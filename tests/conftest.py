"""Shared test configuration: locations of the shared conformance data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PACT_DO_NOT_TRACK", "true")

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("POLYPACT_SHARED", REPO.parent / "shared"))
SPEC_CASES = SHARED / "pact-spec-testcases"
COMPAT_SUITE = SHARED / "pact-compat-suite"
PLUGIN_PACTS = SHARED / "pact-plugin-pacts"


@pytest.fixture
def shared_dir() -> Path:
    """The shared/ folder beside the repository (conformance suites, interop fixtures)."""
    return SHARED
