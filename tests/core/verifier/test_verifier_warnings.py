"""Run warnings: unhandled and misspelt provider states, unused handlers, strict states,
PolypactWarning, and the short text forms of results and summaries."""

from __future__ import annotations

import warnings

import pytest
from polypact.testing import registry_with
from polypact.verifier import PolypactWarning, Verifier

from tests.core.verifier.vhelpers import FakePlugin, fails_when, interaction, pact, passes


@pytest.fixture
def registry():
    return registry_with(FakePlugin())


def _verifier(registry, *interactions, target=passes, **kwargs):
    return (Verifier("users", registry=registry, **kwargs)
            .add_pact(pact("web", "users", *interactions)).transport("fake", target))


def _verify(verifier):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        summary = verifier.verify()
    return summary, [w for w in caught if issubclass(w.category, PolypactWarning)]


def test_misspelt_handler_is_reported_in_the_summary_with_hints_and_as_python_warnings(registry):
    called = []
    v = _verifier(registry, interaction("get book", "book exists"), interaction("list", "book exists"))
    v.state_handlers({"book exist": lambda: called.append(1)})
    summary, caught = _verify(v)
    assert called == []
    unhandled = "no handler for provider state 'book exists' (did you mean 'book exist'?)"
    unused = ("state handler 'book exist' was registered but no interaction has that "
              "provider state (did you mean 'book exists'?)")
    assert summary.warnings == [unhandled, unused]  # once each, though two interactions
    assert [str(w.message) for w in caught] == [unhandled, unused]
    assert caught[0].filename == __file__  # points at the caller of verify()


def test_unrelated_names_get_no_hint_and_used_handlers_are_not_reported(registry):
    v = _verifier(registry, interaction("a", "user exists"), interaction("b", "order 5 shipped"))
    v.state_handlers({"user exists": lambda: None, "zebra": lambda: None})
    summary, _ = _verify(v)
    assert summary.warnings == [
        "no handler for provider state 'order 5 shipped'",
        "state handler 'zebra' was registered but no interaction has that provider state",
    ]


def test_filtered_out_interactions_still_count_as_using_their_handlers(registry):
    v = _verifier(registry, interaction("a", "s1"), interaction("b", "s2"))
    v.state_handlers({"s1": lambda: None, "s2": lambda: None}).filter(description="^a$")
    summary, caught = _verify(v)
    assert summary.success and summary.warnings == [] and caught == []


def test_warnings_appear_in_assert_ok_and_describe_failures(registry):
    v = _verifier(registry, interaction("get book", "book exists"), target=fails_when("get book"))
    v.state_handlers({"book exist": lambda: None})
    summary, _ = _verify(v)
    text = summary.describe_failures()
    assert "1) web: get book (given book exists)" in text
    assert "note: no handler for provider state 'book exists' (did you mean 'book exist'?)" in text
    assert "Warnings:\n- no handler for provider state 'book exists'" in text
    assert "- state handler 'book exist' was registered" in text
    with pytest.raises(AssertionError, match=r"did you mean 'book exist'\?"):
        summary.assert_ok()


def test_strict_states_makes_an_unhandled_state_an_interaction_error(registry):
    v = _verifier(registry, interaction("get book", "book exists"), interaction("plain"),
                  strict_states=True).state_handlers({"book exist": lambda: None})
    summary, _ = _verify(v)
    book, plain = summary.results
    assert book.status == "error" and not summary.success
    assert book.error == ("no handler for provider state 'book exists' "
                          "(did you mean 'book exist'?) (strict states)")
    assert plain.ok  # no state: nothing to handle
    v = _verifier(registry, interaction("get book", "book exists")).strict_states()
    v.state_handlers({"book exists": lambda: None})
    assert _verify(v)[0].success


def test_missing_transport_target_names_the_python_and_cli_ways_once(registry):
    summary, _ = _verify(Verifier("users", registry=registry)
                         .add_pact(pact("web", "users", interaction("a"), interaction("b"))))
    errors = [r.error for r in summary.results]
    assert errors[0] == errors[1] == (
        "no provider target for transport 'fake'; configure one with .transport('fake', target) "
        "in Python or --transport fake=TARGET on the command line")


def test_short_text_forms_of_results_and_summary(registry):
    many = [interaction(f"get item {i}", "s") for i in range(40)]
    v = _verifier(registry, *many, target=fails_when("get item 3"))
    summary, _ = _verify(v)
    text = str(summary)
    assert text.splitlines() == [
        "verification of 'users' FAILED: 40 interaction(s), 39 passed, 1 failed, "
        "0 error(s), 0 pending failure(s)",
        "  1) web: get item 3 (given s): mismatches at $.name",
        "  warning: no handler for provider state 's'",
    ]
    assert len(repr(summary)) < 300 and "FAILED" in repr(summary)
    assert str(summary.results[3]) == "failed: web: get item 3 (given s): mismatches at $.name"
    assert repr(summary.results[0]) == "<InteractionResult passed: web: get item 0 (given s)>"
    assert repr(summary.results[0].loaded) == "<LoadedPact <memory>: web -> users, 40 interaction(s)>"
    assert len(repr(summary.results[0])) < 200


def test_an_error_result_shows_its_error(registry):
    summary, _ = _verify(_verifier(registry, interaction("a", "s"), strict_states=True))
    assert str(summary.results[0]).startswith("error: web: a (given s): no handler")
