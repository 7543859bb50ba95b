"""Random value generators: RandomInt, RandomDecimal, RandomHexadecimal, RandomString,
RandomBoolean, Regex and Uuid.

Each is ``fn(definition, current_value, context) -> value`` and keeps the kind of the value
it replaces where that matters (a RandomInt replacing a string gives digits as a string).
``fn.validate(definition)`` checks a definition when a pact is read.
"""

from __future__ import annotations

import string
import uuid
from collections.abc import Callable
from typing import Any

from polypact.errors import MatcherDefinitionError
from polypact.generate.context import GeneratorContext
from polypact.generate.regex_gen import RegexGenerationError, generate_from_regex
from polypact.matchers.regex_syntax import regex_problem
from polypact.model.generators import Generator

GeneratorFn = Callable[[Generator, Any, GeneratorContext], Any]
DefinitionCheck = Callable[[Generator], "str | None"]

INT_MAX = 2_147_483_647
UUID_FORMATS = ("simple", "lower-case-hyphenated", "upper-case-hyphenated", "URN")
_ALNUM = string.ascii_letters + string.digits


def with_check(check: DefinitionCheck) -> Callable[[GeneratorFn], GeneratorFn]:
    """Attach ``check`` to a generator function as its ``.validate`` attribute."""

    def decorate(fn: GeneratorFn) -> GeneratorFn:
        fn.validate = check  # type: ignore[attr-defined]
        return fn

    return decorate


def require_valid(fn: GeneratorFn, definition: Generator) -> None:
    """Raise :class:`MatcherDefinitionError` when ``definition`` fails ``fn.validate``."""
    problem = fn.validate(definition)  # type: ignore[attr-defined]
    if problem:
        raise MatcherDefinitionError(f"{definition.kind} generator: {problem}")


def _int_param(definition: Generator, name: str, default: int) -> int:
    value = definition.get(name, default)
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return value


def _check_non_negative(name: str, default: int) -> DefinitionCheck:
    def check(definition: Generator) -> str | None:
        value = _int_param(definition, name, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return f"'{name}' must be a non-negative integer, got {value!r}"
        return None

    return check


def _check_int_range(definition: Generator) -> str | None:
    low, high = _int_param(definition, "min", 0), _int_param(definition, "max", INT_MAX)
    for name, value in (("min", low), ("max", high)):
        if isinstance(value, bool) or not isinstance(value, int):
            return f"'{name}' must be an integer, got {value!r}"
    if low > high:
        return f"'min' ({low}) is greater than 'max' ({high})"
    return None


@with_check(_check_int_range)
def random_int(definition: Generator, current: Any, context: GeneratorContext) -> Any:
    """A random integer in ``[min, max]`` (defaults 0 and 2147483647)."""
    require_valid(random_int, definition)
    value = context.rng.randint(_int_param(definition, "min", 0), _int_param(definition, "max", INT_MAX))
    return str(value) if isinstance(current, str) else value


def decimal_text(digits: int, rng: Any) -> str:
    """A decimal number with ``digits`` significant digits and a point (``"34.0712"``)."""
    if digits <= 0:
        return ""
    if digits == 1:
        return rng.choice(string.digits)
    chars = [rng.choice("123456789")] + [rng.choice(string.digits) for _ in range(digits - 1)]
    point = rng.randint(1, digits - 1)
    return "".join(chars[:point]) + "." + "".join(chars[point:])


@with_check(_check_non_negative("digits", 10))
def random_decimal(definition: Generator, current: Any, context: GeneratorContext) -> Any:
    """A random decimal with ``digits`` digits (default 10); a float when replacing a number."""
    require_valid(random_decimal, definition)
    text = decimal_text(_int_param(definition, "digits", 10), context.rng)
    if isinstance(current, (int, float)) and not isinstance(current, bool) and text:
        return float(text)
    return text


@with_check(_check_non_negative("digits", 10))
def random_hexadecimal(definition: Generator, current: Any, context: GeneratorContext) -> str:
    """A random string of ``digits`` hexadecimal digits (default 10)."""
    require_valid(random_hexadecimal, definition)
    digits = _int_param(definition, "digits", 10)
    return "".join(context.rng.choice("0123456789ABCDEF") for _ in range(digits))


@with_check(_check_non_negative("size", 10))
def random_string(definition: Generator, current: Any, context: GeneratorContext) -> str:
    """A random alphanumeric string of ``size`` characters (default 10)."""
    require_valid(random_string, definition)
    size = _int_param(definition, "size", 10)
    return "".join(context.rng.choice(_ALNUM) for _ in range(size))


@with_check(lambda definition: None)
def random_boolean(definition: Generator, current: Any, context: GeneratorContext) -> Any:
    """A random JSON boolean, whatever the value it replaces (as the reference core does;
    header, query and path values are turned into text by the applier)."""
    return context.rng.random() < 0.5


def _check_regex(definition: Generator) -> str | None:
    pattern = definition.get("regex")
    if not isinstance(pattern, str):
        return "needs a string 'regex' attribute"
    return regex_problem(pattern)


@with_check(_check_regex)
def regex_value(definition: Generator, current: Any, context: GeneratorContext) -> str:
    """A random string that fully matches ``regex``."""
    require_valid(regex_value, definition)
    try:
        return generate_from_regex(definition.get("regex"), context.rng)
    except RegexGenerationError as exc:
        raise MatcherDefinitionError(f"Regex generator: {exc}") from exc


def _check_uuid(definition: Generator) -> str | None:
    fmt = definition.get("format")
    if fmt is None or fmt in UUID_FORMATS:
        return None
    return f"'format' must be one of {', '.join(UUID_FORMATS)}, got {fmt!r}"


def format_uuid(value: uuid.UUID, fmt: str | None) -> str:
    """A UUID in one of the Pact formats (default ``lower-case-hyphenated``)."""
    if fmt == "simple":
        return value.hex
    if fmt == "upper-case-hyphenated":
        return str(value).upper()
    if fmt == "URN":
        return value.urn
    return str(value)


@with_check(_check_uuid)
def uuid_value(definition: Generator, current: Any, context: GeneratorContext) -> str:
    """A random (version 4) UUID in the definition's ``format``."""
    require_valid(uuid_value, definition)
    value = uuid.UUID(int=context.rng.getrandbits(128), version=4)
    return format_uuid(value, definition.get("format"))
