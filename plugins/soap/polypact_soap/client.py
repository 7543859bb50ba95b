"""zeep clients for consumer tests, pointed at a mock server.

A consumer's real zeep code works unchanged against polypact's mock once its service
address is the mock's: :func:`soap_service` loads the local WSDL (no network) and binds
the operation proxy to ``<mock url><path of the WSDL's address>``. :func:`wsdl_for_address`
returns the WSDL with every SOAP address rewritten, for serving it (``GET <path>?wsdl``)
or writing it next to a test.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from polypact.errors import UsageError

from polypact_soap.safety import parse_safely

_ADDRESS_NAMESPACES = (
    "http://schemas.xmlsoap.org/wsdl/soap/",
    "http://schemas.xmlsoap.org/wsdl/soap12/",
)


def _target(base_url: str, address: str | None) -> str:
    path = urlparse(address or "").path
    return base_url.rstrip("/") + (path if path and path != "/" else "/")


def soap_client(wsdl: str | os.PathLike[str], **kwargs: Any) -> Any:
    """A zeep ``Client`` for a local WSDL file whose document loading refuses the network
    and whose XML parsing refuses DTDs and entities (extra ``kwargs`` go to ``Client``)."""
    import zeep

    from polypact_soap.wsdl import local_transport, zeep_settings

    kwargs.setdefault("transport", local_transport())
    kwargs.setdefault("settings", zeep_settings())
    return zeep.Client(str(wsdl), **kwargs)


def soap_service(base_url: str, wsdl: str | os.PathLike[str], *, version: str | None = None,
                 operation: str | None = None, client: Any = None) -> Any:
    """A zeep service proxy for the WSDL's SOAP ``version`` binding (1.1 when present),
    posting to ``base_url`` plus the path of the WSDL's address: ``soap_service(mock.url,
    "users.wsdl").GetUser(id=1)``. ``operation`` picks a binding that has it."""
    from polypact_soap.wsdl import find_operation

    op = find_operation(wsdl, operation or _any_operation(wsdl, version), version)
    client = client or soap_client(wsdl)
    return client.create_service(op.binding.name, _target(base_url, op.address))


def _any_operation(wsdl: str | os.PathLike[str], version: str | None) -> str:
    from polypact_soap.wsdl import VERSIONS, load_wsdl

    for service in load_wsdl(wsdl).services.values():
        for port in service.ports.values():
            kind = type(port.binding).__name__
            if version is None and kind in VERSIONS.values() or kind == VERSIONS.get(str(version)):
                for name in getattr(port.binding, "_operations", {}):
                    return name
    raise UsageError(f"{Path(wsdl).name}: no SOAP {version or '1.1/1.2'} operation found")


def wsdl_for_address(wsdl: str | os.PathLike[str] | bytes, base_url: str) -> bytes:
    """The WSDL (a file or its bytes) with every ``soap:address`` / ``soap12:address``
    location moved to ``base_url`` (keeping each location's path)."""
    from lxml import etree

    data = wsdl if isinstance(wsdl, bytes) else Path(wsdl).read_bytes()
    try:
        root = parse_safely(data)
    except ValueError as exc:
        raise UsageError(f"the WSDL cannot be read: {exc}") from None
    for ns in _ADDRESS_NAMESPACES:
        for address in root.iter(f"{{{ns}}}address"):
            address.set("location", _target(base_url, address.get("location")))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")
