"""Readable renderings of pact documents, one module per interaction kind.

The kind of an interaction is detected from the pact JSON alone (``type``,
``transport``, ``pluginConfiguration``): the broker never imports protocol plugins.
"""
