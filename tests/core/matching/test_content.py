"""Bodies: states, content types, text, form, multipart and binary matching."""

from __future__ import annotations

import base64

from polypact.matching import match_body
from polypact.matching.sniff import detect_content_type, sniff_magic
from polypact.model import Body

from tests.core.matching.conftest import rules

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16
GIF = b"GIF89a" + b"\x00" * 8
PDF = b"%PDF-1.7\n..."
ZIP = b"PK\x03\x04" + b"\x00" * 8


def test_body_states(ctx):
    c = ctx()
    assert match_body(Body.missing(), Body.from_json({"a": 1}), c) == []
    assert match_body(Body.empty(), Body.empty(), c) == []
    assert match_body(Body.empty(), Body.from_text("x"), c)
    assert match_body(Body.null(), Body.from_text("x"), c)
    assert match_body(Body.from_json({"a": 1}), Body.missing(), c)
    assert match_body(Body.from_json({"a": 1}), Body.empty(), c)


def test_body_type_mismatch(ctx):
    found = match_body(Body.from_json({"a": 1}), Body.from_text("<a/>", "application/xml"), ctx())
    assert [m.category for m in found] == ["body-type"]
    # +json is equivalent to its base type, text/xml to application/xml
    assert match_body(Body.from_json({"a": 1}), Body.from_json({"a": 1}, "application/hal+json"), ctx()) == []
    assert match_body(Body.from_text("<a/>", "text/xml"), Body.from_text("<a/>", "application/xml"), ctx()) == []


def test_content_type_detected_when_undeclared(ctx):
    expected = Body.from_bytes(b'{"a": 1}')
    assert match_body(expected, Body.from_bytes(b'{"a":1}'), ctx()) == []
    assert [m.path for m in match_body(expected, Body.from_bytes(b'{"a":2}'), ctx())] == ["$.a"]


def test_text_equality_and_rules(ctx):
    assert match_body(Body.from_text("hello"), Body.from_text("hello"), ctx()) == []
    assert match_body(Body.from_text("hello"), Body.from_text("Hello"), ctx())
    c = ctx(rules(**{"$": [("regex", {"regex": "h.*o"})]}))
    assert match_body(Body.from_text("hello"), Body.from_text("hippo"), c) == []
    assert match_body(Body.from_text("hello"), Body.from_text("hippos"), c)
    inc = ctx(rules(**{"$": [("include", {"value": "needle"})]}))
    assert match_body(Body.from_text("a needle"), Body.from_text("haystack with needle inside"), inc) == []


def form(text: str) -> Body:
    return Body.from_text(text, "application/x-www-form-urlencoded")


def test_form_bodies_are_multimaps(ctx):
    assert match_body(form("a=1&b=2&b=3"), form("b=2&b=3&a=1"), ctx()) == []
    assert match_body(form("a=1&b=2&b=3"), form("a=1&b=3&b=2"), ctx())
    assert [m.path for m in match_body(form("a=1"), form("a=1&c=2"), ctx())] == ["$.c"]
    c = ctx(rules(**{"$.a": [("regex", {"regex": "\\d+"})]}))
    assert match_body(form("a=1&b=x"), form("a=12345&b=x"), c) == []
    assert [m.path for m in match_body(form("a=1&b=x"), form("a=one&b=x"), c)] == ["$.a"]


def multipart(parts: list[tuple[str, str, bytes]], boundary: str = "XyZ") -> Body:
    chunks = []
    for name, ctype, data in parts:
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n'
                      f"Content-Type: {ctype}\r\n\r\n".encode() + data + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return Body.from_bytes(b"".join(chunks), f"multipart/form-data; boundary={boundary}")


def test_multipart_parts_by_name_and_content_type(ctx):
    expected = multipart([("meta", "application/json", b'{"id": 1}'), ("note", "text/plain", b"hi")])
    same = multipart([("note", "text/plain", b"hi"), ("meta", "application/json", b'{"id":1}')], "other")
    assert match_body(expected, same, ctx()) == []
    changed = multipart([("meta", "application/json", b'{"id": 2}'), ("note", "text/plain", b"hi")])
    assert [m.path for m in match_body(expected, changed, ctx())] == ["$.meta.id"]
    missing = multipart([("meta", "application/json", b'{"id": 1}')])
    assert [m.path for m in match_body(expected, missing, ctx())] == ["$.note"]


def test_multipart_rules_apply_to_parts(ctx):
    expected = multipart([("meta", "application/json", b'{"id": 1}'), ("file", "image/png", PNG)])
    actual = multipart([("meta", "application/json", b'{"id": 7}'), ("file", "image/png", PNG + b"more")])
    c = ctx(rules(**{"$.meta.id": [("integer", {})], "$.file": [("contentType", {"value": "image/png"})]}))
    assert match_body(expected, actual, c) == []
    not_png = multipart([("meta", "application/json", b'{"id": 7}'), ("file", "image/png", JPEG)])
    assert [m.path for m in match_body(expected, not_png, c)] == ["$.file"]


def test_magic_number_sniffing():
    assert sniff_magic(PNG) == "image/png"
    assert sniff_magic(JPEG) == "image/jpeg"
    assert sniff_magic(GIF) == "image/gif"
    assert sniff_magic(PDF) == "application/pdf"
    assert sniff_magic(ZIP) == "application/zip"
    assert sniff_magic(b"plain") is None
    assert detect_content_type(b' {"a": 1}') == "application/json"
    assert detect_content_type(b"<?xml version='1.0'?><a/>") == "application/xml"
    assert detect_content_type(b"just words") == "text/plain"
    assert detect_content_type(bytes([0xC3, 0x28, 0xFF])) == "application/octet-stream"


def test_binary_bodies_equality_and_content_type_rule(ctx):
    png = Body.from_bytes(PNG, "image/png")
    assert match_body(png, Body.from_bytes(PNG, "image/png"), ctx()) == []
    found = match_body(png, Body.from_bytes(PNG + b"x", "image/png"), ctx())
    assert len(found) == 1 and found[0].rule == "equality"
    c = ctx(rules(**{"$": [("contentType", {"value": "image/png"})]}))
    other_png = Body.from_bytes(PNG + b"different pixels", "image/png")
    assert match_body(png, other_png, c) == []
    assert match_body(png, Body.from_bytes(GIF, "image/png"), c)


def test_octet_stream_base64_round_trip(ctx):
    data = base64.b64decode(base64.b64encode(PDF))
    assert match_body(Body.from_bytes(PDF, "application/octet-stream"),
                      Body.from_bytes(data, "application/octet-stream"), ctx()) == []
