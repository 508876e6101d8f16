"""Answering a consultation, one question per screen; each step is kept before the next shows.

Three people walk the same screens: the signed-in household, a guest who typed the personal
code of their letter (no account needed), and a community worker answering with a tenant
(assisted mode: the household, the channel and the tenant's consent are recorded).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from portal import queries
from portal.consultations import (
    ASSISTED_CHANNELS,
    Answerer,
    Consultation,
    answerer_of,
    check_code,
    find_by_short_id,
    household_id_of,
    load,
    looks_like_personal_code,
    scale_label,
    short_id_of,
    shown_answer,
)
from portal.deps import Visit, VisitDep, see_other
from portal.domain.answers import InvalidAnswer, parse_answer
from portal.domain.progress import next_question, previous_question, resume_at, step_of
from portal.domain.questionnaire import Answer, answers_to_send, missing_required, visible_answers
from portal.forms import message
from portal.gateway import GatewayError
from portal.sealed import TooLarge

router = APIRouter()
ONE = "/consultations/{consultation_id}"


@router.get("/c")
async def code_form(visit: VisitDep) -> Response:
    """The form for the code or address of a consultation (from a letter or a poster)."""
    return visit.render("consultation_code.html")


@router.post("/c")
async def code_entered(visit: VisitDep, code: Annotated[str, Form()] = "") -> Response:
    """Go to the consultation whose code or address was typed."""
    short_id = short_id_of(code)
    if short_id is not None:
        return see_other(f"/c/{short_id}")
    if not looks_like_personal_code(code):
        return visit.render("consultation_code.html", 400, error=visit.t("portal.code.unknown"), code=code)
    return await _start_with_code(
        visit, code, lambda error: visit.render("consultation_code.html", 400, error=error, code=code)
    )


async def _start_with_code(visit: Visit, code: str, refuse: Callable[[str], Response]) -> Response:
    """Check a letter's personal code (without using it up), then start its consultation."""
    typed = code.strip().upper()
    checked = await check_code(visit.gateway, typed)
    if checked.error is not None or checked.consultation_id is None:
        return refuse(checked.error or visit.t("portal.code.personal_invalid"))
    if not checked.unused:
        return refuse(visit.t("portal.code.personal_used"))
    response = see_other(f"/consultations/{checked.consultation_id}/start")
    visit.state.cookies.keep_answerer(response, checked.consultation_id, {"code": typed})
    return response


@router.get("/c/{short_id}")
async def short_address(short_id: str, visit: VisitDep) -> Response:
    """The address printed on letters and posters: the consultation's own page."""
    found = await find_by_short_id(visit.gateway, short_id.lower()) if short_id_of(short_id) else None
    if found is None:
        error = visit.t("portal.code.not_found")
        return visit.render("consultation_code.html", 404, error=error, code=short_id)
    return see_other(f"/consultations/{found}")


@router.get(ONE)
async def intro(consultation_id: str, visit: VisitDep) -> Response:
    """What the consultation is about, and where to start (or go on)."""
    consultation = await load(visit.gateway, consultation_id)
    return _intro(visit, consultation)


@router.post(ONE + "/code")
async def personal_code(consultation_id: str, visit: VisitDep, code: Annotated[str, Form()] = "") -> Response:
    """Check and keep the personal code of the letter; it authorises this household's answers
    once (a code of another consultation leads there)."""
    consultation = await load(visit.gateway, consultation_id)
    if not looks_like_personal_code(code):
        error = visit.t("portal.code.personal_invalid")
        return _intro(visit, consultation, error=error, code=code, status=400)
    return await _start_with_code(
        visit, code, lambda error: _intro(visit, consultation, error=error, code=code, status=400)
    )


@router.get(ONE + "/start")
async def start(consultation_id: str, visit: VisitDep) -> Response:
    """The first question not answered yet (or the review when all are)."""
    found = await _answerable(visit, consultation_id)
    if isinstance(found, Response):
        return found
    consultation, _ = found
    answers = visit.state.cookies.answers(visit.request, consultation.id)
    return see_other(_url(consultation.id, resume_at(consultation.questions, answers)))


@router.get(ONE + "/assisted")
async def assisted_form(consultation_id: str, visit: VisitDep) -> Response:
    """A worker answers with a tenant: which household, how, and the tenant's consent."""
    consultation = await _assistable(visit, consultation_id)
    if isinstance(consultation, Response):
        return consultation
    return _assisted(visit, consultation, {})


