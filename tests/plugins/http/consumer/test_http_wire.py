"""The HTTP/1.1 wire layer: incremental parsing, chunked bodies, response encoding."""

from __future__ import annotations

import pytest
from polypact.model import BodyState
from polypact_http.wire import (
    BadRequest,
    RequestParser,
    encode_response,
    headers_multimap,
    parse_query,
    split_target,
    to_model_request,
)


def test_request_split_across_feeds_completes_once():
    parser = RequestParser()
    data = b"POST /a?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
    done = []
    for i in range(len(data)):
        done += parser.feed(data[i : i + 1])
    assert len(done) == 1
    assert (done[0].method, done[0].target, done[0].body) == ("POST", "/a?x=1", b"hello")


def test_pipelined_requests_are_all_returned_in_order():
    parser = RequestParser()
    data = (
        b"GET /one HTTP/1.1\r\nHost: h\r\n\r\n"
        b"PUT /two HTTP/1.1\r\nContent-Length: 2\r\n\r\nok"
        b"GET /three HTTP/1.1\r\n\r\n"
    )
    requests = parser.feed(data)
    assert [r.target for r in requests] == ["/one", "/two", "/three"]
    assert requests[1].body == b"ok"


def test_chunked_body_with_extensions_and_trailers():
    parser = RequestParser()
    head = b"POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
    assert parser.feed(head + b"3;ext=1\r\nabc\r\n") == []
    assert parser.feed(b"4\r\ndefg\r\n0\r\n") == []
    [request] = parser.feed(b"X-Trailer: t\r\n\r\n")
    assert request.body == b"abcdefg"


def test_expect_continue_is_flagged_before_the_body_arrives():
    parser = RequestParser()
    parser.feed(b"POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
    assert parser.wants_continue


@pytest.mark.parametrize(
    "data",
    [
        b"GARBAGE\r\n\r\n",
        b"GET / HTTP/1.1\r\nno-colon-here\r\n\r\n",
        b"POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ],
)
def test_malformed_requests_raise_bad_request(data):
    with pytest.raises(BadRequest):
        RequestParser().feed(data)


def test_keep_alive_rules():
    parser = RequestParser()
    r11, r11close, r10, r10ka = parser.feed(
        b"GET / HTTP/1.1\r\n\r\n"
        b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n"
        b"GET / HTTP/1.0\r\n\r\n"
        b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
    )
    assert [r.keep_alive for r in (r11, r11close, r10, r10ka)] == [True, False, False, True]


def test_query_is_decoded_into_a_multimap_keeping_value_order():
    assert parse_query("b=2&a=x%20y&b=1&flag&c=a+b") == {
        "b": ["2", "1"], "a": ["x y"], "flag": [None], "c": ["a b"],
    }
    assert split_target("http://host:1/p/q?x=1#frag") == ("/p/q", "x=1")
    assert split_target("/p") == ("/p", None)


def test_list_headers_split_on_commas_other_headers_do_not():
    headers = headers_multimap([
        ("Accept", "application/json, text/plain"),
        ("Date", "Tue, 15 Nov 1994 08:12:31 GMT"),
        ("X-Many", "a"),
        ("x-many", "b"),
    ])
    assert headers == {
        "Accept": ["application/json", "text/plain"],
        "Date": ["Tue, 15 Nov 1994 08:12:31 GMT"],
        "X-Many": ["a", "b"],
    }


def test_model_request_decodes_path_and_distinguishes_missing_from_empty_body():
    get, post, put = RequestParser().feed(
        b"GET /a%20b/c?q=1 HTTP/1.1\r\n\r\n"
        b"POST /x HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
        b"PUT /y HTTP/1.1\r\nContent-Length: 0\r\n\r\n"
    )
    model = to_model_request(get)
    assert (model.method, model.path, model.query) == ("GET", "/a b/c", {"q": ["1"]})
    assert model.body.state is BodyState.MISSING
    posted = to_model_request(post)
    assert posted.body.json_value() == {"a": 1}
    assert posted.body.content_type == "application/json"
    assert to_model_request(put).body.state is BodyState.EMPTY


def test_encode_response_sets_length_and_drops_framing_headers():
    data = encode_response(201, [("X-A", "1"), ("Content-Length", "999")], b"abc", keep_alive=False)
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    assert lines[0] == "HTTP/1.1 201 Created"
    assert "Content-Length: 3" in lines and "Content-Length: 999" not in lines
    assert "Connection: close" in lines
    assert body == b"abc"
    assert encode_response(204, [], b"ignored").endswith(b"\r\n\r\n")
    assert encode_response(200, [], b"xyz", head_only=True).endswith(b"Content-Length: 3\r\n\r\n")
