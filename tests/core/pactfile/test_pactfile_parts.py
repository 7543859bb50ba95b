"""Parsing pact parts: bodies, headers, query strings, matching rules, generators, messages."""

from __future__ import annotations

import base64
import json

import pytest
from pactfile_support import fake_matchers, isolated_registry  # noqa: F401
from polypact.errors import MatcherDefinitionError, PactFileError
from polypact.model import BodyState
from polypact.pactfile import (
    parse_generators,
    parse_http_request,
    parse_http_response,
    parse_matching_rules,
    parse_message_contents,
    python_regex,
)


# -- bodies ------------------------------------------------------------------------------
@pytest.mark.parametrize("version", ["1.0", "1.1", "2.0", "3.0"])
def test_raw_body_states(version):
    missing = parse_http_request({"method": "GET", "path": "/"}, version).body
    empty = parse_http_request({"path": "/", "body": ""}, version).body
    null = parse_http_request({"path": "/", "body": None}, version).body
    present = parse_http_request({"path": "/", "body": {"a": [1, 2]}}, version).body
    assert [b.state for b in (missing, empty, null, present)] == [
        BodyState.MISSING, BodyState.EMPTY, BodyState.NULL, BodyState.PRESENT]
    assert present.json_value() == {"a": [1, 2]}
    assert present.content_type == "application/json"


def test_raw_json_body_keeps_header_content_type():
    req = parse_http_request({"path": "/", "headers": {"Content-Type": "application/hal+json"},
                              "body": [1]}, "2.0")
    assert req.body.content_type == "application/hal+json"
    assert req.body.json_value() == [1]


def test_string_body_with_json_content_type_follows_reference():
    # A string that is not a JSON object/string is quoted (pact_models body_from_json).
    headers = {"Content-Type": "application/json"}
    quoted = parse_http_request({"path": "/", "headers": headers, "body": "plain words"}, "3.0").body
    assert quoted.json_value() == "plain words"
    kept = parse_http_request({"path": "/", "headers": headers, "body": '{"a": 1}'}, "3.0").body
    assert kept.json_value() == {"a": 1}


def test_string_body_text_and_xml_kept_as_text():
    xml = "<?xml version=\"1.0\"?><a><b>1</b></a>"
    req = parse_http_request({"path": "/", "headers": {"Content-Type": "text/xml"}, "body": xml}, "2.0")
    assert req.body.text() == xml and req.body.content_type == "text/xml"
    detected = parse_http_response({"status": 200, "body": xml}, "3.0").body
    assert detected.content_type == "application/xml"
    text = parse_http_response({"status": 200, "body": "hello there"}, "1.0").body
    assert text.content_type == "text/plain" and text.text() == "hello there"


def test_string_body_with_binary_content_type_is_base64_decoded():
    data = bytes(range(10))
    req = parse_http_request({"path": "/", "headers": {"Content-Type": "application/octet-stream"},
                              "body": base64.b64encode(data).decode()}, "3.0")
    assert req.body.content == data


def test_v4_body_objects():
    def body(obj, headers=None):
        resp = {"status": 200, "body": obj}
        if headers:
            resp["headers"] = headers
        return parse_http_response(resp, "4.0").body

    js = body({"content": {"x": 1}, "contentType": "application/json", "encoded": False})
    assert js.json_value() == {"x": 1} and js.content_type == "application/json"
    text = body({"content": "hi", "contentType": "text/plain", "encoded": False})
    assert text.content == b"hi"
    binary = body({"content": "AAEC", "contentType": "application/octet-stream",
                   "encoded": "base64", "contentTypeHint": "BINARY"})
    assert binary.content == b"\x00\x01\x02" and binary.content_type_hint == "BINARY"
    assert body({"content": ""}).state is BodyState.EMPTY
    assert body({"content": None}).state is BodyState.NULL
    assert body(None).state is BodyState.NULL
    from_header = body({"content": {"a": 1}}, {"Content-Type": ["application/vnd.x+json"]})
    assert from_header.content_type == "application/vnd.x+json"
    json_string = body({"content": "abc", "contentType": "application/json"})
    assert json_string.json_value() == "abc"


def test_v4_body_that_is_not_an_object_is_read_as_raw_json():
    resp = parse_http_response({"status": 200, "body": [{"a": 1}]}, "4.0")
    assert resp.body.json_value() == [{"a": 1}]


def test_v4_body_bad_base64_names_path():
    with pytest.raises(PactFileError) as err:
        parse_http_response({"status": 200, "body": {"content": "***", "encoded": "base64"}},
                            "4.0", source="p.json")
    assert err.value.path == "$.response.body.content"
    assert "base64" in str(err.value) and "p.json" in str(err.value)


