"""Per-request access to the councils service: its client and the council overview, fetched once."""

from __future__ import annotations

import asyncio

from gateway.clients.councils import CouncilsClient, OverviewPublic
from gateway.context import Info


def councils_client(info: Info) -> CouncilsClient:
    """The councils client of this request (forwarding the caller's token, language, correlation)."""
    return info.context.loader("councils.client", lambda: info.context.client("councils", CouncilsClient))


def overview(info: Info, council_id: str) -> asyncio.Future[OverviewPublic]:
    """The council's overview, requested once per request however many fields need it."""
    client = councils_client(info)
    return info.context.loader(
        f"councils.overview.{council_id}", lambda: asyncio.ensure_future(client.overview(council_id))
    )
