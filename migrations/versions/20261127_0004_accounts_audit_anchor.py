"""Accounts and audit (issue 7): the audit anchor that makes a cut-off audit tail detectable.

``audit_anchor`` holds one row: the number and hash of the last audit row, updated in the same
transaction as every audit row. A database that already has an audit trail gets its anchor from
the trail's last row, so the trail as it stands at the upgrade is the one later checks expect.
The account columns (password hash, failed log-ins, delay) were made by the initial schema.

Revision ID: 20261127_0004
Revises: 0003
Create Date: 2026-11-27 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261127_0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_anchor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_anchor")),
    )
    bind = op.get_bind()
    last = bind.execute(sa.text("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1")).first()
    seq, entry_hash = (last[0], last[1]) if last is not None else (0, "0" * 64)
    bind.execute(
        sa.text("INSERT INTO audit_anchor (id, last_seq, last_hash) VALUES (1, :seq, :hash)"),
        {"seq": seq, "hash": entry_hash},
    )


def downgrade() -> None:
    op.drop_table("audit_anchor")
