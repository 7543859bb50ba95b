"""pytest set-up for the example GraphQL consumer tests.

Pacts go to ``$POLYPACT_PACT_DIR`` when set (the demo uses a temporary folder), else to
``examples/graphql/pacts`` (git-ignored).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from polypact import Pact

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


@pytest.fixture
def pact_dir() -> Path:
    """Where the consumer tests write their pact files."""
    return Path(os.environ.get("POLYPACT_PACT_DIR", HERE / "pacts"))


@pytest.fixture
def pact(pact_dir: Path) -> Pact:
    """The contract between the example consumer ("blog-web") and the blog service."""
    return Pact("blog-web", "blog-graphql", pact_dir=pact_dir)
