"""Who sees a landlord's room indicators, and who may book on behalf of which organisation."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from spaces.testing import at, booking_body, monday, organisation


async def test_indicators_are_for_staff_of_the_landlord_and_regional_admins_only(
    client, landlord, other_landlord, create_space, test_issuer
) -> None:
    space = await create_space(auto_confirm=True)
    day = monday()
    booked = await client.post(
        "/bookings",
        json=booking_body(space["id"], organisation(), at(day, "10:00"), at(day, "17:00")),
        headers=landlord.headers(landlord.worker),
    )
    assert booked.status_code == 201
    params = {"landlord_id": landlord.id, "from": day.isoformat(), "to": day.isoformat()}
    admin = test_issuer.token(grants=(("regional_admin", None),))

    async def indicators(token: str, **extra: str) -> Any:
        return await client.get("/indicators", params={**params, **extra}, headers=landlord.headers(token))

    as_staff, as_admin = await indicators(landlord.staff), await indicators(admin)
    assert as_staff.status_code == as_admin.status_code == 200
    assert as_staff.json()["total"] == {"open_hours": 14.0, "booked_hours": 7.0, "occupancy_rate": 0.5}
    assert as_staff.json()["sites"] == [{"site_id": landlord.site_id, **as_staff.json()["total"]}]
    assert as_admin.json() == as_staff.json()
    for stranger in (other_landlord.staff, landlord.worker):
        refused = await indicators(stranger)
        assert (refused.status_code, refused.json()["code"]) == (403, "FORBIDDEN")
    backwards = await indicators(landlord.staff, to=(day - timedelta(days=1)).isoformat())
    assert (backwards.status_code, backwards.json()["field"]) == (422, "to")


async def test_a_council_is_booked_by_its_members_or_staff_and_a_partner_by_partner_clients_only(
    client, landlord, other_landlord, create_space, test_issuer
) -> None:
    space = await create_space(
        auto_confirm=True, booker_roles=["community_worker", "council_member", "partner"]
    )
    day = monday()
    member = test_issuer.person("council_member", landlord.id)
    other_member = test_issuer.person("council_member", other_landlord.id)
    partner = test_issuer.token(kind="client", grants=(("partner", None),), client_id=str(uuid.uuid4()))
    slots = iter(range(8, 22))

    async def book(token: str, kind: str, org_id: str | None = None) -> tuple[int, Any]:
        hour = next(slots)
        org = {"kind": kind, "id": org_id or str(uuid.uuid4())}
        body = booking_body(space["id"], org, at(day, f"{hour:02}:00"), at(day, f"{hour:02}:30"))
        response = await client.post("/bookings", json=body, headers=landlord.headers(token))
        return response.status_code, response.json().get("field")

    assert await book(landlord.worker, "council") == (403, "organisation")
    assert await book(other_member, "council") == (403, None)
    assert await book(member, "council") == (201, None)
    assert await book(landlord.staff, "council") == (201, None)
    assert await book(landlord.worker, "partner") == (403, "organisation")
    assert await book(landlord.staff, "partner") == (403, "organisation")
    assert await book(partner, "partner") == (201, None)
    assert await book(landlord.worker, "landlord", landlord.id) == (403, "organisation")
    assert await book(landlord.staff, "landlord", other_landlord.id) == (403, "organisation")
    assert await book(landlord.staff, "landlord", landlord.id) == (201, None)
    assert await book(landlord.worker, "tenant_group") == (201, None)
