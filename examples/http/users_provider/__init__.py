"""The example "users" provider: a WSGI app with provider states, and a tiny server.

``python -m users_provider --port 8000`` (from ``examples/http``) serves it on
127.0.0.1 for manual runs of ``polypact verify``.
"""

from __future__ import annotations

from users_provider.app import STATE_CHANGE_PATH, UsersService
from users_provider.server import serve

__all__ = ["STATE_CHANGE_PATH", "UsersService", "serve"]
