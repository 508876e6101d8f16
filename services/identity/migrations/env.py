"""Alembic environment of the identity service (the kernel does the work)."""

from kernel.migrations import run_env

run_env("identity")
