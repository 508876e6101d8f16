"""SSRF guard: a webhook URL is checked when subscribing and again before every attempt."""

from __future__ import annotations

from kernel.errors import ValidationFailed
from partners.adapters.dns import resolve
from partners.domain.addresses import check_url_shape, refused_addresses


class UrlGuard:
    """Refuses URLs that are not https (in production) or resolve to internal addresses."""

    def __init__(self, *, require_https: bool, allow_loopback: bool) -> None:
        self.require_https = require_https
        self.allow_loopback = allow_loopback

    async def refusal(self, url: str) -> str | None:
        """Why ``url`` may not be called right now (None: it may)."""
        try:
            host = check_url_shape(url, require_https=self.require_https)
        except ValidationFailed as exc:
            return exc.key
        addresses = await resolve(host)
        if not addresses:
            return "partners.url_unresolvable"
        if refused_addresses(addresses, allow_loopback=self.allow_loopback):
            return "partners.url_internal"
        return None

    async def check(self, url: str) -> None:
        """VALIDATION on ``url`` when it may not be called."""
        reason = await self.refusal(url)
        if reason is not None:
            raise ValidationFailed(f"webhook URL refused: {reason}", field="url", message_key=reason)
