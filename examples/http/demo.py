"""Demo step for HTTP: the users client's consumer tests, then the users service verified.

Discovered by ``examples/run_demo.py``; ``run(pact_dir)`` returns True when the consumer
tests passed, a pact was written and ``polypact verify`` accepted the provider.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TITLE = "HTTP: users-web (urllib client) -> users-service (WSGI app)"

for folder in (HERE, HERE.parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from demo_support import consumer_tests, show_pacts, verify_with_cli  # noqa: E402
from users_provider import STATE_CHANGE_PATH, UsersService, serve  # noqa: E402


def run(pact_dir: Path) -> bool:
    """Write the example pact into ``pact_dir`` and verify the example provider with it."""
    if not consumer_tests(HERE / "tests", pact_dir):
        return False
    pacts = show_pacts(pact_dir)
    if not pacts:
        return False
    with serve(UsersService()) as url:
        return verify_with_cli(pacts, "--provider-base-url", url,
                               "--state-change-url", url + STATE_CHANGE_PATH)
