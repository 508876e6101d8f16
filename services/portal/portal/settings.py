"""The portal's settings: the platform's, plus the key that seals its cookies."""

from __future__ import annotations

import secrets

from pydantic_settings import SettingsConfigDict

from kernel.settings import Settings, service_settings

SERVICE = "portal"


class PortalSettings(Settings):
    """``INSPRAAK_PORTAL_SESSION_KEY`` seals the session cookie; every replica needs the same one.

    Without it a random key is made at start: fine for one process, but sessions end on restart.
    """

    model_config = SettingsConfigDict(env_prefix="INSPRAAK_PORTAL_", extra="ignore")

    session_key: str = ""
    session_max_age_seconds: int = 8 * 3600
    cookie_secure: bool = True


def portal_settings() -> PortalSettings:
    """The platform settings (with ``INSPRAAK_PORTAL_*`` overrides) and the portal's own."""
    own = PortalSettings()
    merged = service_settings(SERVICE).model_dump()
    merged.update({name: getattr(own, name) for name in own.model_fields_set})
    settings = PortalSettings.model_validate(merged)
    if not settings.session_key:
        settings.session_key = secrets.token_urlsafe(32)
    return settings
