"""The schema is made only by migrations, agrees with the models, and upgrades without loss."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from dnqp_desktop.core import db
from dnqp_desktop.core.config import DATABASE_FILENAME
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models import metadata
from dnqp_desktop.core.services.policy import SYSTEM
from tests.helpers import make_person, make_unit
from tests.next_release import install_next_release


def test_empty_folder_is_migrated_to_head(tmp_path: Path) -> None:
    with Library.open(tmp_path / "new") as library:
        assert library.upgrade is not None
        assert library.upgrade.from_revision is None
        assert db.current_revision(library.engine) == db.head_revision()
        assert library.upgrade.backup is None  # nothing to protect yet
    tables = {
        row[0]
        for row in sqlite3.connect(tmp_path / "new" / DATABASE_FILENAME).execute(
            "SELECT name FROM sqlite_master WHERE type='table'"
        )
    }
    assert set(metadata.tables) | {"alembic_version"} <= tables


def test_models_and_migration_head_agree(library: Library) -> None:
    with library.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": db.include_name})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_reopening_at_head_changes_nothing(library: Library, data_dir: Path) -> None:
    make_unit(library)
    library.close()
    with Library.open(data_dir) as again:
        assert again.upgrade is not None and again.upgrade.from_revision == again.upgrade.to_revision
        assert again.upgrade.backup is None
        assert again.units.count() == 1


def test_database_from_a_newer_version_is_refused(library: Library, data_dir: Path) -> None:
    with library.write() as session:
        session.connection().exec_driver_sql("UPDATE alembic_version SET version_num = 'f00dface'")
    library.close()
    with pytest.raises(DomainError) as caught:
        Library.open(data_dir)
    assert caught.value.message_id == "database_newer"
    assert "f00dface" in caught.value.message("en")


#: The head this release ships, before a test adds the next release's revision on top of it.
SHIPPED_HEAD = db.head_revision()


@pytest.fixture
def next_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of our migrations plus one more revision, as the next release would ship."""
    return install_next_release(tmp_path, monkeypatch)


def test_upgrade_backs_up_first_and_keeps_every_row(library: Library, data_dir: Path, next_revision: Path) -> None:
    person = make_person(
        library,
        ranks=[{"rank": "colonel", "since": "2020-01-01"}],
        passports=[{"number": "C1234567", "expires_on": "2030-01-01"}],
    )
    library.close()

    with Library.open(data_dir) as upgraded:
        assert upgraded.upgrade is not None
        assert (upgraded.upgrade.from_revision, upgraded.upgrade.to_revision) == (SHIPPED_HEAD, "9001")
        backup = upgraded.upgrade.backup
        assert backup is not None and backup.parent == data_dir / "backups"
        # Rebuilding "person" must not cascade-delete its ranks and passports.
        reloaded = upgraded.people.get(person.id)
        assert [r.rank for r in reloaded.ranks] == ["colonel"]
        assert [p.number for p in reloaded.passports] == ["C1234567"]
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SHIPPED_HEAD
    assert copy.execute("SELECT count(*) FROM passport").fetchone()[0] == 1


def test_failed_upgrade_leaves_the_database_as_it_was(library: Library, data_dir: Path, next_revision: Path) -> None:
    make_unit(library)
    library.close()
    broken = (
        (next_revision / "versions" / "9001_test.py")
        .read_text()
        .replace(
            'batch_op.add_column(sa.Column("nickname", sa.String(length=50), nullable=False, server_default=""))',
            'batch_op.add_column(sa.Column("nickname", sa.String(length=50)))\n'
            '    op.execute("SELECT no_such_function()")',
        )
    )
    (next_revision / "versions" / "9001_test.py").write_text(broken)
    with pytest.raises(DomainError) as caught:
        Library.open(data_dir)
    assert caught.value.message_id == "upgrade_failed"
    assert str(data_dir / "backups") in caught.value.message("en")
    connection = sqlite3.connect(data_dir / DATABASE_FILENAME)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SHIPPED_HEAD
    columns = [row[1] for row in connection.execute("PRAGMA table_info(person)")]
    assert "nickname" not in columns
    assert connection.execute("SELECT count(*) FROM unit").fetchone()[0] == 1


def test_fast_revision_reading_agrees_with_alembic() -> None:
    """Start-up reads revisions without importing alembic; it must see what alembic sees."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(db.alembic_config())
    assert db.head_revision() == scripts.get_current_head()
    assert db.known_revisions() == {script.revision for script in scripts.walk_revisions()}


def test_an_older_audit_trail_gets_its_anchor_at_the_upgrade(library: Library, data_dir: Path) -> None:
    """A 0003 database (no audit_anchor) with audit rows: the upgrade anchors the trail as it stands."""
    from dnqp_desktop.core.services import audit

    unit = make_unit(library)
    make_person(library)
    library.close()
    connection = sqlite3.connect(data_dir / DATABASE_FILENAME)
    connection.execute("DROP TABLE audit_anchor")
    connection.execute("UPDATE alembic_version SET version_num = '0003'")
    connection.commit()
    connection.close()
    with Library.open(data_dir) as upgraded:
        assert upgraded.upgrade.from_revision == "0003"
        with upgraded.read() as session:
            assert audit.verify_chain(session) is None
        upgraded.units.update(unit.id, {"short_name": "BCH"}, actor=SYSTEM)
        with upgraded.write() as session:
            session.connection().exec_driver_sql("DELETE FROM audit_log WHERE seq = 3")
        with upgraded.read() as session:
            broken = audit.verify_chain(session)
        assert broken is not None and (broken.seq, broken.reason) == (3, "truncated")
