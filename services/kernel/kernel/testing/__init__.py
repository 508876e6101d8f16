"""Test fixtures for every service: real PostgreSQL and NATS, each test isolated.

Registered as the pytest plugin ``inspraak`` (see the kernel's ``pyproject.toml``), so every
test in the workspace can ask for ``settings``, ``database_url``, ``nats_url`` and friends.
"""
