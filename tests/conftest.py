"""Shared test configuration: locations of the shared conformance data."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

os.environ.setdefault("PACT_DO_NOT_TRACK", "true")

REPO = Path(__file__).resolve().parent.parent


def _find_shared() -> Path:
    """The shared/ folder: $POLYPACT_SHARED, else beside this checkout (as in CI), else
    beside the repository this checkout was cloned from (a fresh clone in a temp dir)."""
    candidates = []
    if os.environ.get("POLYPACT_SHARED"):
        candidates.append(Path(os.environ["POLYPACT_SHARED"]))
    candidates.append(REPO.parent / "shared")
    try:
        origin = subprocess.run(
            ["git", "-C", str(REPO), "config", "--get", "remote.origin.url"],
            capture_output=True, text=True, timeout=5, check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        origin = ""
    if origin and "://" not in origin:
        candidates.append(Path(origin).resolve().parent / "shared")
    for candidate in candidates:
        if (candidate / "pact-spec-testcases").is_dir():
            return candidate
    raise pytest.UsageError(
        "cannot find the shared/ folder (pact-spec-testcases, pact-compat-suite, "
        f"pact-plugin-pacts); looked in: {', '.join(map(str, candidates))}. "
        "Set POLYPACT_SHARED to its path."
    )


SHARED = _find_shared()
SPEC_CASES = SHARED / "pact-spec-testcases"
COMPAT_SUITE = SHARED / "pact-compat-suite"
PLUGIN_PACTS = SHARED / "pact-plugin-pacts"


@pytest.fixture
def shared_dir() -> Path:
    """The shared/ folder beside the repository (conformance suites, interop fixtures)."""
    return SHARED
