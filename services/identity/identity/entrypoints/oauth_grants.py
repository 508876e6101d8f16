"""The token endpoint's grants."""

from __future__ import annotations

from typing import Any, ClassVar

from authlib.oauth2.rfc6749 import grants
from authlib.oauth2.rfc6749.errors import (
    InvalidGrantError,
    InvalidRequestError,
    UnauthorizedClientError,
)

from identity.domain.clients import ACTIVATION_CODE
from identity.domain.tokens import TokenSubject


class PartnerCredentialsGrant(grants.ClientCredentialsGrant):  # type: ignore[misc]
    """Partners' systems: ``client_credentials`` with the secret in the header or the form."""

    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = ["client_secret_basic", "client_secret_post"]


class StaffPasswordGrant(grants.ResourceOwnerPasswordCredentialsGrant):  # type: ignore[misc]
    """Staff, council members, workers and admins log in through the portal (public client)."""

    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = ["none"]

    def authenticate_user(self, username: str, password: str) -> TokenSubject:
        subject: TokenSubject | None = self.server.bridge.authenticate_person(username, password)
        if subject is None:
            raise InvalidGrantError("Invalid username or password.")
        return subject


class ActivationCodeGrant(grants.BaseGrant, grants.TokenEndpointMixin):  # type: ignore[misc]
    """Tenants exchange the one-time code of their letter for a household token."""

    GRANT_TYPE = ACTIVATION_CODE
    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = ["none"]

    def validate_token_request(self) -> None:
        client = self.authenticate_token_endpoint_client()
        if not client.check_grant_type(self.GRANT_TYPE):
            raise UnauthorizedClientError("The client may not use the activation-code grant.")
        code = self.request.form.get("code")
        if not code:
            raise InvalidRequestError("Missing 'code' in request.")
        subject = self.server.bridge.redeem_activation_code(code)
        if subject is None:
            raise InvalidGrantError("The activation code is not valid, has expired or was used.")
        self.request.client = client
        self.request.user = subject

    def create_token_response(self) -> tuple[int, Any, Any]:
        token = self.generate_token(user=self.request.user, include_refresh_token=False)
        return 200, token, self.TOKEN_RESPONSE_HEADER


GRANTS = (PartnerCredentialsGrant, StaffPasswordGrant, ActivationCodeGrant)
