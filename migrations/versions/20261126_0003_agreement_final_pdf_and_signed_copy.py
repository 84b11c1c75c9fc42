"""Agreements remember their final PDF and their signed copy (issue 9, signed copies and versions).

``final_sha256`` is the SHA-256 of the PDF rendered when the text was marked final, in the
arrangement ``final_layout``; that PDF is kept as an attachment (``final_pdf_id``), and the scanned
signed copy as another (``signed_copy_id``). Existing rows get empty values: agreements recorded
before this version were never marked final by the application.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 23:26:19
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The server defaults fill the rows already there (batch mode copies them into the new table).
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("final_sha256", sa.String(length=64), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("final_layout", sa.String(length=20), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("final_pdf_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("signed_copy_id", sa.String(length=36), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_agreement_final_pdf_id_attachment"), "attachment", ["final_pdf_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_agreement_signed_copy_id_attachment"), "attachment", ["signed_copy_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_agreement_signed_copy_id_attachment"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_agreement_final_pdf_id_attachment"), type_="foreignkey")
        batch_op.drop_column("signed_copy_id")
        batch_op.drop_column("final_pdf_id")
        batch_op.drop_column("final_layout")
        batch_op.drop_column("final_sha256")
