"""The example "users" provider: a WSGI app with provider states, and a tiny server.

``python -m users_provider --port 8000`` (from ``examples/http``) serves it on
127.0.0.1 for manual runs of ``polypact verify``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from users_provider.app import STATE_CHANGE_PATH, UsersService

EXAMPLES = str(Path(__file__).resolve().parents[2])
if EXAMPLES not in sys.path:  # examples/serving.py: the server every example provider uses
    sys.path.append(EXAMPLES)
from serving import serve  # noqa: E402

__all__ = ["STATE_CHANGE_PATH", "UsersService", "serve"]
