"""Who is signed in (the sealed session cookie) and the answers kept per consultation.

Cookies are Secure, HttpOnly and SameSite=Lax: a cross-site form cannot post with them, and
scripts cannot read them. The answers of a consultation in progress live in their own cookie
until they are sent, so a lost connection or a closed browser loses nothing.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import asdict, dataclass, field

from fastapi import Request, Response

from portal.domain.questionnaire import Answer
from portal.ids import raw_id
from portal.sealed import Sealer

SESSION_COOKIE = "inspraak_session"
ANSWERS_COOKIE = "inspraak_answers_"
ANSWERER_COOKIE = "inspraak_answerer_"
ANSWERS_MAX_AGE = 14 * 24 * 3600


def cookie_name(prefix: str, object_id: str) -> str:
    """``prefix`` + the object's raw UUID (hex): the same cookie whether a page was reached by the
    gateway's global id or the raw UUID, and only characters a cookie name may hold (a global id
    is base64 with "=" padding). Anything else is digested."""
    raw = raw_id(object_id)
    try:
        return prefix + uuid.UUID(raw).hex
    except ValueError:
        return prefix + hashlib.sha256(raw.encode()).hexdigest()[:32]


# A household that signed in with its letter stays signed in on this device as long as identity
# keeps its refresh token (90 days after the last visit); see services/identity/README.md.
HOUSEHOLD_SESSION_MAX_AGE = 90 * 24 * 3600


@dataclass
class Session:
    """A signed-in household (``kind`` HOUSEHOLD) or person (PERSON) and their gateway token."""

    token: str
    kind: str
    landlord_id: str | None = None
    name: str | None = None
    roles: list[str] = field(default_factory=list)
    refresh_token: str | None = None
    expires_at: float | None = None

    @property
    def is_tenant(self) -> bool:
        """A household signed in with the code from its letter."""
        return self.kind == "HOUSEHOLD"

    @property
    def assists(self) -> bool:
        """A community worker or landlord staff, who may answer with a tenant (assisted mode)."""
        return bool({"community_worker", "landlord_staff"} & set(self.roles))

    def expires_within(self, seconds: float, now: float) -> bool:
        """The access token expires in less than ``seconds`` (unknown expiry: never)."""
        return self.expires_at is not None and self.expires_at - now < seconds


RENEWED = "renewed_session"
"""The ``request.state`` attribute holding the session renewed before the page ran."""


class CookieJar:
    """Reads and writes the portal's sealed cookies."""

    def __init__(self, secret: str, *, secure: bool, session_max_age: int) -> None:
        self._sessions = Sealer(secret, "session")
        self._answers = Sealer(secret, "answers")
        self._answerers = Sealer(secret, "answerer")
        self._secure = secure
        self._session_max_age = session_max_age

    def session(self, request: Request) -> Session | None:
        """The signed-in user: the one renewed for this request (or None when identity refused
        renewing it, see :mod:`portal.refresh`), else the cookie's if it opens."""
        if hasattr(request.state, RENEWED):
            renewed: Session | None = getattr(request.state, RENEWED)
            return renewed
        value = self._sessions.open(request.cookies.get(SESSION_COOKIE))
        try:
            return Session(**value) if isinstance(value, dict) else None
        except TypeError:
            return None

    def sign_in(self, response: Response, session: Session) -> None:
        """Remember ``session`` in the browser (a household with a refresh token: 90 days)."""
        max_age = HOUSEHOLD_SESSION_MAX_AGE if session.refresh_token else self._session_max_age
        sealed = self._sessions.seal(asdict(session), max_age)
        self._set(response, SESSION_COOKIE, sealed, max_age)

    def sign_out(self, response: Response) -> None:
        """Forget the signed-in user."""
        response.delete_cookie(SESSION_COOKIE, path="/", secure=self._secure, httponly=True, samesite="lax")

    def answers(self, request: Request, consultation_id: str) -> dict[str, Answer]:
        """The answers kept for ``consultation_id`` (empty when none)."""
        value = self._answers.open(request.cookies.get(cookie_name(ANSWERS_COOKIE, consultation_id)))
        return value if isinstance(value, dict) else {}

    def keep_answers(self, response: Response, consultation_id: str, answers: dict[str, Answer]) -> None:
        """Keep ``answers`` (raises :class:`portal.sealed.TooLarge` when they do not fit)."""
        sealed = self._answers.seal(answers, ANSWERS_MAX_AGE)
        self._set(response, cookie_name(ANSWERS_COOKIE, consultation_id), sealed, ANSWERS_MAX_AGE)

    def forget_answers(self, response: Response, consultation_id: str) -> None:
        """Drop the kept answers once they are sent."""
        response.delete_cookie(
            cookie_name(ANSWERS_COOKIE, consultation_id),
            path="/",
            secure=self._secure,
            httponly=True,
            samesite="lax",
        )

    def answerer(self, request: Request, consultation_id: str) -> dict[str, str]:
        """Who answers ``consultation_id`` when it is not the signed-in household: a guest with
        the personal code of a letter (``code``) or a household a worker assists (``household``,
        ``channel``)."""
        value = self._answerers.open(request.cookies.get(cookie_name(ANSWERER_COOKIE, consultation_id)))
        return value if isinstance(value, dict) else {}

    def keep_answerer(self, response: Response, consultation_id: str, answerer: dict[str, str]) -> None:
        """Remember who answers ``consultation_id`` until the answers are sent."""
        sealed = self._answerers.seal(answerer, ANSWERS_MAX_AGE)
        self._set(response, cookie_name(ANSWERER_COOKIE, consultation_id), sealed, ANSWERS_MAX_AGE)

    def forget_answerer(self, response: Response, consultation_id: str) -> None:
        """Forget who answered, once the answers are sent."""
        response.delete_cookie(
            cookie_name(ANSWERER_COOKIE, consultation_id),
            path="/",
            secure=self._secure,
            httponly=True,
            samesite="lax",
        )

    def _set(self, response: Response, name: str, value: str, max_age: int) -> None:
        response.set_cookie(
            name, value, max_age=max_age, path="/", secure=self._secure, httponly=True, samesite="lax"
        )
