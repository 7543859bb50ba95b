"""DSL matchers for single values: types, numbers, strings, dates, generated values.

Each function returns an immutable :class:`~polypact.dsl.base.Matcher` whose example is
checked eagerly against its own rules (``integer(1.5)`` raises :class:`UsageError`).
"""

from __future__ import annotations

import datetime as _dt
import random
import uuid as _uuid
from typing import Any

from polypact.dsl.base import NO_EMPTY_MIN, Matcher
from polypact.errors import UsageError
from polypact.generate.random_values import INT_MAX, UUID_FORMATS, format_uuid
from polypact.generate.regex_gen import RegexGenerationError, generate_from_regex
from polypact.matchers.datetime_pattern import check_pattern
from polypact.matchers.datetime_render import render_datetime
from polypact.matchers.semver_status import STATUS_CLASSES
from polypact.model.generators import Generator
from polypact.model.rules import Rule

#: The instant examples are rendered from when a date/time matcher has no example, so that
#: pact files stay byte-for-byte stable (a generator supplies fresh values at run time).
EXAMPLE_INSTANT = _dt.datetime(2000, 2, 1, 12, 30, 45, 123000, tzinfo=_dt.timezone.utc)
EXAMPLE_UUID = _uuid.UUID("e2490de5-5bd3-43d5-b7c4-526e33f71304")
_UUID_REGEX = {
    "simple": r"[0-9a-f]{32}",
    "lower-case-hyphenated": r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    "upper-case-hyphenated": r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}",
    "URN": r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
}
_STATUS_EXAMPLES = {"info": 100, "success": 200, "redirect": 301, "clientError": 400,
                    "serverError": 500, "nonError": 200, "error": 500}


def _make(label: str, example: Any, *rules: Rule, generator: Generator | None = None) -> Matcher:
    return Matcher(example, tuple(rules), generator, "AND", label).validate()


def _array_bounds(example: Any, min: int | None, max: int | None) -> dict[str, int]:  # noqa: A002
    """The ``min``/``max`` parameters of ``like(example, ...)``, checked: they apply to
    arrays only, and Pact arrays are min-1 or exactly empty (no optional elements)."""
    if min is None and max is None:
        return {}
    shown = ", ".join(f"{k}={v!r}" for k, v in (("min", min), ("max", max)) if v is not None)
    label = f"like({example!r}, {shown})"
    if not isinstance(example, (list, tuple)):
        raise UsageError(
            f"{label}: min/max apply to arrays only, the example's type is {type(example).__name__} "
            f"(use like({example!r}) for a value of the same type)"
        )
    for name, bound in (("min", min), ("max", max)):
        if bound is None:
            continue
        if isinstance(bound, bool) or not isinstance(bound, int):
            raise UsageError(f"{label}: {name} must be an integer")
        if bound < 1 and name == "min":
            raise UsageError(f"{label}: {NO_EMPTY_MIN}")
        if bound < 1:
            raise UsageError(
                f"{label}: {name} must be at least 1; Pact arrays are min-1 or exactly empty "
                f"(write a plain [] to expect an empty array)"
            )
    if min is not None and max is not None and max < min:
        raise UsageError(f"{label}: max must be >= min")
    if min is not None and len(example) < min:
        raise UsageError(f"{label}: the example has fewer than {min} items")
    if max is not None and len(example) > max:
        raise UsageError(f"{label}: the example has more than {max} items")
    return {k: v for k, v in (("min", min), ("max", max)) if v is not None}


def like(example: Any, min: int | None = None, max: int | None = None) -> Matcher:  # noqa: A002
    """A value of the same type as ``example``: ``{"match": "type"}``. The rule cascades:
    children of a map or array match by type too.

    ``min``/``max`` (at least 1) bound the length of an array example; they are refused on
    other examples, and ``min=0`` is refused because Pact has no optional elements: expect
    a plain ``[]`` for an empty array.
    """
    params = _array_bounds(example, min, max)
    return _make(f"like({example!r})", example, Rule("type", params))


def equal_to(example: Any) -> Matcher:
    """Exactly ``example``: ``{"match": "equality"}`` (stops a cascading type rule)."""
    return _make(f"equal_to({example!r})", example, Rule("equality"))


