"""Test support: a ``graphql-transport-ws`` client driving the gateway's ASGI app in process."""

from __future__ import annotations

import asyncio
import json
from collections.abc import MutableMapping
from typing import Any

from fastapi import FastAPI

EVENTS = """subscription ($types: [String!], $landlordId: ID) {
  events(types: $types, landlordId: $landlordId) { id type landlordId data }
}"""


class WebSocket:
    """A graphql-transport-ws client talking to an ASGI app in this event loop."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.to_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.from_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def open(
        self,
        token: str | None,
        headers: tuple[tuple[bytes, bytes], ...] = (),
        client: tuple[str, int] = ("127.0.0.1", 50000),
    ) -> dict[str, Any]:
        """Connect and send ``connection_init``; the server's first answer (ack or close)."""
        scope = {
            "type": "websocket",
            "asgi": {"version": "3.0"},
            "scheme": "ws",
            "path": "/graphql",
            "raw_path": b"/graphql",
            "query_string": b"",
            "root_path": "",
            "headers": [
                (b"host", b"gateway"),
                (b"sec-websocket-protocol", b"graphql-transport-ws"),
                *headers,
            ],
            "subprotocols": ["graphql-transport-ws"],
            "client": client,
            "server": ("gateway", 80),
        }

        async def send(message: MutableMapping[str, Any]) -> None:
            await self.from_app.put(dict(message))

        self.task = asyncio.create_task(self.app(scope, self.to_app.get, send))
        await self.to_app.put({"type": "websocket.connect"})
        accepted = await self.raw()
        assert accepted["type"] == "websocket.accept" and accepted["subprotocol"] == "graphql-transport-ws"
        await self.send(
            {"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"} if token else {}}
        )
        return await self.receive()

    async def send(self, message: dict[str, Any]) -> None:
        """Send one protocol message."""
        await self.to_app.put({"type": "websocket.receive", "text": json.dumps(message)})

    async def raw(self, timeout: float = 5.0) -> dict[str, Any]:  # noqa: ASYNC109 - a test helper
        """The next ASGI message from the app."""
        return await asyncio.wait_for(self.from_app.get(), timeout)

    async def receive(self, timeout: float = 5.0) -> dict[str, Any]:  # noqa: ASYNC109 - a test helper
        """The next protocol message (a close becomes ``{"type": "close", "code": …}``)."""
        message = await self.raw(timeout)
        if message["type"] == "websocket.close":
            return {"type": "close", "code": message["code"]}
        decoded: dict[str, Any] = json.loads(message["text"])
        return decoded

    async def subscribe(self, query: str = EVENTS, operation: str = "1", **variables: Any) -> None:
        """Start operation ``operation`` (its id)."""
        message = {"id": operation, "type": "subscribe", "payload": {"query": query, "variables": variables}}
        await self.send(message)

    async def close(self) -> None:
        """Disconnect and let the server finish."""
        await self.to_app.put({"type": "websocket.disconnect", "code": 1000})
        await asyncio.wait_for(self.task, 5)