@router.post(ONE + "/assisted")
async def assisted_start(
    consultation_id: str,
    visit: VisitDep,
    household: Annotated[str, Form()] = "",
    channel: Annotated[str, Form()] = "",
    consent: Annotated[str, Form()] = "",
    code: Annotated[str, Form()] = "",
) -> Response:
    """Check the answers (the household's number or its letter's code, the channel, the
    consent), then start the questions for that household."""
    consultation = await _assistable(visit, consultation_id)
    if isinstance(consultation, Response):
        return consultation
    typed_code = code.strip().upper()
    household_id = household_id_of(household)
    errors = {}
    if typed_code and not looks_like_personal_code(typed_code):
        errors["code"] = visit.t("portal.code.personal_invalid")
    elif not typed_code and household_id is None:
        key = (
            "portal.assisted.household_invalid" if household.strip() else "portal.assisted.household_or_code"
        )
        errors["household"] = visit.t(key)
    if channel not in ASSISTED_CHANNELS:
        errors["channel"] = visit.t("portal.assisted.channel_missing")
    if consent != "yes":
        errors["consent"] = visit.t("portal.assisted.consent_missing")
    if typed_code and not errors:
        checked = await check_code(visit.gateway, typed_code)
        if checked.error is not None:
            errors["code"] = checked.error
        elif checked.consultation_id != consultation.id:
            errors["code"] = visit.t("portal.assisted.code_other")
        elif not checked.unused:
            errors["code"] = visit.t("portal.assisted.code_used")
    if errors:
        form = {"household": household, "channel": channel, "code": code}
        return _assisted(visit, consultation, form, errors=errors, status=400)
    who = {"code": typed_code} if typed_code else {"household": str(household_id)}
    response = see_other(_url(consultation.id, resume_at(consultation.questions, {})))
    cookies = visit.state.cookies
    cookies.keep_answerer(response, consultation.id, {**who, "channel": channel})
    cookies.forget_answers(response, consultation.id)
    return response


@router.get(ONE + "/questions/{key}")
async def question_page(consultation_id: str, key: str, visit: VisitDep) -> Response:
    """Question ``key`` with the kept answer filled in."""
    found = await _answerable(visit, consultation_id)
    if isinstance(found, Response):
        return found
    consultation, answerer = found
    answers = visit.state.cookies.answers(visit.request, consultation.id)
    return _question(visit, consultation, answerer, key, answers)


@router.post(ONE + "/questions/{key}")
async def answer(consultation_id: str, key: str, request: Request, visit: VisitDep) -> Response:
    """Keep the answer to ``key`` (or its skip), then show the next question shown."""
    found = await _answerable(visit, consultation_id)
    if isinstance(found, Response):
        return found
    consultation, answerer = found
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
        return _question(visit, consultation, answerer, key, answers, error=visit.t(invalid.key), status=400)
    following = next_question(consultation.questions, answers, after=key)
    response = see_other(_url(consultation.id, following))
    try:
        visit.state.cookies.keep_answers(response, consultation.id, answers)
    except TooLarge:
        error = visit.t("portal.answer.too_long_to_keep")
        return _question(visit, consultation, answerer, key, answers, error=error, status=400)
    return response


@router.get(ONE + "/review")
async def review(consultation_id: str, visit: VisitDep) -> Response:
    """Every answer given, to change or to send."""
    found = await _answerable(visit, consultation_id)
    if isinstance(found, Response):
        return found
    consultation, answerer = found
    answers = visit.state.cookies.answers(visit.request, consultation.id)
    return _review(visit, consultation, answerer, answers)


