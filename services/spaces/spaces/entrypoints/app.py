"""The app factory: wires the runtime, the consumers, the no-show check and the routers."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from fastapi import FastAPI

from kernel.http import create_service_app
from kernel.localisation import register_catalogue
from kernel.runtime import ServiceRuntime
from kernel.settings import Settings, service_settings
from spaces.entrypoints import consumers
from spaces.entrypoints.http import ROUTERS
from spaces.service.no_show import mark_no_shows

SERVICE = "spaces"
LOCALES = Path(__file__).resolve().parent.parent / "locales"


def build_app(settings: Settings, *, no_show_seconds: float = 60.0) -> FastAPI:
    """The spaces service for ``settings`` (tests pass their own)."""
    register_catalogue(LOCALES)
    runtime = ServiceRuntime(SERVICE, settings)
    consumers.register(runtime)
    runtime.every("no-shows", no_show_seconds, partial(mark_no_shows, runtime.sessions))
    return create_service_app(runtime, ROUTERS, title="Inspraak spaces")


def create_app() -> FastAPI:
    """The spaces service configured from the environment (``INSPRAAK_[SPACES_]*``)."""
    return build_app(service_settings(SERVICE))
