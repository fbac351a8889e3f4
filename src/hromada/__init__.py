"""Hromada."""