@router.post(ONE + "/send")
async def send(consultation_id: str, visit: VisitDep) -> Response:
    """Send the kept answers; forget them once the consultation took them."""
    found = await _answerable(visit, consultation_id)
    if isinstance(found, Response):
        return found
    consultation, answerer = found
    answers = visit.state.cookies.answers(visit.request, consultation.id)
    missing = missing_required(consultation.questions, answers)
    if missing is not None or resume_at(consultation.questions, answers) is not None:
        return see_other(_url(consultation.id, missing or resume_at(consultation.questions, answers)))
    sent = answers_to_send(consultation.questions, answers)
    try:
        if answerer.assisted:
            who = {"code": answerer.code} if answerer.code else {"householdId": answerer.household_id}
            assisted = {
                "consultationId": consultation.id,
                **who,
                "channel": answerer.channel,
                "consentConfirmed": True,
                "answers": sent,
            }
            await visit.gateway.run(queries.RECORD_ASSISTED_RESPONSE, input=assisted)
        else:
            payload: dict[str, Any] = {"consultationId": consultation.id, "answers": sent}
            if answerer.guest:
                payload["code"] = answerer.code
            await visit.gateway.run(queries.SUBMIT_RESPONSE, input=payload)
    except GatewayError as refused:
        error = message(refused, "VALIDATION", "CONFLICT", "FORBIDDEN")
        return _review(visit, consultation, answerer, answers, error=error, status=400)
    done = "assisted/thanks" if answerer.assisted else "thanks"
    response = see_other(f"/consultations/{consultation.id}/{done}")
    visit.state.cookies.forget_answers(response, consultation.id)
    visit.state.cookies.forget_answerer(response, consultation.id)
    return response


@router.get(ONE + "/thanks")
async def thanks(consultation_id: str, visit: VisitDep) -> Response:
    """Thank the household and say when they will hear what was done."""
    consultation = await load(visit.gateway, consultation_id)
    return visit.render("consultation_thanks.html", consultation=consultation.data)


@router.get(ONE + "/assisted/thanks")
async def assisted_thanks(consultation_id: str, visit: VisitDep) -> Response:
    """Tell the worker the answers were recorded; offer the next household."""
    visit.user()
    consultation = await load(visit.gateway, consultation_id)
    return visit.render("assisted_thanks.html", consultation=consultation.data)


def _intro(
    visit: Visit, consultation: Consultation, error: str | None = None, code: str = "", status: int = 200
) -> Response:
    session = visit.session
    answers = visit.state.cookies.answers(visit.request, consultation.id)
    kept = visit.state.cookies.answerer(visit.request, consultation.id)
    answerer = answerer_of(
        kept,
        tenant=bool(session and session.is_tenant),
        invited=consultation.invited,
        assists=bool(session and session.assists),
    )
    return visit.render(
        "consultation_intro.html",
        status,
        consultation=consultation.data,
        open=consultation.is_open,
        answered=consultation.answered,
        invited=consultation.invited,
        answerer=answerer,
        resume=resume_at(consultation.questions, answers),
        started=bool(answers),
        error=error,
        code=code,
    )


async def _answerable(visit: Visit, consultation_id: str) -> tuple[Consultation, Answerer] | Response:
    """The consultation and who answers it now, else its intro page (where one can start)."""
    consultation = await load(visit.gateway, consultation_id)
    session = visit.session
    answerer = answerer_of(
        visit.state.cookies.answerer(visit.request, consultation.id),
        tenant=bool(session and session.is_tenant),
        invited=consultation.invited,
        assists=bool(session and session.assists),
    )
    if answerer is None and session is None:
        return see_other("/")
    if not consultation.is_open or answerer is None:
        return see_other(f"/consultations/{consultation.id}")
    return consultation, answerer


async def _assistable(visit: Visit, consultation_id: str) -> Consultation | Response:
    """The open consultation, when the signed-in person may answer with a tenant."""
    if not visit.user().assists:
        return visit.render("error.html", 403, message=visit.t("portal.assisted.workers_only"))
    consultation = await load(visit.gateway, consultation_id)
    if not consultation.is_open:
        return see_other(f"/consultations/{consultation.id}")
    return consultation


def _url(consultation_id: str, key: str | None) -> str:
    suffix = f"questions/{key}" if key else "review"
    return f"/consultations/{consultation_id}/{suffix}"


def _assisted(
    visit: Visit,
    consultation: Consultation,
    form: dict[str, str],
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    channels = [(channel, visit.t(f"portal.channel.{channel.lower()}")) for channel in ASSISTED_CHANNELS]
    return visit.render(
        "assisted_start.html",
        status,
        consultation=consultation.data,
        channels=channels,
        form=form,
        errors=errors or {},
    )


def _question(
    visit: Visit,
    consultation: Consultation,
    answerer: Answerer,
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
        answerer=answerer,
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
    answerer: Answerer,
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
    return visit.render(
        "review.html", status, consultation=consultation.data, answerer=answerer, rows=rows, error=error
    )
