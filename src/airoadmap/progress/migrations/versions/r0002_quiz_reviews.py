"""Quiz reviews: one row per review of a quiz card, with the scheduler's state after it.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quiz_reviews",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("card_id", sa.String(128), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_quiz_reviews_card", "quiz_reviews", ["card_id", "reviewed_at"])
    op.create_index("ix_quiz_reviews_due", "quiz_reviews", ["due"])


def downgrade() -> None:
    op.drop_index("ix_quiz_reviews_due", table_name="quiz_reviews")
    op.drop_index("ix_quiz_reviews_card", table_name="quiz_reviews")
    op.drop_table("quiz_reviews")
