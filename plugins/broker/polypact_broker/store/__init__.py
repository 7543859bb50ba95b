"""Broker storage operations: small functions taking an open SQLAlchemy connection.

Writers run inside :meth:`polypact_broker.db.engine.Database.write` (one transaction,
retried on races); readers inside :meth:`~polypact_broker.db.engine.Database.read`.
"""

from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


def iso(value: datetime | None) -> str | None:
    """``value`` as ISO 8601 UTC text (SQLite returns naive datetimes: they are UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def aware(value: datetime | None) -> datetime | None:
    """``value`` made timezone-aware (UTC) for comparisons."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value
