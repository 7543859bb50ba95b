"""Helpers for the broker tests: pact documents, a tiny provider, JSON over HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from typing import Any


def make_pact(consumer: str, provider: str, *descriptions: str, greeting: str = "hello") -> dict[str, Any]:
    """A V3 pact with one ``GET /greeting/<n>`` interaction per description."""
    interactions = [{
        "description": d,
        "request": {"method": "GET", "path": f"/greeting/{i}"},
        "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                     "body": {"greeting": greeting}},
    } for i, d in enumerate(descriptions or ("a greeting",))]
    return {"consumer": {"name": consumer}, "provider": {"name": provider},
            "interactions": interactions, "metadata": {"pactSpecification": {"version": "3.0.0"}}}


def provider_app(greeting: str = "hello") -> Callable[..., Iterable[bytes]]:
    """A WSGI provider answering ``GET /greeting/<n>`` with ``{"greeting": greeting}``."""

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ["PATH_INFO"].startswith("/greeting/"):
            body = json.dumps({"greeting": greeting}).encode()
            start_response("200 OK", [("Content-Type", "application/json")])
            return [body]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"no"]

    return app


def call(method: str, url: str, body: Any = None, *, raw: bytes | None = None,
         headers: dict[str, str] | None = None) -> tuple[int, Any]:
    """Send one request; (status, decoded JSON or None). Never raises for 4xx/5xx."""
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    hdrs = {"Content-Type": "application/json", "Accept": "application/hal+json"}
    hdrs.update(headers or {})
    req = urllib.request.Request(url, data=data, method=method, headers=hdrs)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            payload = resp.read()
            return resp.status, json.loads(payload) if payload else None
    except urllib.error.HTTPError as exc:
        payload = exc.read()
        try:
            return exc.code, json.loads(payload) if payload else None
        except ValueError:
            return exc.code, payload.decode("utf-8", "replace")
