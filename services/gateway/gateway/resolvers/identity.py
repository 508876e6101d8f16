"""Root fields served by the identity service: ``me``, ``landlords``, ``landlord(id)``."""

from __future__ import annotations

import strawberry

from gateway.context import Info
from gateway.fields import field, uuid_arg
from gateway.types.housing import Landlord
from gateway.types.me import Me
from kernel.errors import NotFound


@strawberry.type
class IdentityQuery:
    """Landlords and the caller."""

    @field(description="The caller; null when anonymous.")
    async def me(self, info: Info) -> Me | None:
        if info.context.principal is None:
            return None
        return Me.from_record(await info.context.identity.me())

    @field(description="Every landlord (SISP/OVM) on the platform.")
    async def landlords(self, info: Info) -> list[Landlord]:
        records = await info.context.identity.landlords()
        info.context.loaders.landlord.prime_many({record.id: record for record in records})
        return [Landlord.from_record(record) for record in records]

    @field(description="One landlord; NOT_FOUND when there is none with this id.")
    async def landlord(self, info: Info, id: strawberry.ID) -> Landlord | None:
        record = await info.context.loaders.landlord.load(uuid_arg(id, "id"))
        if record is None:
            raise NotFound(f"landlord {id}")
        return Landlord.from_record(record)
