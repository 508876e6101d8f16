"""People with an account (staff, council members, workers) sign in with a username and password."""

from __future__ import annotations

from html import unescape

import httpx

from .conftest import LANDLORD_ID, FakeGateway


async def test_staff_sign_in_with_a_password_and_see_their_role_and_landlord(
    browser: httpx.AsyncClient, gateway: FakeGateway
) -> None:
    gateway.me = {
        "kind": "PERSON",
        "person": {"displayName": "Sam Exemple"},
        "household": None,
        "memberships": [{"role": "landlord_staff", "landlord": {"id": LANDLORD_ID}}],
    }
    response = await browser.post("/login/account", data={"username": " staff.demo ", "password": "pw"})
    assert response.status_code == 303
    assert gateway.last("token")["form"] == {
        "grant_type": "password",
        "username": "staff.demo",
        "password": "pw",
        "client_id": "inspraak-portal",
    }
    home = await browser.get("/")
    assert "Bonjour Sam Exemple." in home.text and "personnel de la SISP" in home.text
    assert gateway.last("Home")["variables"] == {"landlordId": LANDLORD_ID}


async def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(
    browser: httpx.AsyncClient, gateway: FakeGateway
) -> None:
    gateway.token_answer = (400, {"error": "invalid_grant"})
    page = await browser.post("/login/account", data={"username": "staff.demo", "password": "wrong"})
    assert page.status_code == 400
    assert "Le nom d'utilisateur ou le mot de passe n'est pas correct." in unescape(page.text)
    assert 'value="staff.demo"' in page.text and "wrong" not in page.text


async def test_signing_out_forgets_the_session(browser: httpx.AsyncClient) -> None:
    await browser.post("/login/code", data={"code": "ABCD-EFGH-JKMN"})
    response = await browser.post("/logout")
    assert response.status_code == 303
    assert (
        'inspraak_session=""' in response.headers["set-cookie"]
        or "max-age=0" in response.headers["set-cookie"].lower()
    )
    assert "J'ai une lettre avec un code" in unescape((await browser.get("/")).text)
