"""`inspraak up` on a machine without external PostgreSQL/NATS: the whole platform, end to end."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.e2e

INSPRAAK = str(Path(sys.executable).parent / "inspraak")


def start(data_dir: Path) -> tuple[subprocess.Popen[bytes], dict]:
    """Run `inspraak up` with no INSPRAAK_* variables (embedded servers); wait for urls.json."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INSPRAAK_")}
    urls_file = data_dir / "urls.json"
    urls_file.unlink(missing_ok=True)
    process = subprocess.Popen(
        [INSPRAAK, "up", "--data-dir", str(data_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 180
    while not urls_file.exists():
        if process.poll() is not None:
            raise AssertionError(f"inspraak up exited early:\n{process.stdout.read().decode()}")
        assert time.monotonic() < deadline, "platform not up within 180 s"
        time.sleep(0.3)
    return process, json.loads(urls_file.read_text())


def stop(process: subprocess.Popen[bytes]) -> str:
    """SIGTERM, as a service manager would; return the output."""
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=60)
    return output.decode()


def graphql(urls: dict, query: str, token: str | None = None, lang: str = "fr") -> dict:
    headers = {"Accept-Language": lang}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    response = httpx.post(urls["gateway"], json={"query": query}, headers=headers, timeout=30)
    response.raise_for_status()
    return response.json()


def refuses_connections(url: str) -> bool:
    try:
        httpx.get(url + "/healthz", timeout=1)
    except httpx.TransportError:
        return True
    return False


def test_inspraak_up_serves_the_16_landlords_keeps_its_data_and_stops_cleanly(tmp_path: Path) -> None:
    data_dir = tmp_path / "platform"
    process, urls = start(data_dir)
    try:
        assert {"gateway", "identity", "demo"} <= urls.keys()
        body = graphql(urls, "{ landlords { name } }")
        names = [landlord["name"] for landlord in body["data"]["landlords"]]
        assert len(names) == 16, body
        assert "Foyer Anderlechtois" in names

        demo = urls["demo"]
        token = httpx.post(
            urls["identity"] + "/oauth/token",
            data={
                "grant_type": "password",
                "username": demo["landlord_staff"]["username"],
                "password": demo["landlord_staff"]["password"],
                "client_id": demo["portal_client_id"],
            },
            timeout=30,
        ).json()["access_token"]
        me = graphql(urls, "{ me { kind memberships { role } } }", token)
        assert me["data"]["me"]["kind"] == "PERSON"
        assert "landlord_staff" in [m["role"] for m in me["data"]["me"]["memberships"]]
    finally:
        output = stop(process)
    assert process.returncode == 0, output
    assert refuses_connections(urls["identity"]) and refuses_connections(urls["gateway"].rsplit("/", 1)[0])
    assert not (data_dir / "postgres" / "postmaster.pid").exists(), "PostgreSQL stopped"

    process, urls = start(data_dir)
    try:
        again = graphql(urls, "{ landlords { name } }")
        assert len(again["data"]["landlords"]) == 16, "data kept, demo loaded once"
        assert urls["demo"] == demo
    finally:
        output = stop(process)
    assert process.returncode == 0, output
