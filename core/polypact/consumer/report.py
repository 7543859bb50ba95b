"""Readable reports of what went wrong in a consumer test (missing, unexpected and
mismatched requests, and an error raised by the test block)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from polypact.reporters.text import render
from polypact.transport import MockProblem


def render_problem(problem: MockProblem) -> str:
    """One problem as a paragraph (first line, then indented mismatches)."""
    if problem.kind == "missing":
        head = (
            f"missing request: interaction {problem.description!r} "
            f"({problem.request_summary}) was never called"
        )
    elif problem.kind == "mismatch":
        head = (
            f"mismatched request: {problem.request_summary} did not match interaction "
            f"{problem.description!r}:"
        )
    elif problem.kind == "unexpected":
        head = f"unexpected request: {problem.request_summary} matched no interaction"
        if problem.description:
            head += f" (nearest: {problem.description!r})"
        if problem.mismatches:
            head += ":"
    else:
        head = f"{problem.kind}: {problem.request_summary} {problem.description}".strip()
    if not problem.mismatches:
        return head
    body = render(problem.mismatches)
    return head + "\n" + "\n".join("     " + line for line in body.splitlines())


def render_report(
    consumer: str,
    provider: str,
    problems: Sequence[tuple[str, MockProblem]],
    error: BaseException | None = None,
    *,
    show_transport: bool = False,
) -> str:
    """The message of a failed consumer test: a heading, each numbered problem (prefixed
    with its transport when several mocks ran) and the error the test raised, if any."""
    lines = [f"consumer test {consumer} -> {provider} failed; the pact file was not written"]
    for n, (transport, problem) in enumerate(problems, 1):
        text = render_problem(problem)
        prefix = f"[{transport}] " if show_transport else ""
        lines.append(f"  {n}. {prefix}{text}".replace("\n", "\n  "))
    if error is not None:
        lines.append(f"  the test raised {type(error).__name__}: {error}")
    return "\n".join(lines)


def problem_json(transport: str, problem: MockProblem) -> dict[str, Any]:
    """A JSON-friendly form of one problem (for tools and reporters)."""
    return {
        "transport": transport,
        "kind": problem.kind,
        "description": problem.description,
        "request": problem.request_summary,
        "mismatches": [m.to_json() for m in problem.mismatches],
    }
