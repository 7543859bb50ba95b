"""`polypact plugins`: discovery, statuses (loaded, blocked, failed), hooks, registrations."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata

import polypact.plugins
import pytest
from polypact.testing import registry_with, run_cli

from tests.conftest import REPO


def _plugins(*args, registry=None):
    code, out, err = run_cli(["plugins", *args], registry=registry or registry_with(entry_points=True))
    assert code == 0, err
    return out


def _rows(*args):
    return {row["name"]: row for row in json.loads(_plugins("--json", *args))}


def test_installed_plugins_are_discovered_with_hooks_and_registrations():
    rows = _rows()
    assert {"core", "http", "example"} <= set(rows)
    core = rows["core"]
    assert core["status"] == "loaded" and core["distribution"] == "polypact"
    assert "polypact_register_commands" in core["hooks"]
    assert core["registered"]["commands"] == ["plugins", "validate", "verify"]
    assert core["registered"]["reporters"] == ["console", "json", "junit"]
    assert rows["http"]["registered"]["transports"] == ["http"]


def test_the_example_third_party_plugin_is_discovered():
    example = _rows()["example"]
    assert example["distribution"] == "polypact-example-plugin"
    assert example["version"] == "0.1.0"
    assert example["hooks"] == ["polypact_register_matchers"]
    assert example["registered"] == {"matchers": ["even"]}


def test_text_output_names_status_module_hooks_and_registrations():
    out = _plugins()
    assert "example (polypact-example-plugin 0.1.0): loaded" in out
    assert "  module: polypact_example_plugin" in out
    assert "  hooks: polypact_register_matchers" in out
    assert "  matchers: even" in out


def test_blocked_plugins_show_only_with_all(monkeypatch):
    monkeypatch.setenv("POLYPACT_DISABLE_PLUGINS", "example")
    registry = registry_with(entry_points=True)
    assert "example" not in {r["name"] for r in json.loads(_plugins("--json", registry=registry))}
    rows = {r["name"]: r for r in json.loads(_plugins("--json", "--all", registry=registry))}
    assert rows["example"]["status"] == "blocked"
    assert rows["example"]["reason"] == "disabled by POLYPACT_DISABLE_PLUGINS"
    assert rows["example"]["hooks"] == [] and rows["example"]["registered"] == {}
    assert registry.matcher("even") is None


def test_load_plugins_allow_list_blocks_the_rest(monkeypatch):
    monkeypatch.setenv("POLYPACT_LOAD_PLUGINS", "core,http")
    registry = registry_with(entry_points=True)
    rows = {r["name"]: r for r in json.loads(_plugins("--json", "--all", registry=registry))}
    assert rows["core"]["status"] == rows["http"]["status"] == "loaded"
    assert rows["example"]["status"] == "blocked"
    assert rows["example"]["reason"] == "not in POLYPACT_LOAD_PLUGINS"


def test_a_plugin_that_fails_to_import_is_reported_not_fatal(monkeypatch):
    real = metadata.entry_points

    def with_broken(**kwargs):
        eps = list(real(**kwargs))
        if kwargs.get("group") == "polypact":
            eps.append(metadata.EntryPoint("broken", "polypact_no_such_module_xyz.plugin", "polypact"))
        return eps

    monkeypatch.setattr(polypact.plugins.metadata, "entry_points", with_broken)
    registry = registry_with(entry_points=True)
    rows = {r["name"]: r for r in json.loads(_plugins("--json", "--all", registry=registry))}
    assert rows["broken"]["status"] == "failed"
    assert "missing module 'polypact_no_such_module_xyz'" in rows["broken"]["reason"]
    assert "broken" not in {r["name"] for r in json.loads(_plugins("--json", registry=registry))}
    text = _plugins("--all", registry=registry)
    line = next(ln for ln in text.splitlines() if ln.startswith("broken "))
    assert line.startswith("broken (not installed): failed: unavailable: missing module")
    assert "((" not in text


def test_hook_filter_lists_only_implementers():
    rows = _rows("--hook", "polypact_register_transports")
    assert "http" in rows and "core" not in rows and "example" not in rows


@pytest.mark.skipif(not os.path.exists(os.path.join(sys.prefix, "bin", "polypact")), reason="console script not installed")
def test_console_script_runs_with_environment_switches():
    env = {**os.environ, "POLYPACT_DISABLE_PLUGINS": "example", "NO_COLOR": "1"}
    proc = subprocess.run(
        [os.path.join(sys.prefix, "bin", "polypact"), "plugins", "--all"],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "example (polypact-example-plugin 0.1.0): blocked: disabled by POLYPACT_DISABLE_PLUGINS" in proc.stdout
    assert "core (polypact" in proc.stdout
