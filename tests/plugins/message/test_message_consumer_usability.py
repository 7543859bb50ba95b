"""Message consumer mistakes a new user makes: serving message-only pacts (the report says
how messages are exercised) and handlers with a signature that fits neither form."""

from __future__ import annotations

import pytest
from polypact import Pact
from polypact.errors import ConsumerTestError, UsageError
from polypact_message import Message


def test_serve_with_only_messages_says_how_messages_are_exercised(pact: Pact) -> None:
    pact.expects_to_receive("y").with_content({"a": 1})
    with pytest.raises(ConsumerTestError) as err, pact.serve():
        pass
    text = str(err.value)
    assert "pact.verify(handler)" in text and "pact.messages()" in text
    assert "missing request" not in text and "was never called" not in text
    [problem] = err.value.problems
    assert problem.kind == "undelivered message" and problem.description == "y"
    assert not pact.path.exists() and pact.builders == []


def test_the_advice_in_the_report_works(pact: Pact) -> None:
    """Following it (pact.verify(handler)) passes and writes the pact."""
    seen: list[dict] = []
    pact.expects_to_receive("y").with_content({"a": 1})
    path = pact.verify(lambda message: seen.append(message.contents))
    assert seen == [{"a": 1}] and path.exists()


@pytest.mark.parametrize(("handler", "why"), [
    (lambda a, b, c: None, "requires 3 positional parameters"),
    (lambda: None, "takes no positional parameter"),
    (lambda *, message: None, "keyword-only parameters message have no default"),
])
def test_a_handler_of_unsupported_signature_is_a_usage_error(pact: Pact, handler, why) -> None:
    pact.expects_to_receive("y").with_content({"a": 1})
    with pytest.raises(UsageError) as err:
        pact.verify(handler)
    text = str(err.value)
    assert why in text
    assert "(message)" in text and "(contents, metadata)" in text
    assert not pact.path.exists()


def test_deliver_inside_serve_checks_the_signature_too(pact: Pact) -> None:
    pact.expects_to_receive("y").with_content({"a": 1})
    with pytest.raises(ConsumerTestError) as err, pact.serve() as session:
        session.servers["message"].deliver(lambda a, b, c: None)
    assert isinstance(err.value.__cause__, UsageError)
    assert "(contents, metadata)" in str(err.value.__cause__)


@pytest.mark.parametrize(("handler_factory", "expected"), [
    (lambda seen: (lambda contents, metadata, extra=None: seen.append((contents, metadata))),
     "pair"),
    (lambda seen: (lambda message, extra=None: seen.append(message)), "message"),
    (lambda seen: (lambda *args: seen.append(args[0])), "message"),
])
def test_supported_signatures_still_work(pact: Pact, handler_factory, expected: str) -> None:
    seen: list = []
    pact.expects_to_receive("y").with_content({"a": 1})
    pact.verify(handler_factory(seen))
    if expected == "pair":
        assert seen[0][0] == {"a": 1} and isinstance(seen[0][1], dict)
    else:
        assert isinstance(seen[0], Message) and seen[0].contents == {"a": 1}
