"""The message endpoint convention of the reference verifier, client side.

To verify a provider out of process, the verifier POSTs ``{"description",
"providerStates"}`` (plus ``"request"``, the request message as pact JSON, for a
synchronous exchange) to the provider's message endpoint; the endpoint answers 2xx with the
message contents as the body, its content type as ``Content-Type`` and the metadata as
base64-encoded JSON in the ``Pact-Message-Metadata`` header.
"""

from __future__ import annotations

import base64
import binascii
import http.client
import json
from typing import Any
from urllib.parse import urlsplit

from polypact.errors import UsageError, VerificationError
from polypact.model import Body, MessageContents

METADATA_HEADER = "Pact-Message-Metadata"


def check_url(url: str, *, label: str | None = None) -> str:
    """``url`` if it is an http(s) URL with a host (and a valid port, if any), else
    :class:`UsageError`; ``label`` names the value in the error (default ``message
    endpoint 'url'``)."""
    parts = urlsplit(url)
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok:
        raise UsageError(f"{label or f'message endpoint {url!r}'}: expected an http(s) URL with "
                         f"a host and an optional port 1-65535 "
                         f"(e.g. http://127.0.0.1:8000/_pact/message)")
    return url


def encode_metadata(metadata: dict[str, Any]) -> str:
    """Metadata as the ``Pact-Message-Metadata`` header value (base64 of its JSON)."""
    return base64.b64encode(json.dumps(metadata).encode("utf-8")).decode("ascii")


def decode_metadata(value: str, url: str) -> dict[str, Any]:
    """The metadata carried by a ``Pact-Message-Metadata`` header value."""
    try:
        decoded = json.loads(base64.b64decode(value.strip(), validate=True).decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise VerificationError(
            f"message endpoint {url}: the {METADATA_HEADER} header is not base64-encoded JSON "
            f"({exc})") from None
    if not isinstance(decoded, dict):
        raise VerificationError(
            f"message endpoint {url}: the {METADATA_HEADER} header holds a "
            f"{type(decoded).__name__}, expected a JSON object")
    return decoded


def fetch_message(url: str, payload: dict[str, Any], *, timeout: float | None,
                  headers: dict[str, str] | None = None) -> MessageContents:
    """POST ``payload`` to the endpoint at ``url`` and return the message it answered."""
    parts = urlsplit(url)
    cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = cls(parts.hostname, parts.port, timeout=timeout or None)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    data = json.dumps(payload).encode("utf-8")
    what = repr(payload.get("description", ""))
    try:
        conn.request("POST", target, body=data, headers={
            "Content-Type": "application/json", "Accept": "*/*", **(headers or {})})
        resp = conn.getresponse()
        content = resp.read()
        status, reason, pairs = resp.status, resp.reason, resp.getheaders()
    except TimeoutError:
        raise VerificationError(
            f"message endpoint {url} did not answer for {what} within {timeout or 0:g}s (timed out)"
        ) from None
    except (OSError, http.client.HTTPException) as exc:
        reason = str(exc) or type(exc).__name__
        raise VerificationError(f"could not reach the message endpoint {url}: {reason}") from None
    finally:
        conn.close()
    if not 200 <= status < 300:
        snippet = error_reason(content)[:300]
        raise VerificationError(
            f"message endpoint {url} answered {status} {reason} for {what}"
            + (f": {snippet}" if snippet else ""))
    return message_from_response(pairs, content, url)


def error_reason(content: bytes) -> str:
    """The reason an endpoint's error answer gives: the ``error`` string of a JSON
    ``{"error": ...}`` body (what :func:`polypact_message.serve_producers` answers), else
    the body as text."""
    text = content.decode("utf-8", errors="replace").strip()
    try:
        decoded = json.loads(text)
    except ValueError:
        return text
    if isinstance(decoded, dict) and isinstance(decoded.get("error"), str):
        return decoded["error"]
    return text


def message_from_response(pairs: list[tuple[str, str]], content: bytes, url: str) -> MessageContents:
    """The message an endpoint's response carries (metadata gets ``contentType`` from the
    Content-Type header unless the metadata header gives one, as the reference does)."""
    content_type = next((v for n, v in pairs if n.lower() == "content-type"), None)
    metadata: dict[str, Any] = {"contentType": content_type or ""}
    for name, value in pairs:
        if name.lower() == METADATA_HEADER.lower() and value.strip():
            metadata.update(decode_metadata(value, url))
    return MessageContents(contents=Body.from_bytes(content, content_type), metadata=metadata)
