"""Demo step for messages: the shipping service's consumer tests, then the order service's
message producers verified with ``polypact verify`` through a message endpoint.

Discovered by ``examples/run_demo.py``; ``run(pact_dir)`` returns True when the consumer
tests passed, a pact was written and ``polypact verify`` accepted the order service's
messages.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent  # with examples/, on sys.path: modules import by name
sys.path[:0] = [str(p) for p in (HERE, HERE.parent) if str(p) not in sys.path]

from demo_support import transport_demo  # noqa: E402
from order_events import PRODUCERS  # noqa: E402
from polypact_message import serve_producers  # noqa: E402

TITLE = "Messages: shipping-service (event handler, stock client) -> order-service (producers)"

#: The order service's message producers, served at a message endpoint on 127.0.0.1
#: (``--transport message=URL``).
run = transport_demo(HERE, "message", lambda: serve_producers(PRODUCERS), lambda e: e.url,
                     label="order-service message endpoint")
