"""The HTTP mock server used by consumer tests.

:class:`HttpMockServer` serves a set of ``Synchronous/HTTP`` interactions on a real
HTTP/1.1 server (:class:`polypact_http.server.HttpServer`, one thread, loopback, port 0 by
default). Each request is matched against every interaction; the interaction with no
mismatches answers (among several, the first not yet answered, so interactions that differ
only by provider state are served in order). A request that matches nothing gets a 500
naming the nearest interaction and its mismatches, and is recorded as a problem.
:meth:`HttpMockServer.problems` adds the interactions never called.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from polypact.model import HttpRequest, SynchronousHttp
from polypact.transport import MockConfig, MockProblem

from polypact_http.replies import (
    IDENTITY_CATEGORIES,
    Candidate,
    rank_interactions,
    reply_for,
    request_summary,
    unmatched_reply,
)
from polypact_http.server import HttpServer, Reply
from polypact_http.wire import RawRequest, to_model_request


class HttpMockServer:
    """A running mock for HTTP interactions; see the module docstring.

    Plugins may answer requests outside the contract first (``polypact_mock_request``, e.g.
the SOAP plugin's ``?wsdl``). Options (``config.options``): ``cors`` (answer CORS preflight requests that match no
    interaction and add ``Access-Control-Allow-Origin`` to every reply).
    """

    def __init__(self, pact: Any, interactions: Sequence[SynchronousHttp], config: MockConfig):
        self.pact = pact
        self.interactions = list(interactions)
        self.registry = config.registry
        self.cors = bool(config.options.get("cors", False))
        self.calls = [0] * len(self.interactions)
        self.received: list[HttpRequest] = []
        self._problems: list[MockProblem] = []
        self._lock = threading.Lock()
        if self.registry is None:
            from polypact.registry import get_registry

            self.registry = get_registry()
        self._asks_plugins = bool(self.registry.pm.hook.polypact_mock_request.get_hookimpls())
        self._server = HttpServer(self._handle, config.host, config.port, name="mock")
        self.url: str | None = self._server.url
        self._server.start()

    @property
    def port(self) -> int:
        """The port the mock listens on."""
        return self._server.port

    # -- MockServer protocol ------------------------------------------------------------
    def problems(self) -> list[MockProblem]:
        """Unexpected and mismatched requests so far, then interactions never called."""
        with self._lock:
            found = list(self._problems)
            calls = list(self.calls)
        for interaction, count in zip(self.interactions, calls, strict=True):
            if count == 0:
                found.append(
                    MockProblem(
                        "missing",
                        interaction.description,
                        request_summary=request_summary(interaction.request),
                    )
                )
        return found

    def stop(self) -> None:
        """Stop serving and release the port. Idempotent."""
        self._server.stop()

    # -- request handling ---------------------------------------------------------------
    def _handle(self, raw: RawRequest) -> Reply:
        actual = to_model_request(raw)
        if self._asks_plugins:
            answer = self.registry.pm.hook.polypact_mock_request(
                request=actual, interactions=self.interactions, mock_url=self.url or "")
            if answer is not None:
                return reply_for(answer, self.url or "", self.registry)
        self.received.append(actual)
        candidates = rank_interactions(self.interactions, actual, self.registry)
        chosen = self._choose(candidates)
        if chosen is not None:
            reply = reply_for(chosen.interaction.response, self.url or "", self.registry)
        elif self.cors and _is_preflight(actual):
            reply = _preflight_reply(actual)
        else:
            nearest = candidates[0] if candidates else None
            self._record_unmatched(actual, nearest)
            reply = unmatched_reply(actual, nearest)
        if self.cors:
            _add_allow_origin(reply, actual)
        return reply

    def _choose(self, candidates: list[Candidate]) -> Candidate | None:
        matched = [c for c in candidates if c.matched]
        if not matched:
            return None
        with self._lock:
            chosen = min(matched, key=lambda c: (self.calls[c.index] > 0, c.index))
            self.calls[chosen.index] += 1
        return chosen

    def _record_unmatched(self, actual: HttpRequest, nearest: Candidate | None) -> None:
        summary = request_summary(actual)
        close = nearest is not None and not any(
            m.category in IDENTITY_CATEGORIES for m in nearest.mismatches
        )
        if close and nearest is not None:
            problem = MockProblem("mismatch", nearest.interaction.description, summary, list(nearest.mismatches))
        else:
            problem = MockProblem("unexpected", "", summary, list(nearest.mismatches) if nearest else [])
            if nearest is not None:
                problem.description = nearest.interaction.description
        with self._lock:
            self._problems.append(problem)


def _is_preflight(request: HttpRequest) -> bool:
    return request.method == "OPTIONS" and request.header("Access-Control-Request-Method") is not None


def _preflight_reply(request: HttpRequest) -> Reply:
    origin = (request.header("Origin") or ["*"])[0]
    headers = [
        ("Access-Control-Allow-Origin", origin),
        ("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"),
        ("Access-Control-Allow-Credentials", "true"),
    ]
    requested = request.header("Access-Control-Request-Headers")
    if requested:
        headers.append(("Access-Control-Allow-Headers", ", ".join(requested)))
    return Reply(204, headers, b"")


def _add_allow_origin(reply: Reply, request: HttpRequest) -> None:
    if any(name.lower() == "access-control-allow-origin" for name, _ in reply.headers):
        return
    origin = (request.header("Origin") or ["*"])[0]
    reply.headers.append(("Access-Control-Allow-Origin", origin))
