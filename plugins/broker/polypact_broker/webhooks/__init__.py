"""Webhooks: definitions, template rendering, and delivery with retries and an allow-list."""
