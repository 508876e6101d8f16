"""A consultation as the gateway returns it, and its questions as the questionnaire walks them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portal import queries
from portal.domain.questionnaire import Answer, Condition, Question
from portal.gateway import Gateway


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
