"""Steps of ``V3/generators.feature`` and ``V3/http_generators.feature``: requests and
responses with generators, prepared with :func:`polypact.generate.apply_generators`."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from polypact.generate import CONSUMER, PROVIDER, GeneratorContext, apply_generators
from polypact.model import Body, HttpRequest, HttpResponse
from pytest_bdd import given, parsers, then, when

from .data import body_spec, generators, json_cell, table_rows


@dataclass
class GeneratorWorld:
    """The part configured with generators, the test mode and the prepared part."""

    part: HttpRequest | HttpResponse
    mode: str = CONSUMER
    provider_state: dict[str, Any] = field(default_factory=dict)
    prepared: HttpRequest | HttpResponse | None = None

    def context(self) -> GeneratorContext:
        """The generator context of this scenario."""
        return GeneratorContext(mode=self.mode, provider_state=dict(self.provider_state))


def _configure(part: HttpRequest | HttpResponse, datatable: list[list[str]]) -> GeneratorWorld:
    [row] = table_rows(datatable)
    if row.get("body"):
        spec = body_spec(row["body"])
        content_type = spec.content_type or "text/plain"
        part.body = Body.from_bytes(spec.data, content_type)
        part.headers["Content-Type"] = [content_type]
    part.generators = generators(row["generators"])
    return GeneratorWorld(part)


def _body_value(part: HttpRequest | HttpResponse, path: str) -> Any:
    """The value at a simple JSON path (``$.one``, ``$.a.b``) of a JSON body."""
    value = part.body.json_value()
    for key in path.removeprefix("$").split(".")[1:]:
        value = value[key]
    return value


def _part_value(part: HttpRequest | HttpResponse, where: str) -> str:
    """``path``, ``status``, ``header[NAME]`` or ``queryParameter[NAME]`` of a part, as text."""
    m = re.fullmatch(r"(header|queryParameter)\[(.+)\]", where)
    if m:
        kind, name = m.groups()
        if kind == "header":
            values = part.header(name)
        else:
            assert isinstance(part, HttpRequest)
            values = part.query.get(name)
        assert values, f"the prepared part has no {where}"
        assert len(values) == 1, f"{where} has several values: {values}"
        return str(values[0])
    if where == "path":
        assert isinstance(part, HttpRequest)
        return part.path
    if where == "status":
        assert isinstance(part, HttpResponse)
        return str(part.status)
    raise AssertionError(f"unknown part {where!r}")


_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?")


def _text_matching(pattern: str) -> Any:
    return lambda v: isinstance(v, str) and re.fullmatch(pattern, v) is not None


#: What each kind named by a ``Then`` step accepts. As in the reference core, a number
#: generator replacing a string keeps it a string (``RandomInt`` over ``"a"`` gives
#: ``"42"``), while ``RandomBoolean`` always gives a JSON boolean.
KIND_CHECKS: dict[str, Any] = {
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or _text_matching(r"-?\d+")(v),
    "decimal number": lambda v: isinstance(v, float) or _text_matching(r"-?\d+\.\d+")(v),
    "hexadecimal number": _text_matching(r"[0-9a-fA-F]+"),
    "random string": lambda v: isinstance(v, str) and len(v) > 0,
    "string from the regex": lambda v: isinstance(v, str),
    "date": lambda v: isinstance(v, str) and _parses(date.fromisoformat, v),
    "time": lambda v: isinstance(v, str) and _parses(time.fromisoformat, v),
    "date-time": lambda v: isinstance(v, str) and _DATETIME.fullmatch(v) is not None,
    "UUID": lambda v: isinstance(v, str) and _parses(uuid.UUID, v),
    "boolean": lambda v: isinstance(v, bool),
}


def _parses(parse: Any, text: str) -> bool:
    try:
        parse(text)
    except ValueError:
        return False
    return True


def is_kind(value: Any, kind: str) -> bool:
    """Whether a generated value is of the kind a ``Then`` step names."""
    if kind not in KIND_CHECKS:
        raise AssertionError(f"unknown generated value kind {kind!r}")
    return bool(KIND_CHECKS[kind](value))


# -- given -------------------------------------------------------------------------------
@given("a request configured with the following generators:", target_fixture="generation")
def request_with_generators(datatable: list[list[str]]) -> GeneratorWorld:
    """A ``GET /`` request with the table's body and generators."""
    return _configure(HttpRequest(method="GET", path="/"), datatable)


@given("a response configured with the following generators:", target_fixture="generation")
def response_with_generators(datatable: list[list[str]]) -> GeneratorWorld:
    """A ``200`` response with the table's body and generators."""
    return _configure(HttpResponse(status=200), datatable)


@given(parsers.parse('the generator test mode is set as "{mode}"'))
def generator_mode(generation: GeneratorWorld, mode: str) -> None:
    """Consumer or Provider mode."""
    generation.mode = {"Consumer": CONSUMER, "Provider": PROVIDER}[mode]


# -- when --------------------------------------------------------------------------------
@when(parsers.re(r"the (?:request|response) is prepared for use$"))
def prepare(generation: GeneratorWorld) -> None:
    """Apply the generators."""
    generation.prepared = apply_generators(generation.part, generation.context())


@when(parsers.parse('the request is prepared for use with a "{name}" context:'))
def prepare_with_context(generation: GeneratorWorld, name: str, datatable: list[list[str]]) -> None:
    """Apply the generators with context values (``providerState``: state-handler values)."""
    assert name == "providerState", f"unknown generator context {name!r}"
    [[cell]] = datatable
    generation.provider_state = json_cell(cell)
    generation.prepared = apply_generators(generation.part, generation.context())


# -- then --------------------------------------------------------------------------------
@then(parsers.re(r'the body value for "(?P<path>[^"]+)" will have been replaced with an? "(?P<kind>[^"]+)"'))
def body_value_replaced(generation: GeneratorWorld, path: str, kind: str) -> None:
    """The body value at ``path`` changed and is of ``kind``; a ``Regex`` generator's value
    matches its regex."""
    prepared = generation.prepared
    assert prepared is not None
    before = _body_value(generation.part, path)
    after = _body_value(prepared, path)
    assert after != before or type(after) is not type(before), f"{path} still {before!r}"
    assert is_kind(after, kind), f"{path} = {after!r} is not a {kind}"
    if kind == "string from the regex":
        definition = prepared.generators.category("body").get(path)
        assert definition is not None, f"no body generator at {path}"
        assert re.fullmatch(definition.get("regex"), after), f"{after!r} does not match {definition.get('regex')!r}"


@then(parsers.parse('the request "{where}" will be set as "{value}"'))
def request_part_set(generation: GeneratorWorld, where: str, value: str) -> None:
    """The prepared request's path / header / query parameter equals ``value``."""
    assert generation.prepared is not None
    assert _part_value(generation.prepared, where) == value


@then(parsers.re(r'the (?:request|response) "(?P<where>[^"]+)" will match "(?P<regex>[^"]+)"'))
def part_matches(generation: GeneratorWorld, where: str, regex: str) -> None:
    """The prepared part's value matches ``regex`` (whole value)."""
    assert generation.prepared is not None
    value = _part_value(generation.prepared, where)
    assert re.fullmatch(regex, value), f"{where} = {value!r} does not match {regex!r}"


@then(parsers.parse('the response "{where}" will not be "{value}"'))
def response_part_not(generation: GeneratorWorld, where: str, value: str) -> None:
    """The prepared response's value differs from ``value``."""
    assert generation.prepared is not None
    assert _part_value(generation.prepared, where) != value
