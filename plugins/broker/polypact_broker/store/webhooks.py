"""Webhook definitions and their delivery log."""

from __future__ import annotations

import json
import uuid as uuidlib
from typing import Any

import sqlalchemy as sa

from polypact_broker.db.schema import webhook_deliveries, webhooks
from polypact_broker.store import utcnow

Row = Any


def save_webhook(conn: sa.Connection, definition: dict[str, Any], hook_uuid: str | None = None) -> str:
    """Create (or replace, when ``hook_uuid`` exists) a webhook; returns its uuid."""
    values = dict(description=definition.get("description"),
                  consumer_name=definition.get("consumer"), provider_name=definition.get("provider"),
                  events=json.dumps(definition["events"]), request=json.dumps(definition["request"]),
                  enabled=definition.get("enabled", True))
    if hook_uuid is not None and get_webhook(conn, hook_uuid) is not None:
        conn.execute(webhooks.update().where(webhooks.c.uuid == hook_uuid).values(**values))
        return hook_uuid
    hook_uuid = hook_uuid or str(uuidlib.uuid4())
    conn.execute(webhooks.insert().values(uuid=hook_uuid, created_at=utcnow(), **values))
    return hook_uuid


def get_webhook(conn: sa.Connection, hook_uuid: str) -> Row | None:
    """One webhook by uuid."""
    return conn.execute(sa.select(webhooks).where(webhooks.c.uuid == hook_uuid)).first()


def list_webhooks(conn: sa.Connection) -> list[Row]:
    """Every webhook, oldest first."""
    return list(conn.execute(sa.select(webhooks).order_by(webhooks.c.id)))


def delete_webhook(conn: sa.Connection, hook_uuid: str) -> bool:
    """Delete a webhook (its delivery log stays); True when it existed."""
    return conn.execute(webhooks.delete().where(webhooks.c.uuid == hook_uuid)).rowcount > 0


def matching(conn: sa.Connection, event: str, consumer: str | None, provider: str | None) -> list[Row]:
    """Enabled webhooks listening to ``event`` whose consumer/provider filters match."""
    out = []
    for row in list_webhooks(conn):
        if not row.enabled or event not in json.loads(row.events):
            continue
        if row.consumer_name and row.consumer_name != consumer:
            continue
        if row.provider_name and row.provider_name != provider:
            continue
        out.append(row)
    return out


def log_delivery(conn: sa.Connection, hook_uuid: str, event: str, attempt: int, url: str,
                 status: int | None, success: bool, error: str | None) -> None:
    """Append one delivery attempt to the log."""
    conn.execute(webhook_deliveries.insert().values(
        webhook_uuid=hook_uuid, event=event, attempt=attempt, url=url, status=status,
        success=success, error=error, created_at=utcnow()))


def deliveries(conn: sa.Connection, hook_uuid: str) -> list[Row]:
    """Every logged delivery attempt of a webhook, oldest first."""
    return list(conn.execute(sa.select(webhook_deliveries)
                             .where(webhook_deliveries.c.webhook_uuid == hook_uuid)
                             .order_by(webhook_deliveries.c.id)))
