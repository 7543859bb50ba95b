"""Every endpoint refuses malformed JSON, wrong types and oversized bodies with a 4xx and
a reason, never a 500 (explicit cases, then generated bodies through the WSGI app)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polypact_broker.config import BrokerConfig
from polypact_broker.server import running_broker
from polypact_broker.web.app import BrokerApp

from tests.broker.helpers import call, make_pact

WRITES = [
    ("POST", "/contracts/publish"),
    ("PUT", "/pacts/provider/users/consumer/web/version/1"),
    ("POST", "/pacts/provider/users/for-verification"),
    ("PUT", "/pacticipants/web"),
    ("PATCH", "/pacticipants/web"),
    ("POST", "/pacticipants"),
    ("PUT", "/pacticipants/web/versions/1"),
    ("POST", "/environments"),
    ("POST", "/webhooks"),
    ("PATCH", "/deployed-versions/00000000-0000-0000-0000-000000000000"),
]


@pytest.fixture(scope="module")
def small_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A broker with a 64 KiB body limit."""
    db = tmp_path_factory.mktemp("bad") / "b.sqlite"
    with running_broker(BrokerConfig(database_url=str(db), max_body_bytes=64 * 1024)) as (url, _app):
        yield url


@pytest.mark.parametrize(("method", "path"), WRITES)
@pytest.mark.parametrize("raw", [b"{not json", b'{"a": 1,}', b"\xff\xfe", b"[1, 2", b'"\\ud800'],
                         ids=["syntax", "trailing-comma", "not-utf8", "unclosed", "bad-escape"])
def test_malformed_json_is_400_with_the_position(small_broker, method, path, raw):
    status, body = call(method, small_broker + path, raw=raw)
    assert 400 <= status < 500, body
    assert body["error"]["message"]


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_wrong_json_types_are_4xx(small_broker, method, path):
    for doc in ([1, 2], "text", 42, None, {"name": 7, "pacticipantName": ["x"], "events": "all",
                                           "consumerVersionSelectors": "main", "success": "yes",
                                           "branch": 5, "mainBranch": 3, "currentlyDeployed": "no"}):
        status, body = call(method, small_broker + path, raw=json.dumps(doc).encode())
        assert 400 <= status < 500, (doc, body)


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_oversized_bodies_are_413(small_broker, method, path):
    big = json.dumps({"padding": "x" * (70 * 1024)}).encode()
    status, body = call(method, small_broker + path, raw=big)
    assert status == 413
    assert "over the limit" in body["error"]["message"]


def test_deeply_nested_json_is_400(small_broker):
    status, body = call("PUT", small_broker + "/pacts/provider/u/consumer/w/version/1",
                        raw=b"[" * 20000 + b"]" * 20000)
    assert status == 400


@pytest.mark.parametrize(("field", "value", "reason"), [
    ("interactions", "nope", "interactions"),
    ("consumer", None, "consumer.name is required"),
    ("metadata", {"pactSpecification": {"version": "banana"}}, "version"),
])
def test_malformed_pacts_are_400_with_a_reason(small_broker, field, value, reason):
    pact = make_pact("web", "users", "x")
    pact[field] = value
    status, body = call("PUT", small_broker + "/pacts/provider/users/consumer/web/version/1", pact)
    assert status == 400
    assert reason in body["error"]["message"]


def test_publish_contracts_field_errors_name_the_field(small_broker):
    status, body = call("POST", small_broker + "/contracts/publish", {
        "pacticipantName": "web", "pacticipantVersionNumber": "1",
        "contracts": [{"consumerName": "web", "providerName": "users", "content": "!!!"}]})
    assert status == 400 and "contracts[0].content" in body["error"]["message"]
    status, body = call("POST", small_broker + "/contracts/publish", {"pacticipantName": "web"})
    assert status == 400 and body["errors"] == {"pacticipantVersionNumber": ["is required"]}


def test_unknown_paths_and_methods(small_broker):
    assert call("GET", small_broker + "/nope")[0] == 404
    status, body = call("DELETE", small_broker + "/contracts/publish")
    assert status == 405 and "POST" in body["error"]["message"]


def test_bad_query_strings_are_400(small_broker):
    assert call("GET", small_broker + "/matrix")[0] == 400
    assert call("GET", small_broker + "/matrix?q[][version]=1")[0] == 400
    assert call("GET", small_broker + "/can-i-deploy?pacticipant=web")[0] == 400


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["name", "pacticipantName", "pacticipantVersionNumber", "contracts",
                         "consumerVersionSelectors", "branch", "tags", "events", "request",
                         "success", "providerApplicationVersion", "content", "consumerName",
                         "providerName", "interactions", "consumer", "provider", "mainBranch",
                         "includeWipPactsSince", "includePendingStatus", "currentlyDeployed"]),
        inner, max_size=6),
    max_leaves=20)

ROUTES = WRITES + [("POST", "/pacts/provider/u/consumer/w/pact-version/abc/verification-results"),
                   ("PUT", "/webhooks/abc"), ("PUT", "/environments/abc")]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrokerApp]:
    """An in-process app (no server) for generated requests."""
    application = BrokerApp(BrokerConfig(database_url=str(tmp_path_factory.mktemp("fuzz") / "f.sqlite")))
    yield application
    application.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(ROUTES), doc=json_values)
def test_generated_bodies_never_cause_a_500(app, route, doc):
    method, path = route
    raw = json.dumps(doc).encode()
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "",
               "CONTENT_LENGTH": str(len(raw)), "CONTENT_TYPE": "application/json",
               "wsgi.input": io.BytesIO(raw), "wsgi.url_scheme": "http", "HTTP_HOST": "127.0.0.1"}
    response = app.handle(environ)
    assert response.status < 500, (route, doc, response.body)
