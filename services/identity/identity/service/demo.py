"""``seed-demo``: load the demo once, through the same handlers as the API (events included).

The plain demo credentials (random passwords, a client secret, one activation code) are kept
in the ``demo_credentials`` table so that a second run can print them again: the activation
code cannot be recovered from its hash. Demo data only; nothing else is stored in plain text.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from sqlalchemy import text

from identity.domain.clients import PORTAL_CLIENT_ID
from identity.domain.commands import (
    GrantMembership,
    IssueActivationCode,
    RegisterBuilding,
    RegisterHousehold,
    RegisterLandlord,
    RegisterPartnerClient,
    RegisterPerson,
    RegisterSite,
)
from identity.domain.households import Household
from identity.domain.places import Landlord
from identity.service import clients, directory, households, people
from identity.service.demo_data import (
    ACCOUNTS,
    BUILDINGS_PER_SITE,
    DEMO_LANDLORD,
    HOUSEHOLD_LANGUAGES,
    HOUSEHOLDS_PER_BUILDING,
    LANDLORDS,
    PARTNER,
    SITE_NAMES,
    DemoAccount,
    DemoLandlord,
)
from identity.service.permissions import SYSTEM
from identity.service.unit_of_work import UnitOfWork, unit_of_work
from kernel.db import SessionFactory
from kernel.localisation import LocalizedText


async def seed_demo(sessions: SessionFactory) -> dict[str, Any]:
    """Load the demo unless landlords exist; return the demo credentials either way."""
    async with unit_of_work(sessions) as uow:
        await uow.session.exec(text("SELECT pg_advisory_xact_lock(hashtext('identity.seed_demo'))"))  # type: ignore[call-overload]
        if await uow.landlords.list():
            return await uow.demo.get() or {}
        credentials = await load(uow)
        await uow.demo.put(credentials)
    return credentials


async def load(uow: UnitOfWork) -> dict[str, Any]:
    """Every landlord with its places and households, then the demo accounts."""
    homes: dict[str, list[Household]] = {}
    landlord_ids: dict[str, uuid.UUID] = {}
    for index, demo in enumerate(LANDLORDS):
        landlord = await register_landlord(uow, demo)
        landlord_ids[demo.code] = landlord.id
        homes[demo.code] = await register_places(uow, landlord, demo, index)
    scope = landlord_ids[DEMO_LANDLORD]
    first_home = homes[DEMO_LANDLORD][0]
    credentials: dict[str, Any] = {"tenant": {"activation_code": await activation_code(uow, first_home)}}
    for account in ACCOUNTS:
        credentials[account.key] = await register_account(uow, account, scope, first_home)
    client, secret = await clients.register_partner_client(
        uow, SYSTEM, RegisterPartnerClient(PARTNER[1], PARTNER[2], PARTNER[0])
    )
    credentials["partner_client"] = {"client_id": client.client_id, "client_secret": secret}
    credentials["portal_client_id"] = PORTAL_CLIENT_ID
    return credentials


async def register_landlord(uow: UnitOfWork, demo: DemoLandlord) -> Landlord:
    """One of the 16 landlords."""
    name = LocalizedText(nl=demo.name_nl, fr=demo.name_fr, en=demo.name_fr)
    places = tuple(municipality for municipality, _ in demo.municipalities)
    command = RegisterLandlord(demo.code, name, places, demo.dwellings)
    return await directory.register_landlord(uow, SYSTEM, command)


async def register_places(
    uow: UnitOfWork, landlord: Landlord, demo: DemoLandlord, index: int
) -> list[Household]:
    """Two or three invented sites, two buildings each, a few households per building."""
    homes: list[Household] = []
    for number in range(2 + index % 2):
        nl, fr, en, street = SITE_NAMES[(index + number) % len(SITE_NAMES)]
        municipality, postcode = demo.municipalities[number % len(demo.municipalities)]
        site_command = RegisterSite(landlord.id, LocalizedText(nl=nl, fr=fr, en=en), municipality)
        site = await directory.register_site(uow, SYSTEM, site_command)
        for block in range(BUILDINGS_PER_SITE):
            letter = "AB"[block]
            address = f"{street} {10 + 20 * block + number}, {postcode} {municipality.split(' / ')[0]}"
            building_command = RegisterBuilding(site.id, f"Bloc {letter} / Blok {letter}", address)
            building = await directory.register_building(uow, SYSTEM, building_command)
            for flat in range(HOUSEHOLDS_PER_BUILDING):
                language = HOUSEHOLD_LANGUAGES[(index + block + flat) % len(HOUSEHOLD_LANGUAGES)]
                command = RegisterHousehold(building.id, language)
                homes.append(await households.register_household(uow, SYSTEM, command))
    return homes


async def activation_code(uow: UnitOfWork, home: Household) -> str:
    """A year-long activation code for the demo tenant's household."""
    _, plain = await households.issue_activation_code(uow, SYSTEM, IssueActivationCode(home.id, 365))
    return plain


async def register_account(
    uow: UnitOfWork, account: DemoAccount, landlord_id: uuid.UUID, home: Household
) -> dict[str, str]:
    """An invented person with a random password and one role (region-wide for the admin)."""
    password = secrets.token_urlsafe(12)
    household_id = home.id if account.in_household else None
    command = RegisterPerson(account.display_name, account.language, household_id, account.username, password)
    person = await people.register_person(uow, SYSTEM, command)
    scope = None if account.role == "regional_admin" else landlord_id
    await people.grant_membership(uow, SYSTEM, GrantMembership(person.id, account.role, scope))
    return {"username": account.username, "password": password}
