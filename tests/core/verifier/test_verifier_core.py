"""The protocol-agnostic verifier, driven through a fake transport plugin."""

from __future__ import annotations

import pytest
from polypact.errors import UsageError, VerificationError
from polypact.testing import registry_with
from polypact.verifier import NothingToVerify, Verifier

from tests.core.verifier.vhelpers import fails_when, interaction, pact, passes


def test_passing_and_failing_interactions_are_summarised(registry, plugin):
    p = pact("web", "users", interaction("get user"), interaction("list users"))
    summary = (
        Verifier("users", registry=registry).add_pact(p)
        .transport("fake", fails_when("list users")).verify()
    )
    assert [r.status for r in summary.results] == ["passed", "failed"]
    assert summary.results[0].pact is p and summary.results[0].consumer == "web"
    assert not summary.success and summary.exit_code == 1
    assert summary.failures[0].mismatches[0].path == "$.name"
    assert summary.counts() == {"interactions": 2, "passed": 1, "failed": 1, "errors": 0, "pending": 0}
    # one client for the whole run, closed at the end
    assert len(plugin.transport.clients) == 1 and plugin.transport.clients[0].closed


def test_all_passing_run_succeeds_and_lifecycle_hooks_fire_in_order(registry, plugin):
    p = pact("web", "users", interaction("a"), interaction("b"))
    summary = Verifier("users", registry=registry).add_pact(p).transport("fake", passes).verify()
    assert summary.success and summary.exit_code == 0
    assert plugin.events == [("started", 2), ("verified", "a"), ("verified", "b"), ("finished", True)]


def test_pending_failures_are_reported_but_do_not_fail(registry):
    p = pact("web", "users", interaction("new thing", pending=True), interaction("old thing"))
    summary = (
        Verifier("users", registry=registry).add_pact(p)
        .transport("fake", fails_when("new thing")).verify()
    )
    assert summary.success
    assert [r.status for r in summary.results] == ["pending-failed", "passed"]
    assert summary.pending_failures[0].description == "new thing"


def test_pending_pact_source_marks_every_interaction_pending(registry):
    p = pact("web", "users", interaction("x"))
    summary = (
        Verifier("users", registry=registry).add_pact(p, pending=True)
        .transport("fake", fails_when("x")).verify()
    )
    assert summary.success and summary.results[0].pending


def test_filters_select_by_description_state_and_consumer(registry, plugin):
    web = pact("web", "users", interaction("get user", "user exists"), interaction("list users"))
    app = pact("app", "users", interaction("get user", "user exists"))

    def run(**filters):
        v = Verifier("users", registry=registry).add_pact(web).add_pact(app).transport("fake", passes)
        return [(r.consumer, r.description) for r in v.filter(**filters).verify().results]

    assert run(description="^get") == [("web", "get user"), ("app", "get user")]
    assert run(consumer="^app$") == [("app", "get user")]
    assert run(state="exists") == [("web", "get user"), ("app", "get user")]
    assert run(state="") == [("web", "list users")]
    with pytest.raises(UsageError, match="invalid description filter"):
        Verifier("users", registry=registry).filter(description="(")


def test_pacts_for_other_providers_are_skipped_with_a_warning(registry):
    v = (
        Verifier("users", registry=registry)
        .add_pact(pact("web", "users", interaction("a")), source="web-users.json")
        .add_pact(pact("web", "orders", interaction("b")), source="web-orders.json")
        .transport("fake", passes)
    )
    summary = v.verify()
    assert [r.description for r in summary.results] == ["a"]
    assert any("web-orders.json" in w and "'orders'" in w for w in summary.warnings)


def test_provider_is_inferred_and_must_be_unique(registry):
    v = Verifier(registry=registry).add_pact(pact("web", "users", interaction("a"))).transport("fake", passes)
    assert v.verify().provider == "users"
    two = (
        Verifier(registry=registry)
        .add_pact(pact("web", "users", interaction("a")))
        .add_pact(pact("web", "orders", interaction("b")))
    )
    with pytest.raises(UsageError, match="orders, users"):
        two.verify()


def test_no_pacts_for_provider_is_a_failed_run_naming_the_providers_found(registry, plugin):
    v = Verifier("billing", registry=registry).add_pact(pact("web", "users", interaction("a")))
    with pytest.raises(NothingToVerify, match="no pacts for provider 'billing'"):
        v.load()
    assert issubclass(NothingToVerify, VerificationError)
    summary = v.verify()
    assert not summary.success and summary.exit_code == 1 and summary.results == []
    assert summary.empty_reason == (
        "no pacts for provider 'billing' in the given pacts (the pacts there are for 'users')")
    assert plugin.events == [("started", 0), ("finished", False)]
    with pytest.raises(AssertionError, match="verified nothing: no pacts for provider 'billing'"):
        summary.assert_ok()


