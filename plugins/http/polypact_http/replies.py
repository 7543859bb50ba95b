"""Turning contract interactions into wire responses, shared by the mock and stub servers.

- :func:`rank_interactions` matches a received request against every interaction with
  :func:`polypact.matching.match_request` and returns the candidates, best first;
- :func:`reply_for` applies the response's generators in consumer mode (``MockServerURL``
  gets the running server's URL) and encodes status, headers and body;
- :func:`unmatched_reply` explains, as JSON, the nearest interaction and its mismatches.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from polypact.matching.mismatch import Mismatch
from polypact.model import HttpRequest, HttpResponse, SynchronousHttp

from polypact_http.server import Reply

#: Mismatch categories that identify a different endpoint rather than a different request.
IDENTITY_CATEGORIES = frozenset({"method", "path"})

#: Headers whose values must be sent as separate header lines, never comma-joined.
SEPARATE_LINE_HEADERS = frozenset({"set-cookie", "www-authenticate", "proxy-authenticate"})


@dataclass
class Candidate:
    """One interaction compared with a received request."""

    index: int
    interaction: SynchronousHttp
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def matched(self) -> bool:
        """True when the request satisfied the interaction's request."""
        return not self.mismatches


def rank_interactions(
    interactions: Sequence[SynchronousHttp], actual: HttpRequest, registry: Any
) -> list[Candidate]:
    """Every interaction compared with ``actual``, best first: those whose method and path
    match before the others, then fewest mismatches, then declaration order."""
    from polypact.matching import match_request

    candidates = [
        Candidate(i, interaction, list(match_request(interaction.request, actual, registry=registry, interaction=interaction)))
        for i, interaction in enumerate(interactions)
    ]
    candidates.sort(
        key=lambda c: (any(m.category in IDENTITY_CATEGORIES for m in c.mismatches), len(c.mismatches), c.index)
    )
    return candidates


def generate_response(response: HttpResponse, url: str, registry: Any) -> HttpResponse:
    """``response`` with its generators applied in consumer mode (unchanged when it has
    none)."""
    if not response.generators:
        return response
    from polypact.generate.apply import apply_generators
    from polypact.generate.context import GeneratorContext

    context = GeneratorContext(mode="consumer", mock_server_url=url, registry=registry)
    return apply_generators(response, context)


def encode_headers(response: HttpResponse) -> list[tuple[str, str]]:
    """The response's headers as wire lines, plus ``Content-Type`` from the body when no
    header gives one."""
    lines: list[tuple[str, str]] = []
    has_type = False
    for name, values in response.headers.items():
        if name.lower() == "content-type":
            has_type = True
        if isinstance(values, str):
            values = [values]
        if name.lower() in SEPARATE_LINE_HEADERS:
            lines.extend((name, str(v)) for v in values)
        else:
            lines.append((name, ", ".join(str(v) for v in values)))
    if not has_type and response.body.is_present and response.body.content_type:
        lines.append(("Content-Type", response.body.content_type))
    return lines


def reply_for(response: HttpResponse, url: str, registry: Any) -> Reply:
    """The wire reply for a contract response, generators applied."""
    response = generate_response(response, url, registry)
    body = response.body.content if response.body.is_present else b""
    return Reply(int(response.status), encode_headers(response), body)


def request_summary(request: HttpRequest) -> str:
    """``METHOD /path?query`` for a model request (query decoded, for reading)."""
    query = "&".join(
        f"{name}={value}" if value is not None else name
        for name, values in request.query.items()
        for value in values
    )
    return f"{request.method} {request.path}{'?' + query if query else ''}"


def request_json(request: HttpRequest) -> dict[str, Any]:
    """A JSON-friendly view of a received request (for error replies)."""
    out: dict[str, Any] = {"method": request.method, "path": request.path}
    if request.query:
        out["query"] = request.query
    if request.headers:
        out["headers"] = request.headers
    if request.body.is_present:
        out["body"] = request.body.text()
    return out


def unmatched_reply(actual: HttpRequest, nearest: Candidate | None, *, status: int = 500, server: str = "mock") -> Reply:
    """A JSON reply explaining that no interaction matched ``actual``."""
    doc: dict[str, Any] = {
        "error": f"polypact {server} server: no interaction matched {request_summary(actual)}",
        "request": request_json(actual),
    }
    if nearest is not None:
        doc["nearestInteraction"] = {
            "description": nearest.interaction.description,
            "providerStates": [s.name for s in nearest.interaction.provider_states],
            "mismatches": [m.to_json() for m in nearest.mismatches],
        }
    body = json.dumps(doc, indent=2, default=str).encode("utf-8")
    return Reply(
        status,
        [("Content-Type", "application/json; charset=utf-8"), ("X-Polypact-Error", "no interaction matched")],
        body,
    )
