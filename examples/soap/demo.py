"""Demo step for SOAP: the users client's consumer tests (zeep against polypact's mock),
then the example SOAP provider verified with ``polypact verify``.

Discovered by ``examples/run_demo.py``; ``run(pact_dir)`` returns True when the consumer
tests passed, a pact was written and ``polypact verify`` accepted the provider (with the
WSDL in ``POLYPACT_SOAP_WSDL``, so responses are also checked against its XSD types when
an interaction asks for it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TITLE = "SOAP: users-web (zeep client) -> users-soap (lxml WSGI app, SOAP 1.1 and 1.2)"

for folder in (HERE, HERE.parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from demo_support import consumer_tests, show_pacts, verify_with_cli  # noqa: E402
from users_soap_provider import STATE_CHANGE_PATH, WSDL_PATH, UsersService, serve  # noqa: E402


def run(pact_dir: Path) -> bool:
    """Write the example pact into ``pact_dir`` and verify the example provider with it."""
    if not consumer_tests(HERE / "tests", pact_dir):
        return False
    pacts = show_pacts(pact_dir)
    if not pacts:
        return False
    previous = os.environ.get("POLYPACT_SOAP_WSDL")
    os.environ["POLYPACT_SOAP_WSDL"] = str(WSDL_PATH)
    try:
        with serve(UsersService()) as url:
            return verify_with_cli(pacts, "--provider-base-url", url,
                                   "--state-change-url", url + STATE_CHANGE_PATH)
    finally:
        if previous is None:
            os.environ.pop("POLYPACT_SOAP_WSDL", None)
        else:
            os.environ["POLYPACT_SOAP_WSDL"] = previous
