"""Tests that keep the examples and the demo runner working."""
