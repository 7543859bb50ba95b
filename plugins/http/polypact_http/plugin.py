"""polypact http plugin (placeholder: registers nothing yet)."""
