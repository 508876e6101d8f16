"""Rate limiting: a token bucket per principal and one per client IP, in Redis or in memory.

Each bucket refills at ``per_minute / 60`` tokens a second up to ``burst_seconds`` worth of
tokens; a request takes one. An empty bucket refuses with RATE_LIMITED and the seconds to
wait (``Retry-After``).

With ``redis_url`` set, the buckets live in Redis and every gateway replica shares them: one
Lua script refills and takes atomically (on Redis's clock), and each bucket expires once it
would be full again. When Redis does not answer, the replica falls back to its own in-memory
buckets (logged once per outage) and tries Redis again after ``REDIS_RETRY_SECONDS``; a
request is never refused because Redis is down.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from kernel.errors import RateLimited
from kernel.settings import Settings

log = structlog.get_logger(__name__)

REDIS_PREFIX = "inspraak:gateway:ratelimit"
REDIS_TIMEOUT_SECONDS = 0.25
"""How long a request waits for Redis before it is counted in memory instead."""
REDIS_RETRY_SECONDS = 10.0
"""How long a replica keeps to its in-memory buckets after Redis failed."""

TAKE_SCRIPT = """
local rate, capacity = tonumber(ARGV[1]), tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate) + 1)
return tostring(wait)
"""
"""Refill the bucket ``KEYS[1]`` up to now and take a token: 0, or the seconds to wait for one."""

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


@dataclass
class RedisHealth:
    """Whether Redis answered lately (shared by a replica's bucket kinds, to log an outage once)."""

    down: bool = False
    retry_at: float = 0.0

    def failed(self, error: Exception) -> None:
        """Redis did not answer: count in memory for a while (logged at the start of an outage)."""
        self.retry_at = time.monotonic() + REDIS_RETRY_SECONDS
        if not self.down:
            self.down = True
            log.warning("ratelimit.redis_unreachable", error=repr(error), fallback="memory")

    def answered(self) -> None:
        """Redis answered again."""
        if self.down:
            self.down = False
            log.info("ratelimit.redis_back")


class SharedBuckets:
    """Token buckets in Redis, shared by every replica; in memory while Redis does not answer."""

    def __init__(self, redis: Redis, health: RedisHealth, kind: str, fallback: TokenBuckets) -> None:
        self.health = health
        self.kind = kind
        self.fallback = fallback
        self.script = redis.register_script(TAKE_SCRIPT)

    async def take(self, key: str) -> float:
        """As :meth:`TokenBuckets.take`, counted in Redis when it answers."""
        if self.health.down and time.monotonic() < self.health.retry_at:
            return self.fallback.take(key)
        args = [self.fallback.rate, self.fallback.capacity]
        try:
            wait = await self.script(keys=[f"{REDIS_PREFIX}:{self.kind}:{key}"], args=args)
        except (RedisError, OSError) as exc:
            self.health.failed(exc)
            return self.fallback.take(key)
        self.health.answered()
        return float(wait)


class LocalBuckets:
    """In-memory buckets behind the same (async) face as :class:`SharedBuckets`."""

    def __init__(self, buckets: TokenBuckets) -> None:
        self.buckets = buckets

    async def take(self, key: str) -> float:
        """As :meth:`TokenBuckets.take`."""
        return self.buckets.take(key)


class RateLimiter:
    """The gateway's limits: per principal (authenticated calls) and per IP (all but trusted)."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.monotonic) -> None:
        enabled = settings.gateway_rate_limit_enabled
        self.enabled = settings.environment != "test" if enabled is None else enabled
        burst = settings.gateway_rate_limit_burst_seconds
        per_principal, per_ip = settings.gateway_rate_limit_per_principal, settings.gateway_rate_limit_per_ip
        self.redis = (
            Redis.from_url(
                settings.redis_url,
                socket_timeout=REDIS_TIMEOUT_SECONDS,
                socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            )
            if settings.redis_url and self.enabled
            else None
        )
        self.health = RedisHealth()
        self.principals = self._buckets("principal", per_principal, burst, clock)
        self.ips = self._buckets("ip", per_ip, burst, clock)
        self.trusted_ips = frozenset(settings.gateway_rate_limit_trusted_ips)

    def _buckets(
        self, kind: str, per_minute: int, burst: float, clock: Callable[[], float]
    ) -> SharedBuckets | LocalBuckets | None:
        if not per_minute:
            return None
        local = TokenBuckets(per_minute, burst, clock)
        if self.redis is None:
            return LocalBuckets(local)
        return SharedBuckets(self.redis, self.health, kind, local)

    async def check(self, principal: str | None, ip: str | None) -> None:
        """Raise RATE_LIMITED when this caller has no token left in one of its buckets."""
        if not self.enabled:
            return
        waits = [0.0]
        if self.principals is not None and principal is not None:
            waits.append(await self.principals.take(principal))
        if self.ips is not None and ip is not None and ip not in self.trusted_ips:
            waits.append(await self.ips.take(ip))
        if max(waits) > 0:
            raise RateLimitExceeded(max(1, math.ceil(max(waits))))

    async def close(self) -> None:
        """Close the Redis connections (when there are)."""
        if self.redis is not None:
            await self.redis.aclose()
