"""Fixtures for the broker tests: databases (SQLite always, PostgreSQL when
``POLYPACT_TEST_POSTGRES_URL`` is set), in-process brokers and broker processes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

pytest.importorskip("sqlalchemy", reason="the broker needs polypact[broker]")

from polypact_broker.config import BrokerConfig  # noqa: E402
from polypact_broker.server import running_broker  # noqa: E402

from tests.interop.fixtures import pact_python  # noqa: E402, F401  (pact-python as a peer)

POSTGRES = os.environ.get("POLYPACT_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", *(["postgresql"] if POSTGRES else [])]


def _admin(sql: str) -> None:
    """Run one statement on the PostgreSQL server's maintenance database."""
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as conn:
        conn.execute(sql)


def _postgres_url(name: str) -> str:
    """The URL of database ``name`` on the test server (keeps ``?host=<socket dir>``)."""
    return urlunsplit(urlsplit(POSTGRES)._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """A migrated PostgreSQL database (one per test process) that fresh test databases
    are copied from: ``CREATE DATABASE ... TEMPLATE`` is several times faster than
    creating an empty database and running the migrations in it."""
    from polypact_broker.db.engine import Database

    name = f"polypact_tmpl_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}"')
    db = Database(_postgres_url(name))
    try:
        db.migrate()
    finally:
        db.dispose()  # a template must have no open connections when it is copied
    try:
        yield name
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL: a SQLite file, and (when ``POLYPACT_TEST_POSTGRES_URL`` is set) a
    fresh PostgreSQL database, dropped afterwards."""
    if request.param == "sqlite":
        yield str(tmp_path / "broker.sqlite")
        return
    template = request.getfixturevalue("postgres_template")
    name = f"polypact_test_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield _postgres_url(name)
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite database file path (for tests about SQLite, or independent of storage)."""
    return str(tmp_path / "broker.sqlite")


@pytest.fixture
def broker(database_url: str) -> Iterator[str]:
    """A broker on every configured backend, served on 127.0.0.1 (free port); yields its
    base URL."""
    with running_broker(BrokerConfig(database_url=database_url)) as (url, _app):
        yield url


@pytest.fixture
def any_broker(broker: str) -> str:
    """The same as ``broker`` (every configured backend)."""
    return broker


def polypact_script() -> str:
    """The installed ``polypact`` console script."""
    return str(Path(sys.executable).with_name("polypact"))


class BrokerProcess:
    """``polypact broker serve`` in a subprocess, on 127.0.0.1 and a free port."""

    def __init__(self, database_url: str, env: dict[str, str] | None = None, *extra: str):
        self.database_url = database_url
        self.env = {**os.environ, **(env or {})}
        self.extra = list(extra)
        self.proc: subprocess.Popen[str] | None = None
        self.url = ""

    def start(self) -> str:
        """Start the server; return its base URL once it listens."""
        self.proc = subprocess.Popen(
            [polypact_script(), "broker", "serve", "--database-url", self.database_url,
             "--host", "127.0.0.1", "--port", "0", *self.extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        line = self.proc.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+)", line)
        if not match:
            self.proc.kill()
            raise RuntimeError(f"broker did not start: {line!r} {self.proc.stderr.read()}")
        self.url = match.group(1)
        return self.url

    def kill(self) -> None:
        """Kill the process abruptly (SIGKILL)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        """Stop the process (SIGTERM, then SIGKILL)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.proc is not None:
            for stream in (self.proc.stdout, self.proc.stderr):
                if stream:
                    stream.close()


@pytest.fixture
def broker_process(database_url: str) -> Iterator[BrokerProcess]:
    """A started ``polypact broker serve`` process on every configured backend."""
    proc = BrokerProcess(database_url)
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()
