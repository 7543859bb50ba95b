"""The broker plugin: what it registers, and that loading it stays cheap."""

from __future__ import annotations

import subprocess
import sys

from polypact.registry import get_registry


def test_registers_the_broker_source_and_commands():
    registry = get_registry()
    owned = registry.registered_by("broker")
    assert owned["pact_sources"] == ["broker"]
    assert owned["commands"] == ["broker", "can-i-deploy", "publish", "record-deployment"]


def test_loading_the_plugin_imports_no_database_or_server_code():
    code = ("import sys, polypact_broker.plugin as p; "
            "heavy = [m for m in ('sqlalchemy', 'alembic', 'psycopg', 'polypact_broker.web.app') "
            "if m in sys.modules]; print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_broker_source_needs_a_provider(broker):
    import pytest
    from polypact import Verifier
    from polypact_broker.errors import BrokerClientError

    with pytest.raises(BrokerClientError, match="provider option is required"):
        Verifier().add_source(f"broker:{broker}").load()
    with pytest.raises(BrokerClientError, match="unknown option"):
        Verifier("users").add_source(f"broker:{broker}", provider="users", colour="red").load()
