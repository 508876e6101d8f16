"""Indicators of a landlord's consultations over a period (pure, no I/O).

Participation per site adds up the invitations of every consultation open at some moment of
the period. A site's counts are small-cell suppressed like a results breakdown (the same
rule, :func:`surveys.domain.suppression.breakdown`), with the strictest threshold of those
consultations: a site with fewer responses is hidden, and so is the next smallest when it
alone would be, so that it cannot be found back from the total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from surveys.domain.participation import Turnout
from surveys.domain.results import percentage
from surveys.domain.suppression import breakdown


@dataclass(frozen=True)
class SiteParticipation:
    """Invited and responded households of one site; the counts are None when suppressed."""

    site_id: str
    invited: int | None
    responded: int | None
    rate: float | None

    @property
    def suppressed(self) -> bool:
        """True when the site's counts are hidden."""
        return self.responded is None


@dataclass(frozen=True)
class SurveyIndicators:
    """What the region follows of a landlord's consultations over a period."""

    consultations_published: int
    consultations_closed: int
    consultations_open: int
    invited: int
    responded: int
    participation_rate: float | None
    suppression_threshold: int
    sites: tuple[SiteParticipation, ...]


def compute(
    published: int, closed: int, open_ids: int, turnout: Sequence[Turnout], threshold: int
) -> SurveyIndicators:
    """The indicators of counted consultations and their per-site turnout, small sites hidden."""
    by_site = {t.key: t for t in turnout}
    groups = breakdown({t.key: t.responded for t in turnout}, {}, (), threshold)
    sites = tuple(
        SiteParticipation(group.key, None, None, None)
        if group.suppressed
        else SiteParticipation(
            group.key,
            by_site[group.key].invited,
            by_site[group.key].responded,
            by_site[group.key].rate,
        )
        for group in groups
    )
    invited = sum(t.invited for t in turnout)
    responded = sum(t.responded for t in turnout)
    return SurveyIndicators(
        consultations_published=published,
        consultations_closed=closed,
        consultations_open=open_ids,
        invited=invited,
        responded=responded,
        participation_rate=percentage(responded, invited) if invited else None,
        suppression_threshold=threshold,
        sites=sites,
    )
