"""Meetings: venue, quorum, attendance and the counting of votes."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from kernel.errors import Conflict, ValidationFailed

VenueStatus = Literal["given", "requested", "confirmed", "needed"]
VoteChoice = Literal["for", "against", "abstain"]
VOTE_CHOICES: tuple[VoteChoice, ...] = get_args(VoteChoice)


def required_quorum(sitting: int, configured: int | None = None) -> int:
    """How many members must be present: the configured number, else a majority of those sitting."""
    return configured if configured is not None else sitting // 2 + 1


def check_times(starts_at: datetime, ends_at: datetime, now: datetime) -> None:
    """A meeting lies ahead, ends after it starts, and both times carry a time zone."""
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValidationFailed("times need a time zone", field="starts_at")
    if starts_at <= now:
        raise ValidationFailed(
            "a meeting is scheduled ahead", field="starts_at", message_key="councils.meeting_in_past"
        )
    if ends_at <= starts_at:
        raise ValidationFailed("a meeting ends after it starts", field="ends_at")


def venue_status(venue: str | None, room_requested: bool) -> VenueStatus:
    """Where a new meeting stands: a venue given, a room asked of spaces, or "venue needed"."""
    if venue and venue.strip():
        return "given"
    return "requested" if room_requested else "needed"


def booking_outcome(current: VenueStatus, confirmed: bool) -> VenueStatus:
    """The venue after spaces answered a room request (a venue given by hand stays)."""
    if current == "given":
        return current
    return "confirmed" if confirmed else "needed"


@dataclass(frozen=True)
class Attendance:
    """Who of the sitting members were present, and whether that makes the quorum."""

    sitting: frozenset[uuid.UUID]
    present: frozenset[uuid.UUID]
    quorum: int

    @classmethod
    def record(
        cls, sitting: Iterable[uuid.UUID], present: Iterable[uuid.UUID], configured: int | None
    ) -> Attendance:
        """Attendance of ``present`` among ``sitting``; someone without a seat cannot be present."""
        seats, here = frozenset(sitting), frozenset(present)
        if strangers := here - seats:
            raise ValidationFailed(
                f"{len(strangers)} present without a seat",
                field="present",
                message_key="councils.not_a_member",
            )
        return cls(seats, here, required_quorum(len(seats), configured))

    @property
    def quorum_met(self) -> bool:
        """True when enough members are present to vote."""
        return len(self.present) >= self.quorum

    def check_vote(self, voter: uuid.UUID, already_voted: Iterable[uuid.UUID]) -> None:
        """Refuse a vote without quorum, by someone absent, or by someone who already voted."""
        if not self.quorum_met:
            raise Conflict(
                "no quorum",
                field="quorum",
                message_key="councils.no_quorum",
                params={"present": len(self.present), "quorum": self.quorum},
            )
        if voter not in self.present:
            raise ValidationFailed(
                "the voter is not present", field="person_id", message_key="councils.voter_absent"
            )
        if voter in set(already_voted):
            raise Conflict("already voted", field="person_id", message_key="councils.already_voted")


def choice_of(value: str) -> VoteChoice:
    """``value`` as a vote choice."""
    for choice in VOTE_CHOICES:
        if value == choice:
            return choice
    raise ValidationFailed("choice must be for, against or abstain", field="choice")


@dataclass(frozen=True)
class Tally:
    """The counted votes on one item; adopted when more for than against (None: no vote)."""

    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0

    @classmethod
    def count(cls, choices: Iterable[str]) -> Tally:
        """Count the choices cast."""
        cast = list(choices)
        return cls(cast.count("for"), cast.count("against"), cast.count("abstain"))

    @property
    def adopted(self) -> bool | None:
        """The result: None when nobody voted."""
        if self.votes_for + self.votes_against + self.abstentions == 0:
            return None
        return self.votes_for > self.votes_against
