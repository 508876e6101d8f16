"""Quarterly follow-up of advice: dated entries of what the landlord did with each advice.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-15
"""

from collections.abc import Sequence

from alembic import op

from councils.adapters.tables import CouncilsTable

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "advice_follow_ups"


def upgrade() -> None:
    # 0001 creates the tables of the current metadata: on a fresh database this one exists already.
    CouncilsTable.metadata.tables[TABLE].create(op.get_bind(), checkfirst=True)
    op.create_check_constraint(
        "ck_follow_ups_status", TABLE, "status IN ('planned', 'in_progress', 'done', 'abandoned')"
    )


def downgrade() -> None:
    op.drop_table(TABLE)
