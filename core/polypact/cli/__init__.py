"""The ``polypact`` command line (entry point ``polypact.cli.main:main``)."""
