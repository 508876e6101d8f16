"""Who is signed in (the sealed session cookie) and the answers kept per consultation.

Cookies are Secure, HttpOnly and SameSite=Lax: a cross-site form cannot post with them, and
scripts cannot read them. The answers of a consultation in progress live in their own cookie
until they are sent, so a lost connection or a closed browser loses nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from fastapi import Request, Response

from portal.domain.questionnaire import Answer
from portal.sealed import Sealer

SESSION_COOKIE = "inspraak_session"
ANSWERS_COOKIE = "inspraak_answers_"
ANSWERS_MAX_AGE = 14 * 24 * 3600


@dataclass
class Session:
    """A signed-in household (``kind`` HOUSEHOLD) or person (PERSON) and their gateway token."""

    token: str
    kind: str
    landlord_id: str | None = None
    name: str | None = None
    roles: list[str] = field(default_factory=list)

    @property
    def is_tenant(self) -> bool:
        """A household signed in with the code from its letter."""
        return self.kind == "HOUSEHOLD"


class CookieJar:
    """Reads and writes the portal's sealed cookies."""

    def __init__(self, secret: str, *, secure: bool, session_max_age: int) -> None:
        self._sessions = Sealer(secret, "session")
        self._answers = Sealer(secret, "answers")
        self._secure = secure
        self._session_max_age = session_max_age

    def session(self, request: Request) -> Session | None:
        """The signed-in user, if the cookie opens."""
        value = self._sessions.open(request.cookies.get(SESSION_COOKIE))
        try:
            return Session(**value) if isinstance(value, dict) else None
        except TypeError:
            return None

    def sign_in(self, response: Response, session: Session) -> None:
        """Remember ``session`` in the browser."""
        sealed = self._sessions.seal(asdict(session), self._session_max_age)
        self._set(response, SESSION_COOKIE, sealed, self._session_max_age)

    def sign_out(self, response: Response) -> None:
        """Forget the signed-in user."""
        response.delete_cookie(SESSION_COOKIE, path="/", secure=self._secure, httponly=True, samesite="lax")

    def answers(self, request: Request, consultation_id: str) -> dict[str, Answer]:
        """The answers kept for ``consultation_id`` (empty when none)."""
        value = self._answers.open(request.cookies.get(ANSWERS_COOKIE + consultation_id))
        return value if isinstance(value, dict) else {}

    def keep_answers(self, response: Response, consultation_id: str, answers: dict[str, Answer]) -> None:
        """Keep ``answers`` (raises :class:`portal.sealed.TooLarge` when they do not fit)."""
        sealed = self._answers.seal(answers, ANSWERS_MAX_AGE)
        self._set(response, ANSWERS_COOKIE + consultation_id, sealed, ANSWERS_MAX_AGE)

    def forget_answers(self, response: Response, consultation_id: str) -> None:
        """Drop the kept answers once they are sent."""
        response.delete_cookie(
            ANSWERS_COOKIE + consultation_id, path="/", secure=self._secure, httponly=True, samesite="lax"
        )

    def _set(self, response: Response, name: str, value: str, max_age: int) -> None:
        response.set_cookie(
            name, value, max_age=max_age, path="/", secure=self._secure, httponly=True, samesite="lax"
        )
