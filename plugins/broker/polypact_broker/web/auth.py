"""Bearer-token and basic authentication with read and write scopes."""

from __future__ import annotations

import base64
import binascii
import hmac

from polypact_broker.config import AuthConfig
from polypact_broker.errors import Forbidden, Unauthorized
from polypact_broker.web.http import Request

#: POST endpoints that only read (the Pact Broker treats them as reads).
READ_POSTS = ("/for-verification",)


def needs_write(request: Request) -> bool:
    """True when the request changes data."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    return not (request.method == "POST" and request.path.endswith(READ_POSTS))


def scope_of(request: Request, auth: AuthConfig) -> str | None:
    """``"write"``, ``"read"`` or ``None`` (anonymous) for the request's credentials;
    :class:`Unauthorized` when credentials are present but wrong."""
    header = request.headers.get("authorization", "")
    if not header:
        return None
    kind, _, value = header.partition(" ")
    value = value.strip()
    if kind.lower() == "bearer" and value:
        if any(hmac.compare_digest(value, t) for t in auth.write_tokens):
            return "write"
        if any(hmac.compare_digest(value, t) for t in auth.read_tokens):
            return "read"
        raise Unauthorized("the bearer token is not valid")
    if kind.lower() == "basic" and value:
        try:
            user, _, password = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise Unauthorized("malformed basic credentials") from None
        known = auth.users.get(user)
        if known is not None and hmac.compare_digest(password, known[0]):
            return known[1]
        raise Unauthorized("the username or password is not valid")
    raise Unauthorized("unsupported Authorization scheme (use Bearer or Basic)")


def is_badge(request: Request) -> bool:
    """True for a status badge read (``GET .../badge``)."""
    return request.method in ("GET", "HEAD") and request.path.rstrip("/").endswith("/badge")


def check(request: Request, auth: AuthConfig) -> None:
    """Refuse the request when auth is on and its credentials do not allow it (badges
    are public when ``allow_public_badge_access`` is set)."""
    if not auth.enabled or (auth.allow_public_badge_access and is_badge(request)):
        return
    scope = scope_of(request, auth)
    if needs_write(request):
        if scope is None:
            raise Unauthorized("writing requires a token or user with write scope")
        if scope != "write":
            raise Forbidden("these credentials may only read")
    elif scope is None and not auth.allow_anonymous_read:
        raise Unauthorized("reading requires credentials (anonymous read is off)")
