"""The app factory: the runtime, the consumers, the REST routers and the overdue watch."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from councils.entrypoints.consumers import register_consumers
from councils.entrypoints.http import ROUTERS
from councils.entrypoints.overdue import CHECK_EVERY_SECONDS, overdue_watch
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
    app = create_service_app(runtime, ROUTERS, title="Inspraak councils")
    kernel_lifespan = app.router.lifespan_context

    # The kernel's app factory has no hook for periodic tasks: wrap its lifespan.
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with kernel_lifespan(app), overdue_watch(runtime, overdue_every):
            yield

    app.router.lifespan_context = lifespan
    return app


def create_app() -> FastAPI:
    """The councils service configured from the environment (``INSPRAAK_[COUNCILS_]*``)."""
    return build_app(service_settings(SERVICE))
