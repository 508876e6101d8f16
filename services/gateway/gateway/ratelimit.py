"""Rate limiting: a token bucket per principal and one per client IP, kept in memory.

Each bucket refills at ``per_minute / 60`` tokens a second up to ``burst_seconds`` worth of
tokens; a request takes one. An empty bucket refuses with RATE_LIMITED and the seconds to
wait (``Retry-After``). Several gateway replicas each keep their own buckets; a shared store
(Redis, setting ``redis_url``) would hold them across replicas, but is not implemented here.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kernel.errors import RateLimited
from kernel.settings import Settings

MAX_BUCKETS = 100_000
"""Buckets kept per kind; the least recently used go first (a full bucket is the default)."""


class RateLimitExceeded(RateLimited):
    """RATE_LIMITED, with the seconds after which a request will be accepted again."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after}s")
        self.retry_after = retry_after

    def extensions(self) -> dict[str, Any]:
        """The stable code and when to come back."""
        return {**super().extensions(), "retryAfter": self.retry_after}


@dataclass
class Bucket:
    """Tokens left at a moment."""

    tokens: float
    at: float


class TokenBuckets:
    """One bucket per key, refilled lazily when the key is seen."""

    def __init__(self, per_minute: int, burst_seconds: float, clock: Callable[[], float] = time.monotonic):
        self.rate = per_minute / 60.0
        self.capacity = max(1.0, self.rate * burst_seconds)
        self.clock = clock
        self._buckets: OrderedDict[str, Bucket] = OrderedDict()

    def take(self, key: str) -> float:
        """Take a token for ``key``: 0 when granted, else the seconds until one is available."""
        now = self.clock()
        bucket = self._buckets.pop(key, None) or Bucket(self.capacity, now)
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.at) * self.rate)
        bucket.at = now
        self._buckets[key] = bucket
        if len(self._buckets) > MAX_BUCKETS:
            self._buckets.popitem(last=False)
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / self.rate


class RateLimiter:
    """The gateway's limits: per principal (authenticated calls) and per IP (all but trusted)."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.monotonic) -> None:
        enabled = settings.gateway_rate_limit_enabled
        self.enabled = settings.environment != "test" if enabled is None else enabled
        burst = settings.gateway_rate_limit_burst_seconds
        per_principal, per_ip = settings.gateway_rate_limit_per_principal, settings.gateway_rate_limit_per_ip
        self.principals = TokenBuckets(per_principal, burst, clock) if per_principal else None
        self.ips = TokenBuckets(per_ip, burst, clock) if per_ip else None
        self.trusted_ips = frozenset(settings.gateway_rate_limit_trusted_ips)

    def check(self, principal: str | None, ip: str | None) -> None:
        """Raise RATE_LIMITED when this caller has no token left in one of its buckets."""
        if not self.enabled:
            return
        waits = [0.0]
        if self.principals is not None and principal is not None:
            waits.append(self.principals.take(principal))
        if self.ips is not None and ip is not None and ip not in self.trusted_ips:
            waits.append(self.ips.take(ip))
        if max(waits) > 0:
            raise RateLimitExceeded(max(1, math.ceil(max(waits))))
