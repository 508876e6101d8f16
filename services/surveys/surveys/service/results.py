"""Reading results, their CSV export and participation (counts only, never who answered what)."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from kernel.auth import Principal
from kernel.errors import Forbidden
from surveys.domain.consultation import Consultation, Phase
from surveys.domain.participation import Turnout
from surveys.domain.results import Results, compute_results
from surveys.domain.suppression import Group
from surveys.service.clock import utcnow
from surveys.service.consultations import consultation_of
from surveys.service.unit_of_work import UnitOfWork

CSV_COLUMNS = ("question", "breakdown", "group", "answer", "label", "respondents", "count", "percentage")


@dataclass(frozen=True)
class Participation:
    """Turnout in all, per site and per building, and answer sets per channel."""

    total: Turnout
    by_site: list[Turnout]
    by_building: list[Turnout]
    by_channel: dict[str, int]


async def results_of(
    uow: UnitOfWork, actor: Principal | None, consultation_id: uuid.UUID
) -> tuple[Consultation, Results]:
    """The results, once closed (or live while open when the owner allows it); free texts
    only after closing."""
    consultation = await consultation_of(uow, consultation_id, actor)
    now = utcnow()
    if not consultation.results_visible(now):
        raise Forbidden("results are not available yet", message_key="surveys.results_not_available")
    sets = await uow.responses.answer_sets(consultation.id)
    closed = consultation.phase(now) is Phase.CLOSED
    threshold = consultation.suppression_threshold
    return consultation, compute_results(consultation.questions, sets, threshold, with_texts=closed)


async def participation_of(
    uow: UnitOfWork, actor: Principal | None, consultation_id: uuid.UUID
) -> Participation:
    """How many of the invited households took part, per site and building, and by channel."""
    consultation = await consultation_of(uow, consultation_id, actor)
    [total] = await uow.invitations.turnout(consultation.id, None)
    return Participation(
        total=total,
        by_site=await uow.invitations.turnout(consultation.id, "site_id"),
        by_building=await uow.invitations.turnout(consultation.id, "building_id"),
        by_channel=await uow.responses.by_channel(consultation.id),
    )


def _groups(
    key: str, dimension: str, groups: tuple[Group, ...], labels: dict[str, str]
) -> Iterator[tuple[object, ...]]:
    for group in groups:
        if group.respondents is None:
            yield (key, dimension, group.key, "", "", "suppressed", "", "")
            continue
        for cell in group.cells:
            count = "suppressed" if cell.count is None else cell.count
            yield (
                key,
                dimension,
                group.key,
                cell.key,
                labels.get(cell.key, ""),
                group.respondents,
                count,
                "",
            )


def results_csv(consultation: Consultation, results: Results, lang: str) -> str:
    """Totals per answer, then the breakdowns by site and channel (suppressed cells marked)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    questions = {q.key: q for q in consultation.questions}
    for result in results.questions:
        labels = {o.key: o.label.text(lang) for o in questions[result.key].options}
        for option in result.options:
            label = labels.get(option.key, option.key)
            writer.writerow(
                (
                    result.key,
                    "total",
                    "",
                    option.key,
                    label,
                    result.respondents,
                    option.count,
                    option.percentage,
                )
            )
        writer.writerows(_groups(result.key, "site", result.by_site, labels))
        writer.writerows(_groups(result.key, "channel", result.by_channel, labels))
    return buffer.getvalue()
