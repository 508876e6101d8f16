"""What every scenario gets: the platform, the options, the report, and request helpers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx

from inspraak.bench.harness import BenchPlatform
from inspraak.bench.loadgen import Request
from inspraak.bench.report import Report
from kernel.testing.tokens import bearer

GRAPHQL = "/graphql"


@dataclass
class Options:
    """How hard and how long to push: ``smoke`` shrinks every scenario to a few seconds."""

    duration: float = 10.0
    users: int = 32
    invitations: int = 40_000
    booking_attempts: int = 500
    booking_slots: int = 50
    events: int = 5_000
    event_rate: float = 500.0
    receivers: int = 10

    @classmethod
    def smoke(cls) -> Options:
        """A few seconds per scenario, for CI: correctness counts only."""
        return cls(
            duration=1.5,
            users=8,
            invitations=500,
            booking_attempts=40,
            booking_slots=4,
            events=100,
            event_rate=100.0,
            receivers=2,
        )


@dataclass
class Bench:
    """The running platform and where results go."""

    platform: BenchPlatform
    options: Options
    report: Report

    @property
    def gateway_port(self) -> int:
        """Where the gateway listens."""
        return self.platform.port("gateway")

    def service(self, name: str, token: str | None = None, timeout: float = 60.0) -> httpx.AsyncClient:
        """An httpx client on a service's REST API (for setup, not for load)."""
        base = str(self.platform.urls[name]).removesuffix("/graphql")
        headers = bearer(token) if token else {}
        return httpx.AsyncClient(base_url=base, headers=headers, timeout=timeout)

    async def graphql(self, query: str, token: str | None = None, **variables: Any) -> dict[str, Any]:
        """One GraphQL call through the gateway (setup and checks); raises on errors."""
        async with self.service("gateway", token, timeout=120) as http:
            response = await http.post(GRAPHQL, json={"query": query, "variables": variables})
        body: dict[str, Any] = response.json()
        if body.get("errors"):
            raise RuntimeError(f"GraphQL errors: {body['errors']}")
        return body["data"]  # type: ignore[no-any-return]


def graphql_request(query: str, variables: dict[str, Any], token: str | None = None) -> Request:
    """A prepared GraphQL POST for the load generator."""
    body = json.dumps({"query": query, "variables": variables}).encode()
    return GRAPHQL, body, bearer(token) if token else {}


def no_graphql_errors(status: int, body: bytes) -> bool:
    """A 200 answer without ``errors``."""
    return status == 200 and b'"errors"' not in body
