"""``/webhooks``: create, list, read, replace, delete, execute; the delivery log."""

from __future__ import annotations

import json
from typing import Any

from polypact_broker.errors import BrokerError, NotFound
from polypact_broker.store import iso
from polypact_broker.store import webhooks as wq
from polypact_broker.web.context import Ctx
from polypact_broker.web.http import Response
from polypact_broker.webhooks.dispatcher import host_allowed
from polypact_broker.webhooks.templates import EVENTS, check_template


def parse_definition(body: dict[str, Any], allowed_hosts: list[str]) -> dict[str, Any]:
    """Validate a webhook definition; 400 naming the bad field."""
    events = body.get("events")
    if not isinstance(events, list) or not events:
        raise BrokerError("events: expected a non-empty list of {\"name\": EVENT}",
                          errors={"events": ["is required"]})
    names = []
    for i, e in enumerate(events):
        name = e.get("name") if isinstance(e, dict) else None
        if name not in EVENTS:
            raise BrokerError(f"events[{i}].name: expected one of {', '.join(EVENTS)}, got {name!r}")
        names.append(name)
    request = body.get("request")
    if not isinstance(request, dict):
        raise BrokerError("request: expected an object with method and url", errors={"request": ["is required"]})
    method = request.get("method", "POST")
    if not isinstance(method, str) or method.upper() not in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        raise BrokerError(f"request.method: expected GET, POST, PUT, PATCH or DELETE, got {method!r}")
    url = request.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise BrokerError("request.url: expected an http(s) URL", errors={"request.url": ["is invalid"]})
    check_template(url, "request.url")
    probe = url.replace("${", "x").replace("}", "x")
    if not host_allowed(probe, allowed_hosts):
        raise BrokerError(f"request.url: the host is not on the webhook allow-list "
                          f"({', '.join(allowed_hosts) or 'empty'})", errors={"request.url": ["host not allowed"]})
    headers = request.get("headers") or {}
    if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
        raise BrokerError("request.headers: expected an object of strings")
    for name, value in headers.items():
        check_template(value, f"request.headers.{name}")
    if "body" in request and request["body"] is not None:
        check_template(request["body"] if isinstance(request["body"], str) else json.dumps(request["body"]),
                       "request.body")
    out: dict[str, Any] = {"events": names, "description": body.get("description"),
                           "request": {"method": method.upper(), "url": url, "headers": headers,
                                       "body": request.get("body")},
                           "enabled": body.get("enabled", True)}
    if not isinstance(out["enabled"], bool):
        raise BrokerError("enabled: expected true or false")
    for role in ("consumer", "provider"):
        part = body.get(role)
        if part is not None:
            if not isinstance(part, dict) or not isinstance(part.get("name"), str):
                raise BrokerError(f"{role}: expected {{\"name\": ...}}")
            out[role] = part["name"]
    return out


def hook_json(ctx: Ctx, row: Any) -> dict[str, Any]:
    """A webhook resource (header values are not echoed: they may hold secrets)."""
    request = json.loads(row.request)
    request["headers"] = {k: "****" for k in request.get("headers") or {}}
    out = {"uuid": row.uuid, "description": row.description, "enabled": bool(row.enabled),
           "events": [{"name": n} for n in json.loads(row.events)], "request": request,
           "createdAt": iso(row.created_at),
           "_links": {"self": ctx.urls.link(ctx.urls.webhook(row.uuid), "Webhook", row.description),
                      "pb:execute": ctx.urls.link(ctx.urls.webhook(row.uuid) + "/execute", "Test the execution"),
                      "pb:deliveries": ctx.urls.link(ctx.urls.webhook(row.uuid) + "/deliveries", "Delivery log")}}
    if row.consumer_name:
        out["consumer"] = {"name": row.consumer_name}
    if row.provider_name:
        out["provider"] = {"name": row.provider_name}
    return out


def _allowed(ctx: Ctx) -> list[str]:
    return ctx.events.config.allowed_hosts if ctx.events is not None else []


def create(ctx: Ctx) -> Response:
    """``POST /webhooks``."""
    definition = parse_definition(ctx.request.json_object(), _allowed(ctx))
    hook_uuid = ctx.db.write(lambda conn: wq.save_webhook(conn, definition))
    return get(ctx, hook_uuid, status=201)


def put(ctx: Ctx, uuid: str) -> Response:
    """``PUT /webhooks/UUID``: create or replace."""
    definition = parse_definition(ctx.request.json_object(), _allowed(ctx))
    ctx.db.write(lambda conn: wq.save_webhook(conn, definition, uuid))
    return get(ctx, uuid)


def get(ctx: Ctx, uuid: str, status: int = 200) -> Response:
    """``GET /webhooks/UUID``."""
    with ctx.db.read() as conn:
        row = wq.get_webhook(conn, uuid)
    if row is None:
        raise NotFound(f"no webhook {uuid!r}")
    return Response(status, hook_json(ctx, row))


def list_all(ctx: Ctx) -> dict[str, Any]:
    """``GET /webhooks``."""
    with ctx.db.read() as conn:
        rows = wq.list_webhooks(conn)
    return {"_embedded": {"webhooks": [hook_json(ctx, r) for r in rows]},
            "_links": {"self": ctx.urls.link(ctx.urls.base + "/webhooks"),
                       "pb:webhooks": [ctx.urls.link(ctx.urls.webhook(r.uuid), "Webhook", r.description)
                                       for r in rows]}}


def delete(ctx: Ctx, uuid: str) -> Response:
    """``DELETE /webhooks/UUID``."""
    if not ctx.db.write(lambda conn: wq.delete_webhook(conn, uuid)):
        raise NotFound(f"no webhook {uuid!r}")
    return Response(204)


def execute(ctx: Ctx, uuid: str) -> dict[str, Any]:
    """``POST /webhooks/UUID/execute``: deliver now with sample data (no retries)."""
    with ctx.db.read() as conn:
        row = wq.get_webhook(conn, uuid)
    if row is None:
        raise NotFound(f"no webhook {uuid!r}")
    if ctx.events is None:
        raise BrokerError("webhooks are disabled on this broker", status=409)
    sample = {"consumer": row.consumer_name or "Consumer", "provider": row.provider_name or "Provider",
              "consumer_version": "1.0.0", "provider_version": "1.0.0", "success": True}
    ok = ctx.events.deliver(row.uuid, json.loads(row.request), "test", sample, retry=False)
    return {"success": ok, "_links": {"pb:deliveries": ctx.urls.link(ctx.urls.webhook(uuid) + "/deliveries")}}


def deliveries(ctx: Ctx, uuid: str) -> dict[str, Any]:
    """``GET /webhooks/UUID/deliveries``: every delivery attempt, oldest first."""
    with ctx.db.read() as conn:
        rows = wq.deliveries(conn, uuid)
    return {"deliveries": [{"event": r.event, "attempt": r.attempt, "url": r.url, "status": r.status,
                            "success": bool(r.success), "error": r.error, "createdAt": iso(r.created_at)}
                           for r in rows],
            "_links": {"self": ctx.urls.link(ctx.urls.webhook(uuid) + "/deliveries")}}


def register(router: Any) -> None:
    """Add the webhook routes."""
    router.add("GET", "/webhooks", list_all)
    router.add("POST", "/webhooks", create)
    router.add("GET", "/webhooks/{uuid}", get)
    router.add("PUT", "/webhooks/{uuid}", put)
    router.add("DELETE", "/webhooks/{uuid}", delete)
    router.add("POST", "/webhooks/{uuid}/execute", execute)
    router.add("GET", "/webhooks/{uuid}/deliveries", deliveries)
