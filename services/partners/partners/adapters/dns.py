"""Name resolution for webhook hosts (the event loop's resolver, never blocking)."""

from __future__ import annotations

import asyncio
import socket


async def resolve(host: str) -> list[str]:
    """Every address ``host`` resolves to (an IP literal resolves to itself); [] when none."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []
    return sorted({str(info[4][0]) for info in infos})
