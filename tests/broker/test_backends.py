"""The broker suite runs on every backend: with ``POLYPACT_TEST_POSTGRES_URL`` set, each
test of the API, auth, webhook, matrix/can-i-deploy, ignore, badge, client, restart and
UI-page modules that
starts a broker gets a ``[postgresql]`` variant next to its ``[sqlite]`` one."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO

#: the modules whose broker tests must run on SQLite and PostgreSQL
MODULES = ["test_api", "test_auth", "test_webhooks", "test_selectors", "test_main_branch",
           "test_polypact_client", "test_pact_cli_client", "test_pact_python_verifier",
           "test_load_and_restart", "test_ignore", "test_badges", "ui/test_pages"]
#: fixtures that start a broker or hand out a database
BROKER_FIXTURES = {"broker", "any_broker", "broker_process", "secured", "hooked", "sqlite_url",
                   "database_url", "site", "ui_database_url", "secured_badges", "blocked"}
#: fixtures that are parametrised by backend
BACKEND_FIXTURES = {"database_url", "ui_database_url"}

_COLLECT = r"""
import json, sys
import pytest

class Collect:
    items = {}

    def pytest_collection_modifyitems(self, items):
        for item in items:
            self.items[item.nodeid] = sorted(getattr(item, "fixturenames", []))

plugin = Collect()
code = pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
                    *sys.argv[1:]], plugins=[plugin])
print("@@" + json.dumps(plugin.items))
sys.exit(code)
"""


def collected_with_postgres() -> dict[str, list[str]]:
    """Node id -> fixture names of the modules' tests, collected as if PostgreSQL were
    configured (collection connects to nothing, so any URL will do)."""
    env = {**os.environ, "POLYPACT_TEST_POSTGRES_URL": "postgresql://postgres@/postgres?host=/nowhere"}
    paths = [f"tests/broker/{m}.py" for m in MODULES]
    proc = subprocess.run([sys.executable, "-c", _COLLECT, *paths], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    [line] = [ln for ln in proc.stdout.splitlines() if ln.startswith("@@")]
    return json.loads(line[2:])


def test_every_broker_test_of_the_suite_runs_on_both_backends():
    items = collected_with_postgres()
    ids = set(items)
    sqlite_only = sorted(node for node, fixtures in items.items()
                         if BROKER_FIXTURES & set(fixtures) and not BACKEND_FIXTURES & set(fixtures))
    assert sqlite_only == []  # a broker fixture that is not parametrised by backend
    missing = sorted(node for node in ids if "[sqlite" in node
                     and node.replace("[sqlite", "[postgresql", 1) not in ids)
    assert missing == []
    # the ones the issue names, by name
    for required in [
        "test_auth.py::test_writes_need_write_scope[postgresql]",
        "test_webhooks.py::test_failures_are_retried_and_logged[postgresql]",
        "test_api.py::test_verification_results_and_matrix_between_versions[postgresql]",
        "test_api.py::test_environments_deployments_and_releases[postgresql]",
        "test_polypact_client.py::test_ci_workflow_publish_verify_can_i_deploy_record_deployment[postgresql]",
        "test_pact_cli_client.py::test_publish_then_can_i_deploy_then_record_deployment[postgresql]",
        "test_load_and_restart.py::test_killing_the_server_mid_run_loses_no_committed_data[postgresql]",
        "ui/test_pages.py::test_ui_reads_follow_the_broker_auth[postgresql]",
        "test_ignore.py::test_cli_ignore[postgresql]",
    ]:
        assert "tests/broker/" + required in ids, required
