"""Fixtures for the GraphQL plugin tests: the example blog provider and its schema."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "graphql"
if str(EXAMPLE) not in sys.path:
    sys.path.insert(0, str(EXAMPLE))

SCHEMA_PATH = EXAMPLE / "blog_graphql_provider" / "schema.graphql"


@pytest.fixture
def schema_path() -> Path:
    """The example provider's SDL file."""
    return SCHEMA_PATH


@pytest.fixture
def blog():
    """A fresh example provider (WSGI app)."""
    from blog_graphql_provider import BlogService

    return BlogService()
