"""Handlers for partner organisations' OAuth clients."""

from __future__ import annotations

import asyncio
import secrets

from identity.adapters.passwords import hash_secret
from identity.domain.clients import PartnerClient, check_client_fields, new_client_id
from identity.domain.commands import RegisterPartnerClient
from identity.service.unit_of_work import UnitOfWork
from kernel.auth import Principal
from kernel.errors import Conflict


async def register_partner_client(
    uow: UnitOfWork, actor: Principal, command: RegisterPartnerClient
) -> tuple[PartnerClient, str]:
    """A regional admin registers a partner's system; its secret is shown only now."""
    actor.require("regional_admin")
    client_id = command.client_id or new_client_id(command.organisation)
    check_client_fields(client_id, command.name, command.organisation)
    if await uow.clients.get(client_id) is not None:
        raise Conflict("client id taken", field="client_id")
    secret = secrets.token_urlsafe(32)
    secret_hash = await asyncio.to_thread(hash_secret, secret)
    client = PartnerClient(client_id, secret_hash, command.name.strip(), command.organisation.strip())
    uow.clients.add(client)
    return client, secret
