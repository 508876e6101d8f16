"""One error hierarchy for the platform.

Each kind maps to one GraphQL code (``extensions.code``) and one HTTP status, rendered as
RFC 9457 problem details by :mod:`kernel.http`. Messages come from the catalogue.
"""

from __future__ import annotations

from typing import Any, ClassVar

from kernel.localisation import translate


class DomainError(Exception):
    """Base of every error a client may see. Everything else is masked."""

    code: ClassVar[str] = "INTERNAL"
    status: ClassVar[int] = 500
    message_key: ClassVar[str] = "error.internal"

    def __init__(
        self,
        detail: str | None = None,
        *,
        field: str | None = None,
        message_key: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        self.detail = detail
        self.field = field
        self.key = message_key or self.message_key
        self.params = params or {}
        super().__init__(detail or self.key)

    def message(self, lang: str | None = None) -> str:
        """The user-facing message in ``lang`` (a message another service rendered, for keys
        this process has no catalogue entry for)."""
        text = translate(self.key, lang, **self.params)
        return self.detail if text == self.key and self.detail else text

    def extensions(self) -> dict[str, Any]:
        """GraphQL error extensions: the stable code and, for validation, the field."""
        ext: dict[str, Any] = {"code": self.code}
        if self.field is not None:
            ext["field"] = self.field
        return ext


class Unauthenticated(DomainError):
    code = "UNAUTHENTICATED"
    status = 401
    message_key = "error.unauthenticated"


class Forbidden(DomainError):
    code = "FORBIDDEN"
    status = 403
    message_key = "error.forbidden"


class NotFound(DomainError):
    code = "NOT_FOUND"
    status = 404
    message_key = "error.not_found"


class ValidationFailed(DomainError):
    code = "VALIDATION"
    status = 422
    message_key = "error.validation"


class Conflict(DomainError):
    code = "CONFLICT"
    status = 409
    message_key = "error.conflict"


class RateLimited(DomainError):
    code = "RATE_LIMITED"
    status = 429
    message_key = "error.rate_limited"


class Unavailable(DomainError):
    """A service did not answer in time: nothing is wrong with the request, try again later."""

    code = "UNAVAILABLE"
    status = 503
    message_key = "error.unavailable"


ERROR_TYPES: dict[str, type[DomainError]] = {
    cls.code: cls
    for cls in (Unauthenticated, Forbidden, NotFound, ValidationFailed, Conflict, RateLimited, Unavailable)
}


def from_problem(problem: dict[str, Any]) -> DomainError:
    """Rebuild a typed error from a problem-details body received from another service."""
    cls = ERROR_TYPES.get(str(problem.get("code")), DomainError)
    params = problem.get("params")
    error = cls(
        problem.get("detail"),
        field=problem.get("field"),
        params=dict(params) if isinstance(params, dict) else None,
    )
    if problem.get("message_key"):
        error.key = str(problem["message_key"])
    return error
