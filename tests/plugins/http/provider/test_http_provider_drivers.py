"""The in-process WSGI and ASGI drivers and target detection."""

from __future__ import annotations

import pytest
from polypact.errors import UsageError
from polypact.model import Body, HttpRequest
from polypact.transport import ProviderConfig
from polypact_http.asgi import AsgiDriver, is_asgi_app
from polypact_http.provider import HttpProviderClient, encode_query, header_pairs
from polypact_http.wsgi import build_environ, call_wsgi


def test_environ_follows_pep_3333():
    env = build_environ("post", "/caf\u00e9/1", "a=1&b=x%20y",
                        [("Content-Type", "application/json"), ("X-Tag", "a"), ("X-Tag", "b")], b'{"x":1}')
    assert env["REQUEST_METHOD"] == "POST"
    assert env["PATH_INFO"] == "/caf\u00e9/1".encode().decode("latin-1")
    assert env["QUERY_STRING"] == "a=1&b=x%20y"
    assert env["CONTENT_TYPE"] == "application/json" and env["CONTENT_LENGTH"] == "7"
    assert env["HTTP_X_TAG"] == "a,b"
    assert env["wsgi.input"].read() == b'{"x":1}'


def test_wsgi_write_callable_and_close_are_honoured():
    closed = []

    class Result(list):
        def close(self):
            closed.append(True)

    def app(environ, start_response):
        write = start_response("201 Created", [("X-A", "1")])
        write(b"head-")
        return Result([b"tail"])

    assert call_wsgi(app, build_environ("GET", "/", "", [], b"")) == (201, [("X-A", "1")], b"head-tail")
    assert closed == [True]


def test_query_and_headers_are_encoded_for_the_wire():
    assert encode_query({"q": ["a b", "c&d"], "flag": [None], "e": ["é"]}) == "q=a%20b&q=c%26d&flag&e=%C3%A9"
    req = HttpRequest("POST", "/", headers={"Accept": ["a", "b"], "Content-Length": ["99"]},
                      body=Body.from_json({"a": 1}))
    assert header_pairs(req) == [("Accept", "a, b"), ("Content-Type", "application/json")]


async def plain_asgi(scope, receive, send):
    assert scope["type"] == "http"  # no lifespan support: raises for lifespan scopes
    await receive()
    await send({"type": "http.response.start", "status": 418,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": scope["path"].encode() + b"?" + scope["query_string"]})


class ClassApp:
    """An ASGI app as an object with ``async def __call__`` that ignores lifespan."""

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def test_asgi_detection():
    assert is_asgi_app(plain_asgi) and is_asgi_app(ClassApp())
    assert not is_asgi_app(lambda environ, start_response: [])


@pytest.mark.parametrize("app", [plain_asgi, ClassApp()], ids=["function", "object"])
def test_asgi_driver_without_lifespan_support(app):
    driver = AsgiDriver(app)
    try:
        status, headers, data = driver.request("GET", "/tea pot", "x=1", [], b"")
    finally:
        driver.close()
    assert driver.loop.is_closed()
    if app is plain_asgi:
        assert (status, data) == (418, b"/tea pot?x=1")
        assert headers == [("content-type", "text/plain")]
    else:
        assert (status, data) == (200, b"ok")


def test_asgi_app_that_never_starts_a_response_is_an_error():
    async def silent(scope, receive, send):
        return None

    driver = AsgiDriver(silent)
    with pytest.raises(RuntimeError, match="without sending http.response.start"):
        driver.request("GET", "/", "", [], b"")
    driver.close()


def test_unsupported_targets_are_usage_errors():
    with pytest.raises(UsageError, match="not an http\\(s\\) URL"):
        HttpProviderClient(ProviderConfig(target="localhost:8000"))
    with pytest.raises(UsageError, match="base URL or a WSGI/ASGI app, not int"):
        HttpProviderClient(ProviderConfig(target=8000))
