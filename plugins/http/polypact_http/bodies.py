"""Building request and response bodies for the HTTP consumer DSL.

:func:`build_body` turns what a test wrote (a dict or list, a string, bytes, a form mapping,
multipart parts, or a tree containing matchers from :mod:`polypact.dsl`) into a
:class:`polypact.model.Body` plus the body's matching rules and generators (keyed by JSON
path), the content type to announce and any header rules it implies.

- dict / list / number / bool (or a matcher around one): JSON, ``application/json``;
- ``xml_element(...)`` (:mod:`polypact.dsl.xml`): the XML document, ``application/xml``
  unless another XML ``content_type`` is given, with its rules and generators at XML paths;
- ``str``: ``text/plain`` unless ``content_type`` says otherwise (JSON types keep the
  string as the raw JSON text; XML types keep it as the XML document);
- ``bytes``: binary, ``application/octet-stream`` unless ``content_type`` is given;
- ``form={...}``: ``application/x-www-form-urlencoded``, rules at ``$.<field>``;
- ``multipart={name: value | (filename, data, content_type)}``: ``multipart/form-data``
  with a deterministic boundary, a ``Content-Type`` header regex rule (any boundary) and a
  ``contentType`` rule for each file part, as the reference core writes them.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from polypact.errors import UsageError
from polypact.model import Body, Generator, Rule, RuleList, is_json_type

#: The Content-Type rule the reference core writes for multipart bodies.
MULTIPART_CONTENT_TYPE_REGEX = r"multipart/form-data;(\s*charset=[^;]*;)?\s*boundary=.*"


@dataclass
class BuiltBody:
    """A body and everything the DSL must record alongside it."""

    body: Body
    content_type: str | None = None
    rules: dict[str, RuleList] = field(default_factory=dict)
    generators: dict[str, Generator] = field(default_factory=dict)
    header_rules: dict[str, RuleList] = field(default_factory=dict)


def extract_tree(value: Any) -> tuple[Any, dict[str, RuleList], dict[str, Generator]]:
    """Example, rules and generators of a value tree that may contain matchers."""
    from polypact.dsl import extract

    extracted = extract(value, base_path="$")
    return extracted.example, dict(extracted.rules), dict(extracted.generators)


def extract_single(value: Any) -> tuple[Any, RuleList | None, Generator | None]:
    """Example, rule list and generator of one value that may be a matcher."""
    if isinstance(value, (str, int, float, bool, bytes)) or value is None:
        return value, None, None  # fast path: a plain value has no rules
    from polypact.dsl import extract_value

    return extract_value(value)


def build_body(
    value: Any = None,
    content_type: str | None = None,
    *,
    form: Mapping[str, Any] | None = None,
    multipart: Mapping[str, Any] | None = None,
    where: str = "body",
) -> BuiltBody | None:
    """The body for ``value`` / ``form`` / ``multipart`` (at most one); ``None`` when none
    is given. ``where`` names the part in error messages (``"request body"``, ...)."""
    given = [name for name, v in (("body", value), ("form", form), ("multipart", multipart)) if v is not None]
    if len(given) > 1:
        raise UsageError(f"{where}: give only one of body=, form= and multipart= (got {', '.join(given)})")
    if form is not None:
        return _form_body(form, content_type, where)
    if multipart is not None:
        return _multipart_body(multipart, where)
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray, memoryview)):
        ct = content_type or "application/octet-stream"
        return BuiltBody(Body.from_bytes(bytes(value), ct), ct)
    from polypact.dsl import is_xml

    if is_xml(value):
        return _xml_body(value, content_type, where)
    example, rules, generators = extract_tree(value)
    if isinstance(example, (bytes, bytearray)):
        ct = content_type or "application/octet-stream"
        return BuiltBody(Body.from_bytes(bytes(example), ct), ct, rules, generators)
    if isinstance(example, str) and (content_type is None or not is_json_type(content_type) or isinstance(value, str)):
        ct = content_type or "text/plain"
        return BuiltBody(Body.from_text(example, ct), ct, rules, generators)
    ct = content_type or "application/json"
    if not is_json_type(ct):
        raise UsageError(
            f"{where}: a {type(example).__name__} body is written as JSON, but content_type "
            f"is {ct!r}; pass a str or bytes for other content types"
        )
    return BuiltBody(Body.from_json(example, ct), ct, rules, generators)


def _xml_body(value: Any, content_type: str | None, where: str) -> BuiltBody:
    """The document an ``xml_element(...)`` builds, with its rules and generators."""
    from polypact.dsl import xml_body

    body, rules, generators = xml_body(value, content_type, where)
    return BuiltBody(body, body.content_type, rules, generators)


def _form_body(form: Mapping[str, Any], content_type: str | None, where: str) -> BuiltBody:
    ct = content_type or "application/x-www-form-urlencoded"
    pairs: list[tuple[str, str]] = []
    built = BuiltBody(Body.missing(), ct)
    for name, raw in form.items():
        values = raw if isinstance(raw, (list, tuple)) else [raw]
        for item in values:
            example, rules, generator = extract_single(item)
            pairs.append((str(name), _as_text(example, f"{where} form field {name!r}")))
            path = _field_path(str(name))
            if rules:
                built.rules.setdefault(path, rules)
            if generator is not None:
                built.generators.setdefault(path, generator)
    built.body = Body.from_text(urlencode(pairs), ct)
    return built


def _multipart_body(parts: Mapping[str, Any], where: str) -> BuiltBody:
    encoded: list[tuple[str, str | None, str | None, bytes]] = []
    built = BuiltBody(Body.missing())
    for name, raw in parts.items():
        path = _field_path(str(name))
        if isinstance(raw, tuple):
            filename, data, part_type = _file_part(name, raw, where)
            encoded.append((str(name), filename, part_type, data))
            built.rules[path] = RuleList([Rule("contentType", {"value": part_type})])
            continue
        example, rules, generator = extract_single(raw)
        if isinstance(example, (bytes, bytearray)):
            encoded.append((str(name), None, "application/octet-stream", bytes(example)))
        else:
            encoded.append((str(name), None, None, _as_text(example, f"{where} part {name!r}").encode("utf-8")))
        if rules:
            built.rules[path] = rules
        if generator is not None:
            built.generators[path] = generator
    digest = hashlib.sha256(repr(encoded).encode("utf-8")).hexdigest()[:24]
    boundary = f"polypact-{digest}"
    chunks: list[bytes] = []
    for name, filename, part_type, data in encoded:
        disposition = f'form-data; name="{_quote(name)}"'
        if filename is not None:
            disposition += f'; filename="{_quote(filename)}"'
        head = f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
        if part_type:
            head += f"Content-Type: {part_type}\r\n"
        chunks.append(head.encode("utf-8") + b"\r\n" + data + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    ct = f"multipart/form-data; boundary={boundary}"
    built.body = Body.from_bytes(b"".join(chunks), ct)
    built.content_type = ct
    built.header_rules["Content-Type"] = RuleList([Rule("regex", {"regex": MULTIPART_CONTENT_TYPE_REGEX})])
    return built


def _file_part(name: Any, raw: tuple[Any, ...], where: str) -> tuple[str, bytes, str]:
    if len(raw) not in (2, 3):
        raise UsageError(
            f"{where} part {name!r}: a file part is (filename, data) or (filename, data, "
            f"content_type), got a tuple of {len(raw)}"
        )
    filename, data = str(raw[0]), raw[1]
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not isinstance(data, (bytes, bytearray)):
        raise UsageError(f"{where} part {name!r}: file data must be bytes or str, got {type(data).__name__}")
    part_type = raw[2] if len(raw) == 3 and raw[2] else None
    if part_type is None:
        part_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return filename, bytes(data), str(part_type)


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _as_text(example: Any, where: str) -> str:
    if isinstance(example, str):
        return example
    if isinstance(example, bool):
        return "true" if example else "false"
    if isinstance(example, (int, float)):
        return json.dumps(example)
    raise UsageError(f"{where}: expected a string or number, got {type(example).__name__} {example!r}")


def _field_path(name: str) -> str:
    """The JSON path of a form field or multipart part (``$.name`` or ``$['a b']``)."""
    if name.isidentifier():
        return f"$.{name}"
    return "$['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']"
