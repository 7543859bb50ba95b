"""Whole requests, responses and messages, and the rendering of their mismatches."""

from __future__ import annotations

from polypact.matching import match_message, match_request, match_response, render_mismatches
from polypact.model import Body, HttpRequest, HttpResponse, MatchingRules, MessageContents, Rule

JSON = {"Content-Type": ["application/json"]}


def req(**kw) -> HttpRequest:
    return HttpRequest(**kw)


def test_method_is_case_insensitive_path_exact(registry):
    assert match_request(req(method="get", path="/a"), req(method="GET", path="/a"), registry=registry) == []
    found = match_request(req(method="GET", path="/a"), req(method="POST", path="/a/"), registry=registry)
    assert sorted(m.category for m in found) == ["method", "path"]


def test_path_rule(registry):
    rules = MatchingRules()
    rules.add("path", "", Rule("regex", {"regex": "/items/\\d+"}))
    expected = req(path="/items/1", matching_rules=rules)
    assert match_request(expected, req(path="/items/42"), registry=registry) == []
    assert match_request(expected, req(path="/items/x"), registry=registry)


def test_query_multimap_semantics(registry):
    expected = req(query={"a": ["1"], "b": ["2", "3"]})
    assert match_request(expected, req(query={"b": ["2", "3"], "a": ["1"]}), registry=registry) == []
    assert match_request(expected, req(query={"a": ["1"], "b": ["3", "2"]}), registry=registry)
    extra = match_request(expected, req(query={"a": ["1"], "b": ["2", "3"], "c": ["x"]}), registry=registry)
    assert [(m.category, m.path) for m in extra] == [("query", "c")]
    missing = match_request(expected, req(query={"a": ["1"]}), registry=registry)
    assert [(m.category, m.path) for m in missing] == [("query", "b")]


def test_query_rules(registry):
    rules = MatchingRules()
    rules.add("query", "id", Rule("regex", {"regex": "\\d+"}))
    expected = req(query={"id": ["1", "2"]}, matching_rules=rules)
    assert match_request(expected, req(query={"id": ["10", "20"]}), registry=registry) == []
    assert match_request(expected, req(query={"id": ["10", "x"]}), registry=registry)


def test_headers(registry):
    expected = req(headers={"Accept": ["application/json"], "X-Ids": ["a, b"]})
    actual = req(headers={"accept": ["application/json;q=0.9"], "x-ids": ["a,b"], "Other": ["z"]})
    assert match_request(expected, actual, registry=registry) == []
    wrong_case = req(headers={"accept": ["application/json"], "x-ids": ["A,b"]})
    assert [m.path for m in match_request(expected, wrong_case, registry=registry)] == ["X-Ids"]
    ct = req(headers={"Content-Type": ["application/json; charset=UTF-8"]})
    assert match_request(ct, req(headers={"content-type": ["application/json;charset=utf-8"]}), registry=registry) == []
    assert match_request(ct, req(headers={"content-type": ["application/json;charset=latin1"]}), registry=registry)


def test_header_rule(registry):
    rules = MatchingRules()
    rules.add("header", "X-Trace", Rule("regex", {"regex": "[0-9a-f]{4}"}))
    expected = req(headers={"X-Trace": ["abcd"]}, matching_rules=rules)
    assert match_request(expected, req(headers={"x-trace": ["0f0f"]}), registry=registry) == []
    assert match_request(expected, req(headers={"x-trace": ["zzzz"]}), registry=registry)


def test_request_body_is_strict_response_body_lenient(registry):
    body, more = Body.from_json({"a": 1}), Body.from_json({"a": 1, "b": 2})
    assert match_request(req(headers=JSON, body=body), req(headers=JSON, body=more), registry=registry)
    assert match_response(HttpResponse(200, JSON, body), HttpResponse(200, JSON, more), registry=registry) == []


def test_status_exact_or_status_code_rule(registry):
    assert match_response(HttpResponse(200), HttpResponse(201), registry=registry)
    rules = MatchingRules()
    rules.add("status", "", Rule("statusCode", {"status": "success"}))
    expected = HttpResponse(200, matching_rules=rules)
    assert match_response(expected, HttpResponse(204), registry=registry) == []
    assert match_response(expected, HttpResponse(404), registry=registry)


