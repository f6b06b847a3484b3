"""Track choices: which specialization track the learner picked for a month, with history.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "track_choices",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("track", sa.String(64), nullable=False),
        sa.Column("chosen_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_track_choices_month", "track_choices", ["month", "chosen_at"])


def downgrade() -> None:
    op.drop_index("ix_track_choices_month", table_name="track_choices")
    op.drop_table("track_choices")