def test_filters_selecting_nothing_fail_the_run(registry, plugin):
    p = pact("web", "users", interaction("a", "s"), interaction("b"))
    summary = (Verifier("users", registry=registry).add_pact(p).transport("fake", passes)
               .filter(description="^z", state="").verify())
    assert summary.exit_code == 1 and not summary.success
    assert summary.empty_reason == (
        "the filters (description '^z', no provider state) select none of the 2 interaction(s) "
        "in 1 pact(s)")
    assert summary.to_json()["nothingToVerify"] == summary.empty_reason
    assert plugin.transport.clients == []


def test_pacts_without_interactions_are_a_warning_not_a_failure(registry):
    # as in the reference verifier: an empty contract is satisfied by any provider
    v = (Verifier("users", registry=registry).add_pact(pact("web", "users"), source="w.json")
         .transport("fake", passes).filter(description="x"))
    summary = v.verify()
    assert summary.success and summary.exit_code == 0 and summary.empty_reason is None
    assert summary.warnings == ["the 1 pact(s) (w.json) have no interactions"]


def test_allow_empty_turns_nothing_to_verify_into_a_warning(registry):
    v = (Verifier("users", registry=registry).add_pact(pact("web", "users", interaction("a")))
         .transport("fake", passes).filter(consumer="^app$").allow_empty())
    summary = v.verify()
    assert summary.success and summary.exit_code == 0 and summary.empty_reason is None
    assert summary.warnings == [
        "nothing to verify: the filters (consumer '^app$') select none of the 1 interaction(s) "
        "in 1 pact(s)"]
    summary = Verifier("billing", registry=registry).add_pact(pact("web", "users")).allow_empty().verify()
    assert summary.success and "no pacts for provider 'billing'" in summary.warnings[-1]


def test_a_run_that_verified_something_has_no_empty_reason(registry):
    summary = (Verifier("users", registry=registry).add_pact(pact("web", "users", interaction("a")))
               .transport("fake", passes).verify())
    assert summary.success and summary.empty_reason is None
    assert summary.to_json()["nothingToVerify"] is None


def test_missing_transport_target_is_an_error_per_interaction(registry):
    summary = Verifier("users", registry=registry).add_pact(pact("web", "users", interaction("a"))).verify()
    result = summary.results[0]
    assert result.status == "error"
    assert "no provider target for transport 'fake'" in result.error


def test_client_exception_is_recorded_and_run_continues(registry):
    def target(interaction, context):
        if interaction.description == "boom":
            raise ConnectionError("provider went away")
        return []

    p = pact("web", "users", interaction("boom"), interaction("fine"))
    summary = Verifier("users", registry=registry).add_pact(p).transport("fake", target).verify()
    assert [r.status for r in summary.results] == ["error", "passed"]
    assert summary.results[0].error == "ConnectionError: provider went away"
    assert summary.counts()["errors"] == 1


def test_assert_ok_lists_failures(registry):
    p = pact("web", "users", interaction("get user", "user exists"))
    summary = Verifier("users", registry=registry).add_pact(p).transport("fake", fails_when("get user")).verify()
    with pytest.raises(AssertionError) as err:
        summary.assert_ok()
    assert "1) web: get user (given user exists)" in str(err.value)
    assert "$.name" in str(err.value)


def test_unknown_reporter_name_is_a_usage_error(registry):
    with pytest.raises(UsageError, match="no reporter named 'nope'.*console, json, junit"):
        Verifier("users", registry=registry).reporter("nope")


def test_a_provider_client_that_cannot_be_made_is_tried_once_and_fails_each_interaction():
    from polypact import hookimpl

    attempts = []

    class BadTargets:
        name, interaction_types = "fake", ("Synchronous/HTTP",)

        def start_mock(self, *a, **k):  # pragma: no cover - not used
            raise NotImplementedError

        def provider_client(self, config):
            attempts.append(config.target)
            raise UsageError(f"--transport fake={config.target!r}: expected HOST:PORT")

    class Plugin:
        @staticmethod
        @hookimpl
        def polypact_register_transports(register):
            register("fake", BadTargets())

    verifier = Verifier("users", registry=registry_with(Plugin)).add_pact(
        pact("web", "users", interaction("a"), interaction("b"))).transport("fake", "nope")
    summary = verifier.verify()
    assert attempts == ["nope"]
    assert [r.error for r in summary.results] == ["--transport fake='nope': expected HOST:PORT"] * 2
    assert not summary.success


def test_unknown_transport_name_is_a_usage_error_with_a_did_you_mean(registry):
    verifier = Verifier("users", registry=registry)
    with pytest.raises(UsageError) as err:
        verifier.transport("fak", passes)
    message = str(err.value)
    assert message.startswith(".transport('fak', ...): no transport named 'fak' is registered")
    assert "did you mean 'fake'?" in message
    assert "--transport" not in message
    # nothing was configured: the run still reports the missing target, not the typo
    summary = verifier.add_pact(pact("web", "users", interaction("a"))).verify()
    assert "no provider target for transport 'fake'" in summary.results[0].error


def test_unknown_transport_name_without_a_close_match_lists_the_registered_ones(registry):
    with pytest.raises(UsageError, match=r"registered: .*fake") as err:
        Verifier("users", registry=registry).provider_base_url("http://127.0.0.1:1")
    assert "did you mean" not in str(err.value)
    assert "no transport named 'http'" in str(err.value)
