"""The human rendering of mismatches: namespace prefixes, a legend, no empty decorations."""

from __future__ import annotations

import pytest
from polypact.matching import match_body, render_mismatches
from polypact.matching.mismatch import Mismatch
from polypact.matching.render import Namespaces, describe_value, render_mismatch, show_bytes
from polypact.model import Body

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
EXPECTED = (f'<soap:Envelope xmlns:soap="{SOAP}"><soap:Body><u:GetUserResponse xmlns:u="urn:users">'
            '<u:user status="active"><u:id>1</u:id><u:name>Ann</u:name></u:user>'
            "</u:GetUserResponse></soap:Body></soap:Envelope>")
ACTUAL = (f'<s:Envelope xmlns:s="{SOAP}"><s:Body><x:GetUserResponse xmlns:x="urn:users">'
          '<x:user status="gone"><x:id>1</x:id></x:user></x:GetUserResponse></s:Body></s:Envelope>')


def soap_mismatches(ctx) -> list[Mismatch]:
    return match_body(Body.from_text(EXPECTED, "text/xml"), Body.from_text(ACTUAL, "text/xml"), ctx())


def test_soap_paths_use_prefixes_and_one_legend_line(ctx):
    found = soap_mismatches(ctx)
    # the structured path keeps the Pact rule-path form
    assert any(m.path.startswith(f"$['{SOAP}:Envelope']") for m in found)
    lines = render_mismatches(found).splitlines()
    assert len(lines) == len(found) + 1
    status = next(line for line in lines if "@status" in line)
    assert "$.soap:Envelope.soap:Body.users:GetUserResponse.users:user['@status']" in status
    assert "http" not in "\n".join(lines[:-1])
    assert lines[-1] == f"namespaces: soap = {SOAP}, users = urn:users"


def test_missing_child_renders_without_empty_decorations(ctx):
    missing = next(m for m in soap_mismatches(ctx) if "missing" in m.message)
    line = render_mismatch(missing)
    assert line.endswith("Expected child <users:name/> but was missing")
    assert "[]" not in line and "()" not in line and "null" not in line


@pytest.mark.parametrize("rule", [None, "", "  ", [], {}])
def test_no_empty_rule_brackets(rule):
    line = render_mismatch(Mismatch("body", "$.a", "Expected 1 but was 2", 1, 2, rule))
    assert line == "body $.a: Expected 1 but was 2"


def test_values_the_message_does_not_name_are_shown_once():
    line = render_mismatch(Mismatch("body", "$.a", "Type mismatch", {"id": 1}, None, "type"))
    assert line == 'body $.a: Type mismatch (expected {"id":1}, got null) [type]'
    line = render_mismatch(Mismatch("body", "$.a", "Expected 'x' but was 'y'", "x", "y", "equality"))
    assert line == "body $.a: Expected 'x' but was 'y' [equality]"
    line = render_mismatch(Mismatch("header", "", "", None, None, None))
    assert line == "header"


def test_json_paths_are_left_alone():
    text = render_mismatches([Mismatch("body", "$['a-b'].c[0]", "Expected 1 but was 2", 1, 2, "type")])
    assert text == "1. body $['a-b'].c[0]: Expected 1 but was 2 [type]"


def test_generated_prefixes_are_unique_and_well_known_ones_fixed():
    ns = Namespaces()
    assert ns.prefix("http://www.w3.org/2001/XMLSchema-instance") == "xsi"
    assert ns.prefix("http://example.com/a/users") == "users"
    assert ns.prefix("urn:other:users") == "ns1"
    assert ns.prefix("http://example.com/") == "ns2"
    assert ns.prefix("urn:xsd") == "ns3"
    path = ns.path("$['urn:other:users:item']['@http://www.w3.org/2001/XMLSchema-instance:type']")
    assert path == "$.ns1:item['@xsi:type']"


def test_json_type_mismatch_says_what_it_got_once(ctx):
    found = match_body(Body.from_text('{"user": {"id": 1}}', "application/json"),
                       Body.from_text('{"user": null}', "application/json"), ctx())
    assert [m.message for m in found] == ["Type mismatch: expected an object but got null"]
    found = match_body(Body.from_text('{"ids": [1]}', "application/json"),
                       Body.from_text('{"ids": "1"}', "application/json"), ctx())
    assert [m.message for m in found] == ['Type mismatch: expected an array but got a string "1"']


def test_describe_value_names_the_kind():
    assert [describe_value(v) for v in (None, True, 3, 1.5, "a", [1], {"a": 1})] == [
        "null", "a boolean true", "an integer 3", "a decimal 1.5", 'a string "a"',
        "an array [1]", 'an object {"a":1}']


# -- bytes -----------------------------------------------------------------------------------
UTF8_CONTROL = b"\x00\x07\x00\x0009"  # valid UTF-8, but control characters
NOT_UTF8 = b"\x00\x07\x00\x00\x30\xff"


def test_show_bytes_is_grouped_hex_with_the_length_and_truncates():
    assert show_bytes(UTF8_CONTROL) == "00070000 3039 (6 bytes)"
    assert show_bytes(b"\x01") == "01 (1 byte)"
    assert show_bytes(b"") == "(0 bytes)"
    long = show_bytes(bytes(range(40)))
    assert long == "00010203 04050607 08090a0b... (40 bytes)"


def test_binary_body_mismatch_does_not_repeat_what_the_message_gives_in_hex(ctx):
    expected = Body.from_bytes(UTF8_CONTROL, "application/octet-stream")
    actual = Body.from_bytes(NOT_UTF8, "application/octet-stream")
    [found] = match_body(expected, actual, ctx())
    line = render_mismatch(found)
    assert "000700003039" in line and "0007000030ff" in line  # the message's own hex summary
    assert "(expected" not in line and "got" not in line and "\\u0000" not in line
    assert line.endswith("[equality]")


def test_bytes_render_the_same_way_on_both_sides():
    # one side decodes as (unprintable) text, the other is not UTF-8: both become hex
    line = render_mismatch(Mismatch("body", "$", "Expected the body to be equal to the expected body",
                                    UTF8_CONTROL, NOT_UTF8, "equality"))
    assert "(expected 00070000 3039 (6 bytes), got 00070000 30ff (6 bytes))" in line
    # a readable side does not turn the other into text: still both hex
    line = render_mismatch(Mismatch("body", "$", "differs", b"abc", NOT_UTF8))
    assert "(expected 616263 (3 bytes), got 00070000 30ff (6 bytes))" in line
    # both readable text: shown as text, on both sides
    line = render_mismatch(Mismatch("body", "$", "differs", b"abc", b"abd"))
    assert '(expected "abc", got "abd")' in line
