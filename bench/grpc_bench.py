"""Verifying 1,000 unary gRPC interactions against a local gRPC server.

The pact is built in the Pact protobuf plugin's layout from the example ``area.proto``
(each interaction a different rectangle, ``number`` rules on the request and response
fields) and written to a temporary file; the provider is a grpcio server built from the
same descriptors (no generated code). Timed: ``Verifier(...).verify()`` from the Python
API, pact loading included. Target: at least 1,000 interactions per second. pact-python
has no offline gRPC support (it needs the protobuf plugin binary), so there is no peer
figure.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent import futures
from contextlib import contextmanager
from pathlib import Path

from bench.common import Result, iterations

REPO = Path(__file__).resolve().parent.parent
PROTO = REPO / "examples" / "grpc" / "area_service" / "area.proto"
PROVIDER = "bench-area"


def build_pact(count: int) -> tuple[object, object]:
    """A pact model with ``count`` unary interactions, and its descriptors."""
    from polypact.model import MatchingRules, Pact, Pacticipant, Rule, SynchronousMessages
    from polypact_grpc.compiler import compile_protos
    from polypact_grpc.descriptors import load_descriptors
    from polypact_grpc.layout import PLUGIN_NAME, add_descriptors, make_part

    descriptors = load_descriptors(compile_protos(PROTO), PROTO.read_text())
    method = descriptors.method("area.Calculator/CalculateOne")
    pact = Pact(Pacticipant("bench-client"), Pacticipant(PROVIDER))
    add_descriptors(pact.metadata, descriptors)
    for i in range(count):
        length, width = 1 + i % 50, 2 + i % 7
        request = method.input_class()
        request.rectangle.length, request.rectangle.width = length, width
        request_rules, response_rules = MatchingRules(), MatchingRules()
        request_rules.add("body", "$.rectangle.length", Rule("number"))
        request_rules.add("body", "$.rectangle.width", Rule("number"))
        response_rules.add("body", "$.value", Rule("type", {"min": 1}))
        response_rules.add("body", "$.value[*]", Rule("number"))
        reply = method.output_class(value=[float(length * width)])
        interaction = SynchronousMessages(
            description=f"area of rectangle {i}",
            request=make_part(method.input_type, request.SerializeToString(), None, request_rules),
            response=[make_part(method.output_type, reply.SerializeToString(), None, response_rules)],
        )
        interaction.transport = "grpc"
        interaction.plugin_configuration = {
            PLUGIN_NAME: {"descriptorKey": descriptors.key, "service": method.service_key}}
        pact.interactions.append(interaction)
    return pact, descriptors


def start_provider(descriptors: object) -> tuple[object, str]:
    """A grpcio server answering ``CalculateOne`` from the descriptors; (server, HOST:PORT)."""
    import grpc

    method = descriptors.method("area.Calculator/CalculateOne")

    def calculate(request, context):
        return method.output_class(value=[request.rectangle.length * request.rectangle.width])

    handler = grpc.unary_unary_rpc_method_handler(
        calculate, request_deserializer=method.input_class.FromString,
        response_serializer=method.output_class.SerializeToString)
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler(method.service, {method.name: handler})])
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    return server, f"127.0.0.1:{port}"


@contextmanager
def provider_process() -> Iterator[str]:
    """The provider in its own process (so it does not share the verifier's GIL); yields
    ``HOST:PORT``. Stops when its stdin closes."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from bench import grpc_bench as g; "
        "_, d = g.build_pact(0); server, target = g.start_provider(d); "
        "print(target, flush=True); sys.stdin.read(); server.stop(None)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(REPO)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        target = (proc.stdout.readline() if proc.stdout else "").strip()
        if not target:
            raise RuntimeError("the benchmark gRPC provider did not start")
        yield target
    finally:
        if proc.stdin:
            proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def polypact_verify(pact_path: Path, target: str) -> tuple[float, bool]:
    """Seconds the verifier takes for ``pact_path``, and whether it passed."""
    from polypact import Verifier

    verifier = Verifier(PROVIDER).add_source(str(pact_path)).transport("grpc", target)
    started = time.perf_counter()
    summary = verifier.verify()
    elapsed = time.perf_counter() - started
    verifier.close()
    return elapsed, bool(summary.success) and len(summary.results) > 0


def run() -> list[Result]:
    """Verify 1,000 unary gRPC interactions; report ms per interaction and per second."""
    from polypact.pactfile import write_pact

    count = iterations(1000, 200)
    pact, _ = build_pact(count)
    with provider_process() as target, tempfile.TemporaryDirectory(prefix="polypact-bench-grpc-") as tmp:
        path = Path(tmp) / "bench-grpc.json"
        write_pact(pact, path)
        polypact_verify(path, target)  # warm-up: imports, registry, channel
        runs = [polypact_verify(path, target) for _ in range(iterations(3, 1))]
    median = statistics.median(seconds for seconds, _ in runs)
    passed = all(ok for _, ok in runs)
    per_second = count / median if median else 0.0
    return [Result(
        name=f"verify {count} unary gRPC interactions",
        polypact=median / count * 1000,
        unit="ms/interaction",
        target=">= 1,000 interactions/s",
        met=passed and per_second >= 1000,
        method=("Verifier.verify() on a pact file in the protobuf plugin layout against a local "
                "grpcio server (own process, 2 worker threads), median of "
                f"{len(runs)} runs after a warm-up"),
        details={"interactions": count, "interactions_per_second": round(per_second, 1),
                 "passed": passed, "total_s": median},
    )]
