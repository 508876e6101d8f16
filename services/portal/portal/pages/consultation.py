"""Answering a consultation, one question per screen; each step is kept before the next shows."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal import queries
from portal.consultations import Consultation, load, scale_label, shown_answer
from portal.deps import Visit, VisitDep, see_other
from portal.domain.answers import InvalidAnswer, parse_answer
from portal.domain.progress import next_question, previous_question, resume_at, step_of
from portal.domain.questionnaire import Answer, answers_to_send, missing_required, visible_answers
from portal.gateway import GatewayError
from portal.sealed import TooLarge

router = APIRouter(prefix="/consultations/{consultation_id}")


@router.get("")
async def intro(consultation_id: str, visit: VisitDep) -> Response:
    """What the consultation is about, and where to start (or go on)."""
    visit.user()
    consultation = await load(visit.gateway, consultation_id)
    answers = visit.state.cookies.answers(visit.request, consultation.id)
    return visit.render(
        "consultation_intro.html",
        consultation=consultation.data,
        open=consultation.is_open,
        answered=consultation.answered,
        invited=consultation.invited,
        resume=resume_at(consultation.questions, answers),
        started=bool(answers),
    )


@router.get("/questions/{key}")
async def question_page(consultation_id: str, key: str, visit: VisitDep) -> Response:
    """Question ``key`` with the kept answer filled in."""
    consultation = await _answerable(visit, consultation_id)
    if isinstance(consultation, Response):
        return consultation
    answers = visit.state.cookies.answers(visit.request, consultation.id)
    return _question(visit, consultation, key, answers)


@router.post("/questions/{key}")
async def answer(consultation_id: str, key: str, request: Request, visit: VisitDep) -> Response:
    """Keep the answer to ``key`` (or its skip), then show the next question shown."""
    consultation = await _answerable(visit, consultation_id)
    if isinstance(consultation, Response):
        return consultation
    question = consultation.walkable(key)
    answers = visit.state.cookies.answers(visit.request, consultation.id)
    if question is None:
        return visit.render("not_found.html", 404)
    form = await request.form()
    try:
        if form.get("action") == "skip" and not question.required:
            answers[key] = {}
        else:
            answers[key] = parse_answer(question, [str(value) for value in form.getlist("answer")])
    except InvalidAnswer as invalid:
        return _question(visit, consultation, key, answers, error=visit.t(invalid.key), status=400)
    following = next_question(consultation.questions, answers, after=key)
    response = see_other(_url(consultation.id, following))
    try:
        visit.state.cookies.keep_answers(response, consultation.id, answers)
    except TooLarge:
        error = visit.t("portal.answer.too_long_to_keep")
        return _question(visit, consultation, key, answers, error=error, status=400)
    return response


@router.get("/review")
async def review(consultation_id: str, visit: VisitDep) -> Response:
    """Every answer given, to change or to send."""
    consultation = await _answerable(visit, consultation_id)
    if isinstance(consultation, Response):
        return consultation
    answers = visit.state.cookies.answers(visit.request, consultation.id)
    return _review(visit, consultation, answers)


@router.post("/send")
async def send(consultation_id: str, visit: VisitDep) -> Response:
    """Send the kept answers; forget them once the consultation took them."""
    consultation = await _answerable(visit, consultation_id)
    if isinstance(consultation, Response):
        return consultation
    answers = visit.state.cookies.answers(visit.request, consultation.id)
    missing = missing_required(consultation.questions, answers)
    if missing is not None or resume_at(consultation.questions, answers) is not None:
        return see_other(_url(consultation.id, missing or resume_at(consultation.questions, answers)))
    payload = {"consultationId": consultation.id, "answers": answers_to_send(consultation.questions, answers)}
    try:
        await visit.gateway.run(queries.SUBMIT_RESPONSE, input=payload)
    except GatewayError as refused:
        if refused.code not in ("VALIDATION", "CONFLICT"):
            raise
        return _review(visit, consultation, answers, error=refused.message, status=400)
    response = see_other(f"/consultations/{consultation.id}/thanks")
    visit.state.cookies.forget_answers(response, consultation.id)
    return response


@router.get("/thanks")
async def thanks(consultation_id: str, visit: VisitDep) -> Response:
    """Thank the household and say when they will hear what was done."""
    visit.user()
    consultation = await load(visit.gateway, consultation_id)
    return visit.render("consultation_thanks.html", consultation=consultation.data)


async def _answerable(visit: Visit, consultation_id: str) -> Consultation | Response:
    """The consultation when the signed-in household may still answer it, else its intro page."""
    visit.user()
    consultation = await load(visit.gateway, consultation_id)
    if not consultation.is_open or not consultation.invited:
        return see_other(f"/consultations/{consultation.id}")
    return consultation


def _url(consultation_id: str, key: str | None) -> str:
    suffix = f"questions/{key}" if key else "review"
    return f"/consultations/{consultation_id}/{suffix}"


def _question(
    visit: Visit,
    consultation: Consultation,
    key: str,
    answers: dict[str, Answer],
    error: str | None = None,
    status: int = 200,
) -> Response:
    data = consultation.question(key)
    if data is None:
        return visit.render("not_found.html", 404)
    back = previous_question(consultation.questions, answers, key)
    faces = [(point, scale_label(data, point, visit.t)) for point in range(1, 6)]
    return visit.render(
        "question.html",
        status,
        consultation=consultation.data,
        question=data,
        answer=answers.get(key) or {},
        step=step_of(consultation.questions, answers, key),
        back=_url(consultation.id, back) if back else f"/consultations/{consultation.id}",
        faces=faces,
        error=error,
    )


def _review(
    visit: Visit,
    consultation: Consultation,
    answers: dict[str, Answer],
    error: str | None = None,
    status: int = 200,
) -> Response:
    kept = visible_answers(consultation.questions, answers)
    rows = [
        (
            question,
            shown_answer(question, kept[question["key"]], visit.t),
            _url(consultation.id, question["key"]),
        )
        for question in consultation.data["questions"]
        if question["key"] in kept
    ]
    return visit.render("review.html", status, consultation=consultation.data, rows=rows, error=error)
