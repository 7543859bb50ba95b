"""The plugin loads cheaply, registers its parts, and says what to install when grpcio,
protobuf or grpcio-tools is missing."""

from __future__ import annotations

import pytest
from polypact.plugins import get_plugin_manager
from polypact.registry import Registry

from tests.plugins.plugin_support import run_python


def _python(code: str) -> str:
    return run_python(code).strip()


def test_loading_the_plugin_imports_no_grpc_module():
    out = _python(
        "import sys, polypact_grpc.plugin; "
        "print(sorted(m for m in ('grpc', 'grpc_tools', 'google.protobuf') if m in sys.modules))"
    )
    assert out == "[]"


@pytest.mark.parametrize("missing", ["grpc", "grpc_tools", "google.protobuf"])
def test_a_missing_dependency_shows_as_unavailable(missing: str):
    out = _python(
        f"import sys; sys.modules[{missing!r}] = None\n"
        "from polypact.plugins import get_plugin_manager, plugin_statuses\n"
        "status = next(s for s in plugin_statuses(get_plugin_manager()) if s.name == 'grpc')\n"
        "print(status.status, '|', status.reason)"
    )
    assert out.startswith("failed | unavailable")
    assert f"'{missing}'" in out and "install polypact[grpc]" in out


def test_the_plugin_registers_transport_dsl_and_body_matcher():
    import polypact_grpc.plugin as plugin

    registry = Registry(get_plugin_manager(entry_points=False, extra_plugins=[("grpc", plugin)]))
    registered = registry.registered_by("grpc")
    assert registered["transports"] == ["grpc"]
    assert registered["interaction_builders"] == ["will_respond_with_grpc", "with_grpc"]
    assert "application/protobuf" in registered["content_matchers"]
    assert registry.transport("grpc").interaction_types == ()
