"""polypact's SOAP plugin: WSDL-aware contracts for SOAP services.

- :mod:`polypact_soap.plugin`: the hook implementations (entry point ``soap``);
- :mod:`polypact_soap.dsl`: ``with_soap`` / ``will_respond_with_soap`` /
  ``will_respond_with_fault``;
- :mod:`polypact_soap.wsdl`: WSDL loading with zeep (local files only) and operations;
- :mod:`polypact_soap.envelope`: operation envelopes and faults;
- :mod:`polypact_soap.xmlrules`: DSL bodies to XML and Pact XML rule paths;
- :mod:`polypact_soap.schema`: the WSDL's XSD types and message validation;
- :mod:`polypact_soap.matcher`: the SOAP body matcher;
- :mod:`polypact_soap.safety`: safe XML parsing;
- :mod:`polypact_soap.client`: zeep clients for consumer tests (:func:`soap_service`).

zeep and lxml are imported lazily; importing this package does not load them.
"""

from __future__ import annotations

from typing import Any

_LAZY = {
    "soap_service": "polypact_soap.client",
    "soap_client": "polypact_soap.client",
    "wsdl_for_address": "polypact_soap.client",
    "use_wsdl": "polypact_soap.config",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'polypact_soap' has no attribute {name!r}")


__all__ = sorted(_LAZY)
