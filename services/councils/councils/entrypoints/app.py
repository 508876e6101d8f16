"""The app factory: the runtime, the consumers, the periodic overdue check and the REST routers."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from councils.entrypoints.consumers import register_consumers
from councils.entrypoints.http import ROUTERS
from councils.entrypoints.overdue import CHECK_EVERY_SECONDS, register_overdue_check
from kernel.http import create_service_app
from kernel.localisation import register_catalogue
from kernel.runtime import ServiceRuntime
from kernel.settings import Settings, service_settings

SERVICE = "councils"
LOCALES = Path(__file__).resolve().parent.parent / "locales"


def build_app(settings: Settings, *, overdue_every: float = CHECK_EVERY_SECONDS) -> FastAPI:
    """The councils service for ``settings`` (tests pass their own)."""
    register_catalogue(LOCALES)
    runtime = ServiceRuntime(SERVICE, settings)
    register_consumers(runtime)
    register_overdue_check(runtime, overdue_every)
    return create_service_app(runtime, ROUTERS, title="Inspraak councils")


def create_app() -> FastAPI:
    """The councils service configured from the environment (``INSPRAAK_[COUNCILS_]*``)."""
    return build_app(service_settings(SERVICE))
