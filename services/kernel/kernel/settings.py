"""Settings from the environment (prefix ``INSPRAAK_``), one place for every service.

Per-service overrides use the service name as a second prefix, for example
``INSPRAAK_IDENTITY_DATABASE_URL`` wins over ``INSPRAAK_DATABASE_URL`` for identity.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
DEFAULT_NATS_URL = "nats://127.0.0.1:4222"


class Settings(BaseSettings):
    """Platform-wide settings; services read them through :func:`service_settings`."""

    model_config = SettingsConfigDict(env_prefix="INSPRAAK_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = DEFAULT_DATABASE_URL
    database_schema: str | None = None
    database_pool_size: int = 8
    nats_url: str = DEFAULT_NATS_URL
    # Prefix for subjects and stream names, so that several platforms (or tests) can share
    # one NATS server without hearing each other. Empty in a normal deployment.
    event_namespace: str = ""
    stream_replicas: int = Field(default=1, ge=1, le=5)
    duplicate_window_seconds: float = Field(default=120.0, gt=0)
    relay_batch_size: int = Field(default=100, ge=1, le=1000)
    relay_idle_seconds: float = Field(default=0.1, gt=0)
    consumer_max_deliveries: int = Field(default=5, ge=1)
    consumer_ack_wait_seconds: float = Field(default=30.0, gt=0)
    consumer_backoff_seconds: list[float] = Field(default_factory=lambda: [1.0, 5.0, 30.0, 120.0])

    # Tokens. The identity service issues them; every service verifies them.
    issuer: str = "http://127.0.0.1:8001"
    audience: str = "inspraak"
    jwks_url: str | None = None
    # Extra trusted OIDC issuers (production): their JWKS is found by OIDC discovery.
    trusted_issuers: list[str] = Field(default_factory=list)
    access_token_ttl_seconds: int = Field(default=3600, ge=60)
    signing_key_rotation_days: int = Field(default=30, ge=1)

    # Where the other services answer (the gateway's clients use these).
    identity_url: str = "http://127.0.0.1:8001"
    councils_url: str = "http://127.0.0.1:8002"
    surveys_url: str = "http://127.0.0.1:8003"
    spaces_url: str = "http://127.0.0.1:8004"
    partners_url: str = "http://127.0.0.1:8005"
    gateway_url: str = "http://127.0.0.1:8000"
    # Where people reach the portal (printed on letters and in links).
    portal_url: str = "http://127.0.0.1:8080"

    # Gateway: how big an operation may be, how callers are throttled, which documents run.
    gateway_max_depth: int = Field(default=8, ge=1)
    gateway_max_tokens: int = Field(default=2000, ge=10)
    gateway_max_aliases: int = Field(default=32, ge=0)
    # Static cost: each object counts 1, a list multiplies its selection by its `first`
    # argument or, without one, by the default list size.
    gateway_max_cost: int = Field(default=20_000, ge=1)
    gateway_default_list_size: int = Field(default=10, ge=1)
    gateway_max_body_bytes: int = Field(default=256 * 1024, ge=1024)
    # off: no persisted queries; apq: Automatic Persisted Queries (clients register hashes);
    # allowlist: only the documents loaded from gateway_persisted_queries_path run.
    gateway_persisted_queries: Literal["off", "apq", "allowlist"] = "apq"
    gateway_persisted_queries_path: str | None = None
    gateway_persisted_queries_max: int = Field(default=1000, ge=1)
    # Token buckets per principal and per client IP (requests per minute; 0 turns one off).
    # None: on everywhere except in the test environment.
    gateway_rate_limit_enabled: bool | None = None
    gateway_rate_limit_per_principal: int = Field(default=600, ge=0)
    gateway_rate_limit_per_ip: int = Field(default=1200, ge=0)
    gateway_rate_limit_burst_seconds: float = Field(default=10.0, gt=0)
    # Callers exempt from the per-IP bucket: the portal calls for many people from one address
    # (on the same machine in the embedded platform). Their per-principal buckets still apply.
    gateway_rate_limit_trusted_ips: list[str] = Field(default_factory=lambda: ["127.0.0.1", "::1"])
    # Shared buckets across gateway replicas (needs the `redis` package); in memory when unset.
    redis_url: str | None = None

    log_level: str = "INFO"
    log_json: bool = True


def service_settings(service: str) -> Settings:
    """Settings for one service: ``INSPRAAK_<SERVICE>_X`` overrides ``INSPRAAK_X``."""
    override_type = type(
        f"{service.title()}Settings",
        (Settings,),
        {"model_config": SettingsConfigDict(env_prefix=f"INSPRAAK_{service.upper()}_", extra="ignore")},
    )
    overrides = override_type()
    settings = Settings().model_copy(
        update={name: getattr(overrides, name) for name in overrides.model_fields_set}
    )
    if settings.database_schema is None:
        settings.database_schema = service
    return settings


@lru_cache
def get_settings() -> Settings:
    """Platform-wide settings, read once."""
    return Settings()
