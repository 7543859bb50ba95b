"""Helpers shared by the per-protocol demo steps (``examples/<proto>/demo.py``).

A demo step is a module with ``run(pact_dir: Path) -> bool``; ``examples/run_demo.py``
discovers and runs them. Every step makes the same three moves, so :func:`protocol_demo`
makes its ``run``: run the example's consumer tests with pytest in a subprocess (pacts go
to ``pact_dir``), list the pacts written, verify the running provider with the
``polypact verify`` command. What differs is how the provider runs and how the CLI
reaches it: :func:`wsgi_demo` for an HTTP app with a state-change URL,
:func:`transport_demo` for a server reached through a transport
(``--transport grpc=HOST:PORT``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from serving import serve

__all__ = ["consumer_tests", "polypact_command", "protocol_demo", "show_pacts", "step",
           "transport_demo", "verify_with_cli", "wsgi_demo"]

INDENT = "    "


def step(text: str) -> None:
    """Print the title of a demo step."""
    print(f"\n  -> {text}", flush=True)


def _indented(text: str) -> str:
    return "\n".join(INDENT + line for line in text.rstrip().splitlines())


def consumer_tests(tests: Path, pact_dir: Path, *extra_args: str) -> bool:
    """Run the consumer tests under ``tests`` (``examples/<proto>/tests``) with pytest in a
    subprocess, with ``examples/conftest.py``; pacts are written to ``pact_dir`` (passed as
    ``POLYPACT_PACT_DIR``). Prints pytest's summary; returns whether every test passed."""
    step(f"consumer tests: pytest {tests.relative_to(tests.parents[2])}")
    pact_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "POLYPACT_PACT_DIR": str(pact_dir), "PACT_DO_NOT_TRACK": "true"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "-p", "no:randomly", "--rootdir", str(tests.parent),
               "--confcutdir", str(tests.parents[1]), str(tests), *extra_args]
    done = subprocess.run(command, cwd=tests.parent, env=env, capture_output=True, text=True)
    output = done.stdout.strip().splitlines()
    shown = output if done.returncode else output[-1:]
    print(_indented("\n".join(shown) or done.stderr), flush=True)
    if done.returncode and done.stderr.strip():
        print(_indented(done.stderr[-2000:]), flush=True)
    return done.returncode == 0


def show_pacts(pact_dir: Path) -> list[Path]:
    """Print and return the pact files in ``pact_dir`` (with their interaction counts)."""
    pacts = sorted(pact_dir.glob("*.json"))
    step(f"pacts written to {pact_dir}")
    if not pacts:
        print(INDENT + "(none)")
    for pact in pacts:
        try:
            doc = json.loads(pact.read_text(encoding="utf-8"))
            count = len(doc.get("interactions", [])) + len(doc.get("messages", []))
            version = doc.get("metadata", {}).get("pactSpecification", {}).get("version", "?")
            print(f"{INDENT}{pact.name}: {count} interaction(s), specification {version}")
        except (OSError, ValueError) as error:
            print(f"{INDENT}{pact.name}: unreadable ({error})")
    return pacts


def polypact_command() -> list[str]:
    """The command that runs the installed ``polypact`` CLI of this interpreter."""
    script = Path(sys.executable).with_name("polypact")
    if script.exists():
        return [str(script)]
    found = shutil.which("polypact")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from polypact.cli.main import main; "
            "sys.exit(main())"]


def verify_with_cli(pacts: Sequence[Path], *options: str,
                    env: Mapping[str, str] | None = None) -> bool:
    """Run ``polypact verify PACTS... OPTIONS`` and print its report; True on exit 0.
    ``env`` adds environment variables for the command."""
    command = [*polypact_command(), "verify", *map(str, pacts), *options]
    step("provider verification: polypact verify " + " ".join(
        [*(p.name for p in pacts), *options]))
    env = {**os.environ, **(env or {}), "NO_COLOR": "1", "PACT_DO_NOT_TRACK": "true"}
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    print(_indented(done.stdout or "(no output)"), flush=True)
    if done.stderr.strip():
        print(_indented(done.stderr[-2000:]), flush=True)
    if done.returncode:
        print(f"{INDENT}polypact verify exited with {done.returncode}", flush=True)
    return done.returncode == 0


#: A demo step's ``run(pact_dir) -> bool``.
DemoRun = Callable[[Path], bool]

#: Starts the provider: returns a context manager that runs it and yields the
#: ``polypact verify`` options reaching it (e.g. ``["--transport", "grpc=HOST:PORT"]``).
ProviderStarter = Callable[[], AbstractContextManager[Sequence[str]]]


def protocol_demo(example: Path, provider: ProviderStarter,
                  env: Mapping[str, str] | None = None) -> DemoRun:
    """The ``run(pact_dir)`` of the demo step of ``example`` (an ``examples/<proto>``
    folder): its consumer tests (``example/tests``) write pacts into ``pact_dir``; then,
    while the provider runs, ``polypact verify`` checks it against them (with ``env`` added
    to its environment). ``run`` returns True when every part succeeded."""

    def run(pact_dir: Path) -> bool:
        if not consumer_tests(example / "tests", pact_dir):
            return False
        pacts = show_pacts(pact_dir)
        if not pacts:
            return False
        with provider() as options:
            return verify_with_cli(pacts, *options, env=env)

    run.__doc__ = (f"Run the {example.name} demo: consumer tests write pacts into pact_dir, "
                   "then polypact verify checks the provider; True when all passed.")
    return run


def wsgi_demo(example: Path, app: Callable[[], Callable[..., Any]], state_change_path: str,
              env: Mapping[str, str] | None = None) -> DemoRun:
    """:func:`protocol_demo` for an HTTP provider: a fresh WSGI app (``app()``) served on
    127.0.0.1, verified with ``--provider-base-url`` and ``--state-change-url`` (its
    provider-state endpoint, ``state_change_path``)."""
    return protocol_demo(example, lambda: _wsgi_provider(app(), state_change_path), env)


def transport_demo(example: Path, transport: str, server: Callable[[], AbstractContextManager[Any]],
                   address: Callable[[Any], str] = str, label: str | None = None) -> DemoRun:
    """:func:`protocol_demo` for a provider reached through a transport: ``server()`` runs it
    (a context manager); the CLI gets ``--transport TRANSPORT=ADDRESS``, ADDRESS being
    ``address(what the server yields)``. With ``label`` the address is printed as a step
    (``"<label> at <address>"``)."""
    return protocol_demo(example, lambda: _transport_provider(transport, server(), address,
                                                              label))


@contextmanager
def _wsgi_provider(app: Callable[..., Any], state_change_path: str) -> Iterator[list[str]]:
    with serve(app) as url:
        yield ["--provider-base-url", url, "--state-change-url", url + state_change_path]


@contextmanager
def _transport_provider(transport: str, server: AbstractContextManager[Any],
                        address: Callable[[Any], str], label: str | None) -> Iterator[list[str]]:
    with server as running:
        target = address(running)
        if label:
            step(f"{label} at {target}")
        yield ["--transport", f"{transport}={target}"]
