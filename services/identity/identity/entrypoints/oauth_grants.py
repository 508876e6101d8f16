"""The token endpoint's grants."""

from __future__ import annotations

from typing import Any, ClassVar

from authlib.oauth2.rfc6749 import grants
from authlib.oauth2.rfc6749.errors import (
    InvalidGrantError,
    InvalidRequestError,
    UnauthorizedClientError,
)

from identity.domain.clients import ACTIVATION_CODE, REFRESH_TOKEN
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
        opened = self.server.bridge.redeem_activation_code(code)
        if opened is None:
            raise InvalidGrantError("The activation code is not valid, has expired or was used.")
        self.request.client = client
        self.request.user, self.request.refresh_token = opened

    def create_token_response(self) -> tuple[int, Any, Any]:
        token = self.generate_token(user=self.request.user, include_refresh_token=False)
        token["refresh_token"] = self.request.refresh_token
        return 200, token, self.TOKEN_RESPONSE_HEADER


class HouseholdRefreshGrant(grants.BaseGrant, grants.TokenEndpointMixin):  # type: ignore[misc]
    """A household session goes on: the refresh token is used once and replaced (rotation).

    Not authlib's ``RefreshTokenGrant``: it checks, issues and revokes in three callbacks, so two
    concurrent refreshes could both win; here one conditional UPDATE decides (see
    ``HouseholdSessionRepository.use``).
    """

    GRANT_TYPE = REFRESH_TOKEN
    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = ["none"]

    def validate_token_request(self) -> None:
        client = self.authenticate_token_endpoint_client()
        if not client.check_grant_type(self.GRANT_TYPE):
            raise UnauthorizedClientError("The client may not use the refresh_token grant.")
        refresh_token = self.request.form.get("refresh_token")
        if not refresh_token:
            raise InvalidRequestError("Missing 'refresh_token' in request.")
        rotated = self.server.bridge.refresh_household(refresh_token)
        if rotated is None:
            raise InvalidGrantError("The refresh token is not valid, has expired or was revoked.")
        self.request.client = client
        self.request.user, self.request.refresh_token = rotated

    def create_token_response(self) -> tuple[int, Any, Any]:
        token = self.generate_token(user=self.request.user, include_refresh_token=False)
        token["refresh_token"] = self.request.refresh_token
        return 200, token, self.TOKEN_RESPONSE_HEADER


GRANTS = (PartnerCredentialsGrant, StaffPasswordGrant, ActivationCodeGrant, HouseholdRefreshGrant)
