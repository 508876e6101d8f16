"""Webhook URLs that resolve to internal addresses are refused when loopback is not allow-listed."""

from __future__ import annotations

import httpx
import pytest

from partners.settings import PartnerSettings
from partners.testing import World


@pytest.fixture
def partner_settings() -> PartnerSettings:
    """Production-like: no loopback allow-list, https required."""
    return PartnerSettings(allow_loopback=False, require_https=True)


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://10.1.2.3/hook",
        "https://192.168.1.10/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
    ],
)
async def test_subscribing_an_internal_address_is_refused(
    client: httpx.AsyncClient, world: World, url: str
) -> None:
    response = await client.post(
        "/subscriptions",
        json={"channel": "webhook", "url": url},
        headers={**world.partner(), "Accept-Language": "fr"},
    )
    assert response.status_code == 422, response.text
    body = response.json()
    assert (body["code"], body["field"], body["message_key"]) == (
        "VALIDATION",
        "url",
        "partners.url_internal",
    )
    assert "adresse interne" in body["detail"]
    assert (await client.get("/subscriptions", headers=world.partner())).json() == []


async def test_plain_http_is_refused_in_production(client: httpx.AsyncClient, world: World) -> None:
    body = {"channel": "webhook", "url": "http://partner.example.org/hook"}
    response = await client.post("/subscriptions", json=body, headers=world.partner())
    assert (response.status_code, response.json()["message_key"]) == (422, "partners.url_https")
