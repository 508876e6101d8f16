"""The token endpoint and the discovery documents (OIDC discovery, JWKS)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from identity.domain.clients import ACTIVATION_CODE, GRANT_TYPES
from identity.entrypoints.deps import Keys, Tokens
from kernel.http import Runtime
from kernel.localisation import negotiate_language, translate

router = APIRouter(tags=["oauth"])


def message_key(error: str, grant_type: str | None) -> str:
    """The catalogue key explaining an OAuth error, per grant where it matters."""
    grant = "activation_code" if grant_type == ACTIVATION_CODE else grant_type
    specific = f"oauth.{error}.{grant}"
    return specific if translate(specific, "en") != specific else f"oauth.{error}"


def localise(body: dict[str, Any], request: Request, grant_type: str | None) -> dict[str, Any]:
    """Add a message in the caller's language to an OAuth error (``error_description``
    stays ASCII English, as RFC 6749 wants)."""
    key = message_key(str(body["error"]), grant_type)
    language = negotiate_language(request.headers.get("accept-language"))
    return {**body, "message": translate(key, language), "message_key": key}


@router.post("/oauth/token")
async def token(request: Request, server: Tokens, keys: Keys) -> JSONResponse:
    """OAuth 2 token endpoint (form encoded): ``client_credentials``, ``password`` and the
    activation-code grant. Errors are standard OAuth JSON (``invalid_grant``, ...)."""
    await keys.refresh_if_stale()
    status, body, headers = await server.respond(request)
    if status >= 400 and isinstance(body, dict) and "error" in body:
        grant_type = (await request.form()).get("grant_type")
        body = localise(body, request, grant_type if isinstance(grant_type, str) else None)
    return JSONResponse(body, status_code=status, headers=dict(headers))


@router.post("/oauth/revoke")
async def revoke(request: Request, server: Tokens) -> JSONResponse:
    """RFC 7009 revocation of a household's refresh token (signing out ends the session).
    Always 200, known token or not, so the answer tells nothing about the token."""
    form = await request.form()
    token = form.get("token")
    if isinstance(token, str) and token:
        await server.bridge.logins.revoke_refresh_token(token)
    return JSONResponse({})


@router.get("/.well-known/jwks.json")
async def jwks(keys: Keys) -> JSONResponse:
    """The public keys that verify our tokens (current and recently retired)."""
    await keys.refresh_if_stale()
    return JSONResponse(keys.public_jwks(), headers={"Cache-Control": "public, max-age=60"})


@router.get("/.well-known/openid-configuration")
async def openid_configuration(runtime: Runtime) -> dict[str, Any]:
    """Discovery: where the keys and the token endpoint are, and what they support."""
    issuer = runtime.settings.issuer.rstrip("/")
    return {
        "issuer": runtime.settings.issuer,
        "jwks_uri": f"{issuer}/.well-known/jwks.json",
        "token_endpoint": f"{issuer}/oauth/token",
        "revocation_endpoint": f"{issuer}/oauth/revoke",
        "grant_types_supported": list(GRANT_TYPES),
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "response_types_supported": [],
        "subject_types_supported": ["public"],
        "claims_supported": [
            "iss",
            "aud",
            "sub",
            "iat",
            "exp",
            "jti",
            "kind",
            "roles",
            "person",
            "household",
            "client_id",
        ],
    }
