"""Handlers and queries of the surveys service, each run in one unit of work."""
