"""HTTP/1.1 on the wire: an incremental request parser and a response encoder.

Used by the mock and stub servers. :class:`RequestParser` is fed bytes as they arrive and
yields complete :class:`RawRequest` objects (``Content-Length`` and ``chunked`` bodies,
pipelined requests); :func:`encode_response` turns a status, headers and body into bytes;
:func:`to_model_request` converts a raw request into the model's
:class:`polypact.model.HttpRequest` (decoded path, query multimap, headers multimap, body).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import unquote

from polypact.model import Body, HttpRequest
from polypact.pactfile.httpparts import parse_query_string

#: Request headers the reference core splits on commas into several values.
MULTI_VALUE_HEADERS = frozenset({
    "accept", "accept-charset", "accept-encoding", "accept-language",
    "access-control-allow-headers", "access-control-allow-methods",
    "access-control-expose-headers", "access-control-request-headers", "allow",
    "cache-control", "if-match", "if-none-match", "vary",
})

MAX_HEADER_BYTES = 64 * 1024


class BadRequest(Exception):
    """The bytes received are not a valid HTTP/1.x request (answered with a 400)."""


@dataclass
class RawRequest:
    """One request as received: request line, header lines in order, decoded body bytes."""

    method: str
    target: str
    version: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    body_framed: bool = False  # True when Content-Length or Transfer-Encoding was sent

    def header(self, name: str) -> str | None:
        """The first value of a header (case-insensitive), or ``None``."""
        lower = name.lower()
        for key, value in self.headers:
            if key.lower() == lower:
                return value
        return None

    @property
    def keep_alive(self) -> bool:
        """Whether the connection stays open after the response."""
        conn = (self.header("Connection") or "").lower()
        if self.version == "HTTP/1.0":
            return "keep-alive" in conn
        return "close" not in conn


class RequestParser:
    """Incremental HTTP/1.x request parser for one connection."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._head: RawRequest | None = None
        self._length: int | None = None  # remaining Content-Length body, when not chunked
        self._chunked = False
        self.wants_continue = False  # set when a 100-continue should be sent now

    def feed(self, data: bytes) -> list[RawRequest]:
        """Add received bytes; return every request completed by them."""
        self._buf += data
        done: list[RawRequest] = []
        while True:
            request = self._next()
            if request is None:
                return done
            done.append(request)

    def _next(self) -> RawRequest | None:
        if self._head is None:
            end = self._buf.find(b"\r\n\r\n")
            if end < 0:
                if len(self._buf) > MAX_HEADER_BYTES:
                    raise BadRequest("request head too large")
                return None
            self._head = self._parse_head(bytes(self._buf[:end]))
            del self._buf[: end + 4]
            expect = (self._head.header("Expect") or "").lower()
            if expect == "100-continue" and (self._chunked or self._length):
                self.wants_continue = True
        if self._chunked:
            body = self._take_chunked()
            if body is None:
                return None
        else:
            length = self._length or 0
            if len(self._buf) < length:
                return None
            body = bytes(self._buf[:length])
            del self._buf[:length]
        request, self._head = self._head, None
        request.body = body
        return request

    def _parse_head(self, head: bytes) -> RawRequest:
        try:
            text = head.decode("iso-8859-1")
        except UnicodeDecodeError as exc:  # pragma: no cover - latin-1 decodes anything
            raise BadRequest(str(exc)) from exc
        lines = text.split("\r\n")
        while lines and not lines[0]:
            lines.pop(0)  # tolerate stray CRLF between requests
        if not lines:
            raise BadRequest("empty request")
        parts = lines[0].split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/"):
            raise BadRequest(f"malformed request line {lines[0]!r}")
        request = RawRequest(parts[0], parts[1], parts[2])
        for line in lines[1:]:
            name, sep, value = line.partition(":")
            if not sep or not name or name != name.strip():
                raise BadRequest(f"malformed header line {line!r}")
            request.headers.append((name, value.strip()))
        te = (request.header("Transfer-Encoding") or "").lower()
        cl = request.header("Content-Length")
        self._chunked = "chunked" in te
        self._length = None
        if not self._chunked and cl is not None:
            try:
                self._length = int(cl)
            except ValueError:
                raise BadRequest(f"bad Content-Length {cl!r}") from None
            if self._length < 0:
                raise BadRequest(f"bad Content-Length {cl!r}")
        request.body_framed = self._chunked or cl is not None
        return request

    def _take_chunked(self) -> bytes | None:
        """Decode a complete chunked body from the buffer (``None`` until complete)."""
        buf = self._buf
        pos = 0
        body = bytearray()
        while True:
            eol = buf.find(b"\r\n", pos)
            if eol < 0:
                return None
            size_text = bytes(buf[pos:eol]).split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                raise BadRequest(f"bad chunk size {size_text!r}") from None
            pos = eol + 2
            if size == 0:
                # trailers end with an empty line
                while True:
                    eol = buf.find(b"\r\n", pos)
                    if eol < 0:
                        return None
                    line_empty = eol == pos
                    pos = eol + 2
                    if line_empty:
                        del buf[:pos]
                        return bytes(body)
            if len(buf) < pos + size + 2:
                return None
            body += buf[pos : pos + size]
            pos += size + 2


