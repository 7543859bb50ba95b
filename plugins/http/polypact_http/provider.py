"""The HTTP provider client: replays HTTP interactions against a provider.

The target is a base URL (one kept-alive ``http.client`` connection, reopened when the
provider closes it), a WSGI callable, or an ASGI app (run on a private event loop), so a
provider can be verified in-process without a server.
"""

from __future__ import annotations

import dataclasses
import http.client
from typing import Any
from urllib.parse import quote, urlsplit

from polypact.errors import UsageError, VerificationError
from polypact.matching import match_response
from polypact.model import Body, HttpRequest, HttpResponse
from polypact.transport import ProviderConfig, VerifyContext

_PATH_SAFE = "/-_.~!$&'()*+,;=:@"
_QUERY_SAFE = "-_.~!$'()*,;:@/?"
_RETRYABLE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError, http.client.BadStatusLine)
_DROP = frozenset({"content-length", "transfer-encoding", "connection"})


def encode_query(query: dict[str, list[str | None]]) -> str:
    """Encode a query multimap (``None`` values give a bare ``name``)."""
    parts = []
    for name, values in query.items():
        key = quote(str(name), safe=_QUERY_SAFE)
        for value in values or [None]:
            parts.append(key if value is None else f"{key}={quote(str(value), safe=_QUERY_SAFE)}")
    return "&".join(parts)


def header_pairs(request: HttpRequest) -> list[tuple[str, str]]:
    """The request's headers as (name, value) pairs, multi-values joined with ``, ``, and
    a Content-Type from the body when no header gives one."""
    pairs = [
        (name, ", ".join(str(v) for v in values))
        for name, values in request.headers.items()
        if name.lower() not in _DROP
    ]
    if request.body.is_present and request.body.content_type and request.header("Content-Type") is None:
        pairs.append(("Content-Type", request.body.content_type))
    return pairs


def response_model(status: int, pairs: list[tuple[str, str]], data: bytes) -> HttpResponse:
    """An :class:`HttpResponse` from what the provider sent."""
    headers: dict[str, list[str]] = {}
    content_type = None
    for name, value in pairs:
        headers.setdefault(name, []).append(value)
        if content_type is None and name.lower() == "content-type":
            content_type = value
    return HttpResponse(status=status, headers=headers, body=Body.from_bytes(data, content_type))


def _with_headers(request: HttpRequest, extra: dict[str, str]) -> HttpRequest:
    headers = {k: list(v) for k, v in request.headers.items()}
    for name, value in extra.items():
        for existing in [k for k in headers if k.lower() == name.lower()]:
            del headers[existing]
        headers[name] = [value]
    return dataclasses.replace(request, headers=headers, query={k: list(v) for k, v in request.query.items()})


class _UrlSender:
    """Sends requests over one kept-alive connection to a base URL."""

    def __init__(self, url: str, timeout: float):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"provider base URL {url!r} is not an http(s) URL with a host")
        self.url = url
        self.prefix = parts.path.rstrip("/")
        self.host_header = parts.netloc
        cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        self.conn = cls(parts.hostname, parts.port, timeout=timeout)
        self.used = False

    def send(self, method: str, path: str, query: str, headers: list[tuple[str, str]], body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        target = (quote(self.prefix + path, safe=_PATH_SAFE) or "/") + (f"?{query}" if query else "")
        try:
            try:
                return self._once(method, target, headers, body)
            except _RETRYABLE:
                if not self.used:
                    raise
                self.conn.close()  # the provider closed a kept-alive connection: reopen once
                return self._once(method, target, headers, body)
        except (OSError, http.client.HTTPException) as exc:
            self.conn.close()
            reason = str(exc) or type(exc).__name__
            raise VerificationError(f"could not reach the provider at {self.url}: {reason}") from None

    def _once(self, method: str, target: str, headers: list[tuple[str, str]], body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        conn = self.conn
        has_host = any(n.lower() == "host" for n, _ in headers)
        conn.putrequest(method.upper(), target, skip_host=has_host, skip_accept_encoding=True)
        for name, value in headers:
            conn.putheader(name, value)
        if body or method.upper() in ("POST", "PUT", "PATCH"):
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body or None)
        resp = conn.getresponse()
        data = resp.read()
        self.used = True
        if resp.will_close:
            conn.close()
        return resp.status, resp.getheaders(), data

    def close(self) -> None:
        self.conn.close()


class _WsgiSender:
    def __init__(self, app: Any):
        self.app = app

    def send(self, method: str, path: str, query: str, headers: list[tuple[str, str]], body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        from polypact_http.wsgi import build_environ, call_wsgi

        return call_wsgi(self.app, build_environ(method, path, query, headers, body))

    def close(self) -> None:
        pass


def _sender(config: ProviderConfig) -> Any:
    target = config.target
    if isinstance(target, str):
        return _UrlSender(target, config.timeout)
    if callable(target):
        from polypact_http.asgi import AsgiDriver, is_asgi_app

        if is_asgi_app(target):
            return AsgiDriver(target)
        return _WsgiSender(target)
    raise UsageError(
        f"HTTP provider target must be a base URL or a WSGI/ASGI app, not {type(target).__name__}"
    )


class HttpProviderClient:
    """Replays ``Synchronous/HTTP`` interactions against one provider target."""

    def __init__(self, config: ProviderConfig):
        self.config = config
        self.registry = config.registry
        self._sender = _sender(config)
        self._send = getattr(self._sender, "send", None) or self._sender.request

    def actual_request(self, interaction: Any, context: VerifyContext) -> HttpRequest:
        """The request to send: generators applied (provider mode), configured headers
        added (replacing same-name ones) and the request filter run."""
        request = interaction.request
        if request.generators:
            from polypact.generate.apply import apply_generators

            try:
                from polypact.generate import GeneratorContext
            except ImportError:  # older layout: the dataclass only in its own module
                from polypact.generate.context import GeneratorContext

            gen_ctx = GeneratorContext(
                mode="provider", provider_state=dict(context.provider_state), registry=self.registry
            )
            request = apply_generators(request, gen_ctx)
        if self.config.headers or self.config.request_filter is not None:
            request = _with_headers(request, self.config.headers)
        if self.config.request_filter is not None:
            filtered = self.config.request_filter(request)
            request = request if filtered is None else filtered
        return request

    def send(self, request: HttpRequest) -> HttpResponse:
        """Send ``request`` to the provider and return its response."""
        body = request.body.content if request.body.is_present else b""
        status, pairs, data = self._send(
            request.method, request.path, encode_query(request.query), header_pairs(request), body
        )
        return response_model(status, pairs, data)

    def verify(self, interaction: Any, context: VerifyContext) -> list[Any]:
        """Replay ``interaction`` and return the mismatches of the provider's response."""
        actual = self.send(self.actual_request(interaction, context))
        return match_response(
            interaction.response, actual, registry=self.registry, interaction=interaction
        )

    def close(self) -> None:
        """Close the connection (or the ASGI app's event loop)."""
        self._sender.close()
