"""Generators whose value depends on the context: Date, Time, DateTime (the clock and a
relative expression), ProviderState (values returned by state handlers) and MockServerURL
(the running mock server's URL).

ProviderState applies only in provider mode and MockServerURL only in consumer mode; in the
other mode each returns the current (example) value unchanged.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from typing import Any

from polypact.errors import MatcherDefinitionError, ProviderStateError
from polypact.generate.context import GeneratorContext
from polypact.generate.date_expressions import (
    DateExpressionError,
    check_expression,
    execute_date_expression,
    execute_datetime_expression,
    execute_time_expression,
)
from polypact.generate.random_values import GeneratorFn, require_valid, with_check
from polypact.matchers.datetime_pattern import check_pattern
from polypact.matchers.datetime_render import render_datetime
from polypact.matchers.regex_syntax import regex_problem
from polypact.model.generators import Generator

DEFAULT_FORMATS = {
    "Date": "yyyy-MM-dd",
    "Time": "HH:mm:ss",
    "DateTime": "yyyy-MM-dd'T'HH:mm:ss.SSSxxx",
}
_EXECUTE = {
    "Date": execute_date_expression,
    "Time": execute_time_expression,
    "DateTime": execute_datetime_expression,
}


def _now(context: GeneratorContext) -> _dt.datetime:
    if context.now is not None:
        now = context.now
        return now if now.tzinfo else now.replace(tzinfo=_dt.timezone.utc)
    return _dt.datetime.now().astimezone()


def _date_check(kind: str):
    def check(definition: Generator) -> str | None:
        fmt = definition.get("format")
        if fmt is not None:
            problem = check_pattern(fmt)
            if problem:
                return problem
        return check_expression(kind, definition.get("expression"))

    return check


def _date_generator(kind: str) -> GeneratorFn:
    @with_check(_date_check(kind))
    def generate(definition: Generator, current: Any, context: GeneratorContext) -> str:
        require_valid(generate, definition)
        try:
            moment = _EXECUTE[kind](_now(context), definition.get("expression") or "")
        except DateExpressionError as exc:  # pragma: no cover - validated above
            raise MatcherDefinitionError(f"{kind} generator: {exc}") from exc
        return render_datetime(moment, definition.get("format") or DEFAULT_FORMATS[kind])

    generate.__name__ = f"{kind.lower()}_value"
    generate.__doc__ = (
        f"The current {kind.lower()} moved by ``expression`` (if any), rendered with "
        f"``format`` (default {DEFAULT_FORMATS[kind]!r})."
    )
    return generate


date_value = _date_generator("Date")
time_value = _date_generator("Time")
datetime_value = _date_generator("DateTime")

_EXPR = re.compile(r"\$\{([^}]*)\}")


def _check_expression(definition: Generator) -> str | None:
    expression = definition.get("expression")
    if not isinstance(expression, str):
        return "needs a string 'expression' attribute"
    if expression.count("${") != len(_EXPR.findall(expression)):
        return f"missing closing brace in expression {expression!r}"
    data_type = definition.get("dataType")
    if data_type is not None and str(data_type).upper() not in _DATA_TYPES:
        return f"'dataType' must be one of {', '.join(_DATA_TYPES)}, got {data_type!r}"
    return None


def _lookup(name: str, context: GeneratorContext, expression: str) -> Any:
    if name in context.provider_state:
        return context.provider_state[name]
    known = ", ".join(sorted(context.provider_state)) or "none"
    raise ProviderStateError(
        f"ProviderState generator: no value for {name!r} in expression {expression!r} "
        f"(the provider state handlers returned: {known})"
    )


def resolve_expression(expression: str, context: GeneratorContext) -> Any:
    """The value of a ``${var}`` expression from the provider-state values.

    A whole-value ``${id}`` keeps the type of the state value; text around expressions
    gives a string. An expression without ``${`` is looked up as a name.
    """
    if "${" not in expression:
        return _lookup(expression, context, expression)
    parts = _EXPR.split(expression)
    if len(parts) == 3 and parts[0] == "" and parts[2] == "":
        return _lookup(parts[1], context, expression)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(part)
        else:
            value = _lookup(part, context, expression)
            out.append(value if isinstance(value, str) else json.dumps(value))
    return "".join(out)


def _to_int(value: Any) -> Any:
    if isinstance(value, str):
        return int(float(value)) if value.strip() else 0
    return int(value or 0)


_DATA_TYPES = {
    "RAW": lambda v: v,
    "STRING": lambda v: v if isinstance(v, str) else json.dumps(v),
    "INTEGER": _to_int,
    "DECIMAL": lambda v: float(v or 0),
    "FLOAT": lambda v: float(v or 0),
    "BOOLEAN": lambda v: v.lower() == "true" if isinstance(v, str) else bool(v),
}


@with_check(_check_expression)
def provider_state_value(definition: Generator, current: Any, context: GeneratorContext) -> Any:
    """In provider mode, the ``expression`` resolved from the provider-state values
    (converted to ``dataType`` when given); in consumer mode the current value."""
    if not context.is_provider:
        return current
    require_valid(provider_state_value, definition)
    value = resolve_expression(definition.get("expression"), context)
    data_type = str(definition.get("dataType") or "RAW").upper()
    try:
        return _DATA_TYPES[data_type](value)
    except (TypeError, ValueError) as exc:
        raise ProviderStateError(
            f"ProviderState generator: cannot convert {value!r} to {data_type}: {exc}"
        ) from exc


def _check_mock_url(definition: Generator) -> str | None:
    regex, example = definition.get("regex"), definition.get("example")
    if not isinstance(regex, str) or not isinstance(example, str):
        return "needs string 'regex' and 'example' attributes"
    return regex_problem(regex)


def replace_base_url(example: str, regex: str, base_url: str) -> str:
    """``example`` with the part matched by ``regex`` replaced by ``base_url`` followed by the
    regex's first group (``.*(/orders/\\d+)`` keeps the path and swaps the host)."""
    base = base_url.rstrip("/")

    def repl(m: re.Match[str]) -> str:
        return base + (m.group(1) or "" if m.re.groups else "")

    return re.sub(regex, repl, example, count=1)


@with_check(_check_mock_url)
def mock_server_url_value(definition: Generator, current: Any, context: GeneratorContext) -> Any:
    """In consumer mode, the ``example`` URL rebased on the running mock server's URL; in
    provider mode (or without a mock server URL) the current value."""
    if not context.is_consumer or not context.mock_server_url:
        return current
    require_valid(mock_server_url_value, definition)
    example = definition.get("example") or (current if isinstance(current, str) else "")
    return replace_base_url(example, definition.get("regex"), context.mock_server_url)
