"""polypact graphql plugin (placeholder: registers nothing yet)."""
