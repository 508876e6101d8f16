"""The app factory: wires the runtime, the key ring, the token server and the routers."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from identity.entrypoints.http import ROUTERS
from identity.entrypoints.oauth_bridge import OAuthBridge
from identity.entrypoints.oauth_server import TokenServer
from identity.service.keys import KeyRing
from identity.service.tokens import Logins, TokenIssuer
from kernel.http import create_service_app
from kernel.localisation import register_catalogue
from kernel.runtime import ServiceRuntime
from kernel.settings import Settings, service_settings

SERVICE = "identity"
LOCALES = Path(__file__).resolve().parent.parent / "locales"


def build_app(settings: Settings) -> FastAPI:
    """The identity service for ``settings`` (tests pass their own)."""
    register_catalogue(LOCALES)
    runtime = ServiceRuntime(SERVICE, settings)
    keys = KeyRing(runtime.sessions, settings)
    # Our own tokens are verified with the keys in our database, not over HTTP.
    runtime.verifier.key_sources[settings.issuer] = keys
    bridge = OAuthBridge(Logins(runtime.sessions), TokenIssuer(keys, settings))
    token_endpoint = settings.issuer.rstrip("/") + "/oauth/token"
    enforce_tls = settings.environment == "production"
    app = create_service_app(runtime, ROUTERS, title="Inspraak identity", on_startup=keys.rotate_if_due)
    app.state.keys = keys
    app.state.token_server = TokenServer(bridge, token_endpoint, enforce_tls=enforce_tls)
    return app


def create_app() -> FastAPI:
    """The identity service configured from the environment (``INSPRAAK_[IDENTITY_]*``)."""
    return build_app(service_settings(SERVICE))
