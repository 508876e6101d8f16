"""The whole platform for browser tests: ``inspraak up`` with embedded PostgreSQL and NATS, and
what the demo landlord's staff prepares through the gateway (a council, consultations) plus
fresh activation codes for the demo household."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

PORTAL_SOURCES = Path(__file__).resolve().parents[2]
INSPRAAK = str(Path(sys.executable).parent / "inspraak")
READY_TIMEOUT = 300  # seconds per service (``inspraak up`` waits 60 by default)
UP_TIMEOUT = 900  # seconds for the whole start: migrations, demo data, then every service ready


def start_platform(data_dir: Path) -> tuple[subprocess.Popen[bytes], dict[str, Any]]:
    """Run ``inspraak up`` (portal importable even before it is a workspace member)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INSPRAAK_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PORTAL_SOURCES), env.get("PYTHONPATH")]))
    env["INSPRAAK_PARTNERS_ALLOW_LOOPBACK"] = "true"  # the partner test's webhook receiver is on loopback
    # Each service gets this long to answer /readyz: on a loaded machine imports alone take a minute.
    env["INSPRAAK_READY_TIMEOUT"] = str(READY_TIMEOUT)
    urls_file = data_dir / "urls.json"
    process = subprocess.Popen(
        [INSPRAAK, "up", "--data-dir", str(data_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + UP_TIMEOUT
    while not urls_file.exists():
        if process.poll() is not None:
            output = process.stdout.read().decode()  # type: ignore[union-attr]
            raise RuntimeError(f"inspraak up exited early:\n{output}{_log_tails(data_dir / 'logs')}")
        if time.monotonic() > deadline:
            stop_platform(process)
            raise RuntimeError(f"platform not up within {UP_TIMEOUT} s{_log_tails(data_dir / 'logs')}")
        time.sleep(0.3)
    return process, json.loads(urls_file.read_text())


def _log_tails(logs: Path, lines: int = 15) -> str:
    """The last lines of every service log, so a startup failure explains itself."""
    tails = [
        f"\n--- {log.name} ---\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
        for log in sorted(logs.glob("*.log"))
    ]
    return "".join(tails)


def stop_platform(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, as a service manager would."""
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=60)


def text(value: str) -> dict[str, str]:
    """The same text in NL, FR and EN, marked per language."""
    return {"nl": f"{value} (NL)", "fr": value, "en": f"{value} (EN)"}


GARDEN_QUESTIONS = [
    {"key": "garden", "kind": "YES_NO", "text": text("Utilisez-vous le jardin ?"), "required": True},
    {
        "key": "garden_score",
        "kind": "SCALE",
        "text": text("Comment trouvez-vous le jardin ?"),
        "showIf": {"question": "garden", "anyOf": ["yes"]},
    },
    {
        "key": "wishes",
        "kind": "MULTIPLE_CHOICE",
        "text": text("Que voulez-vous dans la cour ?"),
        "options": [
            {"key": "bench", "label": text("Des bancs")},
            {"key": "light", "label": text("De la lumière")},
        ],
        "maxChoices": 2,
    },
    {"key": "comment", "kind": "FREE_TEXT", "text": text("Autre chose à dire ?")},
]


class DemoLandlord:
    """The demo landlord, driven through the gateway by its staff (as the staff pages would)."""

    def __init__(self, urls: dict[str, Any]) -> None:
        self.urls = urls
        staff = urls["demo"]["landlord_staff"]
        self.staff = self.token({"grant_type": "password", **staff})
        self.landlord_id = self.gql("{ me { memberships { landlord { id } } } }")["me"]["memberships"][0][
            "landlord"
        ]["id"]
        tenant = self.token({"grant_type": ACTIVATION, "code": urls["demo"]["tenant"]["activation_code"]})
        self.household_id = _claims(tenant)["household"]

    def token(self, form: dict[str, str]) -> str:
        """An access token from identity's token endpoint."""
        response = httpx.post(
            self.urls["identity"] + "/oauth/token", data={**form, "client_id": "inspraak-portal"}, timeout=30
        )
        response.raise_for_status()
        return str(response.json()["access_token"])

    def gql(self, query: str, token: str | None = None, **variables: Any) -> dict[str, Any]:
        """Run ``query`` as the landlord's staff (or as the holder of ``token``); fail on errors."""
        response = httpx.post(
            self.urls["gateway"],
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {token or self.staff}"},
            timeout=30,
        )
        body = response.json()
        assert not body.get("errors"), body
        return dict(body["data"])

    def register_partner(self, client_id: str) -> None:
        """Put the demo partner on the social map with its client; registering it again (a
        platform reused, the screenshots after the tests) is refused with CONFLICT, which is fine."""
        partner = {
            "name": text("Maison de quartier Exemple"),
            "type": "cohesion_project",  # a PCS / BCP: projet de cohésion sociale
            "languages": ["fr", "nl"],
            "landlordIds": [self.landlord_id],
            "clientIds": [client_id],
        }
        response = httpx.post(
            self.urls["gateway"],
            json={
                "query": "mutation($i: RegisterPartnerInput!) { registerPartner(input: $i) { id } }",
                "variables": {"i": partner},
            },
            headers={"Authorization": f"Bearer {self.staff}"},
            timeout=30,
        )
        errors = response.json().get("errors") or []
        assert all(e.get("extensions", {}).get("code") == "CONFLICT" for e in errors), errors

    def activation_code(self) -> str:
        """A fresh code for the demo household (each code signs in once)."""
        response = httpx.post(
            f"{self.urls['identity']}/households/{self.household_id}/activation-codes",
            json={},
            headers={"Authorization": f"Bearer {self.staff}"},
            timeout=30,
        )
        response.raise_for_status()
        return str(response.json()["code"])

    def tenant_token(self) -> str:
        """A token of the demo household (signed in with a fresh code)."""
        return self.token({"grant_type": ACTIVATION, "code": self.activation_code()})

    def open_consultation(self, title: str) -> str:
        """Publish a consultation with a skip (``garden`` = no hides ``garden_score``) and invite
        its audience; its id."""
        now = datetime.now(UTC)
        draft = {
            "landlordId": self.landlord_id,
            "title": text(f"{title} {uuid.uuid4().hex[:6]}"),
            "description": text("Quelques questions sur la cour et le jardin."),
            "ownerId": "staff",
            "opensAt": (now - timedelta(minutes=1)).isoformat(),
            "closesAt": (now + timedelta(days=14)).isoformat(),
            "followUpDue": (now + timedelta(days=45)).date().isoformat(),
            "questions": GARDEN_QUESTIONS,
        }
        created = self.gql(
            "mutation($i: ConsultationInput!) { createConsultation(input: $i) { id } }", i=draft
        )
        consultation_id = str(created["createConsultation"]["id"])
        ref = {"id": consultation_id}
        self.gql("mutation($i: ConsultationRefInput!) { publishConsultation(input: $i) { id } }", i=ref)
        self.gql("mutation($i: ConsultationRefInput!) { issueInvitations(input: $i) { issued } }", i=ref)
        return consultation_id

    def ensure_council(self) -> str:
        """The landlord's council (created once)."""
        councils = self.gql("query($l: ID!) { councils(landlordId: $l) { id } }", l=self.landlord_id)[
            "councils"
        ]
        if councils:
            return str(councils[0]["id"])
        created = self.gql(
            "mutation($i: CreateCouncilInput!) { createCouncil(input: $i) { id } }",
            i={"landlordId": self.landlord_id, "name": text("CoCoLo du Foyer"), "seats": 7},
        )
        return str(created["createCouncil"]["id"])


ACTIVATION = "urn:inspraak:params:oauth:grant-type:activation-code"


def _claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))
