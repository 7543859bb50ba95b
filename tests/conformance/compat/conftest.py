"""Step definitions and fixtures of the compatibility-suite step layer.

pytest-bdd finds steps through fixtures, so the step modules are imported here for every
test module of this folder. Gherkin tags (``@consumer``, ``@provider``, ``@message``,
``@wip``) are informational: they add no pytest marks (scenarios not run are listed with
their reasons in the test modules instead).
"""

from __future__ import annotations

from typing import Any

from .steps_broker import *  # noqa: F403
from .steps_common import *  # noqa: F403
from .steps_consumer import *  # noqa: F403
from .steps_consumer_pact import *  # noqa: F403
from .steps_generators import *  # noqa: F403
from .steps_matching import *  # noqa: F403
from .steps_message_consumer import *  # noqa: F403
from .steps_message_provider import *  # noqa: F403
from .steps_provider import *  # noqa: F403

SUITE_TAGS = frozenset({"consumer", "provider", "message", "wip"})


def pytest_bdd_apply_tag(tag: str, function: Any) -> bool | None:
    """Swallow the suite's own tags instead of turning them into unknown pytest marks."""
    if tag in SUITE_TAGS:
        return True
    return None
