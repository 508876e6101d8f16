"""Alembic environment of the surveys service (the kernel does the work)."""

from kernel.migrations import run_env

run_env("surveys")
