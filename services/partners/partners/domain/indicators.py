"""What the partner indicators of a landlord over a period hold (pure, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PartnerIndicators:
    """Partner activity around one landlord over a period (counts only, no partner named).

    - active partnerships: valid and not revoked at some moment of the period;
    - activities announced on the landlord's agenda in the period;
    - webhook deliveries of the landlord's events to partners holding a partnership with it:
      delivered in the period, given up in the period (by their last attempt), and the
      attempts made in the period that failed (an endpoint's health, retried or not).
    """

    active_partnerships: int
    partners_with_partnership: int
    activities_announced: int
    deliveries_succeeded: int
    deliveries_failed: int
    failed_attempts: int