def regex(pattern: str, example: Any = None) -> Matcher:
    """A value whose whole text matches ``pattern``: ``{"match": "regex", "regex": ...}``.
    Without an example one is generated from the pattern and a ``Regex`` generator added."""
    label = f"regex({pattern!r}, {example!r})"
    generator = None
    if example is None:
        try:
            example = generate_from_regex(pattern, random.Random(pattern))
        except RegexGenerationError as exc:
            raise UsageError(f"{label}: {exc}") from None
        generator = Generator("Regex", {"regex": pattern})
    return _make(label, example, Rule("regex", {"regex": pattern}), generator=generator)


def includes(substring: str, example: str | None = None) -> Matcher:
    """A string containing ``substring``: ``{"match": "include", "value": ...}``."""
    example = substring if example is None else example
    return _make(f"includes({substring!r}, {example!r})", example,
                 Rule("include", {"value": substring}))


def integer(example: int = 1, generate: bool = False, *, min: int = 0,  # noqa: A002
            max: int = INT_MAX) -> Matcher:  # noqa: A002
    """An integer: ``{"match": "integer"}``; ``generate=True`` adds ``RandomInt(min, max)``."""
    generator = Generator("RandomInt", {"min": min, "max": max}) if generate else None
    return _make(f"integer({example!r})", example, Rule("integer"), generator=generator)


def decimal(example: float = 1.5, generate: bool = False, *, digits: int = 10) -> Matcher:
    """A number with a fractional part: ``{"match": "decimal"}``; ``generate=True`` adds
    ``RandomDecimal(digits)``."""
    generator = Generator("RandomDecimal", {"digits": digits}) if generate else None
    return _make(f"decimal({example!r})", example, Rule("decimal"), generator=generator)


def number(example: float = 1, generate: bool = False) -> Matcher:
    """Any number: ``{"match": "number"}``; ``generate=True`` adds ``RandomInt`` for an
    integer example or ``RandomDecimal`` otherwise."""
    generator = None
    if generate:
        generator = (Generator("RandomInt", {"min": 0, "max": INT_MAX})
                     if isinstance(example, int) else Generator("RandomDecimal", {"digits": 10}))
    return _make(f"number({example!r})", example, Rule("number"), generator=generator)


def boolean(example: bool = True, generate: bool = False) -> Matcher:
    """``true`` or ``false``: ``{"match": "boolean"}``; ``generate=True`` adds RandomBoolean."""
    generator = Generator("RandomBoolean") if generate else None
    return _make(f"boolean({example!r})", example, Rule("boolean"), generator=generator)


def null() -> Matcher:
    """JSON ``null``: ``{"match": "null"}``."""
    return _make("null()", None, Rule("null"))


def not_empty(example: Any) -> Matcher:
    """A present, non-empty value of the example's type: ``{"match": "notEmpty"}``."""
    return _make(f"not_empty({example!r})", example, Rule("notEmpty"))


def semver(example: str = "1.0.0") -> Matcher:
    """A semantic version string: ``{"match": "semver"}``."""
    return _make(f"semver({example!r})", example, Rule("semver"))


def content_type(content_type: str, example: Any) -> Matcher:
    """A value (usually a binary body) whose sniffed media type is ``content_type``:
    ``{"match": "contentType", "value": ...}``."""
    return _make(f"content_type({content_type!r})", example,
                 Rule("contentType", {"value": content_type}))


def status_code(kind_or_codes: str | list[int], example: int | None = None) -> Matcher:
    """An HTTP status in a class (``"success"``, ``"clientError"``, ``"information"``, ...)
    or in a list of codes: ``{"match": "statusCode", "status": ...}``."""
    status: Any = kind_or_codes
    if status == "information":
        status = "info"
    if isinstance(status, str) and status not in STATUS_CLASSES:
        known = ", ".join(STATUS_CLASSES)
        raise UsageError(f"status_code({kind_or_codes!r}): unknown status class (known: {known})")
    if example is None:
        example = _STATUS_EXAMPLES[status] if isinstance(status, str) else list(status)[0]
    status = status if isinstance(status, str) else list(status)
    return _make(f"status_code({kind_or_codes!r})", example, Rule("statusCode", {"status": status}))


def _temporal(kind: str, gen_type: str, example: Any, fmt: str, generate: bool,
              expression: str | None) -> Matcher:
    label = f"{kind}({example!r}, format={fmt!r})"
    problem = check_pattern(fmt)
    if problem:
        raise UsageError(f"{label}: {problem}")
    if example is None:
        example = render_datetime(EXAMPLE_INSTANT, fmt)
        generate = True
    generator = None
    if generate or expression:
        params: dict[str, Any] = {"format": fmt}
        if expression:
            params["expression"] = expression
        generator = Generator(gen_type, params)
    rule_kind = "datetime" if kind == "datetime" else kind
    return _make(label, example, Rule(rule_kind, {"format": fmt}), generator=generator)


