"""The plugin loads cheaply (zeep and lxml are imported lazily), registers its DSL and
body matcher through hooks, and reports clearly when zeep is missing."""

from __future__ import annotations

import json

from polypact.model import SynchronousHttp

from tests.plugins.plugin_support import run_python, status_without


def test_building_the_registry_does_not_import_zeep():
    out = run_python("import sys, json\n"
                     "from polypact.plugins import get_plugin_manager\n"
                     "from polypact.registry import Registry\n"
                     "r = Registry(get_plugin_manager())\n"
                     "print(json.dumps(['zeep' in sys.modules, sorted(r.registered_by('soap').get('interaction_builders', []))]))")
    loaded, builders = json.loads(out)
    assert loaded is False
    assert builders == ["will_respond_with_fault", "will_respond_with_soap", "with_soap"]


def test_missing_zeep_marks_the_plugin_unavailable():
    status, reason = status_without("zeep", "soap")
    assert status == "failed"
    assert reason == "unavailable: missing module 'zeep' (install polypact[soap])"


def test_import_error_names_the_module():
    out = run_python("import importlib.util\n"
                     "real = importlib.util.find_spec\n"
                     "importlib.util.find_spec = lambda name, *a: None if name == 'zeep' else real(name, *a)\n"
                     "try:\n    import polypact_soap.plugin\nexcept ImportError as e:\n"
                     "    print(e.name, '|', e)\n")
    name, message = out.strip().split(" | ")
    assert name == "zeep"
    assert "pip install polypact[soap]" in message


def test_soap_matcher_is_selected_only_for_soap_interactions():
    from polypact.registry import get_registry
    from polypact_soap.matcher import SoapBodyMatcher

    registry = get_registry()
    soap = SynchronousHttp(plugin_configuration={"soap": {"operation": "GetUser"}})
    plain = SynchronousHttp()
    assert isinstance(registry.content_matcher("text/xml", soap, "response"), SoapBodyMatcher)
    assert isinstance(registry.content_matcher("application/soap+xml", soap, "request"), SoapBodyMatcher)
    assert not isinstance(registry.content_matcher("text/xml", plain, "response"), SoapBodyMatcher)
    assert not isinstance(registry.content_matcher("application/json", soap, "response"), SoapBodyMatcher)


def test_package_exports_resolve_lazily():
    import polypact_soap

    assert callable(polypact_soap.soap_service)
    assert callable(polypact_soap.use_wsdl)
