"""apply_generators on requests, responses and messages; JSON and text body appliers."""

from __future__ import annotations

import copy
import re

import pytest
from polypact.errors import MatcherDefinitionError
from polypact.generate import GeneratorContext
from polypact.generate.apply import apply_generators
from polypact.generate.content import JsonBodyGenerator
from polypact.generate.paths import STAR, parse_path
from polypact.model import Body, Generator, Generators, HttpRequest, HttpResponse, MessageContents
from polypact.testing import registry_with


@pytest.fixture(scope="module")
def registry():
    return registry_with()


def gens(**by_category):
    g = Generators()
    for category, entries in by_category.items():
        for path, (kind, params) in entries.items():
            g.add(category, path, Generator(kind, params))
    return g


INT = ("RandomInt", {"min": 1, "max": 10})


def test_parse_paths():
    assert parse_path("$.a.b[0]") == ("a", "b", 0)
    assert parse_path("$.items[*].id") == ("items", STAR, "id")
    assert parse_path("$.*") == (STAR,)
    assert parse_path("$['first name'].x") == ("first name", "x")
    assert parse_path("$['it\\'s']") == ("it's",)
    assert parse_path("$") == ()
    with pytest.raises(MatcherDefinitionError, match="invalid path"):
        parse_path("$.a[")


def test_json_body_generators_by_path(registry):
    body = Body.from_json({"one": 1, "items": [{"id": "a"}, {"id": "b"}], "m": {"x": 1, "y": 2},
                           "first name": "x", "n": [5, 6]})
    generators = {
        "$.one": Generator(*INT), "$.items[*].id": Generator("Uuid"), "$.m.*": Generator(*INT),
        "$['first name']": Generator("RandomString", {"size": 4}), "$.n[1]": Generator(*INT),
        "$.absent.path": Generator(*INT),
    }
    out = JsonBodyGenerator().apply(body, generators, GeneratorContext(registry=registry)).json_value()
    assert 1 <= out["one"] <= 10
    assert all(re.fullmatch(r"[0-9a-f-]{36}", item["id"]) for item in out["items"])
    assert all(1 <= v <= 10 for v in out["m"].values()) and set(out["m"]) == {"x", "y"}
    assert len(out["first name"]) == 4 and out["n"][0] == 5 and 1 <= out["n"][1] <= 10
    assert "absent" not in out
    assert body.json_value()["items"][0]["id"] == "a"  # input untouched


def test_root_generator_replaces_the_whole_body(registry):
    body = Body.from_json(5)
    out = JsonBodyGenerator().apply(body, {"$": Generator(*INT)}, GeneratorContext(registry=registry))
    assert 1 <= out.json_value() <= 10


def test_request_generators_in_provider_mode(registry):
    request = HttpRequest(
        "GET", "/path/1", query={"v1": ["a", "b"]}, headers={"x-test": ["1"]},
        body=Body.from_json({"id": 0, "url": "http://old/a"}),
        generators=gens(
            path={"": ("ProviderState", {"expression": "/path/${id}"})},
            query={"v1": INT, "v2": INT}, header={"X-TEST": INT, "X-New": INT},
            body={"$.id": ("ProviderState", {"expression": "${id}"}),
                  "$.url": ("MockServerURL", {"regex": ".*(/a)", "example": "http://old/a"})},
        ),
    )
    before = copy.deepcopy(request)
    context = GeneratorContext(mode="provider", provider_state={"id": 1000}, registry=registry,
                               mock_server_url="http://mock")
    out = apply_generators(request, context)
    assert out.path == "/path/1000"
    assert all(re.fullmatch(r"\d+", v) for v in out.query["v1"]) and len(out.query["v1"]) == 2
    assert re.fullmatch(r"\d+", out.query["v2"][0])
    assert set(out.headers) == {"x-test", "X-New"} and re.fullmatch(r"\d+", out.headers["x-test"][0])
    assert out.body.json_value() == {"id": 1000, "url": "http://old/a"}  # no MockServerURL here
    assert request == before  # the input is not modified


def test_response_generators_in_consumer_mode(registry):
    response = HttpResponse(
        200, headers={"Content-Type": ["application/json"]},
        body=Body.from_json({"id": 7, "link": "http://example.com:8080/orders/7"}),
        generators=gens(
            status={"": ("RandomInt", {"min": 201, "max": 599})},
            header={"X-TEST": INT},
            body={"$.id": ("ProviderState", {"expression": "${id}"}),
                  "$.link": ("MockServerURL", {"regex": r".*(/orders/\d+)",
                                                "example": "http://example.com:8080/orders/7"})},
        ),
    )
    context = GeneratorContext(mode="consumer", mock_server_url="http://127.0.0.1:4321",
                               registry=registry)
    out = apply_generators(response, context)
    assert 201 <= out.status <= 599 and isinstance(out.status, int)
    assert re.fullmatch(r"\d+", out.headers["X-TEST"][0])
    assert out.body.json_value() == {"id": 7, "link": "http://127.0.0.1:4321/orders/7"}
    assert response.status == 200 and "X-TEST" not in response.headers


def test_message_metadata_and_contents(registry):
    message = MessageContents(
        contents=Body.from_json({"one": 0}), metadata={"contentType": "application/json"},
        generators=gens(metadata={"ID": INT}, body={"$.one": INT}),
    )
    out = apply_generators(message, GeneratorContext(mode="provider", registry=registry))
    assert 1 <= out.metadata["ID"] <= 10 and 1 <= out.contents.json_value()["one"] <= 10
    assert "ID" not in message.metadata


def test_text_body_root_generator(registry):
    response = HttpResponse(200, body=Body.from_text("old", "text/plain"),
                            generators=gens(body={"$": ("Regex", {"regex": r"[a-z]{5}\d"})}))
    out = apply_generators(response, GeneratorContext(registry=registry))
    assert re.fullmatch(r"[a-z]{5}\d", out.body.text()) and out.body.content_type == "text/plain"


def test_body_without_registered_applier_is_left_alone(registry):
    response = HttpResponse(200, body=Body.from_bytes(b"\x00\x01", "application/octet-stream"),
                            generators=gens(body={"$": INT}))
    assert apply_generators(response, GeneratorContext(registry=registry)).body == response.body


def test_unknown_generator_type_is_an_error(registry):
    response = HttpResponse(200, body=Body.from_json({"a": 1}),
                            generators=gens(body={"$.a": ("Mystery", {})}))
    with pytest.raises(MatcherDefinitionError, match="unknown generator type 'Mystery'"):
        apply_generators(response, GeneratorContext(registry=registry))


def test_no_generators_returns_the_part(registry):
    response = HttpResponse(200)
    assert apply_generators(response, GeneratorContext(registry=registry)) is response
