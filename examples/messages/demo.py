"""Demo step for messages: the shipping service's consumer tests, then the order service's
message producers verified with ``polypact verify`` through a message endpoint.

Discovered by ``examples/run_demo.py``; ``run(pact_dir)`` returns True when the consumer
tests passed, a pact was written and ``polypact verify`` accepted the order service's
messages.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TITLE = "Messages: shipping-service (event handler, stock client) -> order-service (producers)"

for folder in (HERE, HERE.parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from demo_support import consumer_tests, show_pacts, step, verify_with_cli  # noqa: E402
from order_events import PRODUCERS  # noqa: E402
from polypact_message import serve_producers  # noqa: E402


def run(pact_dir: Path) -> bool:
    """Write the example message pact into ``pact_dir`` and verify the order service."""
    if not consumer_tests(HERE / "tests", pact_dir):
        return False
    pacts = show_pacts(pact_dir)
    if not pacts:
        return False
    with serve_producers(PRODUCERS) as endpoint:
        step(f"order-service message endpoint at {endpoint.url}")
        return verify_with_cli(pacts, "--transport", f"message={endpoint.url}")
