"""The webhook delivery worker: a background task of the service process.

Each round it leases due deliveries, sends each subscription's deliveries in event order
(subscriptions in parallel, bounded), signs every attempt afresh, and records the outcome.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import groupby

import httpx
import structlog

from kernel.db import SessionFactory
from partners.domain.retries import AttemptResult, RetryPolicy, parse_retry_after
from partners.domain.signing import webhook_headers
from partners.service.delivery_store import (
    Attempt,
    Claimed,
    claim,
    record,
    record_delivered,
    release,
)
from partners.service.urls import UrlGuard
from partners.settings import PartnerSettings

log = structlog.get_logger(__name__)
EXCERPT = 500


class DeliveryWorker:
    """Delivers pending webhook deliveries until stopped."""

    def __init__(
        self,
        sessions: SessionFactory,
        http: httpx.AsyncClient,
        guard: UrlGuard,
        policy: RetryPolicy,
        settings: PartnerSettings,
        on_event: Callable[[], None] = lambda: None,
    ) -> None:
        self.sessions = sessions
        self.http = http
        self.guard = guard
        self.policy = policy
        self.settings = settings
        self.on_event = on_event
        self._slots = asyncio.Semaphore(settings.delivery_concurrency)
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """New deliveries were committed: look now rather than at the next poll."""
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver rounds until ``stop``; when nothing was due, wait for :meth:`wake` or a poll
        interval (retries fall due with time, and another replica may have queued)."""
        while not stop.is_set():
            self._wake.clear()
            try:
                handled = await self.deliver_due()
            except Exception as exc:  # the database may be away for a moment: try again
                log.warning("delivery.round_failed", error=str(exc))
                handled = 0
            if handled == 0 and not self._wake.is_set():
                await self._wait(stop)

    async def _wait(self, stop: asyncio.Event) -> None:
        waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._wake.wait())]
        try:
            await asyncio.wait(
                waiters, timeout=self.settings.delivery_poll_seconds, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            for waiter in waiters:
                waiter.cancel()

    async def deliver_due(self) -> int:
        """One round: lease, send, record. Returns how many deliveries were leased."""
        lease = timedelta(seconds=self.settings.delivery_lease_seconds)
        claimed = await claim(self.sessions, self.settings.delivery_batch, lease)
        groups = [
            list(g) for _, g in groupby(sorted(claimed, key=_by_endpoint), key=lambda c: c.subscription_id)
        ]
        await asyncio.gather(*(self._deliver_in_order(group) for group in groups))
        return len(claimed)

    async def _deliver_in_order(self, group: list[Claimed]) -> None:
        """Send one endpoint's deliveries in event order. Successes are recorded together (one
        transaction), before any failure and at the end, so the failing streak a failure
        starts or continues still follows the answers in order."""
        delivered: list[tuple[Claimed, Attempt]] = []
        async with self._slots:
            try:
                for index, claimed in enumerate(group):
                    attempt = await self.attempt(claimed)
                    if attempt.result.succeeded:
                        delivered.append((claimed, attempt))
                        continue
                    await record_delivered(self.sessions, delivered)
                    delivered = []
                    outcome = await record(self.sessions, claimed, attempt, self.policy)
                    if outcome is not None and outcome.disable:
                        # Later events of a disabled endpoint are not attempted (replay brings them).
                        self.on_event()
                        await release(self.sessions, group[index + 1 :])
                        return
            finally:
                await record_delivered(self.sessions, delivered)

    async def attempt(self, claimed: Claimed) -> Attempt:
        """One signed POST (after the SSRF guard looked at the URL again)."""
        started = time.perf_counter()
        refusal = await self.guard.refusal(claimed.url)
        if refusal is not None:
            return Attempt(AttemptResult(None), _ms(started), error=refusal)
        stamp = int(time.time())
        headers = webhook_headers(claimed.secrets, claimed.message_id, stamp, claimed.body)
        try:
            response = await self.http.post(claimed.url, content=claimed.body, headers=headers)
        except httpx.HTTPError as exc:
            return Attempt(AttemptResult(None), _ms(started), error=f"{type(exc).__name__}: {exc}"[:EXCERPT])
        retry_after = parse_retry_after(response.headers.get("retry-after"), datetime.now(UTC))
        return Attempt(
            AttemptResult(response.status_code, retry_after),
            _ms(started),
            excerpt=response.text[:EXCERPT] or None,
        )


def _by_endpoint(claimed: Claimed) -> tuple[str, int]:
    return (str(claimed.subscription_id), claimed.position)


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)
