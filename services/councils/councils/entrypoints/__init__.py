"""Entrypoints: the REST API, the event consumers and the app factory."""
