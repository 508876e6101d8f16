"""The app factory: wires the runtime, the consumers, the no-show sweeper and the routers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from kernel.http import create_service_app
from kernel.localisation import register_catalogue
from kernel.runtime import ServiceRuntime
from kernel.settings import Settings, service_settings
from spaces.entrypoints import consumers
from spaces.entrypoints.http import ROUTERS
from spaces.service.no_show import NoShowSweeper

SERVICE = "spaces"
LOCALES = Path(__file__).resolve().parent.parent / "locales"


def build_app(settings: Settings, *, sweep_seconds: float = 60.0) -> FastAPI:
    """The spaces service for ``settings`` (tests pass their own)."""
    register_catalogue(LOCALES)
    runtime = ServiceRuntime(SERVICE, settings)
    consumers.register(runtime)
    app = create_service_app(runtime, ROUTERS, title="Inspraak spaces")
    sweeper = NoShowSweeper(runtime.sessions, sweep_seconds)
    inner = app.router.lifespan_context

    # The kernel's lifespan has no hook for extra background work: wrap it (see the report).
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with inner(app):
            stop = asyncio.Event()
            task = asyncio.create_task(sweeper.run(stop), name="spaces-no-shows")
            try:
                yield
            finally:
                stop.set()
                await task

    app.router.lifespan_context = lifespan
    return app


def create_app() -> FastAPI:
    """The spaces service configured from the environment (``INSPRAAK_[SPACES_]*``)."""
    return build_app(service_settings(SERVICE))
