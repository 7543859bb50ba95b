"""Built-in pact source: ``file`` (a pact file or a directory of ``*.json`` pact files)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from polypact.hookspecs import hookimpl


def load_file_source(location: str, options: dict[str, Any]) -> list[Any]:
    """Load the pact file at ``location``, or every ``*.json`` file of that directory."""
    from polypact.verifier.sources import load_files

    return load_files(location, options)


@hookimpl
def polypact_register_pact_sources(register: Callable[..., None]) -> None:
    """Register the ``file`` pact source."""
    register("file", load_file_source)
