"""The safe HTML builder and the text formatters (XML, GraphQL, bodies)."""

from __future__ import annotations

import base64

import pytest

pytest.importorskip("sqlalchemy", reason="the broker needs polypact[broker]")

from polypact_broker.ui.html import Safe, esc, link, safe_href, tag  # noqa: E402
from polypact_broker.ui.render.bodies import MAX_TEXT, view_body  # noqa: E402
from polypact_broker.ui.render.graphqltext import pretty_graphql  # noqa: E402
from polypact_broker.ui.render.xmltext import pretty_xml  # noqa: E402

from tests.broker.ui.htmldoc import parse  # noqa: E402

HOSTILE = '<script>alert("x")</script>\' onload="evil()'


def test_text_and_attribute_values_are_escaped():
    markup = tag("p", HOSTILE, title=HOSTILE, class_="c")
    assert "<script>" not in markup and 'onload="evil' not in markup
    doc = parse(markup)
    p = doc.find("p")
    assert p.text == HOSTILE  # the browser sees the text, unchanged
    assert p.attrs["title"] == HOSTILE
    assert p.attrs["class"] == "c"
    assert doc.find_all("script") == []


def test_safe_markup_is_not_escaped_twice_and_nests():
    inner = tag("b", "a & b")
    outer = tag("div", inner, "c < d", [tag("i", 1), None, 2.5])
    assert outer == "<div><b>a &amp; b</b>c &lt; d<i>1</i>2.5</div>"
    assert isinstance(outer, Safe)
    assert esc(inner) is inner


def test_boolean_and_none_attributes():
    assert tag("option", "x", selected=True, disabled=False, value=None) == "<option selected>x</option>"
    assert tag("meta", charset="utf-8") == '<meta charset="utf-8">'
    assert tag("line", x1=1, marker_end="url(#a)", data_kind="HTTP", for_="f") == \
        '<line x1="1" marker-end="url(#a)" data-kind="HTTP" for="f"></line>'


@pytest.mark.parametrize(("url", "allowed"), [
    ("/ui/pacticipants/a", True), ("https://ci.example/build/1", True), ("http://x", True),
    ("javascript:alert(1)", False), (" JavaScript:alert(1)", False), ("data:text/html,x", False),
    ("//evil.example/x", False), ("vbscript:x", False), ("", False), (None, False),
])
def test_only_relative_and_http_links_are_made(url, allowed):
    assert (safe_href(url) is not None) is allowed
    made = link(url, "label")
    assert ("<a " in made) is allowed
    assert "label" in made


def test_xml_is_indented_without_expanding_entities():
    text = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            '<a xmlns:p="urn:p"><p:b>1</p:b><c><d/><e k="v">t &e;</e></c><!-- note --></a>')
    lines = pretty_xml(text).splitlines()
    assert lines[0] == '<?xml version="1.0"?>'
    assert lines[2:] == ['<a xmlns:p="urn:p">', '  <p:b>1</p:b>', '  <c>', '    <d/>',
                         '    <e k="v">t &e;</e>', '  </c>', '  <!-- note -->', '</a>']


def test_xml_that_does_not_nest_is_shown_as_written():
    assert pretty_xml("<a><b></a>") == "<a><b></a>"
    assert pretty_xml("</a><a>") == "</a><a>"


def test_graphql_is_formatted_one_selection_per_line():
    text = ('query Q($id: ID!, $n: Int = 5) { user(id: $id, filter: {a: [1, 2]}) '
            '{ id ...F ... on Admin @include(if: true) { level } posts(first: $n) '
            '{ title } } } fragment F on User { name }')
    assert pretty_graphql(text) == "\n".join([
        "query Q($id: ID!, $n: Int = 5) {",
        "  user(id: $id, filter: {a: [1, 2]}) {",
        "    id",
        "    ...F",
        "    ... on Admin @include(if: true) {",
        "      level",
        "    }",
        "    posts(first: $n) {",
        "      title",
        "    }",
        "  }",
        "}",
        "",
        "fragment F on User {",
        "  name",
        "}",
    ])


def test_graphql_keeps_strings_and_comments_and_rejects_garbage():
    out = pretty_graphql('{ a(s: "x { y } \\" z") # why\n b }')
    assert 'a(s: "x { y } \\" z")' in out and "# why" in out and out.endswith("}")
    assert pretty_graphql("{ a ") == "{ a "  # unbalanced: as written
    assert pretty_graphql("{ a % }") == "{ a % }"  # not GraphQL: as written


def test_bodies_are_decoded_and_pretty_printed_by_content_type():
    json_view = view_body({"content": {"a": [1]}, "contentType": "application/json", "encoded": False})
    assert json_view.text == '{\n  "a": [\n    1\n  ]\n}' and json_view.value == {"a": [1]}
    text_json = view_body('{"b":1}', "application/vnd.api+json; charset=utf-8")
    assert text_json.text == '{\n  "b": 1\n}'
    xml64 = base64.b64encode(b"<a><b>1</b></a>").decode()
    assert view_body({"content": xml64, "contentType": "text/xml", "encoded": "base64"}).text == \
        "<a>\n  <b>1</b>\n</a>"
    binary = view_body({"content": base64.b64encode(bytes(range(12))).decode(),
                        "contentType": "application/protobuf", "encoded": "base64"})
    assert binary.text is None and binary.size == 12 and binary.note == "binary"
    form = view_body("a=1&b=x+y", "application/x-www-form-urlencoded")
    assert form.text == "a = 1\nb = x y"
    encoded_json = view_body({"content": '{"c": 2}', "contentType": "application/json", "encoded": "JSON"})
    assert encoded_json.value == {"c": 2}
    assert view_body(None) is None
    assert view_body({"b": 1}).content_type == "application/json"  # V3 raw JSON body


def test_huge_bodies_are_cut_with_a_note():
    view = view_body("x" * (MAX_TEXT + 10), "text/plain")
    assert len(view.text) == MAX_TEXT and view.note and view.size == MAX_TEXT + 10
