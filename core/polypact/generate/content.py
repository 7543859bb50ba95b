"""Body generator appliers (registered per media type through
``polypact_register_content_generators``): JSON bodies by path, text bodies as a whole."""

from __future__ import annotations

import copy
from typing import Any

from polypact.generate.context import GeneratorContext
from polypact.generate.paths import locations, parse_path
from polypact.generate.runner import generate_value
from polypact.matchers.values import json_text
from polypact.model.body import Body
from polypact.model.generators import Generator


class JsonBodyGenerator:
    """Applies generators to a JSON body at their paths (``$.a.b[0]``, ``$.items[*].id``,
    ``$.*``, ``$``). Paths that select nothing are skipped; the input body is not changed."""

    def apply(
        self, body: Body, generators: dict[str, Generator], context: GeneratorContext
    ) -> Body:
        """The body with every generator applied."""
        if not body.is_present or not generators:
            return body
        try:
            document: Any = copy.deepcopy(body.json_value())
        except ValueError:
            return body
        for path, definition in generators.items():
            segments = parse_path(path)
            if not segments:
                document = generate_value(definition, document, context)
                continue
            for container, key in locations(document, segments):
                container[key] = generate_value(definition, container[key], context)
        return Body.from_json(document, body.content_type or "application/json")


class TextBodyGenerator:
    """Applies a root (``$``) generator to a text body: the whole text is replaced."""

    def apply(
        self, body: Body, generators: dict[str, Generator], context: GeneratorContext
    ) -> Body:
        """The body with a root generator applied (other paths are ignored)."""
        for path, definition in generators.items():
            if path.strip() in ("", "$"):
                value = generate_value(definition, body.text(), context)
                return Body.from_text(json_text(value), body.content_type)
        return body
