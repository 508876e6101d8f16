"""The key ring: signing keys rotated in the database, cached in memory.

Every replica reads the same keys. Rotation takes an advisory lock so replicas starting
together make one new key; retired keys stay published until their tokens have expired.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from joserfc.jwk import KeySet

from identity.adapters.jwk import generate_private_jwk, key_set, public_jwk
from identity.adapters.tables import SigningKeyRow
from identity.domain.signing import KeyInfo, current_key, published_keys, rotation_due
from identity.service.clock import utcnow
from identity.service.unit_of_work import unit_of_work
from kernel.db import SessionFactory
from kernel.settings import Settings


def info(row: SigningKeyRow) -> KeyInfo:
    """What rotation needs to know of a stored key."""
    return KeyInfo(row.kid, row.created_at, row.retired_at)


class KeyRing:
    """Signing keys of this issuer; also the token verifier's key source for it."""

    reload_seconds = 60.0
    min_refresh_seconds = 1.0

    def __init__(
        self, sessions: SessionFactory, settings: Settings, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self.clock = clock
        self._keys: list[KeyInfo] = []
        self._signing: dict[str, Any] | None = None
        self._published: list[dict[str, Any]] = []
        self._key_set = KeySet([])
        self._loaded_at = float("-inf")
        self._lock = asyncio.Lock()

    async def rotate_if_due(self) -> None:
        """Make a new signing key when there is none or the current one is too old (at startup)."""
        async with unit_of_work(self.sessions) as uow:
            await uow.keys.lock()
            now = self.clock()
            rotation_days = self.settings.signing_key_rotation_days
            if rotation_due([info(row) for row in await uow.keys.all()], now, rotation_days):
                kid, private_jwk = generate_private_jwk()
                uow.keys.add(kid, private_jwk, now)
                await uow.flush()
                await uow.keys.retire_all_but(kid, now)
        await self.reload()

    async def reload(self) -> None:
        """Read the keys from the database; work out which one signs and which are published."""
        async with unit_of_work(self.sessions) as uow:
            rows = await uow.keys.all()
        keys = [info(row) for row in rows]
        ttl = timedelta(seconds=self.settings.access_token_ttl_seconds)
        published = {key.kid for key in published_keys(keys, self.clock(), ttl)}
        current = current_key(keys)
        self._keys = keys
        self._signing = next((row.private_jwk for row in rows if current and row.kid == current.kid), None)
        self._published = [row.private_jwk for row in rows if row.kid in published]
        self._key_set = key_set(self._published)
        self._loaded_at = time.monotonic()

    def _fresh(self, seconds: float) -> bool:
        return time.monotonic() - self._loaded_at < seconds

    async def refresh_if_stale(self) -> None:
        """Reload now and then (another replica may have rotated), rotating when due."""
        if self._fresh(self.reload_seconds):
            return
        async with self._lock:
            if self._fresh(self.reload_seconds):
                return
            if rotation_due(self._keys, self.clock(), self.settings.signing_key_rotation_days):
                await self.rotate_if_due()
            else:
                await self.reload()

    def signing_jwk(self) -> dict[str, Any]:
        """The private JWK to sign with now (the newest active key)."""
        if self._signing is None:
            raise RuntimeError("no signing key: call rotate_if_due() at startup")
        return self._signing

    def public_jwks(self) -> dict[str, list[dict[str, Any]]]:
        """The JWKS document: the public keys verifiers should accept now."""
        return {"keys": [public_jwk(jwk) for jwk in self._published]}

    async def __call__(self, issuer: str, refresh: bool) -> KeySet:
        """The kernel's key source for our own issuer: read from the database, not over HTTP.
        ``refresh`` (an unknown kid) reloads at most once a second."""
        if refresh and not self._fresh(self.min_refresh_seconds):
            async with self._lock:
                if not self._fresh(self.min_refresh_seconds):
                    await self.reload()
        else:
            await self.refresh_if_stale()
        return self._key_set
