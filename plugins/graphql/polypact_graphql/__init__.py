"""polypact's GraphQL plugin: consumer-driven GraphQL contracts matched by meaning.

- :mod:`polypact_graphql.plugin`: the hook implementations (entry point ``graphql``);
- :mod:`polypact_graphql.dsl`: ``with_graphql`` / ``will_respond_with_graphql``;
- :mod:`polypact_graphql.normalize` and :mod:`polypact_graphql.compare`: normalised
  operations and their comparison with GraphQL mismatch paths;
- :mod:`polypact_graphql.content`: the body matchers used by the matching engine;
- :mod:`polypact_graphql.schema` and :mod:`polypact_graphql.examples`: SDL loading and the
  checks of queries, variables and response examples;
- :mod:`polypact_graphql.deprecations`: provider-side deprecation warnings.

graphql-core is imported lazily; importing this package does not load it.
"""
