"""The load generator every scenario and its ceiling share: raw HTTP/1.1 over asyncio streams.

httpx costs more CPU per request than a small server spends answering it, so with it the
ceilings would measure the client. This client keeps one connection per virtual user, writes
prepared bytes and parses only the status line, ``content-length`` and the body.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

Request = tuple[str, bytes, dict[str, str]]
"""(path, JSON body, extra headers) of one POST."""
Check = Callable[[int, bytes], bool]
"""Whether an answer (status, body) counts as a success."""


def ok_2xx(status: int, body: bytes) -> bool:
    """Any 2xx answer is a success."""
    return 200 <= status < 300


class Connection:
    """One keep-alive HTTP/1.1 connection to ``host:port``."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        """POST ``body`` (JSON) and return (status, body); reconnects once if the server closed."""
        if self._writer is None or self._writer.is_closing():
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        assert self._reader is not None and self._writer is not None
        extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        head = (
            f"POST {path} HTTP/1.1\r\nhost: {self.host}:{self.port}\r\ncontent-type: application/json\r\n"
            f"content-length: {len(body)}\r\n{extra}\r\n"
        )
        self._writer.write(head.encode() + body)
        return await self._answer(self._reader)

    async def _answer(self, reader: asyncio.StreamReader) -> tuple[int, bytes]:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        if "content-length" in headers:
            return status, await reader.readexactly(int(headers["content-length"]))
        chunks = []
        while size := int((await reader.readline()).strip() or b"0", 16):
            chunks.append(await reader.readexactly(size))
            await reader.readline()
        await reader.readline()
        return status, b"".join(chunks)

    def close(self) -> None:
        """Close the connection."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None


@dataclass
class Measured:
    """What a load run saw: successes, failures, latencies (s) of successes, the window (s)."""

    seconds: float
    ok: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)
    samples: list[bytes] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Successful requests per second."""
        return self.ok / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """The ``p``-th percentile latency in milliseconds (0 without samples)."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] * 1000

    def record(self, status: int, body: bytes, started: float, check: Check) -> None:
        """Count one answer."""
        if check(status, body):
            self.ok += 1
            self.latencies.append(time.perf_counter() - started)
        else:
            self.errors += 1
            if len(self.samples) < 3:
                self.samples.append(body[:300])


async def closed_loop(
    host: str, port: int, make: Callable[[int], Request], users: int, seconds: float, check: Check = ok_2xx
) -> Measured:
    """``users`` clients each sending the next request as soon as the last one was answered."""
    counter = iter(range(10**9))
    measured = Measured(seconds)
    deadline = time.perf_counter() + seconds

    async def user() -> None:
        connection = Connection(host, port)
        try:
            while time.perf_counter() < deadline:
                path, body, headers = make(next(counter))
                started = time.perf_counter()
                try:
                    status, answer = await connection.post(path, body, headers)
                except (OSError, asyncio.IncompleteReadError) as exc:
                    connection.close()
                    status, answer = 0, repr(exc).encode()
                measured.record(status, answer, started, check)
        finally:
            connection.close()

    await asyncio.gather(*(user() for _ in range(users)))
    return measured


async def open_loop(
    host: str, port: int, make: Callable[[int], Request], rate: float, seconds: float, check: Check = ok_2xx
) -> Measured:
    """Requests sent at ``rate``/s on schedule; latency counts from the scheduled time, so a
    backlog shows up in it (no coordinated omission). 256 connections at most."""
    total = max(1, int(rate * seconds))
    slots = iter(range(total))
    measured = Measured(seconds)
    begin = time.perf_counter() + 0.05

    async def sender() -> None:
        connection = Connection(host, port)
        try:
            for index in slots:
                scheduled = begin + index / rate
                await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
                path, body, headers = make(index)
                try:
                    status, answer = await connection.post(path, body, headers)
                except (OSError, asyncio.IncompleteReadError) as exc:
                    connection.close()
                    status, answer = 0, repr(exc).encode()
                measured.record(status, answer, scheduled, check)
        finally:
            connection.close()

    await asyncio.gather(*(sender() for _ in range(min(256, max(8, int(rate * 0.2))))))
    measured.seconds = max(seconds, time.perf_counter() - begin)
    return measured


async def burst(
    host: str, port: int, requests: list[Request], check: Check = ok_2xx
) -> tuple[Measured, list[tuple[int, bytes]]]:
    """Every request at once, each on its own connection; the answers in request order."""
    measured = Measured(0.0)
    answers: list[tuple[int, bytes]] = [(0, b"")] * len(requests)
    connections = [Connection(host, port) for _ in requests]
    for connection in connections:  # connect first, so that the requests really race
        connection._reader, connection._writer = await asyncio.open_connection(host, port)
    gate = asyncio.Event()

    async def one(index: int) -> None:
        await gate.wait()
        path, body, headers = requests[index]
        started = time.perf_counter()
        try:
            answers[index] = await connections[index].post(path, body, headers)
        except (OSError, asyncio.IncompleteReadError) as exc:
            answers[index] = (0, repr(exc).encode())
        measured.record(*answers[index], started, check)

    tasks = [asyncio.create_task(one(i)) for i in range(len(requests))]
    began = time.perf_counter()
    gate.set()
    await asyncio.gather(*tasks)
    measured.seconds = time.perf_counter() - began
    for connection in connections:
        connection.close()
    return measured, answers
