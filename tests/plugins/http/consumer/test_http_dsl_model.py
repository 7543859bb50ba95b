"""The HTTP DSL builds the right model objects (no server involved)."""

from __future__ import annotations

import pytest
from polypact.consumer import Pact
from polypact.dsl import regex
from polypact.errors import UsageError
from polypact.model import BodyState, SynchronousHttp
from polypact_http.bodies import MULTIPART_CONTENT_TYPE_REGEX, build_body


@pytest.fixture
def builder(tmp_path):
    return Pact("c", "p", pact_dir=tmp_path).upon_receiving("an interaction")


def test_with_request_creates_an_http_interaction(builder):
    builder.given("s").with_request("post", "/a", query={"n": 1, "flag": None}, headers={"X-A": ["1", "2"]})
    interaction = builder.interaction
    assert isinstance(interaction, SynchronousHttp)
    assert interaction.provider_states[0].name == "s"
    request = interaction.request
    assert request.method == "POST"
    assert request.query == {"n": ["1"], "flag": [None]}
    assert request.headers == {"X-A": ["1", "2"]}
    assert request.body.state is BodyState.MISSING


def test_header_and_query_conveniences_append(builder):
    builder.with_request("GET", "/a", headers={"Accept": "text/plain"})
    builder.with_request_header("accept", "text/html").with_query_parameter("q", regex(r"\w+", "x"))
    builder.will_respond_with(200).with_response_header("X-R", "1")
    request = builder.interaction.request
    assert request.headers == {"Accept": ["text/plain", "text/html"]}
    assert request.query == {"q": ["x"]}
    assert request.matching_rules.category("query")["q"].rules[0].kind == "regex"
    assert builder.interaction.response.headers == {"X-R": ["1"]}


def test_explicit_content_type_header_is_kept(builder):
    builder.with_request("POST", "/a", headers={"content-type": "application/vnd.api+json"}, body={"a": 1})
    request = builder.interaction.request
    assert request.headers == {"content-type": ["application/vnd.api+json"]}
    assert request.body.json_value() == {"a": 1}


def test_str_body_with_json_content_type_is_raw_json_text(builder):
    builder.with_request("POST", "/a", body='{"a": 1}', content_type="application/json")
    assert builder.interaction.request.body.json_value() == {"a": 1}


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda b: b.with_request("FETCH", "/a"), "unknown HTTP method"),
        (lambda b: b.with_request("GET", "a"), "must be a string starting with '/'"),
        (lambda b: b.will_respond_with(99), "integer from 100 to 599"),
        (lambda b: b.will_respond_with(True), "integer from 100 to 599"),
        (lambda b: b.with_request("POST", "/a", body={"a": 1}, form={"b": "2"}), "only one of"),
        (lambda b: b.with_request("POST", "/a", body={"a": 1}, content_type="text/plain"), "written as JSON"),
        (lambda b: b.with_request("POST", "/a", multipart={"f": ("x",)}), "a file part is"),
        (lambda b: b.with_request("GET", "/a", headers={"X": None}), "expected a string value"),
    ],
)
def test_bad_declarations_are_usage_errors_naming_the_interaction(builder, call, message):
    with pytest.raises(UsageError, match=message) as err:
        call(builder)
    assert "an interaction" in str(err.value) or "method" in message


def test_http_methods_refuse_a_non_http_interaction(builder):
    from polypact.model import AsynchronousMessage

    builder.interaction = AsynchronousMessage()
    with pytest.raises(UsageError, match="already a Asynchronous/Messages interaction"):
        builder.with_request("GET", "/")


def test_multipart_boundary_is_deterministic_and_parts_are_encoded():
    parts = {"name": "ann", "doc": ("a.txt", "hello", None)}
    first, second = build_body(multipart=parts), build_body(multipart=parts)
    assert first.body.content == second.body.content
    assert first.content_type == second.content_type
    boundary = first.content_type.split("boundary=")[1]
    content = first.body.content
    assert content.startswith(f"--{boundary}\r\n".encode())
    assert content.endswith(f"--{boundary}--\r\n".encode())
    assert b'name="doc"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n' in content
    assert first.header_rules["Content-Type"].rules[0].params == {"regex": MULTIPART_CONTENT_TYPE_REGEX}
    assert first.rules["$.doc"].rules[0].to_json() == {"match": "contentType", "value": "text/plain"}


def test_form_fields_with_odd_names_get_bracket_paths():
    built = build_body(form={"first name": regex(r"\w+", "Ann"), "tags": ["a", "b"]})
    assert built.body.text() == "first+name=Ann&tags=a&tags=b"
    assert list(built.rules) == ["$['first name']"]


def test_bytes_and_empty_bodies():
    assert build_body(b"\x01").body.content_type == "application/octet-stream"
    assert build_body("").body.state is BodyState.EMPTY
    assert build_body(None) is None
