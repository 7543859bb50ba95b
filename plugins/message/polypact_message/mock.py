"""The message "mock": message interactions inside a ``pact.serve()`` block.

Messages need no server, so ``pact.verify(handler)`` / ``pact.messages()`` are the usual
way to test a message consumer. When a test declares HTTP and message interactions on one
pact and serves them together, the session starts this mock for the messages; the test
hands them to its handler through it::

    with pact.serve() as session:
        session.servers["message"].deliver(handle_event)   # or .items for the objects
        ...  # exercise the HTTP client against session.url

Messages never delivered (nor read through :attr:`MessageMock.items`) fail the test as
"undelivered message" problems that say how message interactions are exercised.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from polypact.transport import MockConfig, MockProblem

from polypact_message.consumer import call_handler, items_for, wants_pair
from polypact_message.exchange import SyncExchange
from polypact_message.message import Message

#: How an undelivered message is reported (the report shows ``kind: summary description``).
UNDELIVERED = (
    "message interactions are exercised by handing them to the consumer's handler with "
    "pact.verify(handler) or pact.messages() (inside serve(): "
    "session.servers['message'].deliver(handler)); this one was never handed to a handler:"
)


class MessageMock:
    """Holds a serve() block's message interactions until the test delivers them."""

    url: str | None = None

    def __init__(self, pact: Any, interactions: Sequence[Any], config: MockConfig):
        self.registry = config.registry
        self.interactions = list(interactions)
        self._items = items_for(self.interactions, self.registry)
        self._delivered = [False] * len(self._items)

    @property
    def items(self) -> list[Message | SyncExchange]:
        """Every message (and synchronous exchange), marked as delivered."""
        self._delivered = [True] * len(self._items)
        return list(self._items)

    def deliver(self, handler: Callable[..., Any], description: str | None = None) -> None:
        """Call ``handler`` with each message (or only the one named ``description``), as
        ``pact.verify`` does; the handler's exception propagates unchanged."""
        pair = wants_pair(handler)
        found = False
        for index, item in enumerate(self._items):
            if description is not None and item.description != description:
                continue
            found = True
            self._delivered[index] = True
            call_handler(handler, item, pair)
        if description is not None and not found:
            from polypact.errors import UsageError

            known = ", ".join(repr(i.description) for i in self._items) or "none"
            raise UsageError(f"no message {description!r} in this serve() block (declared: {known})")

    def problems(self) -> list[MockProblem]:
        """Undelivered messages and mismatched synchronous requests."""
        out: list[MockProblem] = []
        for item, done in zip(self._items, self._delivered, strict=True):
            if not done:
                out.append(MockProblem("undelivered message", item.description, UNDELIVERED))
            if isinstance(item, SyncExchange):
                out.extend(item.problems)
        return out

    def stop(self) -> None:
        """Nothing to release (idempotent)."""
