"""Starts the backing servers and every service as child processes; stops them all cleanly."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from inspraak.services import SERVICES, ServiceSpec
from kernel.db import asyncpg_dsn, with_database
from kernel.embedded import EmbeddedNats, EmbeddedPostgres, free_port

DATABASE_NAME = "inspraak"


class StartupFailed(RuntimeError):
    """A backing server or a service did not come up."""


@dataclass
class Platform:
    """The running platform: backing servers, child processes, URLs and demo logins."""

    data_dir: Path
    env: dict[str, str] = field(default_factory=dict)
    urls: dict[str, Any] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    postgres: EmbeddedPostgres | None = None
    nats: EmbeddedNats | None = None

    def start(self) -> dict[str, Any]:
        """Bring everything up; return what ``urls.json`` holds."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        (self.data_dir / "logs").mkdir(exist_ok=True)
        database_url = self._start_postgres()
        nats_url = self._start_nats()
        ports = {spec.name: free_port() for spec in SERVICES}
        identity = f"http://127.0.0.1:{ports['identity']}"
        self.env = {
            **os.environ,
            "INSPRAAK_DATABASE_URL": database_url,
            "INSPRAAK_NATS_URL": nats_url,
            "INSPRAAK_ISSUER": identity,
            **{
                f"INSPRAAK_{spec.name.upper()}_URL": f"http://127.0.0.1:{ports[spec.name]}"
                for spec in SERVICES
            },
        }
        for spec in SERVICES:
            if spec.migrates:
                self._run(spec, "migrate")
        demo = self._seed_demo()
        for spec in SERVICES:
            self._spawn(spec, ports[spec.name])
        for spec in SERVICES:
            self._wait_ready(spec, ports[spec.name])
        self.urls = {
            **{spec.name: f"http://127.0.0.1:{ports[spec.name]}{spec.url_path}" for spec in SERVICES},
            "database": database_url,
            "nats": nats_url,
            "logs": str(self.data_dir / "logs"),
            "demo": demo,
        }
        (self.data_dir / "urls.json").write_text(json.dumps(self.urls, indent=2), encoding="utf-8")
        return self.urls

    def _start_postgres(self) -> str:
        external = os.environ.get("INSPRAAK_DATABASE_URL")
        if external:
            return external
        self.postgres = EmbeddedPostgres(self.data_dir / "postgres")
        server_url = self.postgres.start()
        asyncio.run(_create_database(server_url, DATABASE_NAME))
        return with_database(server_url, DATABASE_NAME)

    def _start_nats(self) -> str:
        external = os.environ.get("INSPRAAK_NATS_URL")
        if external:
            return external
        self.nats = EmbeddedNats(self.data_dir / "nats")
        return self.nats.start()

    def _command(self, spec: ServiceSpec, *args: str) -> list[str]:
        return [sys.executable, "-m", spec.name, *args]

    def _run(self, spec: ServiceSpec, *args: str) -> str:
        result = subprocess.run(  # noqa: S603 - our own interpreter and modules
            self._command(spec, *args), env=self.env, capture_output=True, text=True, check=False
        )
        with (self.data_dir / "logs" / f"{spec.name}-{args[0]}.log").open("a", encoding="utf-8") as log:
            log.write(result.stderr)
        if result.returncode != 0:
            raise StartupFailed(f"`{spec.name} {' '.join(args)}` failed:\n{result.stderr[-2000:]}")
        return result.stdout

    def _seed_demo(self) -> dict[str, Any]:
        demo: dict[str, Any] = {}
        for spec in SERVICES:
            if spec.seeds_demo:
                demo.update(json.loads(self._run(spec, "seed-demo")))
        return demo

    def _spawn(self, spec: ServiceSpec, port: int) -> None:
        log = (self.data_dir / "logs" / f"{spec.name}.log").open("ab")
        self.processes[spec.name] = subprocess.Popen(  # noqa: S603
            self._command(spec, "serve", "--host", "127.0.0.1", "--port", str(port)),
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def _wait_ready(self, spec: ServiceSpec, port: int, timeout: float | None = None) -> None:
        # A loaded machine (CI, tests running side by side) can take minutes to import a service.
        timeout = timeout or float(os.environ.get("INSPRAAK_READY_TIMEOUT", "60"))
        deadline = time.monotonic() + timeout
        url = f"http://127.0.0.1:{port}/readyz"
        while time.monotonic() < deadline:
            process = self.processes[spec.name]
            if process.poll() is not None:
                raise StartupFailed(f"{spec.name} exited with {process.returncode}; see its log")
            try:
                if httpx.get(url, timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise StartupFailed(f"{spec.name} not ready after {timeout:.0f}s; see its log")

    def exited(self) -> str | None:
        """The name of a service that stopped on its own, if any."""
        return next((name for name, p in self.processes.items() if p.poll() is not None), None)

    def stop(self) -> None:
        """SIGTERM every service (in reverse order), wait, then stop NATS and PostgreSQL."""
        for name in reversed(list(self.processes)):
            process = self.processes[name]
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()
        if self.nats is not None:
            self.nats.stop()
        if self.postgres is not None:
            self.postgres.stop()


async def _create_database(server_url: str, name: str) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(server_url))
    try:
        exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
