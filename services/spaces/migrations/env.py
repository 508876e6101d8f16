"""Alembic environment of the spaces service (the kernel does the work)."""

from kernel.migrations import run_env

run_env("spaces")
