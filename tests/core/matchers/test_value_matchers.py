"""Leaf value matchers: semantics and messages, including the reference core's behaviour notes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from polypact.matchers import STANDARD_MATCHERS, check_value, validate_rule
from polypact.model.rules import Rule
from polypact.testing import registry_with

TEXT = SimpleNamespace(text_values=True, path="$.a")
JSON = SimpleNamespace(text_values=False, path="$.a")


def ok(kind, actual, expected=None, context=JSON, **params):
    return check_value(Rule(kind, params), expected, actual, context) is None


def reason(kind, actual, expected=None, context=JSON, **params):
    return check_value(Rule(kind, params), expected, actual, context)


def test_every_standard_matcher_is_registered_through_the_hook():
    registry = registry_with()
    for name in ("equality", "regex", "type", "min", "max", "include", "integer", "decimal",
                 "number", "boolean", "null", "date", "time", "datetime", "timestamp",
                 "contentType", "notEmpty", "semver", "statusCode", "values", "eachKey",
                 "eachValue", "arrayContains"):
        assert registry.matcher(name) is STANDARD_MATCHERS[name]
        assert callable(getattr(registry.matcher(name), "validate", None))
    assert registry.owners["matchers"]["regex"] == "core"


# -- reference behaviour notes (pact-format.md) -------------------------------------------
@pytest.mark.parametrize("actual, passes", [
    (True, True), (False, True), ("true", True), ("false", True),
    ("TRUE", False), (1, False), (0, False), ("", False), (None, False),
])
def test_boolean_accepts_bools_and_their_lowercase_strings(actual, passes):
    assert ok("boolean", actual) is passes


def test_number_kinds_in_json_go_by_kind():
    assert ok("integer", 8) and not ok("integer", 8.0) and not ok("integer", True)
    assert ok("decimal", 8.0) and not ok("decimal", 8) and not ok("decimal", "8.5")
    assert ok("number", 8) and ok("number", 8.5) and not ok("number", "8")
    assert not ok("number", True)
    assert reason("integer", 100.1) == "Expected 100.1 (Decimal) to be an integer"
    assert reason("integer", []) == "Expected [] (Array) to be an integer"
    assert reason("decimal", None) == "Expected null (Null) to be a decimal number"
    assert reason("decimal", 100) == "Expected 100 (Integer) to be a decimal number"
    assert reason("number", "100X01") == "Expected '100X01' (String) to be a number"
    assert reason("number", True) == "Expected true (Boolean) to be a number"


def test_number_kinds_in_text_are_parsed():
    assert ok("number", "+9", context=TEXT) and ok("number", "100.4", context=TEXT)
    assert ok("integer", "+9", context=TEXT) and ok("integer", "100", context=TEXT)
    assert not ok("integer", "100.2", context=TEXT) and not ok("integer", "-5", context=TEXT)
    assert ok("decimal", "1234.0", context=TEXT) and not ok("decimal", "12a", context=TEXT)
    assert not ok("number", "100X01", context=TEXT)
    # without text context the same strings are refused
    assert not ok("number", "+9")


def test_regex_is_a_whole_value_match_and_applies_to_number_text():
    assert ok("regex", "123", regex=r"\d+")
    assert not ok("regex", "123abc", regex=r"\d+")
    assert not ok("regex", "a123", regex=r"\d+")
    assert ok("regex", 123, regex=r"\d+") and ok("regex", 1.5, regex=r"\d\.\d")
    assert ok("regex", True, regex="true|false")
    assert reason("regex", None, regex=".*") is not None
    assert reason("regex", "9999ABC", regex=r"\d{1,4}") == r"Expected '9999ABC' to match '\d{1,4}'"


def test_regex_in_java_syntax_as_pact_jvm_writes_it():
    # pact-jvm quotes literals with \\Q...\\E and names groups (?<name>...)
    assert ok("regex", "/pacts/provider/x", regex=r".*\/(\Qpacts\E\/\Qprovider\E\/.+)$")
    assert not ok("regex", "/pacts.provider/x", regex=r".*\/(\Qpacts\E\/\Qprovider\E\/.+)$")
    assert ok("regex", "2024-01", regex=r"(?<year>\d{4})-(?<month>\d{2})")
    assert validate_rule(Rule("regex", {"regex": r"\Qa.b\E"})) is None


def test_not_empty_accepts_zero_and_false():
    assert ok("notEmpty", 0) and ok("notEmpty", False) and ok("notEmpty", "x")
    assert ok("notEmpty", [1]) and ok("notEmpty", {"a": 1})
    for empty in ("", [], {}, None):
        assert not ok("notEmpty", empty)
    assert reason("notEmpty", "") == "Expected '' (String) to not be empty"
    assert reason("notEmpty", None) == "Expected non-empty value but got a NULL"


def test_type_compares_json_kinds():
    assert ok("type", 5, expected=1.5) and ok("type", 1.5, expected=5)
    assert not ok("type", True, expected=1) and not ok("type", 1, expected=True)
    assert ok("type", [1, 2, 3], expected=[1]) and ok("type", {}, expected={"a": 1})
    assert not ok("type", {}, expected=[]) and not ok("type", None, expected="a")
    assert ok("type", None, expected=None)
    assert reason("type", 100, expected="a") == (
        "Expected 100 (Integer) to be the same type as 'a' (String)"
    )
    assert ok("min", "x", expected="y", min=1) and ok("max", 2, expected=1, max=3)
    assert ok("type", "abc", expected=5, context=TEXT)


def test_equality_by_json_kind():
    assert ok("equality", {"a": [1, "x"]}, expected={"a": [1, "x"]})
    assert not ok("equality", 1.0, expected=1) and not ok("equality", True, expected=1)
    assert reason("equality", "Lovely", expected="OK") == (
        "Expected 'Lovely' (String) to be equal to 'OK' (String)"
    )
    assert ok("equality", "a", expected="a", context=TEXT)
    assert not ok("equality", "b", expected="a", context=TEXT)


def test_include_null_and_messages():
    assert ok("include", "cat", value="a") and not ok("include", "dog", value="a")
    assert ok("include", 1234, value="23")
    assert reason("include", "dog", value="a") == "Expected 'dog' to include 'a'"
    assert ok("null", None) and not ok("null", "")
    assert reason("null", "") == "Expected '' (String) to be a null value"
    assert reason("boolean", "") == "Expected '' (String) to match a boolean"


def test_dates_times_and_datetimes():
    assert ok("date", "2023-07-19", format="yyyy-MM-dd")
    assert ok("date", "1990-4-18", format="yyyy-MM-dd")  # lenient zero padding
    assert reason("date", "23/07/19", format="yyyy-MM-dd") == (
        "Expected '23/07/19' to match a date pattern of 'yyyy-MM-dd'"
    )
    assert ok("date", "2023-07-19")  # default format
    assert not ok("date", "2023-02-30")
    assert ok("time", "23:59:59") and not ok("time", "24:00:00")
    assert ok("time", "10:15", format="HH:mm")
    # datetime without a format requires an offset
    assert ok("datetime", "2024-01-02T10:11:12+01:00")
    assert ok("datetime", "2024-01-02T10:11:12Z")
    assert not ok("datetime", "2024-01-02T10:11:12")
    assert ok("timestamp", "2024-01-02T10:11:12.123-05:00", format="yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
    assert ok("datetime", "Tue, 02 Jan 2024 10:11:12 GMT", format="EEE, dd MMM yyyy HH:mm:ss z")
    assert not ok("date", 20240102, format="yyyyMMdd")  # not a string
    # the format may also be given under the rule's own name (older writers)
    assert ok("date", "02/01/2024", date="dd/MM/yyyy")


def test_content_type_sniffing(shared_dir):
    fixtures = shared_dir / "pact-compat-suite" / "fixtures"
    jpeg = (fixtures / "rat.jpg").read_bytes()
    pdf = (fixtures / "sample.pdf").read_bytes()
    assert ok("contentType", jpeg, value="image/jpeg")
    assert reason("contentType", pdf, value="image/jpeg") == (
        "Expected binary contents to have content type 'image/jpeg' "
        "but detected contents was 'application/pdf'"
    )
    assert ok("contentType", b"\x89PNG\r\n\x1a\n....", value="image/png")
    assert ok("contentType", b"GIF89a...", value="image/gif")
    assert ok("contentType", b"PK\x03\x04rest", value="application/zip")
    assert ok("contentType", b'{"a": 1}', value="application/json")
    assert ok("contentType", b"<?xml version='1.0'?><a/>", value="application/xml")
    assert ok("contentType", b"<a><b/></a>", value="text/xml")
    assert ok("contentType", b"hello there", value="text/plain")
    assert not ok("contentType", b"hello there", value="application/json")
    import base64

    assert ok("contentType", base64.b64encode(jpeg[:64]).decode(), value="image/jpeg")


def test_semver():
    for good in ("1.0.0", "0.1.2-rc.1", "10.20.30+build.5", "1.0.0-alpha.beta+exp.sha.5114f85"):
        assert ok("semver", good), good
    for bad in ("1", "1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0-01", 100, None):
        assert not ok("semver", bad), bad


@pytest.mark.parametrize("status, code, passes", [
    ("info", 101, True), ("information", 199, True), ("info", 200, False),
    ("success", 204, True), ("success", 404, False), ("redirect", 302, True),
    ("clientError", 404, True), ("clientError", 500, False), ("serverError", 503, True),
    ("nonError", 399, True), ("nonError", 400, False), ("error", 400, True), ("error", 200, False),
    ([200, 201], 201, True), ([200, 201], 202, False), ("success", "200", True),
])
def test_status_code_classes(status, code, passes):
    assert ok("statusCode", code, status=status) is passes


def test_structural_rules_pass_on_scalars():
    for kind in ("values", "eachKey", "eachValue"):
        assert ok(kind, "anything")
    assert ok("arrayContains", [1], variants=[])


@pytest.mark.parametrize("rule, fragment", [
    (Rule("regex", {"regex": "(unclosed"}), "not a valid regular expression"),
    (Rule("regex"), "needs a 'regex'"),
    (Rule("date", {"format": "yyyy-MM-ddTHH"}), "unknown pattern letter 'T'"),
    (Rule("datetime", {"format": "yyyy-MM-dd'T"}), "unterminated quote"),
    (Rule("time", {"format": "HHH:mm"}), "too many pattern letters"),
    (Rule("statusCode", {"status": "teapot"}), "'status' must be one of"),
    (Rule("type", {"min": -1}), "non-negative"),
    (Rule("type", {"min": 3, "max": 1}), "greater than"),
    (Rule("include"), "string 'value'"),
    (Rule("contentType", {"value": "jpeg"}), "media type"),
    (Rule("arrayContains"), "'variants'"),
    (Rule("eachKey", {"rules": "x"}), "list of matcher definitions"),
    (Rule("nope"), "unknown matcher"),
])
def test_rule_validation_names_the_problem(rule, fragment):
    problem = validate_rule(rule)
    assert problem is not None and fragment in problem


def test_valid_rules_validate():
    for rule in (Rule("regex", {"regex": r"\d+"}), Rule("date", {"format": "dd/MM/yyyy"}),
                 Rule("statusCode", {"status": [200, 201]}), Rule("type", {"min": 1, "max": 2}),
                 Rule("datetime"), Rule("semver"), Rule("eachKey", {"rules": [{"match": "type"}]})):
        assert validate_rule(rule) is None, rule