def reason_phrase(status: int) -> str:
    """The standard reason phrase of a status code (``"Unknown"`` when non-standard)."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def encode_response(
    status: int,
    headers: list[tuple[str, str]],
    body: bytes,
    *,
    keep_alive: bool = True,
    head_only: bool = False,
) -> bytes:
    """Serialise a response. ``Content-Length`` is always set from ``body`` (any given
    one is replaced); ``Connection: close`` is added when the connection will close."""
    lines = [f"HTTP/1.1 {status} {reason_phrase(status)}"]
    for name, value in headers:
        lower = name.lower()
        if lower in ("content-length", "transfer-encoding", "connection"):
            continue
        lines.append(f"{name}: {value}")
    lines.append(f"Content-Length: {len(body)}")
    if not keep_alive:
        lines.append("Connection: close")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", errors="replace")
    if head_only or status in (204, 304) or 100 <= status < 200:
        return head
    return head + body


def split_target(target: str) -> tuple[str, str | None]:
    """Split a request target into its raw path and raw query string (``None``: no ``?``)."""
    path, sep, query = target.partition("?")
    path = path.partition("#")[0]
    if path.startswith(("http://", "https://")):  # absolute-form target
        rest = path.split("://", 1)[1]
        slash = rest.find("/")
        path = rest[slash:] if slash >= 0 else "/"
    return path or "/", (query.partition("#")[0] if sep else None)


def parse_query(query: str | None) -> dict[str, list[str | None]]:
    """A raw query string as a multimap of decoded names to decoded values (``None`` for a
    parameter written without ``=``), keeping the order of values: decoded as a pact
    file's query string is (:func:`polypact.pactfile.httpparts.parse_query_string`)."""
    return parse_query_string(query or "")


def headers_multimap(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Header lines as a multimap; values of known list headers are split on commas."""
    out: dict[str, list[str]] = {}
    index: dict[str, str] = {}
    for name, value in pairs:
        key = index.setdefault(name.lower(), name)
        values = out.setdefault(key, [])
        if name.lower() in MULTI_VALUE_HEADERS and "," in value:
            values.extend(v.strip() for v in value.split(",") if v.strip())
        else:
            values.append(value)
    return out


def to_model_request(raw: RawRequest, *, drop_headers: tuple[str, ...] = ()) -> HttpRequest:
    """The model form of a received request (path and query decoded)."""
    raw_path, query = split_target(raw.target)
    pairs = raw.headers
    if drop_headers:
        dropped = {h.lower() for h in drop_headers}
        pairs = [(n, v) for n, v in pairs if n.lower() not in dropped]
    headers = headers_multimap(pairs)
    content_type = raw.header("Content-Type")
    if raw.body:
        body = Body.from_bytes(raw.body, content_type)
    elif raw.body_framed:
        body = Body.empty(content_type)
    else:
        body = Body.missing()
    return HttpRequest(
        method=raw.method.upper(),
        path=unquote(raw_path),
        query=parse_query(query),
        headers=headers,
        body=body,
    )


def summarize(raw: RawRequest) -> str:
    """A one-line summary of a request, e.g. ``GET /users/1?x=1``."""
    return f"{raw.method} {raw.target}"
