"""Per-request DataLoaders: one service call per level of a query, not one per parent."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from strawberry.dataloader import DataLoader

from gateway.clients.identity import BuildingPublic, IdentityClient, LandlordPublic, SitePublic

# Ids travel in the query string: 200 UUIDs keep the request line under ~10 KB, well inside
# the 16 KB that uvicorn/h11 accept. Larger levels cost one call per 200 keys.
MAX_BATCH = 200

Item = TypeVar("Item")


def group_by(items: Iterable[Item], key: Callable[[Item], str], keys: list[str]) -> list[list[Item]]:
    """``items`` grouped per key, in the order of ``keys`` (empty lists for keys with none)."""
    groups: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return [groups.get(k, []) for k in keys]


@dataclass(frozen=True)
class Loaders:
    """The loaders of one request (their caches live as long as the request)."""

    landlord: DataLoader[str, LandlordPublic | None]
    sites_by_landlord: DataLoader[str, list[SitePublic]]
    buildings_by_site: DataLoader[str, list[BuildingPublic]]


def build_loaders(identity: IdentityClient) -> Loaders:
    """Loaders batching into one identity call each: by id, sites by landlord, buildings by site."""

    async def landlords(ids: list[str]) -> list[LandlordPublic | None]:
        found = {landlord.id: landlord for landlord in await identity.landlords(ids)}
        return [found.get(landlord_id) for landlord_id in ids]

    async def sites(landlord_ids: list[str]) -> list[list[SitePublic]]:
        found = await identity.sites(landlord_ids)
        return group_by(found, lambda site: site.landlord_id, landlord_ids)

    async def buildings(site_ids: list[str]) -> list[list[BuildingPublic]]:
        found = await identity.buildings(site_ids)
        return group_by(found, lambda building: building.site_id, site_ids)

    return Loaders(
        landlord=DataLoader(landlords, max_batch_size=MAX_BATCH),
        sites_by_landlord=DataLoader(sites, max_batch_size=MAX_BATCH),
        buildings_by_site=DataLoader(buildings, max_batch_size=MAX_BATCH),
    )
