"""Identity's first schema: landlords, places, households, people, memberships, credentials.

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

ROLES = ("tenant", "council_member", "community_worker", "landlord_staff", "partner", "regional_admin")
LANGUAGES = "language IN ('nl', 'fr', 'en')"


def tstz(name: str, nullable: bool = True, now: bool = False) -> sa.Column:
    return sa.Column(
        name, sa.DateTime(timezone=True), nullable=nullable,
        server_default=sa.func.now() if now else None,
    )


def fk(name: str, target: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, UUID(as_uuid=True), sa.ForeignKey(target), nullable=nullable)


def upgrade() -> None:
    create_kernel_tables()
    op.create_table(
        "landlords",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("code", sa.String(60), nullable=False, unique=True),
        sa.Column("name", JSONB, nullable=False),
        sa.Column("municipalities", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("dwellings", sa.Integer, nullable=False),
        tstz("registered_at", nullable=False, now=True),
        sa.CheckConstraint("dwellings >= 0", name="ck_landlords_dwellings"),
    )
    op.create_table(
        "sites",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        fk("landlord_id", "landlords.id"),
        sa.Column("name", JSONB, nullable=False),
        sa.Column("municipality", sa.String, nullable=False),
    )
    op.create_index("ix_sites_landlord_id", "sites", ["landlord_id"])
    op.create_table(
        "buildings",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        fk("site_id", "sites.id"),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("address", sa.String, nullable=False),
    )
    op.create_index("ix_buildings_site_id", "buildings", ["site_id"])
    op.create_table(
        "households",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        fk("landlord_id", "landlords.id"),
        fk("site_id", "sites.id"),
        fk("building_id", "buildings.id"),
        sa.Column("language", sa.String(2), nullable=False),
        tstz("registered_at", nullable=False),
        sa.CheckConstraint(LANGUAGES, name="ck_households_language"),
    )
    for column in ("landlord_id", "site_id", "building_id"):
        op.create_index(f"ix_households_{column}", "households", [column])
    op.create_table(
        "people",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("display_name", sa.String, nullable=False),
        sa.Column("preferred_language", sa.String(2), nullable=False),
        fk("household_id", "households.id", nullable=True),
        sa.Column("username", sa.String, nullable=True, unique=True),
        sa.Column("password_hash", sa.String, nullable=True),
        tstz("created_at", nullable=False, now=True),
        sa.CheckConstraint("preferred_language IN ('nl', 'fr', 'en')", name="ck_people_language"),
    )
    op.create_index("ix_people_household_id", "people", ["household_id"])
    op.create_table(
        "memberships",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        fk("person_id", "people.id"),
        sa.Column("role", sa.String, nullable=False),
        fk("landlord_id", "landlords.id", nullable=True),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("valid_to", sa.Date, nullable=True),
        tstz("revoked_at"),
        tstz("granted_at", nullable=False, now=True),
        sa.CheckConstraint(f"role IN {ROLES!r}".replace('"', "'"), name="ck_memberships_role"),
        sa.CheckConstraint(
            "(role = 'regional_admin') = (landlord_id IS NULL)", name="ck_memberships_scope"
        ),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="ck_memberships_period"),
    )
    op.create_index("ix_memberships_person_id", "memberships", ["person_id"])
    op.create_index("ix_memberships_landlord_id", "memberships", ["landlord_id"])
    op.create_table(
        "partner_clients",
        sa.Column("client_id", sa.String, primary_key=True),
        sa.Column("secret_hash", sa.String, nullable=False),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("organisation", sa.String, nullable=False),
        tstz("created_at", nullable=False, now=True),
    )
    op.create_table(
        "activation_codes",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        fk("household_id", "households.id"),
        tstz("created_at", nullable=False),
        tstz("expires_at", nullable=False),
        tstz("used_at"),
    )
    op.create_index("ix_activation_codes_household_id", "activation_codes", ["household_id"])
    op.create_table(
        "signing_keys",
        sa.Column("kid", sa.String, primary_key=True),
        sa.Column("private_jwk", JSONB, nullable=False),
        tstz("created_at", nullable=False),
        tstz("retired_at"),
    )
    op.create_table(
        "demo_credentials",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("credentials", JSONB, nullable=False),
        tstz("created_at", nullable=False, now=True),
        sa.CheckConstraint("id = 1", name="ck_demo_credentials_single"),
    )


def downgrade() -> None:
    for table in (
        "demo_credentials", "signing_keys", "activation_codes", "partner_clients",
        "memberships", "people", "households", "buildings", "sites", "landlords",
    ):
        op.drop_table(table)
    drop_kernel_tables()
