"""Broker latency: "pacts for verification" and can-i-deploy on a populated database.

100 pacticipants (50 consumers, 50 providers) and 10,000 versions: each consumer has 180
versions on its main branch publishing pacts to two providers (the content changes every
10 versions, so contents are de-duplicated), each provider 20 versions that verified
some of those pacts, every tenth consumer version tagged ``prod``, and the latest version
of every pacticipant deployed to ``production``. The database is PostgreSQL when
``POLYPACT_BENCH_POSTGRES_URL`` (or ``POLYPACT_TEST_POSTGRES_URL``) names a server (a
fresh database is created there and dropped; TCP and unix-socket ``?host=DIR`` URLs both
work), otherwise a SQLite file in a temporary folder, so ``make bench`` runs anywhere. Requests go over HTTP to
a broker on 127.0.0.1; the figure is the median wall-clock latency. No peer figure:
pact-python has no broker.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench.common import Result, iterations, median_ms, sample

TARGET_MS = 100.0


@dataclass(frozen=True)
class DataSet:
    """The size of the seeded data set (the defaults are the issue's: 100 pacticipants,
    50 x 180 + 50 x 20 = 10,000 versions)."""

    consumers: int = 50
    providers: int = 50
    consumer_versions: int = 180
    provider_versions: int = 20

    @property
    def versions(self) -> int:
        """How many versions the data set has."""
        return self.consumers * self.consumer_versions + self.providers * self.provider_versions


def _pact(consumer: str, provider: str, revision: int) -> dict[str, Any]:
    return {"consumer": {"name": consumer}, "provider": {"name": provider},
            "interactions": [{"description": f"request {n} rev {revision}",
                              "request": {"method": "GET", "path": f"/items/{n}"},
                              "response": {"status": 200, "body": {"id": n, "rev": revision}}}
                             for n in range(5)],
            "metadata": {"pactSpecification": {"version": "3.0.0"}}}


def seed(db: Any, data: DataSet = DataSet()) -> None:
    """Bulk-insert the data set (one transaction)."""
    from polypact_broker.db import schema as s

    now = datetime.now(timezone.utc) - timedelta(days=1)
    names = ([f"consumer-{i}" for i in range(data.consumers)]
             + [f"provider-{i}" for i in range(data.providers)])

    def work(conn: Any) -> None:
        conn.execute(s.pacticipants.insert(), [
            {"id": i + 1, "name": n, "main_branch": "main", "created_at": now} for i, n in enumerate(names)])
        pid = {n: i + 1 for i, n in enumerate(names)}
        versions, branch_rows, bv, tags, contents, pubs, verifs = [], [], [], [], [], [], []
        vid = 0
        for n in names:
            branch_rows.append({"id": pid[n], "pacticipant_id": pid[n], "name": "main", "created_at": now})
        content_ids: dict[tuple[int, int, int], int] = {}
        provider_versions: dict[int, list[int]] = {}
        for p in range(data.providers):
            pname = f"provider-{p}"
            provider_versions[p] = []
            for v in range(data.provider_versions):
                vid += 1
                versions.append({"id": vid, "pacticipant_id": pid[pname], "number": f"{v}.0.0",
                                 "created_at": now + timedelta(seconds=vid)})
                bv.append({"branch_id": pid[pname], "version_id": vid, "created_at": now})
                provider_versions[p].append(vid)
        for c in range(data.consumers):
            cname = f"consumer-{c}"
            for v in range(data.consumer_versions):
                vid += 1
                versions.append({"id": vid, "pacticipant_id": pid[cname], "number": f"1.{v}.0",
                                 "created_at": now + timedelta(seconds=vid)})
                bv.append({"branch_id": pid[cname], "version_id": vid, "created_at": now})
                if v % 10 == 0:
                    tags.append({"version_id": vid, "name": "prod", "created_at": now})
                for p in dict.fromkeys((c % data.providers, (c + 1) % data.providers)):
                    key = (c, p, v // 10)
                    if key not in content_ids:
                        doc = _pact(cname, f"provider-{p}", v // 10)
                        text = json.dumps(doc, sort_keys=True, separators=(",", ":"))
                        content_ids[key] = len(contents) + 1
                        contents.append({"id": len(contents) + 1, "sha": hashlib.sha256(text.encode()).hexdigest(),
                                         "consumer_id": pid[cname], "provider_id": pid[f"provider-{p}"],
                                         "content": text, "created_at": now})
                        for pv in provider_versions[p][: 1 + (v // 10) % data.provider_versions]:
                            verifs.append({"content_id": content_ids[key], "provider_version_id": pv,
                                           "success": True, "created_at": now})
                    pubs.append({"consumer_version_id": vid, "provider_id": pid[f"provider-{p}"],
                                 "content_id": content_ids[key], "revision": 1, "created_at": now})
        conn.execute(s.versions.insert(), versions)
        conn.execute(s.branches.insert(), branch_rows)
        conn.execute(s.branch_versions.insert(), bv)
        conn.execute(s.tags.insert(), tags)
        conn.execute(s.pact_contents.insert(), contents)
        conn.execute(s.pact_publications.insert(), pubs)
        conn.execute(s.verifications.insert(), verifs)
        conn.execute(s.environments.insert(), [{"id": 1, "uuid": str(uuid.uuid4()), "name": "production",
                                                "production": True, "created_at": now}])
        latest: dict[int, int] = {}
        for row in versions:
            latest[row["pacticipant_id"]] = row["id"]
        conn.execute(s.deployed_versions.insert(), [
            {"uuid": str(uuid.uuid4()), "version_id": v, "environment_id": 1, "created_at": now}
            for v in latest.values()])

    db.write(work)
    if not db.is_sqlite:  # the explicit ids above bypassed the sequences
        import sqlalchemy as sa

        with db.engine.begin() as conn:
            for table in ("pacticipants", "versions", "branches", "pact_contents", "environments"):
                conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                     f"(SELECT MAX(id) FROM {table}))"))


def database_url(server_url: str, name: str) -> str:
    """The URL of database ``name`` on the server of ``server_url``: only the path changes,
    so credentials, port and query (``?host=/socket/dir``, ``sslmode``...) are kept."""
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


def _postgres() -> tuple[str, Any] | None:
    """A fresh PostgreSQL database (URL, drop function) when a server is configured."""
    admin = os.environ.get("POLYPACT_BENCH_POSTGRES_URL") or os.environ.get("POLYPACT_TEST_POSTGRES_URL")
    if not admin:
        return None
    import psycopg

    name = f"polypact_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return database_url(admin, name), drop


def _post(url: str, body: Any) -> Any:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return json.load(resp)


def run(data: DataSet | None = None) -> list[Result]:
    """Seed the data set (the issue's size unless ``data`` says otherwise), then time
    both queries."""
    from polypact_broker.config import BrokerConfig
    from polypact_broker.db.engine import Database
    from polypact_broker.server import running_broker

    data = data or DataSet()
    pg = _postgres()
    tmp = tempfile.TemporaryDirectory()
    db_url = pg[0] if pg else os.path.join(tmp.name, "bench.sqlite")
    backend = "PostgreSQL" if pg else "SQLite"
    provider = f"provider-{min(7, data.providers - 1)}"
    consumer = f"consumer-{min(7, data.consumers - 1)}"
    try:
        db = Database(db_url)
        try:
            db.migrate()
            seed(db, data)
        finally:
            db.dispose()
        with running_broker(BrokerConfig(database_url=db_url)) as (url, _app):
            body = {"consumerVersionSelectors": [{"mainBranch": True}, {"deployedOrReleased": True},
                                                 {"tag": "prod", "latest": True}],
                    "includePendingStatus": True, "providerVersionBranch": "main",
                    "includeWipPactsSince": "2000-01-01"}
            pfv = f"{url}/pacts/provider/{provider}/for-verification"
            got = _post(pfv, body)["_embedded"]["pacts"]
            assert got, "the bench data set selects no pacts"
            cid = (f"{url}/can-i-deploy?pacticipant={consumer}&version=1.{data.consumer_versions - 1}.0"
                   "&environment=production")
            assert _get(cid)["matrix"], "can-i-deploy found no rows"
            count = iterations(60, 10)
            pfv_ms = median_ms(sample(lambda: _post(pfv, body), count))
            cid_ms = median_ms(sample(lambda: _get(cid), count))
    finally:
        if pg:
            pg[1]()
        tmp.cleanup()
    method = (f"{backend}, {data.consumers + data.providers} pacticipants, {data.versions:,} "
              f"versions; median of {count} HTTP requests on 127.0.0.1 after 3 warm-ups")
    facts = {"backend": backend, "pacticipants": data.consumers + data.providers,
             "versions": data.versions}
    return [
        Result("broker: pacts for verification", pfv_ms, "ms", target=f"< {TARGET_MS:.0f} ms median",
               met=pfv_ms < TARGET_MS, method=method, details={"pacts": len(got), **facts}),
        Result("broker: can-i-deploy", cid_ms, "ms", target=f"< {TARGET_MS:.0f} ms median",
               met=cid_ms < TARGET_MS, method=method, details=dict(facts)),
    ]
