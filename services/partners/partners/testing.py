"""Helpers for tests of the partners service: a migrated schema, a loopback webhook receiver."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from kernel.migrations import script_location, upgrade
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer, bearer

MIGRATIONS = script_location(Path(__file__).resolve().parent)


async def migrate(settings: Settings) -> None:
    """Bring the partners schema in ``settings``' database to head."""
    await asyncio.to_thread(upgrade, "partners", MIGRATIONS, settings)


@dataclass(frozen=True)
class Received:
    """One HTTP request the receiver got."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


Responder = Callable[[Received], tuple[int, dict[str, str]]]


@dataclass
class WebhookReceiver:
    """A minimal HTTP/1.1 server on loopback (keep-alive) that records requests, answers as
    ``respond`` says, and applies each ``webhook-id`` once (counting the duplicates it skips)."""

    respond: Responder = field(default=lambda _: (200, {}))
    requests: list[Received] = field(default_factory=list)
    applied: dict[str, bytes] = field(default_factory=dict)
    duplicates: int = 0
    port: int = 0
    _server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        """The receiver's webhook URL."""
        return f"http://127.0.0.1:{self.port}/hook"

    async def start(self) -> WebhookReceiver:
        """Listen on a free loopback port."""
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        """Stop listening."""
        if self._server is not None:
            self._server.close()
            self._server = None

    def applied_events(self) -> list[dict[str, Any]]:
        """The event envelopes applied, in arrival order."""
        return [json.loads(body) for body in self.applied.values()]

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while request := await _read_request(reader):
                self.requests.append(request)
                status, headers = self.respond(request)
                if 200 <= status < 300:
                    self._apply(request)
                extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
                writer.write(f"HTTP/1.1 {status} X\r\ncontent-length: 2\r\n{extra}\r\nok".encode())
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    def _apply(self, request: Received) -> None:
        message_id = request.headers.get("webhook-id", "")
        if message_id in self.applied:
            self.duplicates += 1
        else:
            self.applied[message_id] = request.body


async def _read_request(reader: asyncio.StreamReader) -> Received | None:
    line = await reader.readline()
    if not line.strip():
        return None
    method, path, _ = line.decode().split(" ", 2)
    headers: dict[str, str] = {}
    while (header := await reader.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = header.decode().partition(":")
        headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return Received(method, path, headers, body)


async def eventually(check: Callable[[], Any], within: float = 20.0, interval: float = 0.05) -> None:
    """Wait until ``check()`` is truthy (awaiting it when it is a coroutine); fail after ``within`` s."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {within}s")
        await asyncio.sleep(interval)


@dataclass(frozen=True)
class World:
    """Two landlords with staff, a regional admin, and a registered partner with its client."""

    issuer: TestIssuer
    landlord_a: uuid.UUID
    landlord_b: uuid.UUID
    site_a: uuid.UUID
    partner_id: str
    client_id: str

    def staff(self, landlord: uuid.UUID) -> dict[str, str]:
        """Headers of a landlord's staff member."""
        return bearer(self.issuer.person("landlord_staff", landlord))

    def admin(self) -> dict[str, str]:
        """Headers of a regional admin."""
        return bearer(self.issuer.person("regional_admin", None))

    def partner(self, client_id: str | None = None) -> dict[str, str]:
        """Headers of the partner's client."""
        return bearer(self.issuer.partner(client_id or self.client_id))


async def register_partner(client: httpx.AsyncClient, headers: dict[str, str], client_id: str) -> str:
    """Register a welfare centre signing in as ``client_id``; its id."""
    body = {
        "name": {"nl": "OCMW Anderlecht", "fr": "CPAS d'Anderlecht"},
        "type": "welfare_centre",
        "services": ["debt-advice", "homework-school"],
        "languages": ["nl", "fr", "ar"],
        "client_ids": [client_id],
    }
    response = await client.post("/partners", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def grant(
    client: httpx.AsyncClient, world: World, landlord: uuid.UUID, partner_id: str | None = None, **extra: Any
) -> dict[str, Any]:
    """The landlord's staff grants the partner a partnership."""
    body = {"partner_id": partner_id or world.partner_id, "landlord_id": str(landlord), **extra}
    response = await client.post("/partnerships", json=body, headers=world.staff(landlord))
    assert response.status_code == 201, response.text
    if partner_id is None and not extra:  # its own event arrives before the scenario begins
        await heard(client, world.partner(), "inspraak.partners.partnership.granted")
    result: dict[str, Any] = response.json()
    return result


async def subscribe(
    client: httpx.AsyncClient, headers: dict[str, str], url: str | None, **extra: Any
) -> dict[str, Any]:
    """Subscribe the calling partner (webhook when ``url``, else the feed)."""
    body = {"channel": "webhook" if url else "feed", "url": url, **extra}
    response = await client.post("/subscriptions", json=body, headers=headers)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def heard(client: httpx.AsyncClient, headers: dict[str, str], event_type: str) -> None:
    """Wait until the caller's feed holds an event of ``event_type`` (the service heard it)."""

    async def check() -> bool:
        response = await client.get("/events", params={"type": event_type}, headers=headers)
        return bool(response.json()["items"])

    await eventually(check)
