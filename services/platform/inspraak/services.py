"""The processes that make up the platform, in start order."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceSpec:
    """How to run one service: its module (``python -m <module>``) and what it needs."""

    name: str
    migrates: bool = True
    seeds_demo: bool = False
    url_path: str = ""

    @property
    def installed(self) -> bool:
        """True when ``python -m <name>`` can run here."""
        try:
            return importlib.util.find_spec(f"{self.name}.__main__") is not None
        except ModuleNotFoundError:  # the package itself is not installed (e.g. no portal yet)
            return False


ALL_SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec("identity", seeds_demo=True),
    ServiceSpec("councils"),
    ServiceSpec("surveys"),
    ServiceSpec("spaces"),
    ServiceSpec("partners"),
    ServiceSpec("gateway", migrates=False, url_path="/graphql"),
    ServiceSpec("portal", migrates=False, url_path="/"),
)
SERVICES: tuple[ServiceSpec, ...] = tuple(spec for spec in ALL_SERVICES if spec.installed)
