"""Demo step for GraphQL: the blog client's consumer tests, then the blog service verified.

Discovered by ``examples/run_demo.py``; ``run(pact_dir)`` returns True when the consumer
tests passed, a pact was written and ``polypact verify`` accepted the provider (with the
provider's schema in ``POLYPACT_GRAPHQL_SCHEMA``, so deprecated fields would be reported).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TITLE = "GraphQL: blog-web (urllib client) -> blog-graphql (graphql-core WSGI app)"

for folder in (HERE, HERE.parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from blog_graphql_provider import SCHEMA_PATH, STATE_CHANGE_PATH, BlogService, serve  # noqa: E402
from demo_support import consumer_tests, show_pacts, verify_with_cli  # noqa: E402


def run(pact_dir: Path) -> bool:
    """Write the example pact into ``pact_dir`` and verify the example provider with it."""
    if not consumer_tests(HERE / "tests", pact_dir):
        return False
    pacts = show_pacts(pact_dir)
    if not pacts:
        return False
    previous = os.environ.get("POLYPACT_GRAPHQL_SCHEMA")
    os.environ["POLYPACT_GRAPHQL_SCHEMA"] = str(SCHEMA_PATH)
    try:
        with serve(BlogService()) as url:
            return verify_with_cli(pacts, "--provider-base-url", url,
                                   "--state-change-url", url + STATE_CHANGE_PATH)
    finally:
        if previous is None:
            os.environ.pop("POLYPACT_GRAPHQL_SCHEMA", None)
        else:
            os.environ["POLYPACT_GRAPHQL_SCHEMA"] = previous
