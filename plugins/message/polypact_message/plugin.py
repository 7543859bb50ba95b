"""polypact message plugin (placeholder: registers nothing yet)."""
