"""``polypact stub``: serve the responses of pact files, for UI development.

The stub answers every request that matches one of the HTTP interactions of the given pact
files (or directories of them) with that interaction's response (generators applied), and
never fails: there is no verification, no missing-interaction check. When several
interactions match, a request header ``X-Pact-Provider-State: <state name>`` picks among
them (e.g. ``a user exists`` vs ``no users``); without it the first declared wins, and the
stub warns on stderr, once per request line (``GET /users/1``), naming the candidates and
the header that chooses among them. A request that matches nothing gets a 404 explaining
the nearest interaction.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from polypact.errors import MockServerError, PactFileError, UsageError
from polypact.model import SynchronousHttp
from polypact.pactfile import pact_files_in

from polypact_http.replies import rank_interactions, reply_for, unmatched_reply
from polypact_http.server import HttpServer, Reply
from polypact_http.wire import RawRequest, to_model_request

STATE_HEADER = "X-Pact-Provider-State"


def pact_files(locations: Iterable[str | Path]) -> list[Path]:
    """The pact files named by ``locations`` (files, or directories of ``*.json``)."""
    files: list[Path] = []
    for location in locations:
        path = Path(location)
        if path.is_dir():
            found = pact_files_in(path)
            if not found:
                raise UsageError(f"{path}: directory contains no *.json pact files")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such pact file or directory")
    return files


def load_http_interactions(files: Sequence[Path]) -> list[SynchronousHttp]:
    """Every ``Synchronous/HTTP`` interaction of the pact files, in file order."""
    from polypact.pactfile import read_pact

    interactions: list[SynchronousHttp] = []
    for file in files:
        pact = read_pact(file)
        interactions.extend(i for i in pact.interactions if isinstance(i, SynchronousHttp))
    return interactions


class StubServer:
    """A running stub server for a list of HTTP interactions."""

    def __init__(
        self,
        interactions: Sequence[SynchronousHttp],
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        registry: Any = None,
        cors: bool = False,
    ):
        if registry is None:
            from polypact.registry import get_registry

            registry = get_registry()
        self.interactions = list(interactions)
        self.registry = registry
        self.cors = cors
        self._warned: set[str] = set()
        self._warn_lock = threading.Lock()
        self._server = HttpServer(self._handle, host, port, name="stub")
        self.url = self._server.url
        self.port = self._server.port
        self._server.start()

    def stop(self) -> None:
        """Stop serving. Idempotent."""
        self._server.stop()

    def _handle(self, raw: RawRequest) -> Reply:
        state = raw.header(STATE_HEADER)
        actual = to_model_request(raw, drop_headers=(STATE_HEADER,))
        if self.cors and actual.method == "OPTIONS" and actual.header("Access-Control-Request-Method"):
            return Reply(204, _cors_headers(raw), b"")
        candidates = rank_interactions(self.interactions, actual, self.registry)
        matched = [c for c in candidates if c.matched]
        if state is not None:
            matched = [c for c in matched if state in c.interaction.state_names()]
        if matched:
            chosen = min(matched, key=lambda c: c.index)
            if state is None and len(matched) > 1:
                self._warn_ambiguous(f"{raw.method} {raw.target}", matched)
            reply = reply_for(chosen.interaction.response, self.url, self.registry)
        elif state is not None and any(c.matched for c in candidates):
            message = f"polypact stub server: no interaction matching this request has provider state {state!r}"
            reply = Reply(404, [("Content-Type", "application/json")], json.dumps({"error": message}).encode())
        else:
            reply = unmatched_reply(actual, candidates[0] if candidates else None, status=404, server="stub")
        if self.cors:
            reply.headers.extend(h for h in _cors_headers(raw) if h[0] == "Access-Control-Allow-Origin")
        return reply

    def _warn_ambiguous(self, request_line: str, matched: Sequence[Any]) -> None:
        """Tell (once per request line) that several interactions answer this request."""
        with self._warn_lock:
            if request_line in self._warned:
                return
            self._warned.add(request_line)
        ordered = [c.interaction for c in sorted(matched, key=lambda c: c.index)]
        print(ambiguity_warning(request_line, ordered), file=sys.stderr, flush=True)


def ambiguity_warning(request_line: str, interactions: Sequence[SynchronousHttp]) -> str:
    """The warning for a request matched by several ``interactions`` (in declaration order)
    and no ``X-Pact-Provider-State`` header: the candidates, which one answers, how to choose."""

    def name(interaction: SynchronousHttp) -> str:
        states = interaction.state_names()
        given = f"given {', '.join(repr(s) for s in states)}" if states else "no provider state"
        return f"{interaction.description!r} ({given})"

    states = list(dict.fromkeys(s for i in interactions for s in i.state_names()))
    if states:
        choose = f"send '{STATE_HEADER}: <state>' ({', '.join(repr(s) for s in states)}) to choose"
    else:
        choose = f"none has a provider state, so '{STATE_HEADER}' cannot choose"
    return (
        f"polypact stub: warning: {request_line} matches {len(interactions)} interactions: "
        f"{'; '.join(name(i) for i in interactions)}; answering with the first declared, "
        f"{interactions[0].description!r}; {choose}"
    )


def _cors_headers(raw: RawRequest) -> list[tuple[str, str]]:
    headers = [
        ("Access-Control-Allow-Origin", raw.header("Origin") or "*"),
        ("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"),
    ]
    requested = raw.header("Access-Control-Request-Headers")
    if requested:
        headers.append(("Access-Control-Allow-Headers", requested))
    return headers


def start_stub(
    locations: Iterable[str | Path],
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    registry: Any = None,
    cors: bool = False,
) -> StubServer:
    """Read the pact files and start a :class:`StubServer` for their HTTP interactions.

    Raises :class:`polypact.errors.PactFileError` / :class:`UsageError` for unreadable or
    missing files and :class:`MockServerError` when the port cannot be bound.
    """
    interactions = load_http_interactions(pact_files(locations))
    return StubServer(interactions, host=host, port=port, registry=registry, cors=cors)


class StubCommand:
    """The ``polypact stub`` command."""

    help = "serve the responses of pact files over HTTP (for UI development)"

    def __init__(self) -> None:
        self.server: StubServer | None = None
        self.stop_event = threading.Event()

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Add the command's arguments."""
        parser.add_argument("pacts", nargs="+", metavar="PACT", help="pact files or directories of them")
        parser.add_argument("--port", type=int, default=0, help="port to listen on (default: any free port)")
        parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
        parser.add_argument("--cors", action="store_true", help="answer CORS preflight requests")

    def run(self, args: argparse.Namespace, registry: Any) -> int:
        """Serve until Ctrl-C (or :meth:`shutdown`); 2 when a pact file cannot be read."""
        try:
            server = start_stub(
                args.pacts, host=args.host, port=args.port, registry=registry, cors=getattr(args, "cors", False)
            )
        except (PactFileError, UsageError, MockServerError, OSError) as exc:
            print(f"polypact stub: {exc}", file=sys.stderr)
            return 2
        self.server = server
        previous = _stop_on_signals(self.stop_event)
        count = len(server.interactions)
        print(
            f"polypact stub: serving {count} interaction{'s' if count != 1 else ''} at "
            f"{server.url} (Ctrl-C to stop)",
            flush=True,
        )
        try:
            self.stop_event.wait()
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()
            self.stop_event.clear()
            _restore_signals(previous)
        return 0

    def shutdown(self) -> None:
        """Make a running :meth:`run` return (for tests and embedding)."""
        self.stop_event.set()


def _stop_on_signals(event: threading.Event) -> dict[int, Any]:
    """Make Ctrl-C and SIGTERM set ``event`` (in the main thread only); the previous
    handlers, to restore. A handler cannot race the wait the way KeyboardInterrupt can."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    previous = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, lambda signum, frame: event.set())
    return previous


def _restore_signals(previous: dict[int, Any]) -> None:
    for sig, handler in previous.items():
        signal.signal(sig, handler)
