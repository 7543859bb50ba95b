"""HTTP consumer tests against the real mock: every body kind, query and headers, written
to a pact file with the right content types and rules."""

from __future__ import annotations

import json
import urllib.request

import requests
from polypact.dsl import like, regex


def urlopen(request_or_url, data=None):
    with urllib.request.urlopen(request_or_url, data=data, timeout=5) as response:
        return response.status, dict(response.headers), response.read()


def test_json_request_with_query_and_headers_round_trips_and_is_written(pact, read_written):
    (pact.upon_receiving("a search for users")
        .given("users exist", count=2)
        .with_request("GET", "/users", query={"name": "Ann", "tag": ["a", "b"]},
                      headers={"Accept": "application/json"})
        .will_respond_with(200, body={"users": [{"id": 1, "name": "Ann"}]}))
    with pact.serve() as mock:
        req = urllib.request.Request(f"{mock.url}/users?tag=a&name=Ann&tag=b",
                                     headers={"Accept": "application/json"})
        status, headers, body = urlopen(req)
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"users": [{"id": 1, "name": "Ann"}]}
    [interaction] = read_written()["interactions"]
    assert interaction["type"] == "Synchronous/HTTP"
    assert interaction["providerStates"] == [{"name": "users exist", "params": {"count": 2}}]
    request = interaction["request"]
    assert request["method"] == "GET" and request["path"] == "/users"
    assert request["query"] == {"name": ["Ann"], "tag": ["a", "b"]}
    assert request["headers"] == {"Accept": ["application/json"]}
    response = interaction["response"]
    assert response["body"]["content"] == {"users": [{"id": 1, "name": "Ann"}]}
    assert response["body"]["contentType"] == "application/json"


def test_json_request_body_matches_regardless_of_key_order(pact, read_written):
    (pact.upon_receiving("create a user")
        .with_request("POST", "/users", body={"name": "Ann", "email": "a@example.com"})
        .will_respond_with(201, body={"id": like(7)}))
    with pact.serve() as mock:
        response = requests.post(f"{mock.url}/users", json={"email": "a@example.com", "name": "Ann"}, timeout=5)
    assert response.status_code == 201 and response.json() == {"id": 7}
    written = read_written()["interactions"][0]
    assert written["request"]["headers"]["Content-Type"] == ["application/json"]
    assert written["request"]["body"]["content"] == {"name": "Ann", "email": "a@example.com"}


def test_text_bodies_both_ways(pact, read_written):
    (pact.upon_receiving("an echo")
        .with_request("POST", "/echo", body="hello", headers={"Content-Type": "text/plain"})
        .will_respond_with(200, body="hello back"))
    with pact.serve() as mock:
        req = urllib.request.Request(f"{mock.url}/echo", data=b"hello", headers={"Content-Type": "text/plain"})
        status, headers, body = urlopen(req)
    assert (status, body) == (200, b"hello back")
    assert headers["Content-Type"] == "text/plain"
    written = read_written()["interactions"][0]
    assert written["response"]["body"]["content"] == "hello back"
    assert written["response"]["body"]["contentType"] == "text/plain"


def test_xml_bodies_with_an_xml_content_type(pact, read_written):
    xml_in = '<?xml version="1.0"?><user id="1"><name>Ann</name></user>'
    (pact.upon_receiving("an XML update")
        .with_request("PUT", "/users/1", body=xml_in, content_type="application/xml")
        .will_respond_with(200, body="<ok/>", content_type="application/xml"))
    with pact.serve() as mock:
        req = urllib.request.Request(f"{mock.url}/users/1", method="PUT", data=xml_in.encode(),
                                     headers={"Content-Type": "application/xml"})
        status, headers, body = urlopen(req)
    assert (status, body, headers["Content-Type"]) == (200, b"<ok/>", "application/xml")
    written = read_written()["interactions"][0]
    assert written["request"]["body"]["contentType"] == "application/xml"
    assert written["request"]["body"]["content"] == xml_in


def test_form_body_with_a_matcher(pact, read_written):
    (pact.upon_receiving("a login form")
        .with_request("POST", "/login", form={"user": "ann", "token": regex(r"[0-9a-f]{8}", "deadbeef")})
        .will_respond_with(204))
    with pact.serve() as mock:
        response = requests.post(f"{mock.url}/login", data={"user": "ann", "token": "0123abcd"}, timeout=5)
    assert response.status_code == 204
    request = read_written()["interactions"][0]["request"]
    assert request["headers"]["Content-Type"] == ["application/x-www-form-urlencoded"]
    assert request["body"]["content"] == "user=ann&token=deadbeef"
    assert request["matchingRules"]["body"]["$.token"]["matchers"] == [
        {"match": "regex", "regex": "[0-9a-f]{8}"}
    ]


def test_multipart_upload_with_any_boundary(pact, read_written):
    (pact.upon_receiving("an avatar upload")
        .with_request("POST", "/avatar", multipart={
            "user": "ann",
            "file": ("avatar.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 16, "image/png"),
        })
        .will_respond_with(201))
    with pact.serve() as mock:
        png = b"\x89PNG\r\n\x1a\n" + b"\1" * 40  # another PNG: the contentType rule allows it
        response = requests.post(f"{mock.url}/avatar", data={"user": "ann"},
                                 files={"file": ("me.png", png, "image/png")}, timeout=5)
    assert response.status_code == 201, response.text
    request = read_written()["interactions"][0]["request"]
    assert request["headers"]["Content-Type"][0].startswith("multipart/form-data; boundary=")
    rules = request["matchingRules"]
    assert rules["header"]["Content-Type"]["matchers"][0]["match"] == "regex"
    assert rules["body"]["$.file"]["matchers"] == [{"match": "contentType", "value": "image/png"}]


def test_binary_bodies_both_ways(pact, read_written):
    blob = bytes(range(256))
    (pact.upon_receiving("a binary round trip")
        .with_request("POST", "/blob", body=blob)
        .will_respond_with(200, body=b"\x00\xffdata", content_type="application/pdf"))
    with pact.serve() as mock:
        req = urllib.request.Request(f"{mock.url}/blob", data=blob,
                                     headers={"Content-Type": "application/octet-stream"})
        status, headers, body = urlopen(req)
    assert (status, body, headers["Content-Type"]) == (200, b"\x00\xffdata", "application/pdf")
    written = read_written()["interactions"][0]
    assert written["request"]["body"]["contentType"] == "application/octet-stream"
    assert written["request"]["body"]["encoded"] == "base64"


def test_keep_alive_session_reuses_one_connection(pact):
    for i in range(3):
        (pact.upon_receiving(f"item {i}")
            .with_request("GET", f"/items/{i}")
            .will_respond_with(200, body={"i": i}))
    with pact.serve() as mock, requests.Session() as session:
        got = [session.get(f"{mock.url}/items/{i}", timeout=5).json()["i"] for i in range(3)]
    assert got == [0, 1, 2]
