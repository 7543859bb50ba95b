"""Provider states: Python handlers in their three shapes, values, errors and teardown."""

from __future__ import annotations

from polypact import hookimpl
from polypact.testing import registry_with
from polypact.verifier import Verifier

from tests.core.verifier.vhelpers import interaction, pact, passes


def _verifier(registry, *interactions, target=passes):
    return Verifier("users", registry=registry).add_pact(pact("web", "users", *interactions)).transport("fake", target)


def test_kwargs_handler_gets_params_and_its_values_reach_the_client(registry, plugin):
    calls = []
    v = _verifier(registry, interaction("get user", ("user exists", {"id": 7, "name": "Ann"})))

    @v.state_handler("user exists")
    def user_exists(id, name):
        calls.append((id, name))
        return {"userId": id * 10}

    summary = v.verify()
    assert summary.success
    assert calls == [(7, "Ann")]  # setup only: no `action` parameter
    assert plugin.transport.clients[0].calls == [("get user", {"userId": 70})]


def test_params_action_handler_is_called_for_setup_and_teardown(registry):
    calls = []

    def handler(params, action):
        calls.append((action, params))

    v = _verifier(registry, interaction("a", ("s", {"x": 1}))).state_handlers({"s": handler})
    assert v.verify().success
    assert calls == [("setup", {"x": 1}), ("teardown", {"x": 1})]


def test_generator_handler_runs_setup_then_teardown_around_the_request(registry):
    log = []

    def target(interaction, context):
        log.append(("request", dict(context.provider_state)))
        return []

    def handler(id):
        log.append(("setup", id))
        yield {"token": f"t{id}"}
        log.append(("teardown", id))

    v = _verifier(registry, interaction("a", ("s", {"id": 3})), target=target).state_handlers({"s": handler})
    assert v.verify().success
    assert log == [("setup", 3), ("request", {"token": "t3"}), ("teardown", 3)]


def test_states_are_torn_down_in_reverse_order_even_when_the_request_fails(registry):
    log = []

    def make(name):
        def handler(params, action):
            log.append((action, name))
        return handler

    def target(interaction, context):
        raise RuntimeError("provider exploded")

    v = _verifier(registry, interaction("a", "first", "second"), target=target)
    v.state_handlers({"first": make("first"), "second": make("second")})
    result = v.verify().results[0]
    assert result.status == "error" and "provider exploded" in result.error
    assert log == [("setup", "first"), ("setup", "second"), ("teardown", "second"), ("teardown", "first")]


def test_failing_handler_is_recorded_and_the_run_continues(registry, plugin):
    torn = []

    def ok(params, action):
        torn.append(action)

    def broken(**params):
        raise ValueError("database is down")

    v = _verifier(registry, interaction("a", "ok state", "broken state"), interaction("b"))
    v.state_handlers({"ok state": ok, "broken state": broken})
    summary = v.verify()
    assert [r.status for r in summary.results] == ["error", "passed"]
    assert "database is down" in summary.results[0].error
    assert torn == ["setup", "teardown"]  # the state that was set up is torn down
    assert [c[0] for c in plugin.transport.clients[0].calls] == ["b"]  # "a" was never sent


def test_handler_missing_a_required_param_names_it(registry):
    def handler(id, name):
        return None

    v = _verifier(registry, interaction("a", ("s", {"id": 1}))).state_handlers({"s": handler})
    error = v.verify().results[0].error
    assert "'s'" in error and "name" in error


def test_handler_returning_a_non_dict_is_an_error(registry):
    v = _verifier(registry, interaction("a", "s")).state_handlers({"s": lambda: 42})
    assert "expected a dict" in v.verify().results[0].error


def test_unhandled_state_is_a_warning_not_a_failure(registry):
    summary = _verifier(registry, interaction("a", "nobody handles me")).verify()
    result = summary.results[0]
    assert result.ok
    assert result.warnings == ["no handler for provider state 'nobody handles me'"]


def test_a_plugin_can_handle_states_through_the_hook(plugin):
    class StatePlugin:
        seen = []

        @staticmethod
        @hookimpl
        def polypact_provider_state(state, action, context):
            StatePlugin.seen.append((state.name, action))
            return {"fromPlugin": True} if action == "setup" else {}

    registry = registry_with(plugin, StatePlugin)
    summary = _verifier(registry, interaction("a", "s")).verify()
    assert summary.results[0].ok and not summary.results[0].warnings
    assert StatePlugin.seen == [("s", "setup"), ("s", "teardown")]
    assert plugin.transport.clients[0].calls == [("a", {"fromPlugin": True})]


def test_python_handler_wins_over_other_plugins(plugin):
    class Other:
        @staticmethod
        @hookimpl
        def polypact_provider_state(state, action, context):
            return {"who": "plugin"}

    registry = registry_with(plugin, Other)
    v = _verifier(registry, interaction("a", "s")).state_handlers({"s": lambda: {"who": "python"}})
    v.verify()
    assert plugin.transport.clients[0].calls == [("a", {"who": "python"})]


def test_an_interaction_without_states_gets_the_empty_state_and_a_refusal_only_warns(registry):
    calls = []

    def empty_state(params, action):
        calls.append(action)
        raise RuntimeError("unknown state ''")

    v = _verifier(registry, interaction("no states")).state_handlers({"": empty_state})
    summary = v.verify()
    [result] = summary.results
    assert summary.success and result.error is None
    assert calls == ["setup"]  # set-up refused: nothing to tear down
    assert any("empty provider state failed" in w for w in result.warnings)


def test_the_empty_state_is_set_up_and_torn_down_silently_when_handled(registry):
    calls = []
    v = _verifier(registry, interaction("no states")).state_handlers(
        {"": lambda params, action: calls.append(action)})
    summary = v.verify()
    assert summary.success and calls == ["setup", "teardown"]
    assert summary.results[0].warnings == []
