"""Demo step for HTTP: the users client's consumer tests, then the users service verified.

Discovered by ``examples/run_demo.py``; ``run(pact_dir)`` returns True when the consumer
tests passed, a pact was written and ``polypact verify`` accepted the provider.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent  # with examples/, on sys.path: modules import by name
sys.path[:0] = [str(p) for p in (HERE, HERE.parent) if str(p) not in sys.path]

from demo_support import wsgi_demo  # noqa: E402
from users_provider import STATE_CHANGE_PATH, UsersService  # noqa: E402

TITLE = "HTTP: users-web (urllib client) -> users-service (WSGI app)"

#: The users service, a WSGI app served on 127.0.0.1, verified through HTTP.
run = wsgi_demo(HERE, UsersService, STATE_CHANGE_PATH)
