"""A small HAL client for Pact Broker-compatible servers (stdlib ``urllib`` only).

Credentials come from arguments or the environment (``POLYPACT_BROKER_TOKEN``, or
``POLYPACT_BROKER_USERNAME`` and ``POLYPACT_BROKER_PASSWORD``); they are sent as headers
and never appear in messages or ``repr``.
"""

from __future__ import annotations

import base64
import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from polypact_broker.errors import BrokerClientError


def _strip_credentials(url: str) -> tuple[str, str | None, str | None]:
    parts = urlsplit(url)
    if parts.username is None:
        return url, None, None
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc)), parts.username, parts.password


class BrokerClient:
    """Talk to a broker at ``base_url``.

    ``token`` (bearer) or ``username``/``password`` (basic); ``None`` reads the
    ``POLYPACT_BROKER_*`` environment variables (``env`` replaces ``os.environ``).
    """

    def __init__(self, base_url: str, *, token: str | None = None, username: str | None = None,
                 password: str | None = None, timeout: float = 30.0,
                 env: Mapping[str, str] | None = None):
        env = os.environ if env is None else env
        url, url_user, url_password = _strip_credentials(base_url.rstrip("/"))
        if not url.startswith(("http://", "https://")):
            raise BrokerClientError(f"broker URL {url!r}: expected http(s)://HOST[:PORT]")
        self.base_url = url
        self.timeout = timeout
        token = token or env.get("POLYPACT_BROKER_TOKEN")
        username = username or url_user or env.get("POLYPACT_BROKER_USERNAME")
        password = password or url_password or env.get("POLYPACT_BROKER_PASSWORD")
        self._auth: str | None = None
        if token:
            self._auth = f"Bearer {token}"
        elif username:
            raw = f"{username}:{password or ''}".encode()
            self._auth = "Basic " + base64.b64encode(raw).decode("ascii")
        self._index: dict[str, Any] | None = None

    def __repr__(self) -> str:
        return f"BrokerClient({self.base_url!r}, auth={'yes' if self._auth else 'no'})"

    # -- HTTP ---------------------------------------------------------------------------
    def request(self, method: str, url: str, body: Any = None, *,
                content_type: str = "application/json") -> Any:
        """Send one request; return the decoded JSON answer (``None`` when empty).
        A 4xx/5xx answer raises :class:`BrokerClientError` with the broker's reason."""
        if not url.startswith(("http://", "https://")):
            url = self.base_url + url
        data = None if body is None else json.dumps(body).encode("utf-8")
        headers = {"Accept": "application/hal+json, application/json"}
        if data is not None:
            headers["Content-Type"] = content_type
        if self._auth:
            headers["Authorization"] = self._auth
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as exc:
            raise BrokerClientError(f"{method} {url}: HTTP {exc.code}: {_reason(exc)}") from None
        except (OSError, ValueError) as exc:
            raise BrokerClientError(f"{method} {url}: cannot reach the broker ({exc})") from None
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            raise BrokerClientError(f"{method} {url}: the answer is not JSON") from None

    def get(self, url: str) -> Any:
        """``GET`` ``url`` (absolute, or a path under the base URL)."""
        return self.request("GET", url)

    def post(self, url: str, body: Any) -> Any:
        """``POST`` JSON."""
        return self.request("POST", url, body)

    def put(self, url: str, body: Any) -> Any:
        """``PUT`` JSON."""
        return self.request("PUT", url, body)

    # -- HAL ----------------------------------------------------------------------------
    def link(self, relation: str, **values: str) -> str:
        """The index's ``relation`` link with ``{name}`` placeholders filled in."""
        if self._index is None:
            self._index = self.get("/")
        links = (self._index or {}).get("_links", {})
        if relation not in links:
            raise BrokerClientError(f"the broker at {self.base_url} has no {relation!r} link")
        href = links[relation]["href"]
        return re.sub(r"\{(\w+)\}", lambda m: quote(str(values[m.group(1)]), safe="")
                      if m.group(1) in values else m.group(0), href)


def _reason(exc: urllib.error.HTTPError) -> str:
    try:
        body = json.loads(exc.read() or b"{}")
    except ValueError:
        return exc.reason or ""
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, dict) and err.get("message"):
            return str(err["message"])
        if body.get("errors"):
            return json.dumps(body["errors"])
    return str(exc.reason or "")
