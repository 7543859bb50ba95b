"""polypact grpc plugin (placeholder: registers nothing yet)."""
