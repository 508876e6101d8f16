"""Results (JSON and CSV) and participation."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from kernel.http import OptionalPrincipal, Runtime
from surveys.entrypoints.answer_schemas import ParticipationPublic, ResultsPublic
from surveys.entrypoints.deps import Lang, run
from surveys.service.results import participation_of, results_csv, results_of

router = APIRouter(prefix="/consultations/{consultation_id}", tags=["results"])


@router.get("/results")
async def results(
    consultation_id: uuid.UUID, principal: OptionalPrincipal, runtime: Runtime
) -> ResultsPublic:
    """Counts and percentages, breakdowns with small cells suppressed, free texts after closing."""
    _, found = await run(runtime, lambda uow: results_of(uow, principal, consultation_id))
    return ResultsPublic.of(consultation_id, found)


@router.get("/results.csv", response_class=Response)
async def results_as_csv(
    consultation_id: uuid.UUID, principal: OptionalPrincipal, runtime: Runtime, lang: Lang
) -> Response:
    """The results as CSV (totals, then breakdowns; suppressed cells marked)."""
    consultation, found = await run(runtime, lambda uow: results_of(uow, principal, consultation_id))
    body = results_csv(consultation, found, lang)
    filename = f"consultation-{consultation_id}-results.csv"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/participation")
async def participation(
    consultation_id: uuid.UUID, principal: OptionalPrincipal, runtime: Runtime
) -> ParticipationPublic:
    """Invited and responded households per site and building, answer sets per channel."""
    found = await run(runtime, lambda uow: participation_of(uow, principal, consultation_id))
    return ParticipationPublic.of(found)
