"""A small router: ``METHOD /path/{param}/...`` patterns to handler functions."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Handler = Callable[..., Any]


@dataclass
class Route:
    """One route: method, compiled pattern, handler."""

    method: str
    pattern: re.Pattern[str]
    template: str
    handler: Handler


class Router:
    """Routes in registration order; ``{name}`` matches one path segment."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def add(self, method: str, template: str, handler: Handler) -> None:
        """Register ``handler`` for ``method`` on ``template``."""
        regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template.rstrip("/") or "/")
        self.routes.append(Route(method, re.compile(f"^{regex}$"), template, handler))

    def route(self, method: str, template: str) -> Callable[[Handler], Handler]:
        """Decorator form of :meth:`add`."""

        def deco(fn: Handler) -> Handler:
            self.add(method, template, fn)
            return fn

        return deco

    def match(self, method: str, path: str) -> tuple[Handler | None, dict[str, str], list[str]]:
        """(handler, params, allowed methods); handler is ``None`` when nothing matches
        the method (allowed lists the methods of matching paths, empty for a 404)."""
        allowed: list[str] = []
        for r in self.routes:
            m = r.pattern.match(path)
            if m is None:
                continue
            if r.method == method or (method == "HEAD" and r.method == "GET"):
                return r.handler, m.groupdict(), allowed
            allowed.append(r.method)
        return None, {}, allowed
