"""Interop tests: polypact and pact-python 4.2.0 (the Rust reference core) as peers."""
