"""The message consumer DSL, registered through ``polypact_register_interaction_builders``.

Asynchronous messages (``Asynchronous/Messages``)::

    (pact.expects_to_receive("an order-placed event")
        .given("order 42 exists", id=42)
        .with_content({"orderId": integer(42), "total": decimal(9.99)})
        .with_metadata(topic=regex(r"orders\\..+", "orders.placed")))

Synchronous messages (``Synchronous/Messages``: one request, one or more responses)::

    (pact.expects_to_receive_sync("a price quote")
        .with_request_message({"sku": like("A-1")}, metadata={"replyTo": "quotes"})
        .will_respond_with_message({"price": decimal(9.5)}))

``with_metadata`` applies to the message of an asynchronous interaction, or to the part of a
synchronous one declared last. ``with_message_rules`` / ``with_message_generators`` merge
matching rules / generators written as pact JSON (``{"body": {...}, "metadata": {...}}``)
into that same part. Hand the declared messages to the consumer's handler with
``pact.verify(handler)`` or ``with pact.messages() as messages:`` (see
:mod:`polypact_message.consumer`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from polypact.errors import PactFileError, UsageError
from polypact.model import AsynchronousMessage, MessageContents, SynchronousMessages
from polypact.pactfile import parse_generators, parse_matching_rules

from polypact_message.content import add_metadata, set_contents


def _where(builder: Any, part: str = "") -> str:
    return f"message {builder.description!r}" + (f" {part}" if part else "")


def _async(builder: Any, method: str) -> AsynchronousMessage:
    current = builder.interaction
    if isinstance(current, AsynchronousMessage):
        return current
    kind = current.type if current is not None else "an undeclared"
    hint = (" (for synchronous messages use with_request_message / will_respond_with_message)"
            if isinstance(current, SynchronousMessages) else "")
    raise UsageError(
        f"interaction {builder.description!r} is {kind} interaction; {method}() belongs to "
        f"asynchronous messages declared with pact.expects_to_receive(...){hint}"
    )


def _sync(builder: Any, method: str) -> SynchronousMessages:
    current = builder.interaction
    if isinstance(current, SynchronousMessages):
        return current
    kind = current.type if current is not None else "an undeclared"
    raise UsageError(
        f"interaction {builder.description!r} is {kind} interaction; {method}() belongs to "
        f"synchronous messages declared with pact.expects_to_receive_sync(...)"
    )


def _last_part(builder: Any, method: str) -> tuple[MessageContents, str]:
    """The part ``with_metadata`` and friends apply to, and its name for messages."""
    current = builder.interaction
    if isinstance(current, AsynchronousMessage):
        return current.message, "metadata"
    if isinstance(current, SynchronousMessages):
        parts = getattr(builder, "_polypact_message_parts", [])
        if not parts:
            raise UsageError(
                f"{_where(builder)}: call with_request_message(...) or "
                f"will_respond_with_message(...) before {method}()"
            )
        return parts[-1]
    _async(builder, method)
    raise AssertionError("unreachable")  # pragma: no cover


def _remember(builder: Any, part: MessageContents, name: str) -> None:
    parts = getattr(builder, "_polypact_message_parts", None)
    if parts is None:
        parts = []
        builder._polypact_message_parts = parts
    parts.append((part, name))


# -- Pact methods ----------------------------------------------------------------------------
def expects_to_receive(pact: Any, description: str) -> Any:
    """``pact.expects_to_receive(description)``: declare an asynchronous message."""
    builder = pact.upon_receiving(description)
    builder.interaction = AsynchronousMessage()
    return builder


def expects_to_receive_sync(pact: Any, description: str) -> Any:
    """``pact.expects_to_receive_sync(description)``: declare a synchronous message
    exchange (a request message and one or more response messages)."""
    builder = pact.upon_receiving(description)
    builder.interaction = SynchronousMessages()
    return builder


# -- builder methods -------------------------------------------------------------------------
def with_content(builder: Any, value: Any, content_type: str | None = None) -> Any:
    """The message contents: a JSON value (with matchers), ``str`` (text, XML, JSON text)
    or ``bytes`` (binary); ``content_type`` overrides the default for its kind."""
    interaction = _async(builder, "with_content")
    set_contents(interaction.message, value, content_type, _where(builder, "contents"))
    return builder


def with_metadata(builder: Any, values: Mapping[str, Any] | None = None, /, **kwargs: Any) -> Any:
    """Message metadata (a mapping and/or keyword arguments; values may be matchers)."""
    part, name = _last_part(builder, "with_metadata")
    add_metadata(part, {**dict(values or {}), **kwargs}, _where(builder, name))
    return builder


def _message_part(builder: Any, contents: Any, metadata: Mapping[str, Any] | None,
                  content_type: str | None, name: str) -> MessageContents:
    part = MessageContents()
    if metadata:
        add_metadata(part, metadata, _where(builder, f"{name} metadata"))
    if contents is not None:
        set_contents(part, contents, content_type, _where(builder, f"{name} contents"))
    return part


def with_request_message(builder: Any, contents: Any = None, *,
                         metadata: Mapping[str, Any] | None = None,
                         content_type: str | None = None) -> Any:
    """The request message of a synchronous exchange (contents as for ``with_content``)."""
    interaction = _sync(builder, "with_request_message")
    interaction.request = _message_part(builder, contents, metadata, content_type, "request")
    _remember(builder, interaction.request, "request metadata")
    return builder


def will_respond_with_message(builder: Any, contents: Any = None, *,
                              metadata: Mapping[str, Any] | None = None,
                              content_type: str | None = None) -> Any:
    """Add a response message to a synchronous exchange (repeatable: one per response)."""
    interaction = _sync(builder, "will_respond_with_message")
    n = len(interaction.response)
    part = _message_part(builder, contents, metadata, content_type, f"response {n}")
    interaction.response.append(part)
    _remember(builder, part, f"response {n} metadata")
    return builder


def _parsed_for_last_part(
    builder: Any, method: str, value: Mapping[str, Any], parse: Callable[..., Any], field: str
) -> tuple[MessageContents, Any]:
    """The part ``method`` applies to and ``value`` parsed as the pact JSON ``field`` by
    ``parse`` (a pact-file error becomes a :class:`UsageError` naming ``method``)."""
    part, _ = _last_part(builder, method)
    try:
        parsed = parse(dict(value), "4.0", source=_where(builder), path=field)
    except PactFileError as exc:
        raise UsageError(f"{method}: {exc}") from None
    return part, parsed


def with_message_rules(builder: Any, rules: Mapping[str, Any]) -> Any:
    """Merge matching rules written as pact JSON (``{"body": {"$.id": {...}},
    "metadata": {"topic": {...}}}``) into the current message part."""
    part, parsed = _parsed_for_last_part(
        builder, "with_message_rules", rules, parse_matching_rules, "matchingRules"
    )
    for category, paths in parsed.categories.items():
        for path, rule_list in paths.items():
            part.matching_rules.set(category, path, rule_list)
    return builder


def with_message_generators(builder: Any, generators: Mapping[str, Any]) -> Any:
    """Merge generators written as pact JSON (``{"body": {"$.id": {"type": "RandomInt"}},
    "metadata": {"ID": {...}}}``) into the current message part."""
    part, parsed = _parsed_for_last_part(
        builder, "with_message_generators", generators, parse_generators, "generators"
    )
    for category, paths in parsed.categories.items():
        for path, generator in paths.items():
            part.generators.add(category, path, generator)
    return builder


#: The DSL functions this plugin registers, by registry key.
BUILDERS: dict[str, Callable[..., Any]] = {
    "pact.expects_to_receive": expects_to_receive,
    "pact.expects_to_receive_sync": expects_to_receive_sync,
    "with_content": with_content,
    "with_metadata": with_metadata,
    "with_request_message": with_request_message,
    "will_respond_with_message": will_respond_with_message,
    "with_message_rules": with_message_rules,
    "with_message_generators": with_message_generators,
}
