"""``python -m users_provider [--port N]``: serve the example provider until Ctrl-C."""

from __future__ import annotations

import argparse
import time

from users_provider import STATE_CHANGE_PATH, UsersService, serve


def main() -> None:
    """Serve the users service on 127.0.0.1 and print its URLs."""
    parser = argparse.ArgumentParser(prog="python -m users_provider")
    parser.add_argument("--port", type=int, default=0, help="port (0: pick a free one)")
    args = parser.parse_args()
    with serve(UsersService(), port=args.port) as url:
        print(f"users provider at {url} (state changes: {url}{STATE_CHANGE_PATH})", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
