"""The HTTP provider client against in-process WSGI/ASGI apps and a real local server."""

from __future__ import annotations

import pytest
from polypact.verifier import Verifier

from tests.plugins.http.provider.phelpers import (
    UsersApp,
    asgi_from_wsgi,
    body,
    get_user,
    http_interaction,
    serve,
    write_pact,
)


def _verify(pact_path, target, **transport):
    return Verifier("users").add_source(pact_path).provider_base_url(target, **transport).verify()


@pytest.fixture
def users_pact(tmp_path):
    return write_pact(tmp_path, [get_user(1, "Ann"), get_user(2, "Bob")])


def test_wsgi_app_verifies(users_pact):
    app = UsersApp()
    summary = _verify(users_pact, app)
    assert summary.success, summary.describe_failures()
    assert [r["path"] for r in app.requests] == ["/users/1", "/users/2"]


def test_wsgi_app_failure_names_the_path(users_pact):
    summary = _verify(users_pact, UsersApp(broken=True))
    assert not summary.success
    paths = {m.path for r in summary.failures for m in r.mismatches}
    assert any("name" in p for p in paths)
    assert "ANN" in summary.describe_failures()


def test_asgi_app_verifies_with_lifespan(users_pact):
    app = asgi_from_wsgi(UsersApp())
    summary = _verify(users_pact, app)
    assert summary.success, summary.describe_failures()
    assert app.lifespan_events == ["lifespan.startup", "lifespan.shutdown"]


def test_asgi_app_failure_is_reported(users_pact):
    summary = _verify(users_pact, asgi_from_wsgi(UsersApp(broken=True)))
    assert len(summary.failures) == 2


def test_real_server_verifies_over_one_kept_alive_connection(tmp_path):
    pact_path = write_pact(tmp_path, [get_user(i % 2 + 1, ["Ann", "Bob"][i % 2]) | {"description": f"req {i}"} for i in range(20)])
    app = UsersApp()
    with serve(app) as server:
        summary = _verify(pact_path, server.url)
    assert summary.success, summary.describe_failures()
    assert len(app.requests) == 20
    assert server.connections == 1


def test_client_reconnects_when_the_provider_closes_the_connection(tmp_path):
    pact_path = write_pact(tmp_path, [get_user(1) | {"description": f"req {i}"} for i in range(6)])
    with serve(UsersApp(), close_every=2) as server:
        summary = _verify(pact_path, server.url)
    assert summary.success, summary.describe_failures()
    assert server.connections == 3


def test_unreachable_provider_is_an_error_per_interaction(users_pact):
    with serve(UsersApp()) as server:
        url = server.url
    summary = _verify(users_pact, url)
    assert [r.status for r in summary.results] == ["error", "error"]
    assert f"could not reach the provider at {url}" in summary.results[0].error


def test_base_url_path_prefix_is_kept(tmp_path):
    def prefixed(environ, start_response):
        assert environ["PATH_INFO"].startswith("/api/")
        environ["PATH_INFO"] = environ["PATH_INFO"][4:]
        return UsersApp()(environ, start_response)

    pact_path = write_pact(tmp_path, [get_user(1)])
    with serve(prefixed) as server:
        summary = _verify(pact_path, server.url + "/api/")
    assert summary.success, summary.describe_failures()


def _echo_interaction(expected_auth="Bearer real", signed=None):
    return http_interaction(
        "an echo",
        {"method": "POST", "path": "/echo", "query": {"tag": ["a", "b"], "q": ["x y"]},
         "headers": {"Authorization": ["Bearer from-pact"], "Content-Type": ["application/json"]},
         "body": body({"name": "Ann"})},
        {"status": 200, "body": body({
            "method": "POST", "query": {"tag": ["a", "b"], "q": ["x y"]},
            "authorization": expected_auth, "signed": signed, "body": {"name": "Ann"},
        })},
    )


@pytest.mark.parametrize("served", [False, True], ids=["wsgi", "http"])
def test_query_body_and_replaced_auth_header_reach_the_provider(tmp_path, served):
    pact_path = write_pact(tmp_path, [_echo_interaction()])
    app = UsersApp()
    headers = {"authorization": "Bearer real"}
    if served:
        with serve(app) as server:
            summary = _verify(pact_path, server.url, headers=headers)
    else:
        summary = _verify(pact_path, app, headers=headers)
    assert summary.success, summary.describe_failures()
    assert app.requests[0]["headers"]["authorization"] == "Bearer real"


def test_without_custom_headers_the_pact_header_is_sent(tmp_path):
    pact_path = write_pact(tmp_path, [_echo_interaction(expected_auth="Bearer real")])
    summary = _verify(pact_path, UsersApp())
    assert not summary.success
    assert "Bearer from-pact" in summary.describe_failures()


def test_request_filter_rewrites_the_request(tmp_path):
    pact_path = write_pact(tmp_path, [_echo_interaction(expected_auth="Bearer from-pact", signed="sig:/echo")])
    seen = []

    def sign(request):
        seen.append(request.path)
        request.headers["X-Signed"] = [f"sig:{request.path}"]
        return request

    summary = _verify(pact_path, UsersApp(), request_filter=sign)
    assert summary.success, summary.describe_failures()
    assert seen == ["/echo"]


def test_request_filter_does_not_mutate_the_pact(tmp_path):
    pact_path = write_pact(tmp_path, [_echo_interaction(expected_auth="Bearer from-pact", signed="sig")])
    verifier = Verifier("users").add_source(pact_path)

    def sign(request):
        request.headers["X-Signed"] = ["sig"]

    verifier.provider_base_url(UsersApp(), request_filter=sign)
    assert verifier.verify().success
    interaction = verifier.load()[0].pact.interactions[0]
    assert "X-Signed" not in interaction.request.headers
