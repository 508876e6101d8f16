"""Handlers and queries of the partners service (they run inside a unit of work)."""
