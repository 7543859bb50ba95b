"""The SOAP plugin's hook implementations (entry point ``soap``).

Loading this module is cheap: it only checks that zeep and lxml are installed (so
``polypact plugins`` can report "unavailable: install polypact[soap]") and imports them
lazily inside the hooks' objects.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

from polypact import hookimpl

for _module in ("zeep", "lxml"):
    if importlib.util.find_spec(_module) is None:  # pragma: no cover - depends on the install
        raise ImportError(f"the SOAP plugin needs {_module} (pip install polypact[soap])",
                          name=_module)

from polypact_soap.config import soap_config  # noqa: E402

_MATCHER: Any = None


@hookimpl
def polypact_register_interaction_builders(register: Callable[..., None]) -> None:
    """Register ``with_soap``, ``will_respond_with_soap`` and ``will_respond_with_fault``."""
    from polypact_soap.dsl import BUILDERS

    for name, function in BUILDERS.items():
        register(name, function)


@hookimpl
def polypact_select_content_matcher(content_type: str, interaction: Any, part: str) -> Any:
    """Match the XML bodies of SOAP interactions with :class:`SoapBodyMatcher` (safe
    parsing, then the XML matcher, then optional XSD validation)."""
    global _MATCHER
    if soap_config(interaction) is None or part not in ("request", "response"):
        return None
    from polypact.model import is_xml_type

    if not is_xml_type(content_type):
        return None
    if _MATCHER is None:
        from polypact_soap.matcher import SoapBodyMatcher

        _MATCHER = SoapBodyMatcher()
    return _MATCHER


@hookimpl
def polypact_mock_request(request: Any, interactions: Any, mock_url: str) -> Any:
    """Serve ``GET <service path>?wsdl`` on the mock: the WSDL of the SOAP interactions at
    that path, with every service address rewritten to the mock, so an unmodified SOAP
    client (zeep ``Client(mock_url + "/users?wsdl")``) works against it."""
    if request.method.upper() != "GET" or not any(k.lower() == "wsdl" for k in request.query):
        return None
    from polypact_soap.served_wsdl import wsdl_response

    return wsdl_response(request.path, interactions, mock_url)


@hookimpl
def polypact_add_command_options(command: str, parser: Any) -> None:
    """Add ``--soap-wsdl FILE`` (repeatable) to ``polypact verify``."""
    if command == "verify":
        parser.add_argument_group("SOAP").add_argument(
            "--soap-wsdl", action="append", default=[], metavar="WSDL_FILE",
            help="a WSDL the pacts name, for XSD validation of the provider's messages "
                 "(repeatable; default: $POLYPACT_SOAP_WSDL)")


@hookimpl
def polypact_configure_verifier(verifier: Any, args: Any) -> None:
    """Make the WSDLs given with ``--soap-wsdl`` known to the SOAP matcher."""
    from polypact.errors import UsageError

    from polypact_soap.config import use_wsdl

    for path in getattr(args, "soap_wsdl", None) or []:
        if not Path(path).is_file():
            raise UsageError(f"--soap-wsdl {path!r}: no such file")
        use_wsdl(path)
