"""Provider states over HTTP: state-change URL, values feeding ProviderState generators."""

from __future__ import annotations

from typing import Any

from polypact.verifier import Verifier

from tests.plugins.http.provider.phelpers import UsersApp, body, http_interaction, serve, write_pact


def _generated_user(description="a request for a created user", states=None):
    """GET /users/${id}: the path comes from the provider state's values."""
    interaction = http_interaction(
        description,
        {"method": "GET", "path": "/users/1",
         "generators": {"path": {"type": "ProviderState", "expression": "/users/${id}", "dataType": "STRING"}}},
        {"status": 200, "body": body({"id": 1, "name": "Zoe"}),
         "matchingRules": {"body": {"$.id": {"combine": "AND", "matchers": [{"match": "integer"}]}}}},
        states=states or [{"name": "a user exists", "params": {"id": 42, "name": "Zoe"}}],
    )
    return interaction


def _verify_with_state_url(app: UsersApp, pact_path: Any, *, teardown: bool = True,
                           handlers: dict[str, Any] | None = None) -> Any:
    """Verify ``pact_path`` against ``app`` served on 127.0.0.1, states through the app's
    state-change URL (and ``handlers``, when given, as Python state handlers)."""
    with serve(app) as server:
        verifier = (Verifier("users").add_source(pact_path).provider_base_url(server.url)
                    .state_change_url(server.url + "/_pact/state", teardown=teardown))
        if handlers is not None:
            verifier = verifier.state_handlers(handlers)
        return verifier.verify()


def test_state_change_url_gets_setup_and_teardown_with_params(tmp_path):
    app = UsersApp()
    pact_path = write_pact(tmp_path, [_generated_user()])
    summary = _verify_with_state_url(app, pact_path)
    assert summary.success, summary.describe_failures()
    assert app.states == [
        {"state": "a user exists", "params": {"id": 42, "name": "Zoe"}, "action": "setup"},
        {"state": "a user exists", "params": {"id": 42, "name": "Zoe"}, "action": "teardown"},
    ]
    # the state-change response {"id": 42} fed the ProviderState path generator
    assert [r["path"] for r in app.requests] == ["/users/42"]


def test_state_change_url_without_teardown(tmp_path):
    app = UsersApp()
    pact_path = write_pact(tmp_path, [_generated_user()])
    summary = _verify_with_state_url(app, pact_path, teardown=False)
    assert summary.success
    assert [s["action"] for s in app.states] == ["setup"]


def test_failing_state_change_is_an_error_and_the_run_continues(tmp_path):
    app = UsersApp()
    failing = _generated_user("first", states=[{"name": "fails", "params": {}}])
    pact_path = write_pact(tmp_path, [failing, _generated_user("second")])
    summary = _verify_with_state_url(app, pact_path)
    statuses = {r.description: r.status for r in summary.results}
    assert statuses == {"first": "error", "second": "passed"}
    error = next(r.error for r in summary.results if r.description == "first")
    assert "state change setup of 'fails'" in error and "HTTP 500" in error


def test_python_handler_values_feed_provider_state_generators(tmp_path):
    app = UsersApp()
    pact_path = write_pact(tmp_path, [_generated_user()])
    verifier = Verifier("users").add_source(pact_path).provider_base_url(app)

    @verifier.state_handler("a user exists")
    def create(id, name):
        app.users[7] = {"id": 7, "name": name}
        yield {"id": 7}
        del app.users[7]

    summary = verifier.verify()
    assert summary.success, summary.describe_failures()
    assert [r["path"] for r in app.requests] == ["/users/7"]
    assert 7 not in app.users  # torn down


def test_python_handler_takes_precedence_over_the_state_change_url(tmp_path):
    app = UsersApp()
    pact_path = write_pact(tmp_path, [_generated_user()])
    summary = _verify_with_state_url(app, pact_path, handlers={
        "a user exists": lambda id, name: app.users.update({5: {"id": 5, "name": name}}) or {"id": 5}})
    assert summary.success, summary.describe_failures()
    assert app.states == []
    assert [r["path"] for r in app.requests] == ["/users/5"]
