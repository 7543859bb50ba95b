"""One interaction as a card: its kind (detected from the pact JSON), description,
pending flag, comments, provider states and the kind's own rendering."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from polypact_broker.ui.html import Safe, render, tag
from polypact_broker.ui.render.graphql import render_graphql
from polypact_broker.ui.render.grpc import render_grpc
from polypact_broker.ui.render.http import render_http
from polypact_broker.ui.render.markup import markup_text, render_markup
from polypact_broker.ui.render.messages import render_async, render_sync
from polypact_broker.ui.render.parts import pre, provider_states
from polypact_broker.ui.render.soap import render_soap

HTTP, GRAPHQL, SOAP, ASYNC, SYNC, GRPC, OTHER = (
    "HTTP", "GraphQL", "SOAP", "Message", "Synchronous message", "gRPC", "Other")

RENDERERS: dict[str, Callable[[dict[str, Any]], Safe]] = {
    HTTP: render_http, GRAPHQL: render_graphql, SOAP: render_soap, ASYNC: render_async,
    SYNC: render_sync, GRPC: render_grpc,
}


def kind_of(interaction: dict[str, Any], in_messages: bool = False) -> str:
    """The kind of an interaction: ``HTTP``, ``GraphQL``, ``SOAP``, ``Message``,
    ``Synchronous message``, ``gRPC`` or ``Other``. ``in_messages`` marks entries of a
    V3 ``messages`` array."""
    itype = interaction.get("type")
    config = interaction.get("pluginConfiguration")
    config = config if isinstance(config, dict) else {}
    if itype == "Synchronous/Messages":
        if str(interaction.get("transport", "")).lower() == "grpc":
            return GRPC
        return SYNC
    if itype == "Asynchronous/Messages" or (itype is None and (
            in_messages or ("contents" in interaction and "request" not in interaction))):
        return ASYNC
    if itype in ("Synchronous/HTTP", None) and isinstance(interaction.get("request"), dict):
        if isinstance(config.get("graphql"), dict):
            return GRAPHQL
        if isinstance(config.get("soap"), dict):
            return SOAP
        return HTTP
    return OTHER


def _comments(interaction: dict[str, Any]) -> Safe:
    comments = interaction.get("comments")
    if not isinstance(comments, dict):
        return Safe("")
    lines = [str(t) for t in comments.get("text") or [] if isinstance(t, str)]
    test = comments.get("testname")
    return render([
        tag("p", "Test: ", tag("code", test), class_="muted") if isinstance(test, str) else None,
        [tag("p", line, class_="comment") for line in lines],
    ])


def render_interaction(interaction: Any, index: int, in_messages: bool = False,
                       descriptors: Mapping[str, str] | None = None) -> Safe:
    """The card of interaction number ``index`` (its anchor is ``i-<index>``);
    ``descriptors`` are the pact's protobuf descriptor sets (gRPC contents as JSON)."""
    if not isinstance(interaction, dict):
        return tag("section", tag("p", f"interaction {index} is not a JSON object"),
                   class_="card interaction", id=f"i-{index}")
    kind = kind_of(interaction, in_messages)
    renderer = partial(render_grpc, descriptors=descriptors) if kind == GRPC else RENDERERS.get(kind)
    markup = markup_text(interaction)
    badges = [tag("span", kind, class_="badge kind")]
    if interaction.get("pending") is True:
        badges.append(tag("span", "pending", class_="badge pending"))
    transport = interaction.get("transport")
    if isinstance(transport, str) and transport and kind != GRPC:
        badges.append(tag("span", f"transport {transport}", class_="badge kind"))
    return tag(
        "section",
        tag("h3", str(interaction.get("description", "(no description)")), class_="description"),
        tag("p", badges, class_="badges"),
        _comments(interaction),
        provider_states(interaction),
        renderer(interaction) if renderer else tag("p", "interaction type ",
                                                   tag("code", str(interaction.get("type"))),
                                                   " is shown as JSON", class_="muted"),
        tag("details", tag("summary", "Plugin markup"), render_markup(*markup))
        if markup and kind != GRPC else None,
        tag("details", tag("summary", "Raw JSON"),
            pre(json.dumps(interaction, indent=2, ensure_ascii=False)[:100_000])),
        class_="card interaction", id=f"i-{index}", data_kind=kind)
