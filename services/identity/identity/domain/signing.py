"""Signing-key rotation: when to make a new key and how long old ones stay published."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

# Verifiers cache key sets and replicas reload theirs now and then: keep a margin.
PUBLISH_GRACE = timedelta(minutes=10)


@dataclass(frozen=True)
class KeyInfo:
    """What rotation needs to know about a signing key."""

    kid: str
    created_at: datetime
    retired_at: datetime | None = None


def current_key(keys: Sequence[KeyInfo]) -> KeyInfo | None:
    """The key to sign with: the newest one not retired."""
    active = [key for key in keys if key.retired_at is None]
    return max(active, key=lambda key: key.created_at, default=None)


def rotation_due(keys: Sequence[KeyInfo], now: datetime, rotation_days: int) -> bool:
    """True when there is no signing key or the current one is older than the rotation period."""
    current = current_key(keys)
    return current is None or now - current.created_at >= timedelta(days=rotation_days)


def published_keys(keys: Sequence[KeyInfo], now: datetime, token_ttl: timedelta) -> list[KeyInfo]:
    """Keys to publish: the current ones and retired ones whose tokens may still be alive."""
    return [key for key in keys if key.retired_at is None or now < key.retired_at + token_ttl + PUBLISH_GRACE]
