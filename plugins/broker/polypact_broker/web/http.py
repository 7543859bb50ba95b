"""Requests and responses of the WSGI app: bounded body reading, strict JSON parsing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from polypact_broker.errors import BrokerError

HAL = "application/hal+json;charset=utf-8"


@dataclass
class Request:
    """One HTTP request: method, decoded path, query pairs, headers and raw body."""

    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    environ: dict[str, Any]
    max_body: int
    _body: bytes | None = None

    @classmethod
    def from_environ(cls, environ: dict[str, Any], max_body: int) -> Request:
        """Build a request from a WSGI environ (PATH_INFO is re-decoded as UTF-8)."""
        raw_path = environ.get("PATH_INFO", "") or "/"
        try:
            path = raw_path.encode("latin-1").decode("utf-8")
        except UnicodeError:
            raise BrokerError("request path: not valid UTF-8") from None
        if "\x00" in path:  # PostgreSQL text cannot hold NUL: refuse it for every backend
            raise BrokerError("request path: NUL characters are not allowed")
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items()
                   if k.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        query_text = environ.get("QUERY_STRING", "")
        try:
            query = parse_qsl(query_text, keep_blank_values=True, strict_parsing=False,
                              max_num_fields=1000)
        except ValueError as exc:
            raise BrokerError(f"query string: {exc}") from None
        bad = next((k for k, v in query if "\x00" in k or "\x00" in v), None)
        if bad is not None:
            raise BrokerError(f"query parameter {bad!r}: NUL characters are not allowed")
        return cls(environ.get("REQUEST_METHOD", "GET").upper(), path.rstrip("/") or "/",
                   query, headers, environ, max_body)

    def arg(self, name: str) -> str | None:
        """The first value of query parameter ``name``."""
        for key, value in self.query:
            if key == name:
                return value
        return None

    def body(self) -> bytes:
        """The request body (read once); 413 when longer than the configured limit."""
        if self._body is not None:
            return self._body
        length_text = self.environ.get("CONTENT_LENGTH") or "0"
        try:
            length = int(length_text)
        except ValueError:
            raise BrokerError(f"Content-Length: {length_text!r} is not a number") from None
        if length < 0:
            raise BrokerError("Content-Length: must not be negative")
        if length > self.max_body:
            raise BrokerError(f"request body: {length} bytes is over the limit of "
                              f"{self.max_body} bytes", status=413)
        stream = self.environ["wsgi.input"]
        self._body = stream.read(length) if length else b""
        return self._body

    def json(self, *, required: bool = True) -> Any:
        """The body parsed as JSON; 400 naming the position of a syntax error."""
        raw = self.body()
        if not raw.strip():
            if required:
                raise BrokerError("request body: expected a JSON document, got an empty body")
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BrokerError("request body: not valid UTF-8") from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise BrokerError(f"request body is not valid JSON: {exc.msg} at line {exc.lineno} "
                              f"column {exc.colno}") from None
        except RecursionError:
            raise BrokerError("request body: JSON nested too deeply") from None

    def json_object(self, *, required: bool = True) -> dict[str, Any]:
        """The body as a JSON object (400 when it is another JSON type)."""
        if not required and not self.body().strip():
            return {}
        value = self.json(required=True)
        if not isinstance(value, dict):
            raise BrokerError(f"request body: expected a JSON object, got {type(value).__name__}")
        return value


@dataclass
class Response:
    """An HTTP response: status, JSON-able body (or bytes) and headers."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = HAL

    def encode(self) -> bytes:
        """The body as bytes (JSON unless already bytes / text)."""
        if self.body is None:
            return b""
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        return json.dumps(self.body, ensure_ascii=False).encode("utf-8")


REASONS = {200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 400: "Bad Request",
           401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
           409: "Conflict", 413: "Payload Too Large", 415: "Unsupported Media Type",
           422: "Unprocessable Entity", 500: "Internal Server Error"}


def error_body(message: str, errors: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The Pact Broker's error shape: ``{"error": {"message"}, "errors": {field: [..]}}``."""
    return {"error": {"message": message}, "errors": errors or {"request": [message]}}


def str_field(body: dict[str, Any], name: str, *, required: bool = False,
              where: str = "request body") -> str | None:
    """``body[name]`` as a non-empty string (400 naming the field otherwise)."""
    value = body.get(name)
    if value is None:
        if required:
            raise BrokerError(f"{where}: {name} is required", errors={name: ["is required"]})
        return None
    if not isinstance(value, str) or not value.strip():
        raise BrokerError(f"{where}: {name} must be a non-empty string",
                          errors={name: ["must be a non-empty string"]})
    if len(value) > 255 and name not in ("buildUrl", "url", "repositoryUrl"):
        raise BrokerError(f"{where}: {name} is longer than 255 characters",
                          errors={name: ["is too long"]})
    return value


def bool_field(body: dict[str, Any], name: str, *, where: str = "request body") -> bool | None:
    """``body[name]`` as a boolean (400 naming the field otherwise)."""
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise BrokerError(f"{where}: {name} must be true or false", errors={name: ["must be a boolean"]})
    return value
