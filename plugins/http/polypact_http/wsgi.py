"""A minimal in-process WSGI driver (PEP 3333): call an app with one request, no server."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Sequence
from typing import Any

_SPECIAL = {"CONTENT-TYPE": "CONTENT_TYPE", "CONTENT-LENGTH": "CONTENT_LENGTH"}


def build_environ(
    method: str,
    path: str,
    query_string: str,
    headers: Sequence[tuple[str, str]],
    body: bytes,
) -> dict[str, Any]:
    """The WSGI environ for one request (``path`` decoded, ``query_string`` encoded)."""
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method.upper(),
        "SCRIPT_NAME": "",
        "PATH_INFO": path.encode("utf-8").decode("latin-1"),
        "QUERY_STRING": query_string,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "CONTENT_LENGTH": str(len(body)) if body else "",
    }
    for name, value in headers:
        upper = name.upper()
        key = _SPECIAL.get(upper) or "HTTP_" + upper.replace("-", "_")
        if key in environ and key.startswith("HTTP_"):
            environ[key] += "," + value
        else:
            environ[key] = value
    if body:
        environ["CONTENT_LENGTH"] = str(len(body))
    return environ


def call_wsgi(app: Callable[..., Any], environ: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
    """Call ``app`` and return (status code, header pairs, body bytes)."""
    captured: dict[str, Any] = {}
    written: list[bytes] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
        if exc_info and captured.get("sent"):
            raise exc_info[1].with_traceback(exc_info[2])
        captured["status"] = status
        captured["headers"] = list(headers)
        return written.append

    result = app(environ, start_response)
    try:
        chunks = [c for c in result if c]
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    captured["sent"] = True
    if "status" not in captured:
        raise RuntimeError("the WSGI app returned without calling start_response")
    status = int(str(captured["status"]).split(None, 1)[0])
    return status, captured["headers"], b"".join(written) + b"".join(chunks)
