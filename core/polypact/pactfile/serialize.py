"""Turning the model into pact JSON for V4, V3 or V2 (the document before it is dumped).

Writing an older version refuses, with :class:`UnsupportedVersionError` naming the
interaction and the feature, what that version cannot express: V3 has no synchronous
messages, pending flags, comments, plugin configuration, markup or non-HTTP transports,
and holds HTTP interactions or messages but not both; V2 additionally has no messages,
generators, provider-state parameters, multiple provider states, rule categories other
than body/header/query/path, more than one rule per path, OR combination, or matchers
other than ``regex`` and ``type`` (with ``min``/``max``).
"""

from __future__ import annotations

from typing import Any

from polypact.errors import UnsupportedVersionError
from polypact.model.interactions import (
    AsynchronousMessage,
    HttpRequest,
    HttpResponse,
    Interaction,
    MessageContents,
    SynchronousHttp,
    SynchronousMessages,
)
from polypact.model.rules import MatchingRules
from polypact.pactfile._context import child
from polypact.pactfile.bodies import body_to_raw, body_to_v4
from polypact.pactfile.httpparts import headers_to_json, query_to_json
from polypact.pactfile.rules import generators_to_json, rules_to_json

WRITABLE_VERSIONS = ("2.0", "3.0", "4.0")
#: The version string written into ``metadata.pactSpecification.version``.
WRITTEN_VERSION = {"2.0": "2.0.0", "3.0": "3.0.0", "4.0": "4.0"}
V2_MATCHERS = frozenset({"regex", "type", "min", "max"})
V2_CATEGORIES = frozenset({"body", "header", "query", "path"})


def check_writable(spec_version: str) -> str:
    """``spec_version`` if polypact writes it, else :class:`UnsupportedVersionError`."""
    if spec_version not in WRITABLE_VERSIONS:
        raise UnsupportedVersionError(
            f"cannot write pact specification version {spec_version!r} "
            f"(polypact writes {', '.join(WRITABLE_VERSIONS)})")
    return spec_version


def _refuse(interaction: Interaction, spec_version: str, feature: str) -> UnsupportedVersionError:
    states = ", ".join(repr(s) for s in interaction.state_names())
    given = f" given {states}" if states else ""
    return UnsupportedVersionError(
        f"interaction {interaction.description!r}{given} cannot be written as a "
        f"V{spec_version} pact: {feature}")


def _states_json(interaction: Interaction, spec_version: str) -> dict[str, Any]:
    states = interaction.provider_states
    if not states:
        return {}
    if spec_version == "2.0":
        if len(states) > 1:
            raise _refuse(interaction, spec_version, "V2 allows one provider state, found "
                          f"{len(states)}")
        if states[0].params:
            raise _refuse(interaction, spec_version, "V2 has no provider state parameters")
        return {"providerState": states[0].name}
    return {"providerStates": [
        {"name": s.name, **({"params": dict(s.params)} if s.params else {})} for s in states]}


def _v4_only_fields(interaction: Interaction, spec_version: str) -> None:
    checks = (
        (interaction.pending, "V4 'pending' flag"),
        (interaction.comments, "V4 'comments'"),
        (interaction.plugin_configuration, "V4 'pluginConfiguration'"),
        (interaction.interaction_markup, "V4 'interactionMarkup'"),
        (interaction.transport not in (None, "http", "https"),
         f"V4 'transport' {interaction.transport!r}"),
    )
    for present, feature in checks:
        if present:
            raise _refuse(interaction, spec_version, f"{feature} has no V{spec_version[0]} form")


def _rules_json(rules: MatchingRules, interaction: Interaction, spec_version: str) -> Any:
    if spec_version != "2.0":
        return rules_to_json(rules)
    flat: dict[str, Any] = {}
    for category, paths in rules.categories.items():
        for sub, lst in paths.items():
            if not lst.rules:
                continue
            where = f"{category} rule at {sub or '(whole value)'!r}"
            if category not in V2_CATEGORIES:
                raise _refuse(interaction, spec_version, f"{where}: V2 has no {category!r} rules")
            if len(lst.rules) > 1 or lst.combine != "AND":
                raise _refuse(interaction, spec_version,
                              f"{where}: V2 allows one matcher per path, found {len(lst.rules)} "
                              f"combined with {lst.combine}")
            rule = lst.rules[0]
            if rule.kind not in V2_MATCHERS:
                raise _refuse(interaction, spec_version,
                              f"{where}: the {rule.kind!r} matcher needs V3 or later")
            flat[_v2_key(category, sub)] = rule.to_json()
    return flat


