"""Entrypoints: the HTTP API (FastAPI), the OAuth token endpoint and the app factory."""
