"""Roles are data with a landlord scope; errors keep their code across services."""

from __future__ import annotations

import pytest

from kernel.auth import Principal
from kernel.errors import Conflict, DomainError, Forbidden, NotFound, ValidationFailed, from_problem
from kernel.events import event_type_of, nats_subject, stream_name


def staff_of(landlord: str) -> Principal:
    return Principal.from_claims(
        {
            "sub": "p1",
            "kind": "person",
            "person": "p1",
            "roles": [{"role": "landlord_staff", "landlord": landlord}],
        }
    )


def test_a_role_counts_only_within_its_landlord() -> None:
    principal = staff_of("L1")
    assert principal.has("landlord_staff", "L1")
    assert not principal.has("landlord_staff", "L2")
    assert not principal.has("council_member", "L1")
    principal.require("landlord_staff", "L1")
    with pytest.raises(Forbidden):
        principal.require("landlord_staff", "L2")


def test_a_regional_admin_acts_across_landlords() -> None:
    admin = Principal.from_claims({"sub": "a", "roles": [{"role": "regional_admin", "landlord": None}]})
    admin.require("landlord_staff", "L9")
    assert admin.is_regional_admin


def test_a_grant_without_landlord_is_no_wildcard() -> None:
    partner = Principal.from_claims({"sub": "c", "kind": "client", "roles": [{"role": "partner"}]})
    assert partner.has("partner")
    assert not partner.has("partner", "L1")
    with pytest.raises(Forbidden):
        partner.require("partner", "L1")


def test_unknown_principal_kinds_are_refused() -> None:
    with pytest.raises(DomainError) as caught:
        Principal.from_claims({"sub": "x", "kind": "robot"})
    assert caught.value.code == "UNAUTHENTICATED"


@pytest.mark.parametrize("error", [NotFound(), Conflict(), ValidationFailed(field="title"), Forbidden()])
def test_a_problem_from_another_service_becomes_the_same_typed_error(error: DomainError) -> None:
    problem = {"code": error.code, "detail": "x", "field": error.field, "message_key": error.key}
    rebuilt = from_problem(problem)
    assert type(rebuilt) is type(error)
    assert rebuilt.extensions() == error.extensions()
    assert rebuilt.message("fr") == error.message("fr") != error.message("nl")


def test_subjects_and_streams_carry_the_namespace_both_ways() -> None:
    subject = nats_subject("inspraak.councils.meeting.held", "t1")
    assert subject == "t1.inspraak.councils.meeting.held"
    assert event_type_of(subject, "t1") == "inspraak.councils.meeting.held"
    assert stream_name("councils") == "COUNCILS"
    assert stream_name("councils", "t1") == "T1_COUNCILS"


def test_message_parameters_survive_the_trip_between_services() -> None:
    error = Conflict(message_key="error.internal", params={"correlation_id": "c-42"})
    problem = {
        "code": "CONFLICT",
        "detail": error.message("nl"),
        "message_key": error.key,
        "params": {"correlation_id": "c-42"},
    }
    assert from_problem(problem).message("fr") == error.message("fr")
    assert "c-42" in from_problem(problem).message("fr")
