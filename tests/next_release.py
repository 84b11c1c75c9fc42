"""The next release's migrations, for tests of upgrades: ours plus one revision that rebuilds a table."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dnqp_desktop.core import db
from dnqp_desktop.core.resources import migrations_dir

NEXT_REVISION_ID = "9001"

_NEXT_REVISION = '''
"""Test-only revision: rebuilds the person table, as real future revisions will."""
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch_op:
        batch_op.add_column(sa.Column("nickname", sa.String(length=50), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("person") as batch_op:
        batch_op.drop_column("nickname")
'''


def install_next_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the program see a copy of our migrations with revision 9001 on top; returns the copy."""
    folder = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "9001_test.py").write_text(_NEXT_REVISION.format(head=db.head_revision()))
    monkeypatch.setattr(db, "migrations_dir", lambda: folder)
    return folder
