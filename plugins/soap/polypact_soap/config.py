"""The plugin's per-interaction configuration (``pluginConfiguration.soap``).

Written by the DSL, read by the SOAP body matcher::

    "pluginConfiguration": {"soap": {
        "wsdl": "users.wsdl", "operation": "GetUser", "version": "1.1",
        "soapAction": "http://example.com/users/GetUser", "validate": true}}

Only the WSDL's file *name* is recorded (pact files travel between machines). To check
actual messages against the WSDL's XSD types the matcher needs the file itself: WSDLs
loaded in this process (by the consumer DSL or :func:`use_wsdl`) are remembered by name,
and ``POLYPACT_SOAP_WSDL`` may list WSDL files or folders to search (``os.pathsep``
separated) for a provider verification run.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from polypact.model.interactions import plugin_config

#: The key of this plugin in ``pluginConfiguration`` (and its entry-point name).
PLUGIN_KEY = "soap"
#: Environment variable listing WSDL files or folders used to validate messages.
WSDL_PATH_ENV = "POLYPACT_SOAP_WSDL"

_KNOWN: dict[str, Path] = {}


def soap_config(interaction: Any) -> dict[str, Any] | None:
    """The interaction's SOAP configuration, or ``None`` when it is not a SOAP one."""
    return plugin_config(interaction, PLUGIN_KEY)


def use_wsdl(path: str | os.PathLike[str]) -> Path:
    """Make a WSDL file known by its name, so interactions naming it can be validated
    against its XSD types (provider verification in this process). Returns the path."""
    resolved = Path(path).resolve()
    _KNOWN[resolved.name] = resolved
    return resolved


def wsdl_file_for(name: str | None) -> Path | None:
    """The WSDL file an interaction names: remembered in this process, else found through
    ``POLYPACT_SOAP_WSDL``; ``None`` when it cannot be found."""
    if not name:
        return None
    known = _KNOWN.get(name)
    if known is not None and known.is_file():
        return known
    for entry in filter(None, os.environ.get(WSDL_PATH_ENV, "").split(os.pathsep)):
        candidate = Path(entry)
        if candidate.is_dir():
            candidate = candidate / name
        if candidate.name == name and candidate.is_file():
            return candidate.resolve()
    return None
