"""The spaces client and the space loader of one request."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from gateway.clients.spaces import SpacePublic, SpacesClient
from gateway.context import Info
from gateway.loaders import MAX_BATCH


def spaces_client(info: Info) -> SpacesClient:
    """The spaces service's client, forwarding the caller's token, language and correlation id."""
    context = info.context
    return context.loader("spaces.client", lambda: context.client("spaces", SpacesClient))


def space_loader(info: Info) -> DataLoader[str, SpacePublic | None]:
    """Spaces by id, batched into one call per level of a query."""
    client = spaces_client(info)

    async def load(ids: list[str]) -> list[SpacePublic | None]:
        found = {space.id: space for space in await client.spaces(ids)}
        return [found.get(space_id) for space_id in ids]

    return info.context.loader("spaces.space", lambda: DataLoader(load, max_batch_size=MAX_BATCH))