# -- headers and query -------------------------------------------------------------------
def test_headers_split_only_known_multi_value_headers():
    req = parse_http_request({"path": "/", "headers": {
        "Accept": "text/html, application/json",
        "Date": "Sun, 12 Mar 2023 01:21:35 GMT",
        "X-Json": '{"a":1,"b":2}',
        "X-List": ["a, b", "c"],
    }}, "2.0")
    assert req.headers["Accept"] == ["text/html", "application/json"]
    assert req.headers["Date"] == ["Sun, 12 Mar 2023 01:21:35 GMT"]
    assert req.headers["X-Json"] == ['{"a":1,"b":2}']
    assert req.headers["X-List"] == ["a, b", "c"]


def test_v2_query_string_is_decoded_multimap_in_order():
    req = parse_http_request({"path": "/", "query": "b=2&a=x%20y&b=1&flag&c=a+b&d=%zz"}, "2.0")
    assert list(req.query) == ["b", "a", "flag", "c", "d"]
    assert req.query == {"b": ["2", "1"], "a": ["x y"], "flag": [None], "c": ["a b"],
                         "d": ["%zz"]}
    assert req.query_given


def test_v3_query_object_and_absent_query():
    req = parse_http_request({"path": "/", "query": {"a": ["1", "2"], "b": "x%20"}}, "3.0")
    assert req.query == {"a": ["1", "2"], "b": ["x%20"]}
    assert not parse_http_request({"path": "/"}, "3.0").query_given


# -- matching rules ----------------------------------------------------------------------
def test_v2_flat_rules_become_categories():
    rules = parse_matching_rules({
        "$.body.items[*].id": {"match": "type"},
        "$.body": {"min": 1},
        "$.headers.Content-Type": {"regex": "application/.*"},
        "$.headers['X-Id']": {"match": "regex", "regex": "\\d+"},
        "$.query.q": {"match": "regex", "regex": "a|b"},
        "$.path": {"regex": "/users/\\d+"},
    }, "2.0")
    assert rules.category("body")["$.items[*].id"].rules[0].kind == "type"
    root = rules.category("body")["$"].rules[0]
    assert (root.kind, root.get("min")) == ("type", 1)
    assert rules.category("header")["Content-Type"].rules[0].kind == "regex"
    assert rules.category("header")["X-Id"].rules[0].get("regex") == "\\d+"
    assert rules.category("query")["q"].rules[0].kind == "regex"
    assert rules.category("path")[""].rules[0].get("regex") == "/users/\\d+"


def test_v3_rules_with_combine_aliases_and_pathless_categories():
    rules = parse_matching_rules({
        "body": {"$.a": {"combine": "OR", "matchers": [{"match": "timestamp", "timestamp": "yyyy"},
                                                        {"match": "null"}]}},
        "headers": {"X": {"matchers": [{"match": "regex", "regex": "x"}]}},
        "path": {"combine": "AND", "matchers": [{"match": "regex", "regex": "/p"}]},
        "status": {"matchers": [{"match": "statusCode", "status": "success"}]},
    }, "3.0")
    body = rules.category("body")["$.a"]
    assert body.combine == "OR" and [r.kind for r in body.rules] == ["timestamp", "null"]
    assert "X" in rules.category("header")
    assert rules.category("path")[""].rules[0].kind == "regex"
    assert rules.category("status")[""].rules[0].get("status") == "success"


def test_message_rule_categories_content_and_contents_read_as_body():
    msg = parse_message_contents({
        "contents": {"a": 1}, "metaData": {"contentType": "application/json"},
        "matchingRules": {"content": {"$.a": {"matchers": [{"match": "integer"}]}},
                          "metadata": {"k": {"matchers": [{"match": "type"}]}}},
    }, "3.0")
    assert msg.matching_rules.category("body")["$.a"].rules[0].kind == "integer"
    assert "k" in msg.matching_rules.category("metadata")
    assert msg.metadata == {"contentType": "application/json"}
    assert msg.contents.json_value() == {"a": 1}


def test_invalid_regex_names_file_and_json_path():
    with pytest.raises(MatcherDefinitionError) as err:
        parse_http_response({"status": 200, "matchingRules": {
            "body": {"$.id": {"matchers": [{"match": "regex", "regex": "(unclosed"}]}}}},
            "4.0", source="users.json", path="$.interactions[0].response")
    assert err.value.path == "$.interactions[0].response.matchingRules.body['$.id'].matchers[0].regex"
    assert str(err.value).startswith("users.json: at $.interactions[0].response")
    assert "(unclosed" in str(err.value)


def test_java_regex_constructs_are_accepted():
    parse_matching_rules({"body": {"$.a": {"matchers": [
        {"match": "regex", "regex": ".*(\\/\\Qpacts\\E\\/\\Q{provider}\\E)$"},
        {"match": "regex", "regex": "(?<year>\\d{4})-\\p{L}+"}]}}})
    assert python_regex("\\Qa.b\\E+") == "a\\.b+"


def test_rule_without_match_that_cannot_be_guessed():
    with pytest.raises(MatcherDefinitionError) as err:
        parse_matching_rules({"$.body.a": {"something": 1}}, "2.0", source="x")
    assert err.value.path == "$.matchingRules['$.body.a']"


