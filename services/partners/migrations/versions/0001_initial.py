"""Partners' first schema: directory, partnerships, subscriptions, event log, feed, deliveries.

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

EMPTY_LIST = sa.text("'[]'::jsonb")
EMPTY_OBJECT = sa.text("'{}'::jsonb")


def tstz(name: str, nullable: bool = True, now: bool = False) -> sa.Column:
    return sa.Column(
        name, sa.DateTime(timezone=True), nullable=nullable, server_default=sa.func.now() if now else None
    )


def uuid_col(name: str, nullable: bool = False, fk: str | None = None, pk: bool = False) -> sa.Column:
    args = [sa.ForeignKey(fk)] if fk else []
    return sa.Column(name, UUID(as_uuid=True), *args, nullable=nullable, primary_key=pk)


def json_col(name: str, default: sa.TextClause = EMPTY_LIST) -> sa.Column:
    return sa.Column(name, JSONB, nullable=False, server_default=default)


def upgrade() -> None:
    create_kernel_tables()
    op.create_table(
        "partners",
        uuid_col("id", pk=True),
        sa.Column("name", JSONB, nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        json_col("description", EMPTY_OBJECT),
        json_col("services"),
        json_col("languages"),
        json_col("landlord_ids"),
        json_col("site_ids"),
        json_col("municipalities"),
        json_col("contact", EMPTY_OBJECT),
        json_col("opening_hours", EMPTY_OBJECT),
        tstz("registered_at", nullable=False, now=True),
    )
    op.create_table(
        "partner_clients",
        sa.Column("client_id", sa.String(200), primary_key=True),
        uuid_col("partner_id", fk="partners.id"),
    )
    op.create_index("ix_partner_clients_partner_id", "partner_clients", ["partner_id"])
    op.create_table(
        "partnerships",
        uuid_col("id", pk=True),
        uuid_col("partner_id", fk="partners.id"),
        uuid_col("landlord_id"),
        json_col("site_ids"),
        json_col("event_types"),
        tstz("valid_from", nullable=False),
        tstz("valid_to"),
        tstz("revoked_at"),
        sa.Column("granted_by", sa.String, nullable=False),
        tstz("granted_at", nullable=False, now=True),
        sa.CheckConstraint("valid_to IS NULL OR valid_to > valid_from", name="ck_partnerships_period"),
    )
    op.create_index("ix_partnerships_partner_id", "partnerships", ["partner_id"])
    op.create_index("ix_partnerships_landlord_id", "partnerships", ["landlord_id"])
    op.create_table(
        "subscriptions",
        uuid_col("id", pk=True),
        uuid_col("partner_id", fk="partners.id"),
        json_col("event_types"),
        json_col("landlord_ids"),
        json_col("site_ids"),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("url", sa.String(2000)),
        sa.Column("secret", sa.String(100)),
        sa.Column("previous_secret", sa.String(100)),
        tstz("previous_secret_until"),
        sa.Column("status", sa.String(10), nullable=False, server_default="active"),
        sa.Column("disabled_reason", sa.String(20)),
        tstz("disabled_at"),
        tstz("failing_since"),
        tstz("created_at", nullable=False, now=True),
        tstz("deleted_at"),
        sa.CheckConstraint("channel IN ('webhook', 'feed')", name="ck_subscriptions_channel"),
        sa.CheckConstraint("status IN ('active', 'disabled')", name="ck_subscriptions_status"),
        sa.CheckConstraint("(channel = 'webhook') = (url IS NOT NULL)", name="ck_subscriptions_url"),
    )
    op.create_index("ix_subscriptions_partner_id", "subscriptions", ["partner_id"])
    op.create_table(
        "event_log",
        sa.Column("position", sa.BigInteger, sa.Identity(always=True), primary_key=True),
        uuid_col("event_id"),
        sa.Column("event_type", sa.String, nullable=False),
        uuid_col("landlord_id", nullable=True),
        uuid_col("site_id", nullable=True),
        tstz("occurred_at", nullable=False),
        sa.Column("envelope", JSONB, nullable=False),
        sa.UniqueConstraint("event_id", name="uq_event_log_event_id"),
    )
    op.create_table(
        "feed_entries",
        uuid_col("partner_id", pk=True),
        sa.Column("position", sa.BigInteger, sa.ForeignKey("event_log.position"), primary_key=True),
    )
    op.create_table(
        "deliveries",
        uuid_col("id", pk=True),
        uuid_col("subscription_id", fk="subscriptions.id"),
        sa.Column("position", sa.BigInteger, sa.ForeignKey("event_log.position"), nullable=False),
        sa.Column("event_type", sa.String, nullable=False),
        sa.Column("status", sa.String(10), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        tstz("next_attempt_at"),
        tstz("lease_until"),
        tstz("created_at", nullable=False, now=True),
        tstz("delivered_at"),
        sa.UniqueConstraint("subscription_id", "position", name="uq_deliveries_subscription_position"),
        sa.CheckConstraint("status IN ('pending', 'delivered', 'failed')", name="ck_deliveries_status"),
    )
    op.create_index(
        "ix_deliveries_due",
        "deliveries",
        ["next_attempt_at", "position"],
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_table(
        "delivery_attempts",
        uuid_col("id", pk=True),
        uuid_col("delivery_id", fk="deliveries.id"),
        sa.Column("number", sa.Integer, nullable=False),
        tstz("attempted_at", nullable=False),
        sa.Column("status_code", sa.Integer),
        sa.Column("latency_ms", sa.Integer, nullable=False),
        sa.Column("error", sa.String(500)),
        sa.Column("response_excerpt", sa.String(500)),
    )
    op.create_index("ix_delivery_attempts_delivery_id", "delivery_attempts", ["delivery_id"])
    op.create_table(
        "activities",
        uuid_col("id", pk=True),
        uuid_col("partner_id", fk="partners.id"),
        uuid_col("landlord_id"),
        uuid_col("site_id", nullable=True),
        sa.Column("title", JSONB, nullable=False),
        json_col("description", EMPTY_OBJECT),
        tstz("starts_at", nullable=False),
        tstz("ends_at", nullable=False),
        sa.Column("audience", sa.String(20), nullable=False),
        json_col("languages"),
        sa.Column("room_request", JSONB),
        tstz("announced_at", nullable=False, now=True),
        sa.CheckConstraint("ends_at > starts_at", name="ck_activities_period"),
    )
    op.create_index("ix_activities_landlord_starts", "activities", ["landlord_id", "starts_at"])


def downgrade() -> None:
    for table in (
        "activities",
        "delivery_attempts",
        "deliveries",
        "feed_entries",
        "event_log",
        "subscriptions",
        "partnerships",
        "partner_clients",
        "partners",
    ):
        op.drop_table(table)
    drop_kernel_tables()
