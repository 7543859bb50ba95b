"""polypact soap plugin (placeholder: registers nothing yet)."""
