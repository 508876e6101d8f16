"""How people take part: online, or assisted by a worker (paper, phone, home visit, office).

Participation is a ledger apart from the answers: which invitation was used, on which site,
through which channel, on which day. It never says what was answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from surveys.domain.results import percentage


class Channel(StrEnum):
    """Through which channel an answer set came in."""

    ONLINE = "online"
    PAPER = "paper"
    PHONE = "phone"
    HOME_VISIT = "home_visit"
    OFFICE = "office"


ASSISTED_CHANNELS = (Channel.PAPER, Channel.PHONE, Channel.HOME_VISIT, Channel.OFFICE)


@dataclass(frozen=True)
class Turnout:
    """Invited and responded households of a place (a site, a building, or everyone)."""

    key: str
    invited: int
    responded: int

    @property
    def rate(self) -> float:
        """The share of invited households that answered (%)."""
        return percentage(self.responded, self.invited)
