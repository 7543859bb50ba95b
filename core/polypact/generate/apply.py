"""Apply the generators of a request, response or message part.

:func:`apply_generators` returns a copy of the part with its generators applied: ``status``,
``method`` and ``path`` (whole values), ``header`` and ``query`` (by name; a missing header
or parameter is added), ``metadata`` (by key) and ``body`` (through the body generator
registered for the part's content type). Which parts get generated in which mode is the
caller's choice (mock servers apply response generators in consumer mode, the verifier
request generators in provider mode); ``ProviderState`` generators act only in provider mode
and ``MockServerURL`` only in consumer mode. The input part is never modified.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from polypact.generate.context import GeneratorContext
from polypact.generate.runner import generate_value
from polypact.matchers.values import json_text
from polypact.model.body import Body
from polypact.model.generators import Generator
from polypact.model.interactions import HttpRequest, HttpResponse, MessageContents

Part = TypeVar("Part", HttpRequest, HttpResponse, MessageContents)


def _whole(generators: dict[str, Generator]) -> Generator | None:
    """The generator of a path-less category (``status``, ``method``, ``path``)."""
    for key in ("", "$"):
        if key in generators:
            return generators[key]
    return next(iter(generators.values()), None)


def _name(key: str) -> str:
    """A header/query/metadata key as written in a pact (``X-Id``, ``$.X-Id``, ``$['a b']``)."""
    if key.startswith("$['") and key.endswith("']"):
        return key[3:-2]
    if key.startswith("$."):
        return key[2:]
    return key


def _text(value: Any) -> str:
    return json_text(value)


def _multimap(values: dict[str, list[Any]], generators: dict[str, Generator],
              context: GeneratorContext, case_insensitive: bool, each: bool) -> dict[str, list[Any]]:
    out = {k: list(v) for k, v in values.items()}
    for key, definition in generators.items():
        name = _name(key)
        found = name if name in out else None
        if found is None and case_insensitive:
            found = next((k for k in out if k.lower() == name.lower()), None)
        if found is None:
            out[name] = [_text(generate_value(definition, "", context))]
        elif each:
            out[found] = [_text(generate_value(definition, v or "", context)) for v in out[found]]
        else:
            first = out[found][0] if out[found] else ""
            out[found] = [_text(generate_value(definition, first, context))]
    return out


def _body(body: Body, content_type: str | None, generators: dict[str, Generator],
          context: GeneratorContext) -> Body:
    if not generators or not body.is_present:
        return body
    applier = context.get_registry().content_generator(content_type or body.content_type)
    if applier is None:
        return body
    return applier.apply(body, dict(generators), context)


def apply_generators(part: Part, context: GeneratorContext) -> Part:
    """A copy of ``part`` (an :class:`HttpRequest`, :class:`HttpResponse` or
    :class:`MessageContents`) with its generators applied in ``context``."""
    gens = part.generators
    if not gens:
        return part
    changes: dict[str, Any] = {}
    if isinstance(part, HttpResponse):
        status = _whole(gens.category("status"))
        if status is not None:
            changes["status"] = int(generate_value(status, part.status, context))
    if isinstance(part, HttpRequest):
        method = _whole(gens.category("method"))
        if method is not None:
            changes["method"] = _text(generate_value(method, part.method, context))
        path = _whole(gens.category("path"))
        if path is not None:
            changes["path"] = _text(generate_value(path, part.path, context))
        if gens.category("query"):
            changes["query"] = _multimap(part.query, gens.category("query"), context, False, True)
    if isinstance(part, (HttpRequest, HttpResponse)):
        if gens.category("header"):
            changes["headers"] = _multimap(part.headers, gens.category("header"), context, True, False)
        changes["body"] = _body(part.body, part.content_type(), gens.category("body"), context)
    if isinstance(part, MessageContents):
        if gens.category("metadata"):
            metadata = dict(part.metadata)
            for key, definition in gens.category("metadata").items():
                name = _name(key)
                metadata[name] = generate_value(definition, metadata.get(name), context)
            changes["metadata"] = metadata
        changes["contents"] = _body(part.contents, part.content_type(), gens.category("body"), context)
    if isinstance(part, (HttpRequest, HttpResponse)):
        changes.setdefault("headers", {k: list(v) for k, v in part.headers.items()})
    if isinstance(part, HttpRequest):
        changes.setdefault("query", {k: list(v) for k, v in part.query.items()})
    if isinstance(part, MessageContents):
        changes.setdefault("metadata", dict(part.metadata))
    return dataclasses.replace(part, **changes)
