"""The example SOAP provider: a users service (GetUser, ListUsers, a Client fault) as a
WSGI app built with lxml, described by ``users.wsdl`` (SOAP 1.1 and 1.2 bindings)."""

from __future__ import annotations

from users_soap_provider.app import STATE_CHANGE_PATH, WSDL_PATH, UsersService
from users_soap_provider.server import serve

__all__ = ["STATE_CHANGE_PATH", "WSDL_PATH", "UsersService", "serve"]
