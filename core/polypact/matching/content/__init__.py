"""The core's content matchers (JSON, XML, text, form, multipart, binary).

They are registered through ``polypact_register_content_matchers`` in
:mod:`polypact.builtin.content`, exactly like a plugin's. Each has a
``match(expected: Body, actual: Body, context: MatchContext) -> list[Mismatch]`` method.
"""
