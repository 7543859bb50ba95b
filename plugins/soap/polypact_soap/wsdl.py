"""Loading WSDLs with zeep, safely and without network access, and finding operations.

:func:`find_operation` is what the DSL calls: it loads the WSDL (once per file version),
picks the SOAP 1.1 or 1.2 binding that has the operation and returns a
:class:`SoapOperation` with its SOAPAction, style and zeep binding operation. Every
problem is a :class:`polypact.errors.UsageError` naming the file and what was expected.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from polypact.errors import UsageError

from polypact_soap.safety import parse_safely

#: SOAP versions and the zeep binding class names that implement them.
VERSIONS = {"1.1": "Soap11Binding", "1.2": "Soap12Binding"}

_CACHE: dict[tuple[str, float], Any] = {}


@dataclass
class SoapOperation:
    """One operation of one SOAP binding of a WSDL."""

    wsdl_path: Path
    name: str
    version: str
    soap_action: str
    style: str
    binding: Any
    operation: Any
    service: str
    port: str
    address: str | None

    @property
    def where(self) -> str:
        """``users.wsdl operation GetUser (SOAP 1.1)``: for error messages."""
        return f"{self.wsdl_path.name} operation {self.name} (SOAP {self.version})"


def local_transport(**kwargs: Any) -> Any:
    """A zeep transport whose WSDL/XSD loading refuses the network (local files only);
    posting SOAP requests (a client talking to a mock server) works as usual."""
    from zeep.transports import Transport

    class LocalOnlyTransport(Transport):
        """Loads documents from local files only."""

        def load(self, url: str) -> bytes:
            """The content of the local document ``url``; refuses any network URL."""
            scheme = urlparse(str(url)).scheme.lower()
            if scheme and scheme != "file" and len(scheme) > 1:
                raise UsageError(f"refused to load {url!r}: polypact loads WSDLs and "
                                 f"schemas from local files only (no network access)")
            return super().load(url)

    return LocalOnlyTransport(**kwargs)


def zeep_settings() -> Any:
    """zeep settings that refuse DTDs, entities and external references."""
    from zeep.settings import Settings

    return Settings(strict=True, forbid_dtd=True, forbid_entities=True,
                    forbid_external=True, xml_huge_tree=False)


def load_wsdl(path: str | os.PathLike[str]) -> Any:
    """The zeep ``Document`` of a local WSDL file (cached per path and modification time)."""
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"{file}: WSDL file not found")
    resolved = file.resolve()
    key = (str(resolved), resolved.stat().st_mtime)
    if key in _CACHE:
        return _CACHE[key]
    data = resolved.read_bytes()
    try:
        parse_safely(data)
    except ValueError as exc:
        raise UsageError(f"{file}: the WSDL cannot be read: {exc}") from None
    from zeep.exceptions import Error as ZeepError
    from zeep.exceptions import ExternalReferenceForbidden
    from zeep.wsdl import Document

    try:
        document = Document(str(resolved), local_transport(), settings=zeep_settings())
    except UsageError as exc:
        raise UsageError(f"{file}: {exc}") from None
    except ExternalReferenceForbidden as exc:
        raise UsageError(f"{file}: refused to load {exc.url!r}: polypact loads WSDLs and "
                         f"schemas from local files only (no network access)") from None
    except (ZeepError, ValueError, LookupError, AttributeError, TypeError) as exc:
        raise UsageError(f"{file}: the WSDL does not parse: {exc}") from None
    _CACHE[key] = document
    return document


def _bindings(document: Any) -> list[tuple[str, str, str, Any, str | None]]:
    """(version, service, port, binding, address) for every SOAP port of the WSDL."""
    found = []
    for service_name, service in document.services.items():
        for port_name, port in service.ports.items():
            kind = type(port.binding).__name__
            version = next((v for v, cls in VERSIONS.items() if cls == kind), None)
            if version is not None:
                address = (port.binding_options or {}).get("address")
                found.append((version, service_name, port_name, port.binding, address))
    return found


def find_operation(
    wsdl: str | os.PathLike[str], operation: str, version: str | None = None
) -> SoapOperation:
    """The operation ``operation`` of the WSDL's SOAP ``version`` binding (``"1.1"`` or
    ``"1.2"``; ``None``: 1.1 when the WSDL has it, else 1.2)."""
    if version is not None and str(version) not in VERSIONS:
        raise UsageError(f"SOAP version {version!r} is not supported: expected '1.1' or '1.2'")
    if not isinstance(operation, str) or not operation:
        raise UsageError(f"{wsdl}: an operation name is required, got {operation!r}")
    path = Path(wsdl)
    document = load_wsdl(path)
    bindings = _bindings(document)
    if not bindings:
        raise UsageError(f"{path.name}: the WSDL has no SOAP 1.1 or 1.2 binding")
    wanted = [str(version)] if version is not None else ["1.1", "1.2"]
    names: set[str] = set()
    for want in wanted:
        for found_version, service, port, binding, address in bindings:
            if found_version != want:
                continue
            ops = getattr(binding, "_operations", {})
            names.update(ops)
            if operation in ops:
                op = ops[operation]
                return SoapOperation(
                    wsdl_path=path.resolve(), name=operation, version=found_version,
                    soap_action=op.soapaction or "", style=op.style or "document",
                    binding=binding, operation=op, service=service, port=port, address=address,
                )
    versions = sorted({b[0] for b in bindings})
    if version is not None and str(version) not in versions:
        raise UsageError(f"{path.name}: the WSDL has no SOAP {version} binding "
                         f"(it has SOAP {', '.join(versions)})")
    listed = ", ".join(sorted(names)) or "none"
    raise UsageError(f"{path.name}: no operation {operation!r} in the WSDL's SOAP "
                     f"{'/'.join(wanted)} binding(s) (operations: {listed})")
