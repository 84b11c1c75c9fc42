"""Search index: one row per searchable record and the keys a query looks up (see core/search/).

Plain tables and a B-tree, the same on SQLite and PostgreSQL. On PostgreSQL the key column uses the
"C" collation, so that a key range [prefix, next) holds exactly the keys starting with the prefix
(under a language collation it need not). Library.open fills the index of a database that already
holds records, since a migration must not import today's services to do it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY_LENGTH = 20


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "search_doc",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("names", sa.Text(), nullable=False),
        sa.Column("other", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_doc")),
    )
    op.create_index("uq_search_doc_kind_record_id", "search_doc", ["kind", "record_id"], unique=True)
    op.create_table(
        "search_key",
        sa.Column("key", sa.String(length=KEY_LENGTH, collation="C" if postgres else None), nullable=False),
        sa.Column("doc_id", sa.Integer(), nullable=False),
        # The record's kind and how good a match starting at this key is (core/search/text.py), so
        # that ranking reads this table only.
        sa.Column("kind_code", sa.SmallInteger(), nullable=False),
        sa.Column("weight", sa.SmallInteger(), nullable=False),
        sa.PrimaryKeyConstraint("key", "doc_id", name=op.f("pk_search_key")),
        sqlite_with_rowid=False,  # the primary key is the table: half the size, one B-tree to search
    )


def downgrade() -> None:
    op.drop_table("search_key")
    op.drop_index("uq_search_doc_kind_record_id", table_name="search_doc")
    op.drop_table("search_doc")
