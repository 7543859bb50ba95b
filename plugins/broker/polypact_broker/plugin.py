"""polypact broker plugin (placeholder: registers nothing yet)."""
