"""The JSON content matcher (``application/json`` and ``*/*+json``)."""

from __future__ import annotations

import json
from typing import Any

from polypact.matching.context import MatchContext
from polypact.matching.json_tree import match_json_value
from polypact.matching.mismatch import Mismatch
from polypact.model.body import Body


def _parse(body: Body) -> Any:
    return body.json_value()


class JsonMatcher:
    """Parses both bodies as JSON and walks them with :func:`match_json_value`."""

    def match(self, expected: Body, actual: Body, context: MatchContext) -> list[Mismatch]:
        """Compare two JSON bodies; a body that is not JSON gives one ``body`` mismatch."""
        problems = []
        values = []
        for which, body in (("expected", expected), ("actual", actual)):
            try:
                values.append(_parse(body))
            except (ValueError, UnicodeDecodeError) as exc:
                problems.append(Mismatch("body", "$", f"Failed to parse the {which} body as JSON: {exc}",
                                         expected.text(), actual.text(), None))
        if problems:
            return problems
        return match_json_value(values[0], values[1], ("$",), context)


def loads(text: str) -> Any:
    """Parse JSON text (exposed for the form and multipart matchers)."""
    return json.loads(text)
