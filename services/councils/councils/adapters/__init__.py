"""Adapters: tables, repositories and the mapping between rows and the domain."""
