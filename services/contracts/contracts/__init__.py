"""Integration events of Inspraak: the only API the services share (besides the kernel).

Each event is a versioned, frozen pydantic model whose ``event_type`` is its subject. Events
carry pseudonymous ids only: never names, addresses, contact data or survey answers.
"""

from contracts.catalogue import CATALOGUE, event_class
from contracts.identity import (
    HouseholdMoved,
    HouseholdRegistered,
    LandlordRegistered,
    MembershipGranted,
    MembershipRevoked,
)

__all__ = [
    "CATALOGUE",
    "HouseholdMoved",
    "HouseholdRegistered",
    "LandlordRegistered",
    "MembershipGranted",
    "MembershipRevoked",
    "event_class",
]