def date(example: str | None = None, format: str = "yyyy-MM-dd",  # noqa: A002
         generate: bool = False, expression: str | None = None) -> Matcher:
    """A date in a Java-style ``format``: ``{"match": "date", "format": ...}``. Without an
    example one is rendered from the format and a ``Date`` generator added (``expression``
    such as ``"+1 day"`` moves the generated date)."""
    return _temporal("date", "Date", example, format, generate, expression)


def time(example: str | None = None, format: str = "HH:mm:ss",  # noqa: A002
         generate: bool = False, expression: str | None = None) -> Matcher:
    """A time of day: ``{"match": "time", "format": ...}`` (see :func:`date`)."""
    return _temporal("time", "Time", example, format, generate, expression)


def datetime(example: str | None = None,  # noqa: A002
             format: str = "yyyy-MM-dd'T'HH:mm:ssXXX",  # noqa: A002
             generate: bool = False, expression: str | None = None) -> Matcher:
    """A date and time: ``{"match": "datetime", "format": ...}`` (see :func:`date`)."""
    return _temporal("datetime", "DateTime", example, format, generate, expression)


def uuid(example: str | None = None, format: str = "lower-case-hyphenated") -> Matcher:  # noqa: A002
    """A UUID in one of the Pact formats, matched by regex; without an example a fixed one is
    used and a ``Uuid`` generator added."""
    if format not in UUID_FORMATS:
        raise UsageError(f"uuid(format={format!r}): use one of {', '.join(UUID_FORMATS)}")
    generator = None
    if example is None:
        example = format_uuid(EXAMPLE_UUID, format)
        generator = Generator("Uuid", {"format": format})
    return _make(f"uuid({example!r})", example, Rule("regex", {"regex": _UUID_REGEX[format]}),
                 generator=generator)


def random_string(size: int = 20, example: str | None = None) -> Matcher:
    """A string (``{"match": "type"}``) generated at run time as ``RandomString(size)``."""
    if example is None:
        rng = random.Random(size)
        example = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(size))
    return _make(f"random_string({size!r})", example, Rule("type"),
                 generator=Generator("RandomString", {"size": size}))


def from_provider_state(expression: str, example: Any) -> Matcher:
    """A value the provider supplies through a state handler: the verifier replaces it with
    ``expression`` (``"${id}"``, ``"/users/${id}"``) resolved from the state's values.
    Writes ``{"match": "type"}`` and ``{"type": "ProviderState", "expression": ...}``."""
    if not isinstance(expression, str) or "${" not in expression:
        raise UsageError(f"from_provider_state({expression!r}): use an expression like '${{id}}'")
    return _make(f"from_provider_state({expression!r})", example, Rule("type"),
                 generator=Generator("ProviderState", {"expression": expression}))


def mock_server_url(regex: str, example: str) -> Matcher:
    """A URL pointing at the mock server: in consumer tests the part of ``example`` matched by
    ``regex`` is replaced by the mock's URL plus the regex's first group."""
    return _make(f"mock_server_url({regex!r}, {example!r})", example, Rule("regex", {"regex": regex}),
                 generator=Generator("MockServerURL", {"regex": regex, "example": example}))


def _combine(how: str, matchers: tuple[Matcher, ...]) -> Matcher:
    name = "all_of" if how == "AND" else "any_of"
    if not matchers or not all(isinstance(m, Matcher) for m in matchers):
        raise UsageError(f"{name}(...): give one or more matchers")
    rules: list[Rule] = []
    for m in matchers:
        rules.extend(r for r in m.rules if r not in rules)
    generator = next((m.generator for m in matchers if m.generator is not None), None)
    return Matcher(matchers[0].example, tuple(rules), generator, how, f"{name}(...)").validate()


def all_of(*matchers: Matcher) -> Matcher:
    """Every rule of every matcher applies (``"combine": "AND"``); the example is the first's."""
    return _combine("AND", matchers)


def any_of(*matchers: Matcher) -> Matcher:
    """At least one rule applies (``"combine": "OR"``); the example is the first's."""
    return _combine("OR", matchers)
