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


def publish(broker: str, consumer: str, version: str, pact: dict[str, Any], *,
            branch: str | None = None, tags: list[str] | None = None) -> dict[str, Any]:
    """Publish ``pact`` through ``POST /contracts/publish``; the broker's answer."""
    import base64

    body: dict[str, Any] = {
        "pacticipantName": consumer, "pacticipantVersionNumber": version,
        "contracts": [{"consumerName": consumer, "providerName": pact["provider"]["name"],
                       "specification": "pact", "contentType": "application/json",
                       "content": base64.b64encode(json.dumps(pact).encode()).decode()}]}
    if branch:
        body["branch"] = branch
    if tags:
        body["tags"] = tags
    status, answer = call("POST", broker + "/contracts/publish", body)
    assert status == 200, answer
    return answer


def for_verification(broker: str, provider: str, **body: Any) -> tuple[int, Any]:
    """``POST /pacts/provider/P/for-verification`` with ``body``."""
    return call("POST", f"{broker}/pacts/provider/{provider}/for-verification", body)


def selected(broker: str, provider: str, **body: Any) -> list[tuple[str, str]]:
    """(consumer, consumer versions) of each pact the broker selects, sorted."""
    status, answer = for_verification(broker, provider, **body)
    assert status == 200, answer
    out = []
    for p in answer["_embedded"]["pacts"]:
        title = p["_links"]["self"]["title"]  # "Pact between web (1, 2) and users"
        consumer, _, rest = title[len("Pact between "):].partition(" (")
        out.append((consumer, rest.split(")")[0]))
    return sorted(out)


def verify_result(broker: str, pact_url: str, provider_version: str, success: bool,
                  branch: str | None = None) -> None:
    """Publish a verification result for the pact at ``pact_url``."""
    status, pact = call("GET", pact_url)
    assert status == 200, pact
    body: dict[str, Any] = {"success": success, "providerApplicationVersion": provider_version}
    if branch:
        body["providerVersionBranch"] = branch
    status, answer = call("POST", pact["_links"]["pb:publish-verification-results"]["href"], body)
    assert status == 201, answer
