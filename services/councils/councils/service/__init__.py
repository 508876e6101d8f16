"""Handlers: each runs one command or query in a unit of work."""
