"""The example GraphQL provider: a blog service (users, posts, a mutation, errors)."""

from __future__ import annotations

from blog_graphql_provider.app import SCHEMA_PATH, STATE_CHANGE_PATH, BlogService
from blog_graphql_provider.server import serve

__all__ = ["SCHEMA_PATH", "STATE_CHANGE_PATH", "BlogService", "serve"]
