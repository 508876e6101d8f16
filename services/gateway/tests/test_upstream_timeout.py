"""A service that does not answer in time is UNAVAILABLE with retry advice, not a masked error."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from kernel.localisation import translate


@pytest.mark.parametrize(
    "timeout",
    [httpx.ReadTimeout("read timed out"), httpx.PoolTimeout("no free connection")],
    ids=["read", "pool"],
)
@pytest.mark.parametrize("language", ["nl", "fr", "en"])
async def test_an_upstream_timeout_is_unavailable_in_the_callers_language(
    graphql: Any, identity: Any, timeout: httpx.TimeoutException, language: str
) -> None:
    def too_slow(request: httpx.Request) -> httpx.Response:
        raise timeout

    identity.answer = too_slow
    body = await graphql("{ landlords { name } }", language=language)
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "UNAVAILABLE", "retryAfter": 5}
    assert error["message"] == translate("error.unavailable", language)
    assert error["message"] != "error.unavailable"


async def test_a_refused_connection_stays_masked(graphql: Any, identity: Any) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    identity.answer = refuse
    (error,) = (await graphql("{ landlords { name } }"))["errors"]
    assert error["extensions"]["code"] == "INTERNAL"
