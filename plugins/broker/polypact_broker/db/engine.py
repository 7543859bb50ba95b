"""The broker database: engine set-up, migrations at start, and safe write transactions.

SQLite (the default, a file path) runs in WAL mode with a busy timeout, and writes are
serialised by a process-wide lock so concurrent publishers never see "database is
locked". PostgreSQL relies on its own locking; unique constraints make get-or-create
races safe, and a write that loses such a race is retried from the start.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from polypact.errors import UsageError
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

T = TypeVar("T")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def normalise_url(url: str) -> str:
    """A SQLAlchemy URL for ``url``: a plain file path means SQLite; ``postgresql://``
    uses the psycopg 3 driver."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith(("sqlite:", "postgresql+psycopg:")):
        return url
    raise UsageError(
        f"--database-url {url!r}: expected a file path, sqlite:///PATH or postgresql://..."
    )


class Database:
    """One broker database. ``Database(url)`` connects lazily; call :meth:`migrate` once
    at start (``BrokerApp`` does)."""

    def __init__(self, url: str):
        self.url = normalise_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        self._lock = threading.RLock()
        if self.is_sqlite:
            self.engine = sa.create_engine(
                self.url, connect_args={"check_same_thread": False, "timeout": 30},
                pool_size=20, max_overflow=40,
            )
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = sa.create_engine(self.url, pool_size=10, max_overflow=60,
                                           pool_pre_ping=True)

    def migrate(self) -> None:
        """Bring the schema up to the newest Alembic revision (idempotent)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self._lock, self.engine.begin() as conn:
            if not self.is_sqlite:
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(7264)"))
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A connection for reading (one short transaction)."""
        with self.engine.connect() as conn:
            yield conn

    def write(self, fn: Callable[[sa.Connection], T], attempts: int = 8) -> T:
        """Run ``fn(conn)`` in one transaction and commit; retry it from the start when it
        loses a race (unique violation, serialisation failure, lock timeout)."""
        for attempt in range(attempts):
            try:
                with self._lock if self.is_sqlite else _nolock():
                    with self.engine.begin() as conn:
                        return fn(conn)
            except (IntegrityError, OperationalError) as exc:
                if attempt == attempts - 1 or not _retryable(exc):
                    raise
                time.sleep(0.01 * (2 ** attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _retryable(exc: DBAPIError) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    text = str(exc.orig).lower()
    return any(s in text for s in ("locked", "serializ", "deadlock", "could not obtain"))


@contextmanager
def _nolock() -> Iterator[None]:
    yield


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()
