"""Demo step for gRPC: the area client's consumer tests (generated stubs against the mock
gRPC server), then the area calculator (a grpcio server) verified with ``polypact verify
--transport grpc=HOST:PORT``.

Discovered by ``examples/run_demo.py``; ``run(pact_dir)`` returns True when the consumer
tests passed, a pact was written and the provider verified.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TITLE = "gRPC: area-client (generated stubs) -> area-calculator (grpcio; unary, streams, errors)"

for folder in (HERE, HERE.parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from area_service import serve  # noqa: E402
from demo_support import consumer_tests, show_pacts, verify_with_cli  # noqa: E402


def run(pact_dir: Path) -> bool:
    """Write the example gRPC pact into ``pact_dir`` and verify the example provider."""
    if not consumer_tests(HERE / "tests", pact_dir):
        return False
    pacts = show_pacts(pact_dir)
    if not pacts:
        return False
    with serve() as target:
        return verify_with_cli(pacts, "--transport", f"grpc={target}")
