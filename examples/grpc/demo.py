"""Demo step for gRPC: the area client's consumer tests (generated stubs against the mock
gRPC server), then the area calculator (a grpcio server) verified with ``polypact verify
--transport grpc=HOST:PORT``.

Discovered by ``examples/run_demo.py``; ``run(pact_dir)`` returns True when the consumer
tests passed, a pact was written and the provider verified.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent  # with examples/, on sys.path: modules import by name
sys.path[:0] = [str(p) for p in (HERE, HERE.parent) if str(p) not in sys.path]

from area_service import serve  # noqa: E402
from demo_support import transport_demo  # noqa: E402

TITLE = "gRPC: area-client (generated stubs) -> area-calculator (grpcio; unary, streams, errors)"

#: The area calculator, a grpcio server on 127.0.0.1 (``--transport grpc=HOST:PORT``).
run = transport_demo(HERE, "grpc", serve)
