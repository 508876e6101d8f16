"""The processes that make up the platform, in start order."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceSpec:
    """How to run one service: its module (``python -m <module>``) and what it needs."""

    name: str
    migrates: bool = True
    seeds_demo: bool = False
    url_path: str = ""


SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec("identity", seeds_demo=True),
    ServiceSpec("gateway", migrates=False, url_path="/graphql"),
)
