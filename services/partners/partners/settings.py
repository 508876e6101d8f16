"""Settings of the partners service only (prefix ``INSPRAAK_PARTNERS_``), beside the kernel's."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# Immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: the delay before each attempt.
DEFAULT_SCHEDULE = [0.0, 5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0, 36000.0]


class PartnerSettings(BaseSettings):
    """Webhook delivery and SSRF settings (tests compress the schedule and allow loopback)."""

    model_config = SettingsConfigDict(env_prefix="INSPRAAK_PARTNERS_", extra="ignore")

    allow_loopback: bool = False
    require_https: bool | None = Field(default=None, description="None: https only in production.")
    retry_schedule_seconds: list[float] = Field(default_factory=lambda: list(DEFAULT_SCHEDULE))
    retry_jitter: float = Field(default=0.1, ge=0, le=0.5)
    max_retry_after_seconds: float = Field(default=86400.0, gt=0)
    disable_after_seconds: float = Field(default=5 * 86400.0, gt=0)
    secret_grace_seconds: float = Field(default=86400.0, ge=0)
    delivery_timeout_seconds: float = Field(default=15.0, gt=0)
    delivery_lease_seconds: float = Field(default=60.0, gt=0)
    delivery_poll_seconds: float = Field(default=0.5, gt=0)
    # Deliveries leased per round (all endpoints): each round pays a claim transaction and one
    # record transaction per endpoint, so small rounds cap the throughput (50: ~280/s, 500:
    # ~500/s in docs/performance.md). Endpoints are still served in parallel, each in order.
    delivery_batch: int = Field(default=500, ge=1, le=500)
    delivery_concurrency: int = Field(default=16, ge=1, le=256)
