"""Applying a contract part's generators to a protobuf message.

The message is decoded to a value, the JSON body generators of the core run over it
(``registry.content_generator("application/json")``) and the result is encoded again. Parts
without generators are sent byte for byte as the contract holds them.
"""

from __future__ import annotations

from typing import Any

from polypact.model import Body, MessageContents

from polypact_grpc.values import message_to_value, value_to_message


def generator_context(registry: Any, mode: str, provider_state: dict[str, Any] | None = None,
                      mock_server_url: str | None = None) -> Any:
    """A :class:`polypact.generate.GeneratorContext` for ``mode`` (consumer or provider)."""
    from polypact.generate.context import GeneratorContext

    return GeneratorContext(
        mode=mode,
        provider_state=dict(provider_state or {}),
        mock_server_url=mock_server_url,
        registry=registry,
    )


def message_bytes(part: MessageContents, message_class: Any, registry: Any, context: Any = None) -> bytes:
    """The bytes to send for ``part``: its contents with body generators applied."""
    generators = part.generators.category("body")
    if not generators or context is None:
        return part.contents.content
    value = message_to_value(message_class.FromString(part.contents.content))
    applier = registry.content_generator("application/json")
    if applier is None:
        return part.contents.content
    generated = applier.apply(Body.from_json(value), generators, context)
    return value_to_message(message_class, generated.json_value(), "generated message").SerializeToString()


def metadata_value(part: MessageContents, key: str, registry: Any, context: Any = None) -> Any:
    """A metadata value of ``part`` with a ``metadata`` generator for ``key`` applied."""
    value = part.metadata.get(key)
    generator = part.generators.category("metadata").get(key)
    if generator is None or context is None:
        return value
    function = registry.generator(generator.kind)
    return value if function is None else function(generator, value, context)
