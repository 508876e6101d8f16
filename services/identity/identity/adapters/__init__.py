"""Adapters: PostgreSQL tables and repositories, password hashing, signing-key material."""
