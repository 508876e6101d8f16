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

from kernel.asyncio_tools import sleep_or_stop
from kernel.db import SessionFactory
from partners.domain.retries import AttemptResult, RetryPolicy, parse_retry_after
from partners.domain.signing import webhook_headers
from partners.service.delivery_store import Attempt, Claimed, claim, record, release
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

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver rounds until ``stop``; wait a poll interval when nothing was due."""
        while not stop.is_set():
            try:
                handled = await self.deliver_due()
            except Exception as exc:  # the database may be away for a moment: try again
                log.warning("delivery.round_failed", error=str(exc))
                handled = 0
            if handled == 0:
                await sleep_or_stop(stop, self.settings.delivery_poll_seconds)

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
        async with self._slots:
            for index, claimed in enumerate(group):
                attempt = await self.attempt(claimed)
                outcome = await record(self.sessions, claimed, attempt, self.policy)
                if outcome is not None and outcome.disable:
                    # Later events of a disabled endpoint are not attempted (replay brings them).
                    self.on_event()
                    await release(self.sessions, group[index + 1 :])
                    return

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
