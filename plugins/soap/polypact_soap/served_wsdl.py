"""The WSDL a mock serves for its SOAP interactions (``GET <service path>?wsdl``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from polypact.model import Body, HttpResponse

from polypact_soap.client import wsdl_for_address
from polypact_soap.config import soap_config, wsdl_file_for


def wsdl_response(path: str, interactions: Sequence[Any], mock_url: str) -> HttpResponse | None:
    """The WSDL of the first SOAP interaction served at ``path`` (its service addresses
    moved to ``mock_url``), or ``None`` when no SOAP interaction is served there or its
    WSDL file is not known in this process (``POLYPACT_SOAP_WSDL`` can name it)."""
    for interaction in interactions:
        config = soap_config(interaction)
        if config is None or getattr(interaction.request, "path", None) != path:
            continue
        wsdl = wsdl_file_for(config.get("wsdl"))
        if wsdl is None:
            continue
        content = wsdl_for_address(wsdl, mock_url)
        return HttpResponse(
            status=200,
            headers={"Content-Type": ["text/xml; charset=utf-8"]},
            body=Body.from_bytes(content, "text/xml; charset=utf-8"),
        )
    return None
