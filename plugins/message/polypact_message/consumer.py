"""Running the consumer's real message handlers against the declared messages.

Two registered :class:`polypact.consumer.Pact` methods:

- ``pact.verify(handler)`` calls ``handler`` once per declared message interaction, in
  declaration order: with a :class:`~polypact_message.message.Message` for an asynchronous
  message (or with ``(contents, metadata)`` when the handler takes two positional
  parameters, as pact-python's handlers do) and with a
  :class:`~polypact_message.exchange.SyncExchange` for a synchronous one. When every
  handler returned, the pact file is written (merged) and its path returned.
- ``with pact.messages() as items:`` yields the same objects as a list, for tests that
  drive the consumer code themselves; the pact is written when the block ends cleanly.

If a handler (or the ``with`` block) raises, the pact is **not** written and the
handler's own exception propagates unchanged. A synchronous request that did not match the
contract fails the test with :class:`polypact.errors.ConsumerTestError`. Either way the
message interactions are cleared from the pact; HTTP and other interactions declared on
the same pact are left for ``pact.serve()``.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from polypact.errors import ConsumerTestError, UsageError
from polypact.model import AsynchronousMessage, Pacticipant, SynchronousMessages
from polypact.model import Pact as PactModel

from polypact_message.exchange import SyncExchange, example_message
from polypact_message.message import Message

TRANSPORT = "message"


def _is_message(builder: Any, registry: Any) -> bool:
    interaction = builder.interaction
    if not isinstance(interaction, (AsynchronousMessage, SynchronousMessages)):
        return False
    return registry.transport_name_for(builder.build()) == TRANSPORT


def take_message_builders(pact: Any) -> list[Any]:
    """Remove and return the pact's message-interaction builders (others stay)."""
    registry = pact.registry
    mine = [b for b in pact.builders if _is_message(b, registry)]
    pact.builders[:] = [b for b in pact.builders if b not in mine]
    return mine


def items_for(interactions: list[Any], registry: Any) -> list[Message | SyncExchange]:
    """What the consumer's code receives for each interaction."""
    out: list[Message | SyncExchange] = []
    for interaction in interactions:
        if isinstance(interaction, SynchronousMessages):
            out.append(SyncExchange(interaction, registry))
        else:
            out.append(example_message(interaction, registry))
    return out


def wants_pair(handler: Callable[..., Any]) -> bool:
    """True when ``handler`` takes two positional parameters (``contents, metadata``).

    Raises :class:`UsageError` for a handler that can be called with neither one nor two
    positional arguments (e.g. ``def handle(a, b, c)`` or ``def handle()``).
    """
    try:
        params = list(inspect.signature(handler).parameters.values())
    except (TypeError, ValueError):
        return False
    if any(p.kind is p.VAR_POSITIONAL for p in params):
        return False
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    required = [p for p in positional if p.default is p.empty]
    required_kw = [p.name for p in params if p.kind is p.KEYWORD_ONLY and p.default is p.empty]
    if len(required) > 2 or not positional or required_kw:
        raise UsageError(_signature_problem(handler, params, required_kw))
    return len(required) == 2


def _signature_problem(handler: Callable[..., Any], params: list[inspect.Parameter],
                       required_kw: list[str]) -> str:
    name = getattr(handler, "__qualname__", None) or repr(handler)
    shown = str(inspect.Signature([p.replace(annotation=p.empty) for p in params]))
    if required_kw:
        why = f"its keyword-only parameters {', '.join(required_kw)} have no default"
    elif not params or not any(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                               for p in params):
        why = "it takes no positional parameter"
    else:
        count = sum(1 for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                    and p.default is p.empty)
        why = f"it requires {count} positional parameters"
    return (
        f"message handler {name}{shown} cannot be called: {why}; a handler takes "
        f"(message) - a Message with .contents and .metadata, or a SyncExchange for a "
        f"synchronous message - or (contents, metadata)"
    )


def call_handler(handler: Callable[..., Any], item: Message | SyncExchange, pair: bool) -> None:
    """Hand one message (or exchange) to ``handler``; ``pair``: as ``(contents, metadata)``."""
    if pair and isinstance(item, Message):
        handler(item.contents, dict(item.metadata))
    else:
        handler(item)


def _write(pact: Any, interactions: list[Any]) -> Path:
    model = PactModel(
        consumer=Pacticipant(pact.consumer),
        provider=Pacticipant(pact.provider),
        interactions=interactions,
        metadata=dict(pact.metadata),
        spec_version=pact.spec_version,
    )
    return pact.write(model)


def _check(pact: Any, items: list[Message | SyncExchange]) -> None:
    problems = [p for item in items if isinstance(item, SyncExchange) for p in item.problems]
    if problems:
        from polypact.consumer import render_report

        message = render_report(pact.consumer, pact.provider, [(TRANSPORT, p) for p in problems])
        raise ConsumerTestError(message, problems)


def _declared(pact: Any, method: str) -> list[Any]:
    builders = take_message_builders(pact)
    if not builders:
        raise UsageError(
            f"pact.{method}(): no message interactions are declared; declare them first with "
            f"pact.expects_to_receive(...) or pact.expects_to_receive_sync(...)"
        )
    return [b.build() for b in builders]


def verify(pact: Any, handler: Callable[..., Any]) -> Path:
    """Call ``handler`` with each declared message; write the pact when all succeeded.

    Returns the path of the pact file. The handler's own exception propagates (and no
    pact is written) when it raises.
    """
    if not callable(handler):
        raise UsageError(f"pact.verify(handler): handler must be callable, got {handler!r}")
    interactions = _declared(pact, "verify")
    items = items_for(interactions, pact.registry)
    pair = wants_pair(handler)
    for item in items:
        call_handler(handler, item, pair)
    _check(pact, items)
    return _write(pact, interactions)


@contextlib.contextmanager
def messages(pact: Any) -> Iterator[list[Message | SyncExchange]]:
    """``with pact.messages() as items:`` the declared messages (and exchanges), in order;
    the pact is written when the block ends without an exception."""
    interactions = _declared(pact, "messages")
    items = items_for(interactions, pact.registry)
    yield items
    _check(pact, items)
    _write(pact, interactions)


#: The Pact methods this module registers.
PACT_METHODS: dict[str, Callable[..., Any]] = {
    "pact.verify": verify,
    "pact.messages": messages,
}
