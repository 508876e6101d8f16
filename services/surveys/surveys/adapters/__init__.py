"""Adapters: tables, repositories and mapping between rows and the domain."""
