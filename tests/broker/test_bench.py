"""bench/broker_bench.py: the PostgreSQL database URL keeps the server's address (unix
socket ``?host=`` included), and the bench runs on SQLite without a PostgreSQL URL and
on PostgreSQL with one, reporting ``bench.common.Result`` figures ``bench/run.py`` shows."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest

from bench import broker_bench
from bench.common import Result

SMALL = broker_bench.DataSet(consumers=3, providers=2, consumer_versions=12, provider_versions=3)


@pytest.mark.parametrize(("server", "expected"), [
    ("postgresql://postgres@/postgres?host=/tmp/pg dir/sock",
     "postgresql://postgres@/bench_db?host=/tmp/pg dir/sock"),
    ("postgresql://u:p%40ss@db.internal:5433/postgres?sslmode=require",
     "postgresql://u:p%40ss@db.internal:5433/bench_db?sslmode=require"),
    ("postgresql://localhost", "postgresql://localhost/bench_db"),
])
def test_the_database_url_changes_only_the_database_name(server, expected):
    assert broker_bench.database_url(server, "bench_db") == expected


def _check(results: list[Result], backend: str) -> None:
    assert [r.name for r in results] == ["broker: pacts for verification", "broker: can-i-deploy"]
    for result in results:
        assert isinstance(result, Result) and result.unit == "ms" and result.polypact > 0
        assert result.met == (result.polypact < broker_bench.TARGET_MS)
        assert result.details["backend"] == backend and result.details["versions"] == SMALL.versions
        assert result.method.startswith(f"{backend}, 5 pacticipants, 42 versions")
        assert result.to_json()["ratio"] is None  # no peer figure
    assert results[0].details["pacts"] >= 1


def test_without_a_postgres_url_the_bench_runs_on_sqlite(monkeypatch):
    monkeypatch.delenv("POLYPACT_BENCH_POSTGRES_URL", raising=False)
    monkeypatch.delenv("POLYPACT_TEST_POSTGRES_URL", raising=False)
    monkeypatch.setattr("bench.common.QUICK", True)
    _check(broker_bench.run(SMALL), "SQLite")


@pytest.mark.skipif(not os.environ.get("POLYPACT_TEST_POSTGRES_URL"),
                    reason="needs POLYPACT_TEST_POSTGRES_URL (tests/broker/start_postgres.sh)")
def test_with_a_postgres_url_the_bench_runs_on_a_fresh_database_it_drops(monkeypatch):
    import psycopg

    server = os.environ["POLYPACT_TEST_POSTGRES_URL"]
    monkeypatch.delenv("POLYPACT_BENCH_POSTGRES_URL", raising=False)
    monkeypatch.setattr("bench.common.QUICK", True)
    created: list[str] = []
    fresh_database = broker_bench._postgres

    def spy() -> tuple[str, object] | None:
        made = fresh_database()
        created.append(made[0])
        return made

    monkeypatch.setattr(broker_bench, "_postgres", spy)
    _check(broker_bench.run(SMALL), "PostgreSQL")
    [url] = created
    assert urlsplit(url).query == urlsplit(server).query  # the same server (socket dir)
    name = urlsplit(url).path.lstrip("/")
    assert name.startswith("polypact_bench_")
    with psycopg.connect(server, autocommit=True) as conn:
        left = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchall()
    assert left == []  # dropped after the run
