"""Demo step for SOAP: the users client's consumer tests (zeep against polypact's mock),
then the example SOAP provider verified with ``polypact verify``.

Discovered by ``examples/run_demo.py``; ``run(pact_dir)`` returns True when the consumer
tests passed, a pact was written and ``polypact verify`` accepted the provider (with the
WSDL in ``POLYPACT_SOAP_WSDL``, so responses are also checked against its XSD types when
an interaction asks for it).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent  # with examples/, on sys.path: modules import by name
sys.path[:0] = [str(p) for p in (HERE, HERE.parent) if str(p) not in sys.path]

from demo_support import wsgi_demo  # noqa: E402
from users_soap_provider import STATE_CHANGE_PATH, WSDL_PATH, UsersService  # noqa: E402

TITLE = "SOAP: users-web (zeep client) -> users-soap (lxml WSGI app, SOAP 1.1 and 1.2)"

#: The SOAP users service, a WSGI app served on 127.0.0.1; the verifier reads its WSDL.
run = wsgi_demo(HERE, UsersService, STATE_CHANGE_PATH, env={"POLYPACT_SOAP_WSDL": str(WSDL_PATH)})
