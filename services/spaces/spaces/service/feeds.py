"""iCalendar feeds per space and per organisation, behind unguessable tokens.

Anyone holding a feed URL may read it (calendar apps cannot sign in), so the URL is only
given to those who may see the calendar: the landlord's staff and those who may book the
room; an organisation's feed to staff and to people who booked for it.
"""

from __future__ import annotations

import uuid

from contracts.common import Organisation
from kernel.auth import Principal
from kernel.errors import Forbidden, NotFound
from spaces.adapters import ical
from spaces.domain.spaces import new_feed_token
from spaces.service.bookings import space_of
from spaces.service.permissions import booker_of, require_may_book
from spaces.service.unit_of_work import UnitOfWork


async def space_feed_token(uow: UnitOfWork, actor: Principal, space_id: uuid.UUID) -> str:
    """The token of a space's feed, for those who may book it."""
    space = await space_of(uow, space_id)
    require_may_book(actor, space)
    return space.feed_token


async def organisation_feed_token(uow: UnitOfWork, actor: Principal, organisation: Organisation) -> str:
    """The token of an organisation's feed, for staff and those who booked for it."""
    if not (actor.is_regional_admin or actor.landlords("landlord_staff")):
        booked = await uow.feeds.bookings(organisation=organisation)
        if not any(b.booker == booker_of(actor) for b in booked):
            raise Forbidden("only staff and the organisation's bookers")
    return await uow.feeds.organisation_token(organisation, new_feed_token())


async def calendar(uow: UnitOfWork, token: str) -> bytes:
    """The feed behind ``token`` (NOT_FOUND for an unknown token)."""
    space = await uow.spaces.by_feed_token(token)
    if space is not None:
        bookings = await uow.feeds.bookings(space_id=space.id)
        name = space.name.text("nl") + " / " + space.name.text("fr")
    else:
        organisation = await uow.feeds.organisation_of(token)
        if organisation is None:
            raise NotFound("feed", message_key="spaces.feed_not_found")
        bookings = await uow.feeds.bookings(organisation=organisation)
        name = f"{organisation.kind} {organisation.id}"
    series = await uow.feeds.series({b.series_id for b in bookings if b.series_id})
    return ical.calendar(name, bookings, series)
