"""Several processes writing the same pact at once lose nothing and leave valid JSON."""

from __future__ import annotations

import json
import multiprocessing
import sys
from pathlib import Path

from polypact.model import Body, HttpRequest, HttpResponse, Pact, Pacticipant, SynchronousHttp
from polypact.pactfile import read_pact, write_pact

WORKERS = 6
PER_WORKER = 5


def _writer(path: str, worker: int, barrier) -> None:
    """One process: wait for the others, then write its interactions one call at a time."""
    barrier.wait(timeout=60)
    for n in range(PER_WORKER):
        interaction = SynchronousHttp(
            description=f"worker {worker} call {n}",
            request=HttpRequest("GET", f"/w/{worker}/{n}"),
            response=HttpResponse(200, {"Content-Type": ["application/json"]},
                                  Body.from_json({"worker": worker, "n": n, "pad": "x" * 2000})),
        )
        # Every writer also records the same shared interaction: identical ones merge.
        shared = SynchronousHttp(description="shared", request=HttpRequest("GET", "/shared"))
        write_pact(Pact(Pacticipant("web"), Pacticipant("api"), [interaction, shared]), path)


def test_concurrent_writers_lose_no_interaction(tmp_path: Path) -> None:
    path = tmp_path / "web-api.json"
    ctx = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
    barrier = ctx.Barrier(WORKERS)
    procs = [ctx.Process(target=_writer, args=(str(path), w, barrier)) for w in range(WORKERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0] * WORKERS
    json.loads(path.read_text())  # valid JSON
    descriptions = sorted(i.description for i in read_pact(path).interactions)
    expected = sorted(["shared"] + [f"worker {w} call {n}" for w in range(WORKERS)
                                    for n in range(PER_WORKER)])
    assert descriptions == expected
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
