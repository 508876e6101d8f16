"""The test issuer's tokens are real: the kernel's verifier accepts them, and only them."""

from __future__ import annotations

import pytest

from kernel.auth import TokenVerifier
from kernel.errors import Unauthenticated
from kernel.testing.tokens import TestIssuer


async def test_tokens_of_an_installed_test_issuer_verify_with_their_grants() -> None:
    issuer = TestIssuer()
    verifier = TokenVerifier(issuer.audience, {})
    issuer.install(verifier)
    tenant = await verifier.verify(issuer.tenant("L1", household_id="h1"))
    assert tenant.kind == "household" and tenant.household_id == "h1" and tenant.has("tenant", "L1")
    staff = await verifier.verify(issuer.person("landlord_staff", "L1"))
    assert staff.has("landlord_staff", "L1") and not staff.has("landlord_staff", "L2")
    with pytest.raises(Unauthenticated):
        await verifier.verify(TestIssuer().person("landlord_staff", "L1"))
