"""Helpers for testing polypact plugins (and polypact itself).

- :func:`registry_with` builds a :class:`~polypact.registry.Registry` from exactly the
  plugins a test names (plus the core's built-in plugin unless ``core=False``), without
  looking at what happens to be installed;
- :func:`use_registry` makes a registry the process-wide one for a ``with`` block;
- :func:`run_cli` runs the ``polypact`` command line in-process and captures its output;
- :class:`FakeProvider` is a tiny WSGI provider built from a dict of routes, to verify
  pacts against without writing an app.

Example::

    from polypact import hookimpl
    from polypact.testing import registry_with

    class Even:
        @staticmethod
        @hookimpl
        def polypact_register_matchers(register):
            register("even", lambda rule, expected, actual, ctx: None if actual % 2 == 0 else "odd")

    registry = registry_with(Even)
    assert registry.matcher("even") is not None
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import parse_qs

from polypact.registry import Registry, get_registry, set_registry


def _named(plugin: Any, index: int) -> tuple[str, Any]:
    if isinstance(plugin, tuple) and len(plugin) == 2 and isinstance(plugin[0], str):
        return plugin
    name = getattr(plugin, "__name__", None) or type(plugin).__name__
    return name or f"plugin{index}", plugin


def registry_with(
    *plugins: Any, core: bool = True, installed: Sequence[str] = (), entry_points: bool = False
) -> Registry:
    """A registry built from ``plugins`` (objects, modules, or ``(name, plugin)`` pairs).

    ``core=True`` adds the core's built-in plugin (standard matchers, content matchers,
    generators, reporters, commands) under the name ``core``; ``installed`` names installed
    plugins (entry points of the ``polypact`` group, e.g. ``["http"]``) to add as well;
    ``entry_points=True`` loads every installed plugin (as ``polypact`` itself does).
    """
    from polypact.plugins import get_plugin_manager

    extra: list[tuple[str, Any]] = []
    if core and not entry_points:
        import polypact.builtin

        extra.append(("core", polypact.builtin))
    extra.extend((name, _installed_plugin(name)) for name in installed)
    extra.extend(_named(p, i) for i, p in enumerate(plugins))
    return Registry(get_plugin_manager(entry_points=entry_points, extra_plugins=extra))


def _installed_plugin(name: str) -> Any:
    from importlib import metadata

    from polypact.errors import PluginError
    from polypact.plugins import ENTRY_POINT_GROUP

    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == name:
            return ep.load()
    raise PluginError(f"no installed polypact plugin named {name!r}; see `polypact plugins --all`")


@contextlib.contextmanager
def use_registry(registry: Registry) -> Iterator[Registry]:
    """Make ``registry`` the process-wide registry inside the block, then restore."""
    import polypact.registry as module

    previous = module._default
    set_registry(registry)
    try:
        yield registry
    finally:
        set_registry(previous)


def run_cli(args: Sequence[str], *, registry: Registry | None = None) -> tuple[int, str, str]:
    """Run ``polypact ARGS...`` in-process; return (exit code, stdout, stderr).

    With ``registry`` the command line uses it instead of the process-wide registry.
    """
    from polypact.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        if registry is not None:
            stack.enter_context(use_registry(registry))
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def current_registry() -> Registry:
    """The process-wide registry (built from installed plugins on first use)."""
    return get_registry()


_REASONS = {200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request",
            401: "Unauthorized", 404: "Not Found", 500: "Internal Server Error"}


def _encode(body: Any) -> tuple[bytes, str | None]:
    if body is None:
        return b"", None
    if isinstance(body, bytes):
        return body, "application/octet-stream"
    if isinstance(body, str):
        return body.encode("utf-8"), "text/plain; charset=utf-8"
    return json.dumps(body).encode("utf-8"), "application/json"


class FakeRequest:
    """What :class:`FakeProvider` received: method, path, query, headers and body."""

    def __init__(self, environ: Mapping[str, Any]):
        self.method: str = environ["REQUEST_METHOD"]
        self.path: str = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8")
        self.query: dict[str, list[str]] = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        self.headers: dict[str, str] = {
            k[5:].replace("_", "-").title(): v for k, v in environ.items() if k.startswith("HTTP_")
        }
        if environ.get("CONTENT_TYPE"):
            self.headers["Content-Type"] = environ["CONTENT_TYPE"]
        length = int(environ.get("CONTENT_LENGTH") or 0)
        self.body: bytes = environ["wsgi.input"].read(length) if length else b""

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body or b"null")


Route = Any  # status | (status, body) | (status, headers, body) | callable(FakeRequest)


class FakeProvider:
    """A WSGI app answering from a dict of routes, recording every request.

    Keys are ``"METHOD /path"``; values are a status, ``(status, body)``,
    ``(status, headers, body)`` or a callable taking a :class:`FakeRequest` and returning
    one of those. Bodies: dict/list → JSON, str → text, bytes → binary. Unknown routes
    answer 404. ``provider.requests`` lists what was received.

    Example::

        app = FakeProvider({"GET /users/1": (200, {"id": 1, "name": "Ann"})})
    """

    def __init__(self, routes: Mapping[str, Route]):
        self.routes = {self._key(k): v for k, v in routes.items()}
        self.requests: list[FakeRequest] = []

    @staticmethod
    def _key(route: str) -> tuple[str, str]:
        method, _, path = route.strip().partition(" ")
        return method.upper(), path.strip() or "/"

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        request = FakeRequest(environ)
        self.requests.append(request)
        answer = self.routes.get((request.method, request.path), (404, {"error": "no such route"}))
        if callable(answer):
            answer = answer(request)
        if isinstance(answer, int):
            status, headers, body = answer, {}, None
        elif len(answer) == 2:
            (status, body), headers = answer, {}
        else:
            status, headers, body = answer
        data, content_type = _encode(body)
        pairs = [(k, str(v)) for k, v in dict(headers).items()]
        if content_type and not any(k.lower() == "content-type" for k, _ in pairs):
            pairs.append(("Content-Type", content_type))
        pairs.append(("Content-Length", str(len(data))))
        start_response(f"{status} {_REASONS.get(status, 'Status')}", pairs)
        return [data]


def fake_provider(routes: Mapping[str, Route]) -> FakeProvider:
    """Shortcut for :class:`FakeProvider`."""
    return FakeProvider(routes)


__all__ = [
    "FakeProvider", "FakeRequest", "current_registry", "fake_provider", "registry_with",
    "run_cli", "use_registry",
]
