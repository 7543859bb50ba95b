"""The example SOAP provider: a users service (GetUser, ListUsers, a Client fault) as a
WSGI app built with lxml, described by ``users.wsdl`` (SOAP 1.1 and 1.2 bindings)."""

from __future__ import annotations

import sys
from pathlib import Path

from users_soap_provider.app import STATE_CHANGE_PATH, WSDL_PATH, UsersService

EXAMPLES = str(Path(__file__).resolve().parents[2])
if EXAMPLES not in sys.path:  # examples/serving.py: the server every example provider uses
    sys.path.append(EXAMPLES)
from serving import serve  # noqa: E402

__all__ = ["STATE_CHANGE_PATH", "WSDL_PATH", "UsersService", "serve"]
