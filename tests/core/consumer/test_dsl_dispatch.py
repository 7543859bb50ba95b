"""Registered DSL methods: a wrong call is a UsageError naming the method's parameters and
the similarly named methods of other plugins."""

from __future__ import annotations

import pytest
from polypact import Pact, hookimpl
from polypact.errors import UsageError
from polypact.model import SynchronousHttp
from polypact.testing import registry_with


def respond(builder, status=200, *, body=None):
    builder.interaction = builder.interaction or SynchronousHttp(description=builder.description)
    builder.interaction.response.status = status
    return builder


def respond_fancy(builder, data):
    return respond(builder, 200, body=data)


class DslPlugin:
    @staticmethod
    @hookimpl
    def polypact_register_interaction_builders(register):
        register("will_respond", respond)
        register("will_respond_fancy", respond_fancy)
        register("pact.hello", lambda pact, name: name)


@pytest.fixture
def pact(tmp_path):
    return Pact("c", "p", pact_dir=tmp_path, registry=registry_with(DslPlugin))


def test_a_good_call_reaches_the_plugin_function(pact):
    builder = pact.upon_receiving("x").will_respond(201)
    assert builder.interaction.response.status == 201
    assert pact.hello("Ann") == "Ann"


def test_an_unexpected_keyword_names_the_parameters_and_similar_methods(pact):
    with pytest.raises(UsageError) as err:
        pact.upon_receiving("x").will_respond(data={"a": 1})
    message = str(err.value)
    assert message.startswith("will_respond(status=200, *, body=None): ")
    assert "unexpected keyword argument 'data'" in message
    assert "will_respond_fancy" in message


def test_a_missing_argument_of_a_pact_method_is_named(pact):
    with pytest.raises(UsageError, match=r"hello\(name\): is missing the argument: 'name'"):
        pact.hello()
