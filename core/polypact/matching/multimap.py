"""Multimap comparison (query strings and form-urlencoded bodies).

Keys are compared as a set (order free; a missing or an extra key fails), the values of one
key as a list (order matters). A rule at ``$.name`` applies to the values of ``name``: a
``type``/``min``/``max`` rule makes every actual value match the first expected one and
checks the count, other rules apply to each value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from polypact.matching.context import MatchContext
from polypact.matching.json_tree import compare
from polypact.matching.mismatch import Mismatch
from polypact.matching.paths import format_path


def match_multimap(
    expected: Mapping[str, Sequence[str | None]],
    actual: Mapping[str, Sequence[str | None]],
    context: MatchContext,
    *,
    label: str = "query parameter",
    path_style: str = "name",
) -> list[Mismatch]:
    """Compare two multimaps; mismatches use ``context.category``.

    ``path_style`` ``"name"`` reports the parameter name as the path (queries), ``"json"``
    a JSON path such as ``$.name`` (form bodies).
    """
    out: list[Mismatch] = []
    category = context.category

    def where(key: str) -> str:
        return key if path_style == "name" else format_path(("$", key))

    for key, raw_values in expected.items():
        if key not in actual:
            out.append(Mismatch(category, where(key), f"Expected {label} '{key}' but was missing",
                                list(raw_values), None))
            continue
        exp = ["" if v is None else v for v in raw_values]
        act = ["" if v is None else v for v in actual[key]]
        path = ("$", key)
        if context.matcher_is_defined(path):
            found: list[Mismatch] = []
            compare(path, exp, act, context, found)
            out.extend(
                Mismatch(category, where(key), m.message, m.expected, m.actual, m.rule)
                for m in found
            )
            continue
        if not exp and act:
            out.append(Mismatch(category, where(key), f"Expected an empty {label} list for {key!r} but received {act}",
                                exp, act))
            continue
        for index, value in enumerate(exp):
            if index >= len(act):
                out.append(Mismatch(category, where(key), f"Expected {label} {key!r} value {value!r} "
                                                          f"(index {index}) but was missing", exp, act))
            elif value != act[index]:
                out.append(Mismatch(category, where(key), f"Expected {label} '{key}' with value '{value}' "
                                                          f"but was '{act[index]}'", value, act[index], "equality"))
        if len(act) > len(exp):
            out.append(Mismatch(category, where(key), f"Expected {label} {key!r} with {len(exp)} value(s) but "
                                                      f"received {len(act)} value(s)", exp, act))
    for key, raw_values in actual.items():
        if key not in expected:
            out.append(Mismatch(category, where(key), f"Unexpected {label} '{key}' received", None, list(raw_values)))
    return out
