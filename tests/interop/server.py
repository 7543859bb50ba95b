"""A threaded wsgiref server on 127.0.0.1, port 0, as a context manager.

Used by the interop providers, the benchmarks and many tests: ``with serve_wsgi(app) as
url`` serves a WSGI app from a background thread, quietly (no request log). It is the
examples' server, ``examples/serving.py`` (found through ``sys.path``, as the tests of
the examples find their modules), under the names the tests use.
"""

from __future__ import annotations

import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
if str(EXAMPLES) not in sys.path:
    sys.path.append(str(EXAMPLES))

from serving import ThreadingWSGIServer, running, serve  # noqa: E402

__all__ = ["ThreadingWSGIServer", "running", "serve_wsgi"]

#: ``serve_wsgi(app, host="127.0.0.1")``: serve ``app`` on ``host`` and a free port; yield
#: its base URL (no trailing slash). The port is released when the ``with`` block ends.
serve_wsgi = serve
