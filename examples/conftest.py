"""pytest set-up shared by the examples' consumer tests (``examples/<proto>/tests``).

A test module names the contract its tests write::

    PACT_BETWEEN = ("users-web", "users-service")  # consumer, provider

and each of its tests gets ``pact``, a fresh :class:`polypact.Pact` between those two
writing to ``pact_dir``: ``$POLYPACT_PACT_DIR`` when set (the demo uses a temporary
folder), else ``examples/<proto>/pacts`` (git-ignored). Every example folder is on
``sys.path``, so the tests import the example's client (and provider) by name.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from example_paths import EXAMPLES, example_folders, put_on_path
from polypact import Pact

put_on_path(example_folders())


@pytest.fixture
def pact_dir(request: pytest.FixtureRequest) -> Path:
    """Where the consumer tests write their pact files."""
    example = EXAMPLES / request.path.resolve().relative_to(EXAMPLES).parts[0]
    return Path(os.environ.get("POLYPACT_PACT_DIR", example / "pacts"))


@pytest.fixture
def pact(request: pytest.FixtureRequest, pact_dir: Path) -> Pact:
    """The contract between the consumer and the provider that the test module names in
    ``PACT_BETWEEN``."""
    names = getattr(request.module, "PACT_BETWEEN", None)
    if not (isinstance(names, tuple) and len(names) == 2):
        pytest.fail(f"{request.path}: the `pact` fixture needs the test module to say which "
                    "contract it writes: PACT_BETWEEN = (consumer, provider), got "
                    f"{names!r}", pytrace=False)
    consumer, provider = names
    return Pact(consumer, provider, pact_dir=pact_dir)
