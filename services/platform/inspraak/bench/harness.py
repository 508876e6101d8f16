"""The platform under test: ``inspraak up``'s supervisor, isolated and trusting a bench issuer.

On external servers (``INSPRAAK_DATABASE_URL`` / ``INSPRAAK_NATS_URL``) the bench gets a
database of its own and an event namespace of its own, both removed afterwards; otherwise the
supervisor starts embedded PostgreSQL and NATS in a temporary directory. Tokens come from the
kernel's :class:`TestIssuer`, served by discovery + JWKS on loopback and trusted by every
service as an extra issuer (``INSPRAAK_TRUSTED_ISSUERS``); identity's own issuer stays as is.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import nats

from inspraak.supervisor import Platform
from kernel.db import asyncpg_dsn, with_database
from kernel.embedded import free_port
from kernel.testing.tokens import TestIssuer


def _serve_issuer(issuer: TestIssuer, port: int) -> ThreadingHTTPServer:
    documents = {
        "/.well-known/openid-configuration": {"issuer": issuer.issuer, "jwks_uri": f"{issuer.issuer}/jwks"},
        "/jwks": issuer.jwks(),
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps(documents.get(self.path, {})).encode()
            self.send_response(200 if self.path in documents else 404)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@dataclass
class BenchPlatform:
    """The running platform, its URLs, the bench issuer and the ceiling process."""

    data_dir: Path
    platform: Platform | None = None
    issuer: TestIssuer = field(default_factory=TestIssuer)
    urls: dict[str, Any] = field(default_factory=dict)
    namespace: str = field(default_factory=lambda: f"bench{uuid.uuid4().hex[:8]}")
    cold_start_seconds: float = 0.0
    ceiling_port: int = 0
    _issuer_server: ThreadingHTTPServer | None = None
    _ceiling: subprocess.Popen[bytes] | None = None
    _database: tuple[str, str] | None = None
    _saved_env: dict[str, str | None] = field(default_factory=dict)

    def start(self) -> None:
        """Start the bench issuer, then the platform (timed: the cold start), then the ceiling."""
        port = free_port()
        self.issuer = TestIssuer(f"http://127.0.0.1:{port}")
        self._issuer_server = _serve_issuer(self.issuer, port)
        env = {
            "INSPRAAK_TRUSTED_ISSUERS": json.dumps([self.issuer.issuer]),
            "INSPRAAK_EVENT_NAMESPACE": self.namespace,
            "INSPRAAK_PARTNERS_ALLOW_LOOPBACK": "true",
            # The load generator speaks for hundreds of people with a handful of tokens from one
            # address: the per-principal limits would refuse what the scenarios measure.
            "INSPRAAK_GATEWAY_RATE_LIMIT_ENABLED": "false",
            "INSPRAAK_LOG_LEVEL": "WARNING",
        }
        external = os.environ.get("INSPRAAK_DATABASE_URL")
        if external:
            name = f"inspraak_{self.namespace}"
            _run(_create_database(external, name))
            self._database = (external, name)
            env["INSPRAAK_DATABASE_URL"] = with_database(external, name)
        self._set_env(env)
        self.platform = Platform(self.data_dir)
        started = time.perf_counter()
        self.urls = self.platform.start()
        self.cold_start_seconds = time.perf_counter() - started
        self._start_ceiling()
        (self.data_dir / "pids.json").write_text(json.dumps(self.service_pids()), encoding="utf-8")

    def _set_env(self, values: dict[str, str]) -> None:
        for key, value in values.items():
            self._saved_env.setdefault(key, os.environ.get(key))
            os.environ[key] = value

    def _start_ceiling(self) -> None:
        self.ceiling_port = free_port()
        log = (self.data_dir / "logs" / "ceiling.log").open("ab")
        self._ceiling = subprocess.Popen(  # noqa: S603 - our interpreter, our module
            [sys.executable, "-m", "inspraak.bench.ceiling", str(self.ceiling_port), self.database_url],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{self.ceiling_port}/readyz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("the ceiling app did not start; see logs/ceiling.log")

    @property
    def database_url(self) -> str:
        """The platform's database."""
        return str(self.urls["database"])

    def port(self, service: str) -> int:
        """The port a service listens on."""
        return int(str(self.urls[service]).split(":")[2].split("/")[0])

    def service_pids(self) -> dict[str, int]:
        """Process ids of the platform's services (and of embedded PostgreSQL / NATS)."""
        assert self.platform is not None
        pids = {name: p.pid for name, p in self.platform.processes.items()}
        if self.platform.nats is not None and self.platform.nats._process is not None:
            pids["nats-server"] = self.platform.nats._process.pid
        if self.platform.postgres is not None and self.platform.postgres._server is not None:
            info = self.platform.postgres._server.get_postmaster_info()
            pids["postgres"] = int(info.pid)
        return pids

    async def sql(self, schema: str) -> asyncpg.Connection:
        """A raw connection to the platform's database in ``schema``."""
        connection = await asyncpg.connect(asyncpg_dsn(self.database_url))
        await connection.execute(f"SET search_path TO {schema}")
        return connection

    def stop(self) -> None:
        """Stop everything and remove what the bench created on external servers."""
        if self._ceiling is not None:
            self._ceiling.terminate()
            self._ceiling.wait(10)
        if self.platform is not None:
            self.platform.stop()
        if self._issuer_server is not None:
            self._issuer_server.shutdown()
        if os.environ.get("INSPRAAK_NATS_URL"):
            _run(_delete_streams(os.environ["INSPRAAK_NATS_URL"], self.namespace))
        if self._database is not None:
            _run(_drop_database(*self._database))
        for key, value in self._saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _run(coroutine: Any) -> Any:
    import asyncio

    return asyncio.run(coroutine)


async def _create_database(server_url: str, name: str) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(server_url))
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


async def _drop_database(server_url: str, name: str) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(server_url))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


async def _delete_streams(nats_url: str, namespace: str) -> None:
    nc = await nats.connect(nats_url, connect_timeout=2, max_reconnect_attempts=1)
    try:
        js = nc.jetstream()
        prefix = namespace.upper() + "_"
        for info in await js.streams_info():
            if info.config.name and info.config.name.startswith(prefix):
                await js.delete_stream(info.config.name)
    finally:
        await nc.close()
