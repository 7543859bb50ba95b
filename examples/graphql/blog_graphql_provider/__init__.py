"""The example GraphQL provider: a blog service (users, posts, a mutation, errors)."""

from __future__ import annotations

import sys
from pathlib import Path

from blog_graphql_provider.app import SCHEMA_PATH, STATE_CHANGE_PATH, BlogService

EXAMPLES = str(Path(__file__).resolve().parents[2])
if EXAMPLES not in sys.path:  # examples/serving.py: the server every example provider uses
    sys.path.append(EXAMPLES)
from serving import serve  # noqa: E402

__all__ = ["SCHEMA_PATH", "STATE_CHANGE_PATH", "BlogService", "serve"]
