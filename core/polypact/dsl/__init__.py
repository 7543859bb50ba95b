"""The consumer-side matcher DSL: put an example in a body and the rule in the pact.

>>> from polypact.dsl import extract, like, each_like, integer
>>> found = extract({"users": each_like({"id": integer(1), "name": like("Ann")})})
>>> found.example
{'users': [{'id': 1, 'name': 'Ann'}]}
>>> sorted(found.rules)
['$.users', '$.users[*].id', '$.users[*].name']

:func:`extract` walks a tree of plain values and matcher objects; protocol DSLs call it for
bodies, and :func:`extract_value` for single values (headers, query values, path, status).
"""

from __future__ import annotations

from polypact.dsl.base import Extracted, Matcher, child_path, extract, extract_value, index_path
from polypact.dsl.scalars import (
    all_of,
    any_of,
    boolean,
    content_type,
    date,
    datetime,
    decimal,
    equal_to,
    from_provider_state,
    includes,
    integer,
    like,
    mock_server_url,
    not_empty,
    null,
    number,
    random_string,
    regex,
    semver,
    status_code,
    time,
    uuid,
)
from polypact.dsl.structural import (
    ArrayContaining,
    EachLike,
    ValuesMatcher,
    array_containing,
    each_key,
    each_like,
    each_value,
    values,
)
from polypact.dsl.xml import XmlElement, extract_xml, is_xml, xml_body, xml_element

__all__ = [
    "ArrayContaining", "EachLike", "Extracted", "Matcher", "ValuesMatcher", "all_of", "any_of",
    "array_containing", "boolean", "child_path", "content_type", "date", "datetime", "decimal",
    "each_key", "each_like", "each_value", "equal_to", "extract", "extract_value",
    "from_provider_state", "includes", "index_path", "integer", "like", "mock_server_url",
    "not_empty", "null", "number", "random_string", "regex", "semver", "status_code", "time",
    "uuid", "values",
    "XmlElement", "extract_xml", "is_xml", "xml_body", "xml_element",
]
