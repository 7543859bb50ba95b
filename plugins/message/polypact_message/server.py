"""polypact as a message endpoint for Python producers, so other verifiers (pact-python's,
the reference CLI) can verify messages polypact's producers build::

    with serve_producers(producers) as endpoint:
        Verifier("orders", host="127.0.0.1").add_transport(
            protocol="message", port=endpoint.port, path=endpoint.path)...

It answers ``POST <path>`` with ``{"description", "providerStates"?, "request"?}``: the
producer's message as the body, its content type as ``Content-Type`` and its metadata in
the base64 ``Pact-Message-Metadata`` header. A synchronous exchange answers its first
response. Errors answer ``{"error": "<reason>"}`` as JSON: 400 for a malformed request
body, 404 for a description no producer is registered for (and for other paths), 405 for
other methods, 500 for a producer that raises, times out or returns the wrong type. It
binds 127.0.0.1 on an OS-chosen port unless told otherwise.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from polypact.errors import PactFileError, PolypactError
from polypact.model import MessageContents, ProviderState
from polypact.pactfile import parse_message_contents

from polypact_message.endpoint import METADATA_HEADER, encode_metadata
from polypact_message.message import Message
from polypact_message.output import actual_message, actual_responses
from polypact_message.producers import (
    MessageProducers,
    UnknownDescriptionError,
    call_producer,
    find_producer,
)

DEFAULT_PATH = "/_pact/message"


class EndpointError(Exception):
    """A request the endpoint answers with an error status (and ``{"error": text}``)."""

    def __init__(self, status: int, text: str):
        super().__init__(text)
        self.status = status

    def body(self) -> bytes:
        """The JSON error body: ``{"error": "<reason>"}``."""
        return error_body(str(self))


def error_body(text: str) -> bytes:
    """``{"error": text}`` as UTF-8 JSON, the body of every error answer."""
    return json.dumps({"error": text}).encode("utf-8")


def _states(raw: Any) -> list[ProviderState]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise EndpointError(400, "providerStates must be a list of {name, params} objects")
    states = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise EndpointError(400, f"invalid provider state {item!r}: expected {{name, params}}")
        params = item.get("params") or {}
        if not isinstance(params, dict):
            raise EndpointError(400, f"invalid provider state {item!r}: params must be an object")
        states.append(ProviderState(item["name"], dict(params)))
    return states


def produce_for_request(producers: Any, payload: Any, timeout: float | None) -> MessageContents:
    """The message (or first response) to answer one endpoint request with."""
    if not isinstance(payload, dict) or not isinstance(payload.get("description"), str):
        raise EndpointError(400, 'expected a JSON object with a "description" string')
    description = payload["description"]
    states = _states(payload.get("providerStates"))
    params: dict[str, Any] = {}
    for state in states:
        params.update(state.params)
    available: dict[str, Any] = {"description": description, "states": states, "params": params,
                                 "provider_state": {}}
    request_json = payload.get("request")
    try:
        if request_json is not None:
            try:
                request = parse_message_contents(request_json, "4.0", source="request", path="$.request")
            except PactFileError as exc:
                raise EndpointError(400, f"invalid request message: {exc}") from None
            available["request"] = Message.from_contents(request, description)
        producer = find_producer(producers, description)
        output = call_producer(producer, available, timeout)
        if request_json is not None:
            return actual_responses(output, [], description)[0]
        return actual_message(output, MessageContents(), description)
    except UnknownDescriptionError as exc:
        raise EndpointError(404, str(exc)) from None
    except PolypactError as exc:
        raise EndpointError(500, str(exc)) from None


class _Handler(BaseHTTPRequestHandler):
    server: _EndpointServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Quiet: the verifier reports what matters."""

    def _reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        """Produce the message named by the JSON body."""
        try:
            if self.path.split("?", 1)[0] != self.server.path:
                raise EndpointError(404, f"no message endpoint at {self.path} "
                                         f"(POST to {self.server.path})")
            try:
                payload = json.loads(self._body() or b"null")
            except ValueError as exc:
                raise EndpointError(400, f"the request body is not JSON: {exc}") from None
            message = produce_for_request(self.server.producers, payload, self.server.timeout)
        except EndpointError as exc:
            self._error(exc)
            return
        headers = {}
        ct = message.content_type()
        if ct:
            headers["Content-Type"] = ct
        if message.metadata:
            headers[METADATA_HEADER] = encode_metadata(message.metadata)
        body = message.contents.content if message.contents.is_present else b""
        self._reply(200, body, headers)

    def _body(self) -> bytes:
        length = self.headers.get("Content-Length") or "0"
        if not length.isdigit():
            raise EndpointError(400, f"invalid Content-Length {length!r}")
        return self.rfile.read(int(length))

    def _error(self, error: EndpointError, headers: dict[str, str] | None = None) -> None:
        self._reply(error.status, error.body(), {"Content-Type": "application/json", **(headers or {})})

    def do_GET(self) -> None:
        """Only POST is served."""
        self._error(EndpointError(405, "POST {description, providerStates} to get a message"),
                    {"Allow": "POST"})


class _EndpointServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False

    def __init__(self, address: tuple[str, int], producers: Any, path: str, timeout: float | None):
        self.producers = producers
        self.path = path
        self.timeout = timeout
        super().__init__(address, _Handler)


class MessageEndpoint:
    """A running message endpoint (a context manager; :meth:`stop` is idempotent)."""

    def __init__(self, producers: Any, *, host: str = "127.0.0.1", port: int = 0,
                 path: str = DEFAULT_PATH, timeout: float | None = 30.0):
        if isinstance(producers, Mapping) and not isinstance(producers, MessageProducers):
            producers = MessageProducers(producers)
        self.path = path if path.startswith("/") else "/" + path
        self._server = _EndpointServer((host, port), producers, self.path, timeout)
        self.host, self.port = self._server.server_address[:2]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="polypact message endpoint", daemon=True)
        self._thread.start()
        self._stopped = False

    @property
    def url(self) -> str:
        """The endpoint's URL (``http://127.0.0.1:PORT/_pact/message``)."""
        return f"http://{self.host}:{self.port}{self.path}"

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._stopped:
            return
        self._stopped = True
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> MessageEndpoint:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve_producers(producers: Any, *, host: str = "127.0.0.1", port: int = 0,
                    path: str = DEFAULT_PATH, timeout: float | None = 30.0) -> MessageEndpoint:
    """Start a :class:`MessageEndpoint` for ``producers`` (a mapping, a
    :class:`MessageProducers` or one callable); use it as a context manager."""
    return MessageEndpoint(producers, host=host, port=port, path=path, timeout=timeout)
