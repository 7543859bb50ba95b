"""Generator paths (``$.a.b[0]``, ``$.items[*].id``, ``$.*``, ``$['first name']``): parse
them and find the locations they select in a JSON document."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from polypact.errors import MatcherDefinitionError

STAR = object()  #: A ``*`` / ``[*]`` segment.
_IDENT = re.compile(r"[^.\[\]'\"\s*]+|\*")
_INDEX = re.compile(r"\[\s*(\d+|\*)\s*\]")
_QUOTED = re.compile(r"\[\s*(['\"])((?:\\.|(?!\1).)*)\1\s*\]")


@lru_cache(maxsize=2048)
def parse_path(path: str) -> tuple[Any, ...]:
    """The segments of a path after the root: names (``str``), indexes (``int``) or
    :data:`STAR`. A path without ``$`` is taken as relative to the root."""
    text = path.strip()
    if text.startswith("$"):
        text = text[1:]
    elif text:
        text = "." + text
    segments: list[Any] = []
    i = 0
    while i < len(text):
        if text[i] == ".":
            m = _IDENT.match(text, i + 1)
            if not m:
                raise MatcherDefinitionError(f"invalid path {path!r}: expected a name at index {i + 1}")
            segments.append(STAR if m.group(0) == "*" else m.group(0))
            i = m.end()
            continue
        m = _INDEX.match(text, i)
        if m:
            segments.append(STAR if m.group(1) == "*" else int(m.group(1)))
            i = m.end()
            continue
        m = _QUOTED.match(text, i)
        if m:
            segments.append(re.sub(r"\\(.)", r"\1", m.group(2)))
            i = m.end()
            continue
        raise MatcherDefinitionError(f"invalid path {path!r}: unexpected {text[i]!r} at index {i}")
    return tuple(segments)


def _children(node: Any, segment: Any) -> Iterator[tuple[Any, Any]]:
    """(container, key) pairs a segment selects below ``node``."""
    if segment is STAR:
        if isinstance(node, dict):
            yield from ((node, k) for k in list(node))
        elif isinstance(node, list):
            yield from ((node, i) for i in range(len(node)))
    elif isinstance(segment, int):
        if isinstance(node, list) and segment < len(node):
            yield node, segment
    elif isinstance(node, dict) and segment in node:
        yield node, segment


def locations(document: Any, segments: tuple[Any, ...]) -> list[tuple[Any, Any]]:
    """Every (container, key) the path segments select in ``document`` (existing values
    only; the root itself is not a location: handle ``()`` separately)."""
    current: list[tuple[Any, Any]] = [(None, document)]
    for depth, segment in enumerate(segments):
        found: list[tuple[Any, Any]] = []
        for container, key in current:
            node = document if depth == 0 else container[key]
            found.extend(_children(node, segment))
        current = found
    return current
