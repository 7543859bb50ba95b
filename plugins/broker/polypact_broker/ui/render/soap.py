"""SOAP interactions: HTTP interactions with ``pluginConfiguration.soap``.

Shown with the operation, the SOAPAction and SOAP version, and each envelope's XML
pretty-printed.
"""

from __future__ import annotations

import re
from typing import Any

from polypact_broker.ui.html import Safe, render
from polypact_broker.ui.render.bodies import header
from polypact_broker.ui.render.http import http_request, http_response, two_columns
from polypact_broker.ui.render.parts import meta


def soap_action(config: dict[str, Any], request: dict[str, Any]) -> str | None:
    """The SOAPAction: from the configuration, the ``SOAPAction`` header (1.1) or the
    ``action`` parameter of the content type (1.2)."""
    action = config.get("soapAction")
    if isinstance(action, str) and action:
        return action
    headers = request.get("headers")
    action = header(headers, "SOAPAction")
    if action:
        return action.strip('"')
    m = re.search(r'action="?([^";]+)', header(headers, "Content-Type") or "")
    return m.group(1) if m else None


def render_soap(interaction: dict[str, Any]) -> Safe:
    """A SOAP operation over HTTP."""
    config = (interaction.get("pluginConfiguration") or {}).get("soap") or {}
    request = interaction.get("request") if isinstance(interaction.get("request"), dict) else {}
    facts = meta([("Operation", config.get("operation")),
                  ("SOAPAction", soap_action(config, request)),
                  ("SOAP version", config.get("version")), ("WSDL", config.get("wsdl")),
                  ("Fault", "yes" if config.get("fault") else None)])
    return render([facts, two_columns(
        "Request", http_request(request, "Envelope"),
        "Response", http_response(interaction.get("response"), "Envelope"))])
