"""Spaces' first schema: spaces, closures, series, bookings (no double booking), feeds.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

from kernel.migrations import create_kernel_tables, drop_kernel_tables

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATES = "state IN ('requested', 'confirmed', 'rejected', 'cancelled', 'checked_in', 'no_show')"
LIVE = "state IN ('requested', 'confirmed', 'checked_in')"
KINDS = "organisation_kind IN ('council', 'partner', 'tenant_group', 'landlord')"


def uuid_col(name: str, *args, nullable: bool = False, **kwargs) -> sa.Column:
    return sa.Column(name, UUID(as_uuid=True), *args, nullable=nullable, **kwargs)


def tstz(name: str, nullable: bool = True, now: bool = False) -> sa.Column:
    return sa.Column(
        name, sa.DateTime(timezone=True), nullable=nullable,
        server_default=sa.func.now() if now else None,
    )


def jsonb(name: str) -> sa.Column:
    return sa.Column(name, JSONB, nullable=False)


def upgrade() -> None:
    # btree_gist lets one GiST index combine equality on space_id with range overlap.
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public")
    create_kernel_tables()
    op.create_table(
        "spaces",
        uuid_col("id", primary_key=True),
        uuid_col("landlord_id"),
        uuid_col("site_id"),
        jsonb("name"),
        sa.Column("capacity", sa.Integer, nullable=False),
        jsonb("accessibility"),
        jsonb("equipment"),
        jsonb("house_rules"),
        jsonb("opening_hours"),
        jsonb("policy"),
        sa.Column("feed_token", sa.String, nullable=False, unique=True),
        tstz("created_at", nullable=False, now=True),
        sa.CheckConstraint("capacity > 0", name="ck_spaces_capacity"),
    )
    op.create_index("ix_spaces_site_id", "spaces", ["site_id"])
    op.create_index("ix_spaces_landlord_id", "spaces", ["landlord_id"])
    op.create_table(
        "closures",
        uuid_col("id", primary_key=True),
        uuid_col("space_id", sa.ForeignKey("spaces.id")),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("ends_on", sa.Date, nullable=False),
        jsonb("reason"),
        sa.CheckConstraint("ends_on >= starts_on", name="ck_closures_order"),
    )
    op.create_index("ix_closures_space_id", "closures", ["space_id"])
    op.create_table(
        "series",
        uuid_col("id", primary_key=True),
        uuid_col("space_id", sa.ForeignKey("spaces.id")),
        sa.Column("rule", sa.String, nullable=False),
        tstz("starts_at", nullable=False),
        tstz("ends_at", nullable=False),
    )
    op.create_table(
        "bookings",
        uuid_col("id", primary_key=True),
        uuid_col("space_id", sa.ForeignKey("spaces.id")),
        uuid_col("series_id", sa.ForeignKey("series.id"), nullable=True),
        sa.Column("organisation_kind", sa.String, nullable=False),
        uuid_col("organisation_id"),
        sa.Column("booker", sa.String, nullable=False),
        sa.Column("purpose", sa.String, nullable=False),
        sa.Column("attendees", sa.Integer, nullable=False),
        tstz("starts_at", nullable=False),
        tstz("ends_at", nullable=False),
        tstz("blocked_until", nullable=False),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("request_source", sa.String),
        uuid_col("request_id", nullable=True),
        tstz("requested_at", nullable=False, now=True),
        tstz("decided_at"),
        sa.Column("rejection_reason", sa.String),
        sa.Column("late_cancellation", sa.Boolean, nullable=False, server_default=sa.false()),
        tstz("checked_in_at"),
        sa.CheckConstraint(STATES, name="ck_bookings_state"),
        sa.CheckConstraint(KINDS, name="ck_bookings_organisation_kind"),
        sa.CheckConstraint("ends_at > starts_at AND blocked_until >= ends_at", name="ck_bookings_period"),
        sa.CheckConstraint("attendees > 0", name="ck_bookings_attendees"),
    )
    # No double booking, by construction: two live bookings of one room never overlap,
    # buffers included ('[)' ranges: one may start where the other's buffer ends).
    op.execute(
        "ALTER TABLE bookings ADD CONSTRAINT ex_bookings_no_overlap EXCLUDE USING gist "
        "(space_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&) "
        f"WHERE ({LIVE})"
    )
    op.create_index(
        "ux_bookings_request", "bookings", ["request_source", "request_id"], unique=True,
        postgresql_where=sa.text("request_id IS NOT NULL"),
    )
    op.create_index("ix_bookings_organisation", "bookings", ["organisation_kind", "organisation_id", "starts_at"])
    op.create_index("ix_bookings_booker", "bookings", ["booker"])
    op.create_index("ix_bookings_series", "bookings", ["series_id"])
    op.create_index(
        "ix_bookings_confirmed_start", "bookings", ["starts_at"],
        postgresql_where=sa.text("state = 'confirmed'"),
    )
    op.create_table(
        "organisation_feeds",
        sa.Column("organisation_kind", sa.String, primary_key=True),
        uuid_col("organisation_id", primary_key=True),
        sa.Column("token", sa.String, nullable=False, unique=True),
    )


def downgrade() -> None:
    for table in ("organisation_feeds", "bookings", "series", "closures", "spaces"):
        op.drop_table(table)
    drop_kernel_tables()
