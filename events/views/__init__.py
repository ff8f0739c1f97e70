"""Thin views behind the agenda and event pages' routes (see events/models.py)."""
