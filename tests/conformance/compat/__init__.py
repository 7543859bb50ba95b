"""The Pact compatibility suite (V1 to V3) bound to polypact's public API through pytest-bdd.

The feature files and fixtures live in the shared folder (``tests.conftest.COMPAT_SUITE``);
nothing of them is copied here. ``test_*.py`` modules bind one feature file each and list
the scenarios they do not run (with the reason) and the expected failures (with the
polypact defect behind each).
"""
