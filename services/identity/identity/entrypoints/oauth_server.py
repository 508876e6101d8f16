"""The token endpoint: authlib's OAuth 2 authorization server, adapted to Starlette.

Grants: ``client_credentials`` (partners), ``password`` (staff through the portal) and the
activation-code grant (tenants through the portal). Tokens are self-contained JWTs.
"""

from __future__ import annotations

from typing import Any

from authlib.oauth2.rfc6749 import AuthorizationServer, OAuth2Request
from authlib.oauth2.rfc6749.errors import InsecureTransportError
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from identity.domain.tokens import TokenSubject
from identity.entrypoints.oauth_bridge import OAuthBridge, OAuthClient
from identity.entrypoints.oauth_grants import GRANTS

TokenResponse = tuple[int, dict[str, Any], list[tuple[str, str]]]
# authlib refuses plain-HTTP URIs. Outside production TLS is not in play (a laptop, the
# tests, a compose network), so the check runs against this stand-in instead.
_SECURE_STAND_IN = "https://localhost/oauth/token"


class FormRequest(OAuth2Request):  # type: ignore[misc]
    """A token request whose form was already read (asynchronously) from Starlette."""

    def __init__(self, uri: str, headers: Any, form: dict[str, str], *, enforce_tls: bool) -> None:
        super().__init__("POST", uri if enforce_tls else _SECURE_STAND_IN, headers=headers)
        self.uri = uri
        self._form = form
        self.payload = BasicOAuth2Payload(form)

    @property
    def form(self) -> dict[str, str]:
        return self._form

    @property
    def args(self) -> dict[str, str]:
        return {}


class TokenServer(AuthorizationServer):  # type: ignore[misc]
    """authlib's authorization server, with our clients, grants and JWT generator."""

    def __init__(self, bridge: OAuthBridge, token_endpoint: str, *, enforce_tls: bool) -> None:
        super().__init__()
        self.bridge = bridge
        self.token_endpoint = token_endpoint
        self.enforce_tls = enforce_tls
        self.register_token_generator("default", self.generate_jwt)
        for grant in GRANTS:
            self.register_grant(grant)

    def query_client(self, client_id: str) -> OAuthClient | None:
        return self.bridge.client(client_id)

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        """Nothing to store: access tokens are self-contained JWTs."""

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        """No signals."""

    def create_oauth2_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def handle_response(self, status: int, body: Any, headers: Any) -> TokenResponse:
        return status, body, list(headers)

    def generate_jwt(self, grant_type: str, client: OAuthClient, user: Any = None, **_: Any) -> Any:
        """The token for the grant's user (person or household), else for the client."""
        subject = user if isinstance(user, TokenSubject) else TokenSubject.client(client.get_client_id())
        return self.bridge.issue(subject)

    async def respond(self, request: Request) -> TokenResponse:
        """Read the form here, on the loop; run authlib in a worker thread."""
        form = await request.form()
        fields = {name: value for name, value in form.items() if isinstance(value, str)}
        try:
            oauth_request = FormRequest(
                self.token_endpoint, request.headers, fields, enforce_tls=self.enforce_tls
            )
        except InsecureTransportError as error:
            return self.handle_error_response(None, error)  # type: ignore[no-any-return]
        return await run_in_threadpool(self.create_token_response, oauth_request)
