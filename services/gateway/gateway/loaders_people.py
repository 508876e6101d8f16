"""Per-request DataLoader of people's display names: one identity call per query level,
however many mandates (or other person ids) ask for a name."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from gateway.context import Info
from gateway.loaders import MAX_BATCH


def person_names(info: Info) -> DataLoader[str, str | None]:
    """Display names by person id (None for an unknown person), batched per request."""
    identity = info.context.identity

    async def names(ids: list[str]) -> list[str | None]:
        found = {person.id: person.display_name for person in await identity.people(ids)}
        return [found.get(person_id) for person_id in ids]

    return info.context.loader("identity.person_names", lambda: DataLoader(names, max_batch_size=MAX_BATCH))
