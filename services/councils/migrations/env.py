"""Alembic environment of the councils service (the kernel does the work)."""

from kernel.migrations import run_env

run_env("councils")
