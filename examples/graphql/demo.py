"""Demo step for GraphQL: the blog client's consumer tests, then the blog service verified.

Discovered by ``examples/run_demo.py``; ``run(pact_dir)`` returns True when the consumer
tests passed, a pact was written and ``polypact verify`` accepted the provider (with the
provider's schema in ``POLYPACT_GRAPHQL_SCHEMA``, so deprecated fields would be reported).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent  # with examples/, on sys.path: modules import by name
sys.path[:0] = [str(p) for p in (HERE, HERE.parent) if str(p) not in sys.path]

from blog_graphql_provider import SCHEMA_PATH, STATE_CHANGE_PATH, BlogService  # noqa: E402
from demo_support import wsgi_demo  # noqa: E402

TITLE = "GraphQL: blog-web (urllib client) -> blog-graphql (graphql-core WSGI app)"

#: The blog service, a WSGI app served on 127.0.0.1; the verifier reads its schema.
run = wsgi_demo(HERE, BlogService, STATE_CHANGE_PATH,
                env={"POLYPACT_GRAPHQL_SCHEMA": str(SCHEMA_PATH)})
