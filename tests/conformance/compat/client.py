"""A plain HTTP client for the step layer (stdlib ``http.client``, so repeated headers
can be sent as separate lines and error statuses come back as responses)."""

from __future__ import annotations

import http.client
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit


@dataclass
class Response:
    """What a server answered."""

    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        """The first value of a header (case-insensitive)."""
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


def send(
    base_url: str,
    method: str,
    path: str,
    *,
    query: str = "",
    headers: list[tuple[str, str]] | None = None,
    body: bytes | None = None,
    timeout: float = 10.0,
) -> Response:
    """Send one request to ``base_url`` and return the response (any status)."""
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        target = quote(path, safe="/-_.~!$&'()*+,;=:@") + (f"?{query}" if query else "")
        conn.putrequest(method, target, skip_accept_encoding=True)
        for name, value in headers or []:
            conn.putheader(name, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        resp = conn.getresponse()
        return Response(resp.status, resp.getheaders(), resp.read())
    finally:
        conn.close()
