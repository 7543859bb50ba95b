"""Errors the broker answers with a 4xx status and a reason (never a 500)."""

from __future__ import annotations

from polypact.errors import PolypactError


class BrokerError(PolypactError):
    """A request the broker refuses. ``status`` is the HTTP status (400 by default);
    ``errors`` maps a field (or JSON path) to its reasons, as the Pact Broker reports them."""

    status = 400

    def __init__(self, message: str, *, status: int | None = None,
                 errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        if status is not None:
            self.status = status
        self.errors = errors or {}


class NotFound(BrokerError):
    """The resource does not exist (404)."""

    status = 404


class Unauthorized(BrokerError):
    """No (valid) credentials (401)."""

    status = 401


class Forbidden(BrokerError):
    """Valid credentials without the needed scope (403)."""

    status = 403


class BrokerClientError(PolypactError):
    """A broker request made by polypact's client failed (network, status, bad answer)."""
