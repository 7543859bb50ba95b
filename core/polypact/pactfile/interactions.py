"""Reading interactions (V1-V3 request/response pairs, V3 messages, the three V4 types)."""

from __future__ import annotations

from typing import Any

from polypact.model.interactions import (
    ASYNC_MESSAGE,
    HTTP,
    INTERACTION_TYPES,
    AsynchronousMessage,
    HttpRequest,
    HttpResponse,
    Interaction,
    MessageContents,
    ProviderState,
    SynchronousHttp,
    SynchronousMessages,
)
from polypact.pactfile._context import (
    attempt,
    checked,
    child,
    describe,
    expect_array,
    expect_bool,
    expect_object,
    expect_optional_str,
    expect_str,
    extra_fields,
    fail,
    report,
)
from polypact.pactfile.parse import (
    parse_http_request,
    parse_http_response,
    parse_message_contents,
)

#: Members every interaction type may have.
COMMON_FIELDS = frozenset({
    "type", "description", "key", "providerStates", "providerState", "provider_state",
    "pending", "comments", "pluginConfiguration", "interactionMarkup", "transport",
})
REQUEST_RESPONSE = frozenset({"request", "response"})


def parse_provider_states(obj: dict[str, Any], *, source: str | None,
                          path: str) -> list[ProviderState]:
    """Provider states from ``providerStates`` (V3+) or ``providerState`` (V1/V2)."""
    if obj.get("providerStates") is not None:
        spath = child(path, "providerStates")
        states = []
        for i, raw in enumerate(expect_array(obj["providerStates"], source, spath)):
            state = attempt(lambda raw=raw, i=i: _provider_state(raw, source, child(spath, i)), None)
            if state is not None:
                states.append(state)
        return states
    for key in ("providerState", "provider_state"):
        if obj.get(key) is not None:
            name = expect_str(obj[key], source, child(path, key))
            return [ProviderState(name)] if name else []
    return []


def _provider_state(raw: Any, source: str | None, path: str) -> ProviderState:
    raw = expect_object(raw, source, path)
    name = expect_str(raw.get("name"), source, child(path, "name"))
    params = raw.get("params")
    params = {} if params is None else dict(expect_object(params, source, child(path, "params")))
    return ProviderState(name, params)


def _common(obj: dict[str, Any], cls: type[Interaction], source: str | None, path: str,
            known: frozenset[str]) -> Interaction:
    description = checked(expect_str, obj.get("description", ""), "", source,
                          child(path, "description"))
    key = checked(expect_optional_str, obj.get("key"), None, source, child(path, "key"))
    pending = checked(expect_bool, obj.get("pending", False), False, source, child(path, "pending"))
    transport = checked(expect_optional_str, obj.get("transport"), None, source,
                        child(path, "transport"))
    objects: dict[str, dict[str, Any]] = {}
    for name in ("comments", "pluginConfiguration", "interactionMarkup"):
        value = obj.get(name)
        objects[name] = {} if value is None else dict(
            checked(expect_object, value, {}, source, child(path, name)))
    extra = extra_fields(obj, COMMON_FIELDS | known)
    for key_name in ("providerState", "provider_state"):
        if obj.get("providerStates") is not None and key_name in obj:
            extra[key_name] = obj[key_name]
    return cls(
        description=description,
        provider_states=attempt(lambda: parse_provider_states(obj, source=source, path=path), []),
        key=key,
        pending=pending,
        comments=objects["comments"],
        plugin_configuration=objects["pluginConfiguration"],
        interaction_markup=objects["interactionMarkup"],
        transport=transport,
        extra=extra,
    )


def parse_interaction(obj: Any, spec_version: str, *, source: str | None = None,
                      path: str = "$.interactions[0]", strict: bool = True) -> Interaction:
    """One interaction of any type from an ``interactions`` entry."""
    obj = expect_object(obj, source, path)
    kind = obj.get("type")
    if kind is None:
        kind = HTTP if "request" in obj or "response" in obj or spec_version != "4.0" else (
            ASYNC_MESSAGE if "contents" in obj else None)
        if kind is None:
            raise fail("expected a 'type' member (one of " + ", ".join(INTERACTION_TYPES) + ")",
                       source, path)
    elif kind not in INTERACTION_TYPES:
        raise fail(f"expected one of {', '.join(INTERACTION_TYPES)}, found {describe(kind)}",
                   source, child(path, "type"))
    if kind == HTTP:
        return _http(obj, spec_version, source, path, strict)
    if kind == ASYNC_MESSAGE:
        return parse_async_message(obj, spec_version, source=source, path=path, strict=strict)
    return _sync_messages(obj, spec_version, source, path, strict)


def _http(obj: dict[str, Any], spec_version: str, source: str | None, path: str,
          strict: bool) -> SynchronousHttp:
    interaction = _common(obj, SynchronousHttp, source, path, REQUEST_RESPONSE)
    assert isinstance(interaction, SynchronousHttp)
    for part in ("request", "response"):
        if part not in obj:
            report(fail(f"expected a '{part}' object", source, path))
    if "request" in obj:
        interaction.request = attempt(lambda: parse_http_request(
            obj["request"], spec_version, source=source, path=child(path, "request"), strict=strict),
            HttpRequest)
    if "response" in obj:
        interaction.response = attempt(lambda: parse_http_response(
            obj["response"], spec_version, source=source, path=child(path, "response"),
            strict=strict), HttpResponse)
    return interaction


def parse_async_message(obj: Any, spec_version: str, *, source: str | None = None,
                        path: str = "$.messages[0]", strict: bool = True) -> AsynchronousMessage:
    """An :class:`AsynchronousMessage` from a V3 ``messages`` entry or a V4 interaction."""
    obj = expect_object(obj, source, path)
    interaction = _common(obj, AsynchronousMessage, source, path, frozenset(
        {"contents", "metadata", "metaData", "matchingRules", "generators"}))
    assert isinstance(interaction, AsynchronousMessage)
    interaction.message = parse_message_contents(obj, spec_version, source=source, path=path,
                                                 strict=strict, other_fields=COMMON_FIELDS)
    interaction.message.extra.clear()
    return interaction


def _sync_messages(obj: dict[str, Any], spec_version: str, source: str | None, path: str,
                   strict: bool) -> SynchronousMessages:
    interaction = _common(obj, SynchronousMessages, source, path, REQUEST_RESPONSE)
    assert isinstance(interaction, SynchronousMessages)
    if "request" not in obj:
        report(fail("expected a 'request' object", source, path))
    else:
        interaction.request = attempt(lambda: parse_message_contents(
            obj["request"], spec_version, source=source, path=child(path, "request"),
            strict=strict), MessageContents)
    rpath = child(path, "response")
    responses = obj.get("response")
    responses = [] if responses is None else attempt(lambda: expect_array(responses, source, rpath), [])
    interaction.response = [
        attempt(lambda r=r, i=i: parse_message_contents(
            r, spec_version, source=source, path=child(rpath, i), strict=strict), MessageContents)
        for i, r in enumerate(responses)
    ]
    return interaction