def _v2_key(category: str, sub: str) -> str:
    if category == "body":
        return "$.body" + sub[1:] if sub.startswith("$") else child("$.body", sub)
    if category == "path":
        return "$.path"
    return child("$.headers" if category == "header" else f"$.{category}", sub)


def _request_json(req: HttpRequest, interaction: Interaction, v: str) -> dict[str, Any]:
    out: dict[str, Any] = {"method": req.method.upper(), "path": req.path}
    if req.query:
        out["query"] = query_to_json(req.query, v)
    _http_common(out, req.headers, req.body, req.content_type(), req.matching_rules,
                 req.generators, interaction, v)
    out.update(req.extra)
    return out


def _response_json(resp: HttpResponse, interaction: Interaction, v: str) -> dict[str, Any]:
    out: dict[str, Any] = {"status": resp.status}
    _http_common(out, resp.headers, resp.body, resp.content_type(), resp.matching_rules,
                 resp.generators, interaction, v)
    out.update(resp.extra)
    return out


def _http_common(out: dict[str, Any], headers: dict[str, list[str]], body: Any, ct: str | None,
                 rules: MatchingRules, generators: Any, interaction: Interaction, v: str) -> None:
    if headers:
        out["headers"] = headers_to_json(headers, v)
    if v == "4.0":
        body_json = body_to_v4(body, ct)
        if body_json is not None:
            out["body"] = body_json
    else:
        present, value = body_to_raw(body, ct)
        if present:
            out["body"] = value
    if rules:
        out["matchingRules"] = _rules_json(rules, interaction, v)
    if generators:
        if v == "2.0":
            raise _refuse(interaction, v, "V2 has no generators")
        out["generators"] = generators_to_json(generators)


def message_json(msg: MessageContents, interaction: Interaction, v: str) -> dict[str, Any]:
    """One message (contents, metadata, rules, generators) as written in version ``v``."""
    out: dict[str, Any] = {}
    ct = msg.content_type()
    if v == "4.0":
        body_json = body_to_v4(msg.contents, ct)
        if body_json is not None:
            out["contents"] = body_json
    else:
        present, value = body_to_raw(msg.contents, ct)
        if present:
            out["contents"] = value
    out["metadata"] = dict(msg.metadata)
    if msg.matching_rules:
        out["matchingRules"] = _rules_json(msg.matching_rules, interaction, v)
    if msg.generators:
        out["generators"] = generators_to_json(msg.generators)
    out.update(msg.extra)
    return out


def interaction_json(interaction: Interaction, spec_version: str, *,
                     key: str | None = None) -> dict[str, Any]:
    """The JSON object of one interaction in ``spec_version`` (V4 ``key`` as given)."""
    v = check_writable(spec_version)
    out: dict[str, Any] = {"description": interaction.description}
    out.update(_states_json(interaction, v))
    if v == "4.0":
        out["type"] = interaction.type
        if key is not None:
            out["key"] = key
        out["pending"] = bool(interaction.pending)
        for name, value in (("comments", interaction.comments),
                            ("pluginConfiguration", interaction.plugin_configuration),
                            ("interactionMarkup", interaction.interaction_markup)):
            if value:
                out[name] = value
        if interaction.transport:
            out["transport"] = interaction.transport
    else:
        _v4_only_fields(interaction, v)
    if isinstance(interaction, SynchronousHttp):
        out["request"] = _request_json(interaction.request, interaction, v)
        out["response"] = _response_json(interaction.response, interaction, v)
    elif isinstance(interaction, AsynchronousMessage):
        if v == "2.0":
            raise _refuse(interaction, v, "V2 has no messages")
        out.update(message_json(interaction.message, interaction, v))
    elif isinstance(interaction, SynchronousMessages):
        if v != "4.0":
            raise _refuse(interaction, v, "synchronous messages need V4")
        out["request"] = message_json(interaction.request, interaction, v)
        out["response"] = [message_json(m, interaction, v) for m in interaction.response]
    else:  # pragma: no cover - a new interaction type without a writer
        raise _refuse(interaction, v, f"unknown interaction type {interaction.type!r}")
    out.update(interaction.extra)
    return out
