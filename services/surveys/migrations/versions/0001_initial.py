"""Surveys' first schema: household projection, consultations, invitations, and the two
tables kept apart by design: participation (who took part) and answers (what was answered).

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from kernel.migrations import create_kernel_tables, drop_kernel_tables

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNELS = "channel IN ('online', 'paper', 'phone', 'home_visit', 'office')"


def uuid_column(name: str, *args, nullable: bool = False, **kw) -> sa.Column:
    return sa.Column(name, UUID(as_uuid=True), *args, nullable=nullable, **kw)


def tstz(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    create_kernel_tables()
    op.create_table(
        "households",
        uuid_column("household_id", primary_key=True),
        uuid_column("landlord_id"),
        uuid_column("site_id"),
        uuid_column("building_id"),
        sa.Column("language", sa.String(2), nullable=False),
    )
    op.create_index("ix_households_landlord_site", "households", ["landlord_id", "site_id"])
    op.create_table(
        "consultations",
        uuid_column("id", primary_key=True),
        uuid_column("landlord_id"),
        uuid_column("council_id", nullable=True),
        sa.Column("owner_id", sa.String(100)),
        sa.Column("title", JSONB, nullable=False),
        sa.Column("description", JSONB, nullable=False),
        sa.Column("site_ids", ARRAY(UUID(as_uuid=True)), nullable=False),
        sa.Column("building_ids", ARRAY(UUID(as_uuid=True)), nullable=False),
        sa.Column("objective_tags", ARRAY(sa.String), nullable=False),
        tstz("opens_at", nullable=False),
        tstz("closes_at", nullable=False),
        sa.Column("follow_up_due", sa.Date),
        sa.Column("live_results", sa.Boolean, nullable=False),
        sa.Column("suppression_threshold", sa.Integer, nullable=False),
        sa.Column("questions", JSONB, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        tstz("created_at", nullable=False),
        tstz("published_at"),
        tstz("closed_at"),
        sa.Column("follow_up", JSONB),
        tstz("follow_up_published_at"),
        sa.Column("follow_up_overdue_flagged", sa.Boolean, nullable=False, server_default=sa.false()),
        tstz("participation_announced_at"),
        sa.CheckConstraint("suppression_threshold >= 3", name="ck_consultations_threshold"),
        sa.CheckConstraint("status IN ('draft', 'published', 'closed')", name="ck_consultations_status"),
        sa.CheckConstraint("closes_at > opens_at", name="ck_consultations_period"),
    )
    op.create_index("ix_consultations_landlord", "consultations", ["landlord_id", "created_at", "id"])
    op.create_table(
        "invitations",
        uuid_column("id", primary_key=True),
        uuid_column("consultation_id", sa.ForeignKey("consultations.id")),
        uuid_column("household_id"),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        uuid_column("site_id"),
        uuid_column("building_id"),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("used", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.UniqueConstraint("consultation_id", "household_id", name="uq_invitations_household"),
    )
    # Who took part: one row per used invitation, with a day (never a time) and the channel.
    op.create_table(
        "participation",
        uuid_column("invitation_id", sa.ForeignKey("invitations.id"), primary_key=True),
        uuid_column("consultation_id", sa.ForeignKey("consultations.id")),
        uuid_column("site_id"),
        uuid_column("building_id"),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.CheckConstraint(CHANNELS, name="ck_participation_channel"),
    )
    op.create_index("ix_participation_consultation", "participation", ["consultation_id"])
    # What was answered: a random id, the site and channel (for breakdowns), nothing else.
    op.create_table(
        "answers",
        uuid_column("id", primary_key=True),
        uuid_column("consultation_id", sa.ForeignKey("consultations.id")),
        uuid_column("site_id"),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("answers", JSONB, nullable=False),
        sa.CheckConstraint(CHANNELS, name="ck_answers_channel"),
    )
    op.create_index("ix_answers_consultation", "answers", ["consultation_id"])


def downgrade() -> None:
    for table in ("answers", "participation", "invitations", "consultations", "households"):
        op.drop_table(table)
    drop_kernel_tables()
