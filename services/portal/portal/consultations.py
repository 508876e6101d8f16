"""A consultation as the gateway returns it, and its questions as the questionnaire walks them."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from portal import queries
from portal.domain.questionnaire import Answer, Condition, Question
from portal.forms import message
from portal.gateway import Gateway, GatewayError


@dataclass(frozen=True)
class Consultation:
    """The gateway's data (for the templates) and the walkable questions."""

    data: dict[str, Any]
    questions: list[Question]

    @property
    def id(self) -> str:
        """The consultation's id."""
        return str(self.data["id"])

    @property
    def is_open(self) -> bool:
        """Answers are taken now."""
        return bool(self.data.get("phase") == "OPEN")

    @property
    def invited(self) -> bool:
        """The signed-in household may answer (anyone else gets ``None`` from the gateway)."""
        return bool(self.data.get("myInvitation") == "INVITED")

    @property
    def answered(self) -> bool:
        """The signed-in household already answered."""
        return bool(self.data.get("myInvitation") == "ANSWERED")

    def question(self, key: str) -> dict[str, Any] | None:
        """The gateway's data of question ``key``."""
        return next((q for q in self.data["questions"] if q["key"] == key), None)

    def walkable(self, key: str) -> Question | None:
        """The walkable question ``key``."""
        return next((q for q in self.questions if q.key == key), None)


async def load(gateway: Gateway, consultation_id: str) -> Consultation:
    """The consultation ``consultation_id`` (NOT_FOUND raised by the gateway)."""
    data = (await gateway.run(queries.CONSULTATION, id=consultation_id))["consultation"]
    return Consultation(data=data, questions=[question_of(q) for q in data["questions"]])


def question_of(data: dict[str, Any]) -> Question:
    """A walkable :class:`Question` from the gateway's ``Question``."""
    show_if = data.get("showIf")
    return Question(
        key=data["key"],
        kind=data["kind"],
        required=bool(data.get("required")),
        show_if=Condition(show_if["question"], tuple(show_if["anyOf"])) if show_if else None,
        options=tuple(option["key"] for option in data.get("options") or ()),
        max_choices=data.get("maxChoices"),
        min_value=data.get("minValue"),
        max_value=data.get("maxValue"),
        max_length=data.get("maxLength") or 1000,
    )


def shown_answer(question: dict[str, Any], answer: Answer, t: Any) -> str:
    """An answer as the review page shows it, in the page's language."""
    if not answer:
        return str(t("portal.answer.skipped"))
    if "choices" in answer:
        labels = {o["key"]: o["label"]["text"] for o in question.get("options") or ()}
        return ", ".join(labels.get(key, key) for key in answer["choices"])
    if "yes" in answer:
        return str(t("portal.answer.yes" if answer["yes"] else "portal.answer.no"))
    if question["kind"] == "SCALE":
        return scale_label(question, int(answer["number"]), t)
    if "number" in answer:
        return f"{answer['number']:g}"
    return str(answer.get("text", ""))


def scale_label(question: dict[str, Any], point: int, t: Any) -> str:
    """The label of face ``point`` (1–5): the consultation's own, else the portal's."""
    labels = question.get("scaleLabels") or []
    if len(labels) == 5 and labels[point - 1]["text"]:
        return str(labels[point - 1]["text"])
    return str(t(f"portal.scale.{point}"))


# The address on a consultation's letters and posters ends in ``/c/`` and the first 10 hex
# digits of its id (surveys' ``short_url``); people may type the address or just those 10.
SHORT_ID = re.compile(r"(?:/c/)?([0-9a-f]{10})/?$")
PERSONAL_CODE_LENGTH = 16
ASSISTED_CHANNELS = ("PAPER", "PHONE", "HOME_VISIT", "OFFICE")


def short_id_of(typed: str) -> str | None:
    """The consultation's short id in what someone typed (the code or the whole address)."""
    found = SHORT_ID.search("".join(typed.split()).lower())
    return found.group(1) if found else None


def looks_like_personal_code(typed: str) -> bool:
    """16 letters and numbers (dashes and spaces aside): the personal code of a letter."""
    raw = re.sub(r"[\s-]", "", typed)
    return len(raw) == PERSONAL_CODE_LENGTH and raw.isalnum() and raw.isascii()


def household_id_of(typed: str) -> str | None:
    """The household id a worker typed (a UUID, as on the letters list), canonical, or None."""
    try:
        return str(uuid.UUID(typed.strip()))
    except ValueError:
        return None


async def find_by_short_id(gateway: Gateway, short_id: str) -> str | None:
    """The id of the consultation whose letters print ``/c/<short_id>`` (None when unknown)."""
    try:
        found = await gateway.run(queries.CONSULTATION_BY_SHORT_ID, shortId=short_id)
    except GatewayError as refused:
        message(refused, "NOT_FOUND", "VALIDATION")  # an unknown short id; else raised again
        return None
    return str(found["consultationByShortId"]["id"])


@dataclass(frozen=True)
class CodeCheck:
    """What the gateway says of a letter's personal code, without using it up: the consultation
    it answers and whether it still may, or why it cannot (the gateway's message)."""

    consultation_id: str | None = None
    unused: bool = False
    error: str | None = None


async def check_code(gateway: Gateway, code: str) -> CodeCheck:
    """Look the personal code up (the household it belongs to is never shown)."""
    try:
        found = (await gateway.run(queries.INVITATION_BY_CODE, code=code))["invitationByCode"]
    except GatewayError as refused:
        return CodeCheck(error=message(refused, "NOT_FOUND", "VALIDATION"))
    return CodeCheck(consultation_id=str(found["consultation"]["id"]), unused=bool(found["unused"]))


@dataclass(frozen=True)
class Answerer:
    """Who answers: the signed-in household, a guest with a letter's personal code, or a
    household a worker assists (by its id or its letter's code, with the channel and the
    tenant's consent)."""

    mode: str
    code: str | None = None
    household_id: str | None = None
    channel: str | None = None

    @property
    def assisted(self) -> bool:
        """A worker enters the answers with the tenant."""
        return self.mode == "assisted"

    @property
    def guest(self) -> bool:
        """Someone without an account answers with the personal code of their letter."""
        return self.mode == "guest"


def answerer_of(kept: dict[str, str], *, tenant: bool, invited: bool, assists: bool) -> Answerer | None:
    """Who answers now, from the kept answerer cookie and the signed-in user (None: nobody may)."""
    if assists and kept.get("channel") in ASSISTED_CHANNELS:
        if kept.get("household"):
            return Answerer("assisted", household_id=kept["household"], channel=kept["channel"])
        if kept.get("code"):
            return Answerer("assisted", code=kept["code"], channel=kept["channel"])
    if tenant and invited:
        return Answerer("household")
    if kept.get("code") and not assists:
        return Answerer("guest", code=kept["code"])
    return None
