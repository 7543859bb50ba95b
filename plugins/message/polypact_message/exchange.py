"""What a consumer test hands to the consumer's code: generated messages and exchanges.

- :func:`example_message`: the message of an asynchronous interaction with its
  generators applied in consumer mode, as a :class:`~polypact_message.message.Message`;
- :class:`SyncExchange`: a synchronous interaction seen from the consumer, which sends a
  request and gets the expected responses back (:meth:`SyncExchange.send` checks the
  request the consumer's code built against the contract).
"""

from __future__ import annotations

import json
from typing import Any

from polypact.errors import ConsumerTestError
from polypact.generate import GeneratorContext, apply_generators
from polypact.model import (
    AsynchronousMessage,
    Body,
    MessageContents,
    SynchronousMessages,
    is_json_type,
)
from polypact.transport import MockProblem

from polypact_message.matching import match_request_message
from polypact_message.message import Message, metadata_content_type


def generated(part: MessageContents, registry: Any) -> MessageContents:
    """``part`` with its generators applied in consumer mode."""
    if not part.generators:
        return part
    return apply_generators(part, GeneratorContext(mode="consumer", registry=registry))


def example_message(interaction: AsynchronousMessage, registry: Any) -> Message:
    """The message a consumer handler receives for ``interaction`` (generators applied)."""
    return Message.from_contents(generated(interaction.message, registry), interaction.description)


def to_contents(contents: Any, metadata: dict[str, Any] | None, content_type: str | None,
                expected_type: str | None) -> MessageContents:
    """A model message from what consumer code sent: a Python value (JSON), ``str``
    (text in the expected content type) or ``bytes``; a :class:`Message` is taken apart."""
    if isinstance(contents, Message):
        metadata = {**contents.metadata, **(metadata or {})}
        content_type = content_type or contents.content_type
        contents = contents.contents
    metadata = dict(metadata or {})
    ct = content_type or metadata_content_type(metadata) or expected_type
    if contents is None:
        body = Body.missing()
    elif isinstance(contents, (bytes, bytearray, memoryview)):
        body = Body.from_bytes(bytes(contents), ct or "application/octet-stream")
    elif isinstance(contents, str) and not (ct and is_json_type(ct) and not _is_json(contents)):
        body = Body.from_text(contents, ct or "text/plain")
    else:
        body = Body.from_json(contents, ct if ct and is_json_type(ct) else "application/json")
    if body.content_type and metadata_content_type(metadata) is None:
        metadata["contentType"] = body.content_type
    return MessageContents(contents=body, metadata=metadata)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


class SyncExchange:
    """A synchronous message exchange handed to the consumer's code in a test.

    ``request`` is the example request message and ``responses`` the expected response
    messages (generators applied); ``response`` is the first one. Consumer code that sends
    its own request calls :meth:`send`, which checks that request against the contract.
    """

    def __init__(self, interaction: SynchronousMessages, registry: Any):
        self.interaction = interaction
        self.description = interaction.description
        self.registry = registry
        self.request = Message.from_contents(generated(interaction.request, registry), self.description)
        self.responses = [
            Message.from_contents(generated(part, registry), self.description)
            for part in interaction.response
        ]
        self.sent: list[MessageContents] = []
        self.problems: list[MockProblem] = []

    @property
    def response(self) -> Message | None:
        """The first expected response (``None`` when the contract declares none)."""
        return self.responses[0] if self.responses else None

    def send(self, contents: Any = None, metadata: dict[str, Any] | None = None, *,
             content_type: str | None = None) -> Message | None:
        """Send a request message; returns the expected (first) response.

        The request is compared with the contract's request message (strictly: unexpected
        keys fail). A mismatch is recorded (the test fails and no pact is written) and
        raised here as :class:`polypact.errors.ConsumerTestError`.
        """
        expected = self.interaction.request
        actual = to_contents(contents, metadata, content_type, expected.content_type())
        self.sent.append(actual)
        mismatches = match_request_message(expected, actual, registry=self.registry,
                                           interaction=self.interaction)
        if mismatches:
            problem = MockProblem("mismatch", self.description, "request message", mismatches)
            self.problems.append(problem)
            from polypact.consumer import render_problem

            raise ConsumerTestError(render_problem(problem), [problem])
        return self.response

    def __repr__(self) -> str:
        return f"<SyncExchange {self.description!r}: {len(self.responses)} response(s)>"
