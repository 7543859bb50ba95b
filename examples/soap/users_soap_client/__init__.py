"""The example SOAP consumer: a users client built on zeep.

It is ordinary zeep code. The service address comes from the WSDL unless ``address`` is
given (consumer tests give the mock server's URL; production code would not).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import zeep
from zeep.exceptions import Fault

__all__ = ["Fault", "User", "UserNotFound", "UsersClient"]

BINDINGS = {"1.1": "{http://example.com/users}UsersSoap11",
            "1.2": "{http://example.com/users}UsersSoap12"}


@dataclass(frozen=True)
class User:
    """A user as the application sees it."""

    id: int
    name: str
    status: str


class UserNotFound(LookupError):
    """The service answered ``GetUser`` with a client fault."""


class UsersClient:
    """Reads users from the SOAP users service."""

    def __init__(self, wsdl: str | Path, address: str | None = None, version: str = "1.1",
                 transport: zeep.Transport | None = None):
        kwargs = {"transport": transport} if transport is not None else {}
        client = zeep.Client(str(wsdl), **kwargs)
        self.service = (client.create_service(BINDINGS[version], address)
                        if address else client.service)

    def user(self, user_id: int) -> User:
        """One user; :class:`UserNotFound` when the service does not know it."""
        try:
            found = self.service.GetUser(id=user_id)
        except Fault as fault:
            if fault.code and fault.code.rsplit(":", 1)[-1] in ("Client", "Sender"):
                raise UserNotFound(fault.message) from None
            raise
        return User(found.id, found.name, found.status)

    def users(self, status: str | None = None) -> list[User]:
        """Every user (with ``status`` when given)."""
        found = self.service.ListUsers(status=status) if status else self.service.ListUsers()
        return [User(u.id, u.name, u.status) for u in found or []]
