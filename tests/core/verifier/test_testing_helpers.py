"""polypact.testing: registry_with, use_registry, run_cli and FakeProvider."""

from __future__ import annotations

import polypact.registry
import pytest
from polypact import hookimpl
from polypact.errors import PluginError
from polypact.registry import get_registry
from polypact.testing import FakeProvider, registry_with, run_cli, use_registry
from polypact.verifier import Verifier

from tests.plugins.http.provider.phelpers import body, get_user, http_interaction, write_pact


class Even:
    @staticmethod
    @hookimpl
    def polypact_register_matchers(register):
        register("even", lambda rule, expected, actual, ctx: None if actual % 2 == 0 else "odd")


def test_registry_with_uses_exactly_the_given_plugins():
    reg = registry_with(Even, core=False)
    assert reg.registered_by("Even") == {"matchers": ["even"]}
    assert reg.tables["commands"] == {} and reg.matcher("type") is None
    with_core = registry_with(Even)
    assert with_core.matcher("even") is not None and with_core.matcher("type") is not None
    assert "verify" in with_core.tables["commands"]


def test_registry_with_accepts_named_pairs_and_reports_duplicates():
    reg = registry_with(("even-plugin", Even), core=False)
    assert reg.registered_by("even-plugin") == {"matchers": ["even"]}

    class AlsoEven:
        @staticmethod
        @hookimpl
        def polypact_register_matchers(register):
            register("even", lambda *a: None)

    with pytest.raises(PluginError, match="both plugin 'AlsoEven' and plugin 'Even'"):
        registry_with(Even, AlsoEven, core=False)


def test_use_registry_swaps_and_restores_the_process_wide_registry():
    before = polypact.registry._default
    reg = registry_with(Even)
    with use_registry(reg):
        assert get_registry() is reg
    assert polypact.registry._default is before


def test_run_cli_uses_the_given_registry():
    code, out, _ = run_cli(["plugins"], registry=registry_with(Even))
    assert code == 0
    assert "Even" in out and "matchers: even" in out and "example" not in out


def test_fake_provider_routes_and_records(tmp_path):
    app = FakeProvider({
        "GET /users/1": (200, {"id": 1, "name": "Ann"}),
        "POST /users": lambda req: (201, {"Location": "/users/9"}, {"id": 9, **req.json()}),
        "DELETE /users/1": 204,
    })
    pact = write_pact(tmp_path, [
        get_user(1, "Ann"),
        http_interaction("create", {"method": "POST", "path": "/users", "body": body({"name": "Cy"}),
                                    "headers": {"Content-Type": ["application/json"]}},
                         {"status": 201, "headers": {"Location": ["/users/9"]}, "body": body({"id": 9, "name": "Cy"})}),
        http_interaction("delete", {"method": "DELETE", "path": "/users/1"}, {"status": 204}),
        http_interaction("missing", {"method": "GET", "path": "/nope"}, {"status": 404}),
    ])
    summary = Verifier("users").add_source(pact).provider_base_url(app).verify()
    assert summary.success, summary.describe_failures()
    assert [(r.method, r.path) for r in app.requests] == [
        ("GET", "/users/1"), ("POST", "/users"), ("DELETE", "/users/1"), ("GET", "/nope"),
    ]
    assert app.requests[1].json() == {"name": "Cy"}
    assert app.requests[1].headers["Content-Type"] == "application/json"


def test_registry_with_installed_plugins_by_name():
    reg = registry_with(Even, installed=["http"])
    assert "http" in reg.tables["transports"]
    assert reg.registered_by("http")["commands"] == ["stub"]
    with pytest.raises(PluginError, match="no installed polypact plugin named 'nope'"):
        registry_with(installed=["nope"])