def test_message_contents_and_metadata(registry):
    rules = MatchingRules()
    rules.add("metadata", "$.id", Rule("regex", {"regex": "\\d+"}))
    rules.add("body", "$.items", Rule("type", {"min": 1}))
    expected = MessageContents(Body.from_json({"items": [{"n": 1}]}),
                               {"contentType": "application/json", "id": "1", "topic": "t"}, rules)
    good = MessageContents(Body.from_json({"items": [{"n": 2}, {"n": 3}], "extra": True}),
                           {"contentType": "application/json;charset=utf-8", "id": "77", "topic": "t", "x": 1})
    assert match_message(expected, good, registry=registry) == []
    bad = MessageContents(Body.from_json({"items": [{"n": "2"}]}), {"contentType": "application/json", "id": "z"})
    found = match_message(expected, bad, registry=registry)
    assert sorted((m.category, m.path) for m in found) == [
        ("body", "$.items[0].n"), ("metadata", "id"), ("metadata", "topic")]


def test_render_mismatches_is_numbered_and_readable(registry):
    found = match_response(HttpResponse(200, JSON, Body.from_json({"name": "a", "tags": []})),
                           HttpResponse(500, JSON, Body.from_json({"name": "b", "tags": []})), registry=registry)
    text = render_mismatches(found)
    lines = text.splitlines()
    assert len(lines) == len(found) == 2
    assert lines[0].startswith("1. status")
    assert lines[1].startswith("2. body $.name:") and "'a'" in lines[1] and "'b'" in lines[1]
    assert "(expected" not in lines[1]  # the message names both values: not repeated
    assert lines[1].endswith("[equality]")
    assert render_mismatches([]) == "no mismatches"


def test_messages_use_the_reference_core_wording(registry):
    """The compat suite checks mismatch messages; these are worded like the reference core."""
    def one(found):
        assert len(found) == 1
        return found[0].message

    form = "application/x-www-form-urlencoded"
    assert one(match_request(req(headers={"Content-Type": [form]}, body=Body.from_text("a=1&c=3", form)),
                             req(headers={"Content-Type": [form]}, body=Body.from_text("a=1&c=33", form)),
                             registry=registry)) == "Expected form post parameter 'c' with value '3' but was '33'"
    assert one(match_response(HttpResponse(200, body=Body.from_text("Hello World!")),
                              HttpResponse(200, body=Body.from_text("Hello Mars!")), registry=registry)) == \
        "Expected body 'Hello World!' to match 'Hello Mars!' using equality but did not match"
    assert one([m for m in match_response(HttpResponse(200, JSON, Body.from_json({"a": 1})),
                                          HttpResponse(200, {"Content-Type": ["application/xml"]},
                                                       Body.from_text("<a/>", None)),
                                          registry=registry) if m.category == "body-type"]) == \
        "Expected a body of 'application/json' but the actual content type was 'application/xml'"
    assert one(match_request(req(query={"b": ["1"]}), req(), registry=registry)) == \
        "Expected query parameter 'b' but was missing"
    assert one(match_request(req(), req(query={"c": ["1"]}), registry=registry)) == "Unexpected query parameter 'c' received"
    assert one(match_request(req(headers={"X-TEST": ["1"]}), req(), registry=registry)) == \
        "Expected a header 'X-TEST' but was missing"
    strict = match_request(req(headers=JSON, body=Body.from_json({"one": 1, "two": 2})),
                           req(headers=JSON, body=Body.from_json({"one": 1})), registry=registry)
    assert one(strict) == "Expected a Map with keys [one, two] but received one with keys [one]"
    binary = one(match_response(HttpResponse(200, body=Body.from_bytes(b"\x00\x01", "application/octet-stream")),
                                HttpResponse(200, body=Body.from_bytes(b"\x00\x02", "application/octet-stream")),
                                registry=registry))
    assert binary == ("Actual body [application/octet-stream, 2 bytes, starting with 0002] is not equal to the "
                      "expected body [application/octet-stream, 2 bytes, starting with 0001]")
