"""The surveys tables (SQLAlchemy Core: the service writes in bulk and with conditional updates).

No schema qualifier: the connection's ``search_path`` picks the service's schema. The
migration in ``migrations/versions`` creates them.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, DateTime, Integer, MetaData, String, Table
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

metadata = MetaData()


def _uuid(name: str, primary_key: bool = False) -> Column[object]:
    return Column(name, UUID(as_uuid=True), primary_key=primary_key)


def _tstz(name: str) -> Column[object]:
    return Column(name, DateTime(timezone=True))


households = Table(
    "households",
    metadata,
    _uuid("household_id", primary_key=True),
    _uuid("landlord_id"),
    _uuid("site_id"),
    _uuid("building_id"),
    Column("language", String(2)),
)

consultations = Table(
    "consultations",
    metadata,
    _uuid("id", primary_key=True),
    _uuid("landlord_id"),
    _uuid("council_id"),
    Column("owner_id", String),
    Column("title", JSONB),
    Column("description", JSONB),
    Column("site_ids", ARRAY(UUID(as_uuid=True))),
    Column("building_ids", ARRAY(UUID(as_uuid=True))),
    Column("objective_tags", ARRAY(String)),
    _tstz("opens_at"),
    _tstz("closes_at"),
    Column("follow_up_due", Date),
    Column("live_results", Boolean),
    Column("suppression_threshold", Integer),
    Column("questions", JSONB),
    Column("status", String),
    _tstz("created_at"),
    _tstz("published_at"),
    _tstz("closed_at"),
    Column("follow_up", JSONB(none_as_null=True)),
    _tstz("follow_up_published_at"),
    Column("follow_up_overdue_flagged", Boolean),
    _tstz("participation_announced_at"),
)

invitations = Table(
    "invitations",
    metadata,
    _uuid("id", primary_key=True),
    _uuid("consultation_id"),
    _uuid("household_id"),
    Column("code_hash", String(64)),
    _uuid("site_id"),
    _uuid("building_id"),
    Column("language", String(2)),
    Column("used", Boolean),
)

participation = Table(
    "participation",
    metadata,
    _uuid("invitation_id", primary_key=True),
    _uuid("consultation_id"),
    _uuid("site_id"),
    _uuid("building_id"),
    Column("channel", String),
    Column("day", Date),
)

answers = Table(
    "answers",
    metadata,
    _uuid("id", primary_key=True),
    _uuid("consultation_id"),
    _uuid("site_id"),
    Column("channel", String),
    Column("answers", JSONB),
)

INVITATION_COPY_COLUMNS = (
    "id",
    "consultation_id",
    "household_id",
    "code_hash",
    "site_id",
    "building_id",
    "language",
)
