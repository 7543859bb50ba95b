"""V4 body objects: ``encoded`` is false, true, ``"base64"`` or ``"json"`` (any case); any
other string is refused in strict reading with its JSON path, and read raw (as the
reference core does, with a warning) when ``strict=False``. Malformed XML is only bytes:
the reference accepts it and so do we."""

from __future__ import annotations

import base64
import json

import pytest
from pactfile_support import http_interaction, isolated_registry, v4_pact  # noqa: F401
from polypact.errors import PactFileError
from polypact.pactfile import loads_pact, parse_message_contents


def _pact_with_body(body: dict) -> str:
    return json.dumps(v4_pact(http_interaction(body=body)))


@pytest.mark.parametrize("encoded", ["weird", "gzip", "", "base-64"])
def test_unknown_encoding_is_refused_with_its_path(encoded):
    text = _pact_with_body({"content": "abc", "contentType": "text/plain", "encoded": encoded})
    with pytest.raises(PactFileError) as err:
        loads_pact(text, "users.json")
    assert err.value.source == "users.json"
    assert err.value.path == "$.interactions[0].response.body.encoded"
    assert repr(encoded) in str(err.value)


def test_unknown_encoding_of_message_contents_is_refused():
    with pytest.raises(PactFileError) as err:
        parse_message_contents({"contents": {"content": "x", "encoded": "zip"}}, "4.0",
                               path="$.interactions[1]")
    assert err.value.path == "$.interactions[1].contents.encoded"


def test_non_strict_reads_an_unknown_encoding_raw():
    text = _pact_with_body({"content": "abc", "contentType": "text/plain", "encoded": "weird"})
    body = loads_pact(text, "users.json", strict=False).interactions[0].response.body
    assert body.content == b"abc"


@pytest.mark.parametrize("encoded, content, expected", [
    ("base64", base64.b64encode(b"\x00\x01hi").decode(), b"\x00\x01hi"),
    ("BASE64", base64.b64encode(b"hey").decode(), b"hey"),
    ("json", {"a": 1}, b'{"a": 1}'),
    ("JSON", [1, 2], b"[1, 2]"),
    (True, "raw text", b"raw text"),
    (False, "plain", b"plain"),
])
def test_known_encodings_decode(encoded, content, expected):
    text = _pact_with_body({"content": content, "contentType": "application/octet-stream",
                            "encoded": encoded})
    assert loads_pact(text, "users.json").interactions[0].response.body.content == expected


def test_malformed_xml_body_is_read_as_bytes_like_the_reference():
    xml = "<order><id>1</order>"
    text = _pact_with_body({"content": xml, "contentType": "application/xml", "encoded": False})
    body = loads_pact(text, "users.json").interactions[0].response.body
    assert body.content == xml.encode() and body.content_type == "application/xml"
