"""Alembic environment of the partners service (the kernel does the work)."""

from kernel.migrations import run_env

run_env("partners")