def test_bad_rule_attributes_are_errors():
    with pytest.raises(MatcherDefinitionError) as err:
        parse_matching_rules({"body": {"$.a": {"matchers": [{"match": "type", "min": -1}]}}})
    assert err.value.path.endswith("matchers[0].min")
    with pytest.raises(PactFileError) as err:
        parse_matching_rules({"body": {"$.a": {"combine": "XOR", "matchers": []}}})
    assert err.value.path.endswith(".combine")
    with pytest.raises(MatcherDefinitionError) as err:
        parse_matching_rules({"body": {"$.a": {"matchers": [{"match": "eachValue", "rules": [
            {"match": "regex", "regex": "["}]}]}}})
    assert err.value.path.endswith("matchers[0].rules[0].regex")


@pytest.mark.usefixtures("fake_matchers")
def test_unknown_matcher_refused_when_registry_has_matchers():
    with pytest.raises(MatcherDefinitionError) as err:
        parse_matching_rules({"body": {"$.a": {"matchers": [{"match": "bogus"}]}}}, source="f.json")
    assert err.value.path == "$.matchingRules.body['$.a'].matchers[0].match"
    assert "'bogus'" in str(err.value) and "f.json" in str(err.value)
    parse_matching_rules({"body": {"$.a": {"matchers": [{"match": "semver"}]}}})


@pytest.mark.usefixtures("fake_matchers")
def test_matcher_validate_reason_is_raised():
    with pytest.raises(MatcherDefinitionError) as err:
        parse_matching_rules({"body": {"$.v": {"matchers": [{"match": "semver", "strict": True}]}}})
    assert "no 'strict' attribute" in str(err.value)


def test_unknown_matcher_accepted_without_registered_matchers():
    rules = parse_matching_rules({"body": {"$.a": {"matchers": [{"match": "fancyPlugin", "x": 1}]}}})
    assert rules.category("body")["$.a"].rules[0].get("x") == 1


def test_non_strict_reading_keeps_invalid_rules():
    rules = parse_matching_rules({"body": {"$.a": {"matchers": [{"match": "regex", "regex": "("}]}}},
                                 strict=False)
    assert rules.category("body")["$.a"].rules[0].get("regex") == "("


# -- generators --------------------------------------------------------------------------
def test_generators_by_category():
    gens = parse_generators({
        "body": {"$.id": {"type": "RandomInt", "min": 1, "max": 9}},
        "header": {"X-Id": {"type": "Uuid"}},
        "path": {"type": "ProviderState", "expression": "/users/${id}"},
        "status": {"type": "RandomInt", "min": 200, "max": 299},
    })
    assert gens.category("body")["$.id"].get("max") == 9
    assert gens.category("header")["X-Id"].kind == "Uuid"
    assert gens.category("path")[""].get("expression") == "/users/${id}"
    assert gens.category("status")[""].kind == "RandomInt"


def test_generator_without_type_names_path():
    with pytest.raises(MatcherDefinitionError) as err:
        parse_generators({"body": {"$.id": {"min": 1}}}, source="g.json")
    assert err.value.path == "$.generators.body['$.id'].type"


# -- wrong types -------------------------------------------------------------------------
@pytest.mark.parametrize("obj, path, expected", [
    ({"status": "200"}, "$.response.status", "expected an integer"),
    ({"status": 200, "headers": []}, "$.response.headers", "expected an object"),
    ({"status": 200, "headers": {"A": 1}}, "$.response.headers.A", "string or an array"),
    ({"status": 200, "headers": {"A": ["x", 2]}}, "$.response.headers.A[1]", "expected a string"),
    ({"status": 200, "matchingRules": []}, "$.response.matchingRules", "expected an object"),
    ({"status": 200, "generators": {"body": 3}}, "$.response.generators.body", "expected an object"),
    ({"status": 99}, "$.response.status", "HTTP status"),
])
def test_wrong_types_name_the_json_path(obj, path, expected):
    with pytest.raises(PactFileError) as err:
        parse_http_response(obj, "4.0", source="pact.json")
    assert err.value.path == path and expected in str(err.value)
    assert err.value.source == "pact.json"


def test_request_wrong_types():
    with pytest.raises(PactFileError) as err:
        parse_http_request({"method": 1}, "3.0")
    assert err.value.path == "$.request.method"
    with pytest.raises(PactFileError) as err:
        parse_http_request({"path": "/", "query": 5}, "3.0")
    assert err.value.path == "$.request.query"
    with pytest.raises(PactFileError) as err:
        parse_message_contents({"contents": {}, "metadata": "x"}, "4.0", path="$.messages[1]")
    assert err.value.path == "$.messages[1].metadata"


def test_unknown_members_are_kept_in_extra():
    req = parse_http_request({"path": "/", "x-note": {"a": 1}}, "4.0")
    resp = parse_http_response({"status": 201, "trailers": ["t"]}, "4.0")
    assert req.extra == {"x-note": {"a": 1}} and resp.extra == {"trailers": ["t"]}
    assert json.dumps(req.extra)  # still JSON
