"""Correlation ids, trace context and request metrics for every service, as plain ASGI.

Takes ``X-Correlation-Id`` from the caller (or makes one) and the W3C ``traceparent``, exposes
them through :data:`kernel.logging.correlation_id_var` / ``traceparent_var`` (so events recorded
during the request carry them), returns the id on the response, counts and times the request,
and is the last guard: an exception nobody handled becomes a problem-details 500 with the id.
Plain ASGI rather than ``BaseHTTPMiddleware``, which costs a task and a stream per request.
"""

from __future__ import annotations

import re
import time
import uuid

import structlog
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kernel.localisation import negotiate_language, translate
from kernel.logging import correlation_id_var, traceparent_var
from kernel.problems import CORRELATION_HEADER, LATENCY, REQUESTS, problem

log = structlog.get_logger(__name__)

# A caller's id is trusted only if it cannot smuggle anything into logs or headers.
_VALID_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def correlation_id_of(headers: Headers) -> str:
    """The caller's correlation id when it is well formed, else a new one."""
    given = headers.get(CORRELATION_HEADER, "")
    return given if _VALID_ID.fullmatch(given) else str(uuid.uuid4())


class CorrelationMiddleware:
    """Correlation id, metrics and the last-resort error response for every HTTP request."""

    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request with its correlation id set."""
        if scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        correlation_id = correlation_id_of(headers)
        token = correlation_id_var.set(correlation_id)
        trace = traceparent_var.set(headers.get("traceparent"))
        started, status = time.perf_counter(), 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[CORRELATION_HEADER] = correlation_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("http.unhandled_error", path=scope.get("path"))
            request = Request(scope)
            lang = negotiate_language(request.headers.get("accept-language"))
            detail = translate("error.internal", lang, correlation_id=correlation_id)
            await problem(request, 500, "INTERNAL", detail)(scope, receive, send_with_id)
        finally:
            correlation_id_var.reset(token)
            traceparent_var.reset(trace)
            REQUESTS.labels(self.service, scope["method"], str(status)).inc()
            LATENCY.labels(self.service, scope["method"]).observe(time.perf_counter() - started)

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A WebSocket keeps one correlation id (the handshake's, or a new one) while it lives."""
        token = correlation_id_var.set(correlation_id_of(Headers(scope=scope)))
        try:
            await self.app(scope, receive, send)
        finally:
            correlation_id_var.reset(token)
