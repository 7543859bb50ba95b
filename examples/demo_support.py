"""Helpers shared by the per-protocol demo steps (``examples/<proto>/demo.py``).

A demo step is a module with ``run(pact_dir: Path) -> bool``; ``examples/run_demo.py``
discovers and runs them. These helpers keep every step short and its output uniform:
run the example's consumer tests with pytest in a subprocess (pacts go to ``pact_dir``),
list the pacts written, verify a provider with the ``polypact verify`` command.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["consumer_tests", "polypact_command", "show_pacts", "step", "verify_with_cli"]

INDENT = "    "


def step(text: str) -> None:
    """Print the title of a demo step."""
    print(f"\n  -> {text}", flush=True)


def _indented(text: str) -> str:
    return "\n".join(INDENT + line for line in text.rstrip().splitlines())


def consumer_tests(tests: Path, pact_dir: Path, *extra_args: str) -> bool:
    """Run the consumer tests under ``tests`` with pytest in a subprocess; pacts are written
    to ``pact_dir`` (passed as ``POLYPACT_PACT_DIR``). Prints pytest's summary; returns
    whether every test passed."""
    step(f"consumer tests: pytest {tests.relative_to(tests.parents[2])}")
    pact_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "POLYPACT_PACT_DIR": str(pact_dir), "PACT_DO_NOT_TRACK": "true"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "-p", "no:randomly", "--rootdir", str(tests.parent), str(tests), *extra_args]
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


def verify_with_cli(pacts: Sequence[Path], *options: str) -> bool:
    """Run ``polypact verify PACTS... OPTIONS`` and print its report; True on exit 0."""
    command = [*polypact_command(), "verify", *map(str, pacts), *options]
    step("provider verification: polypact verify " + " ".join(
        [*(p.name for p in pacts), *options]))
    env = {**os.environ, "NO_COLOR": "1", "PACT_DO_NOT_TRACK": "true"}
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    print(_indented(done.stdout or "(no output)"), flush=True)
    if done.stderr.strip():
        print(_indented(done.stderr[-2000:]), flush=True)
    if done.returncode:
        print(f"{INDENT}polypact verify exited with {done.returncode}", flush=True)
    return done.returncode == 0
