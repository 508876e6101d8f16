"""Councils' first schema: councils, mandates, meetings, agenda items, votes, advice, projections.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from collections.abc import Sequence

from alembic import op

from councils.adapters.tables import CouncilsTable
from kernel.migrations import create_kernel_tables, drop_kernel_tables

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHECKS = (
    ("councils", "ck_councils_seats", "seats BETWEEN 5 AND 15"),
    ("mandates", "ck_mandates_term", "term_end > term_start"),
    ("votes", "ck_votes_choice", "choice IN ('for', 'against', 'abstain')"),
    ("advice", "ck_advice_justified",
     "response IS NULL OR response = 'followed' OR justification IS NOT NULL"),
)


def upgrade() -> None:
    create_kernel_tables()
    CouncilsTable.metadata.create_all(op.get_bind())
    for table, name, condition in CHECKS:
        op.create_check_constraint(name, table, condition)
    op.create_index(
        "ux_agenda_items_consultation", "agenda_items", ["council_id", "consultation_id"], unique=True,
        postgresql_where="consultation_id IS NOT NULL",
    )


def downgrade() -> None:
    CouncilsTable.metadata.drop_all(op.get_bind())
    drop_kernel_tables()
