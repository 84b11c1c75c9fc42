"""Engine, connection settings, sessions, and schema upgrades that cannot lose data.

SQLite is set up for a machine that may lose power at any moment: WAL journal, ``synchronous=FULL``
for committed work, foreign keys enforced, and a busy timeout so that a reader never fails just
because a write is in progress. Write transactions start with ``BEGIN IMMEDIATE`` so that two
writers queue instead of failing half-way (the audit chain depends on strictly serial writes).

The schema is created and changed only by alembic. Before an existing database is upgraded, a copy
is written and verified; the upgrade itself runs in one transaction with foreign keys switched off
(SQLite's table rebuilds would otherwise cascade deletes) and checked before it commits.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.resources import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config
from dnqp_desktop.core.search import INDEX_TABLES

BUSY_TIMEOUT_MS = 10_000
_BEGIN_OPTION = "dnqp_begin"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    """The database file behind a SQLite URL, or None for memory and other back ends."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def make_engine(url: str, *, read_only: bool = False, holder: str = "-") -> Engine:
    """An engine with our connection settings; ``read_only`` refuses every write transaction.

    Read-only engines serve a second program on a data folder whose writer lock is taken (``holder``
    says who has it). The refusal comes before ``BEGIN IMMEDIATE``, which would stall the real
    writer, as a clear message; ``PRAGMA query_only`` stops any write that bypasses the services.
    Other back ends are shared servers with their own access control, so the option is SQLite's only.
    """
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _configure_sqlite_connection)
    if read_only:
        event.listen(engine, "connect", _make_query_only)
        event.listen(engine, "begin", partial(_refuse_writes, holder))
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _make_query_only(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA query_only=ON")


def _refuse_writes(holder: str, connection: Any) -> None:
    if connection.get_execution_options().get(_BEGIN_OPTION) == "IMMEDIATE":
        raise DomainError("library_read_only", holder=holder)


def _configure_sqlite_connection(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, decide when transactions begin (see _begin_sqlite_transaction).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _begin_sqlite_transaction(connection: Any) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # Objects stay readable after commit: the UI shows what a service returned without a new query.
    return sessionmaker(engine, class_=Session, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session], *, write: bool) -> Iterator[Session]:
    """One unit of work: committed if the block ends normally, rolled back otherwise."""
    session = factory()
    try:
        if write and factory.kw["bind"].dialect.name == "sqlite":
            session.connection(execution_options={_BEGIN_OPTION: "IMMEDIATE"})
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


# --- migrations -----------------------------------------------------------------------------


# alembic itself is imported only when an upgrade has to run: at every other start the schema is
# already at head, and importing alembic would add a third of a second and 16 MB to start-up.

_REVISION = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*[\"'](?P<id>[^\"']+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(?:None|[\"'](?P<id>[^\"']+)[\"'])", re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Autogenerate filter: the search index's tables are made by migrations but are no models."""
    return not (type_ == "table" and name in INDEX_TABLES)


@cache
def _revision_graph(folder: Path) -> dict[str, str | None]:
    """{revision: down_revision} read from the revision files' header lines (a linear history)."""
    graph: dict[str, str | None] = {}
    for path in sorted((folder / "versions").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        if revision is None or down is None:
            raise RuntimeError(f"{path} does not declare revision and down_revision")
        graph[revision["id"]] = down["id"]
    return graph


def head_revision() -> str:
    graph = _revision_graph(migrations_dir())
    heads = set(graph) - set(graph.values())
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_graph(migrations_dir()))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


class NewerSchemaError(RuntimeError):
    """The database was written by a newer version of the app; upgrading this app is the fix."""


class UpgradeFailed(RuntimeError):
    """The upgrade was rolled back; the database is as it was, and ``backup`` holds a copy."""

    def __init__(self, reason: str, backup: Path | None) -> None:
        super().__init__(reason)
        self.backup = backup


@dataclass(frozen=True)
class UpgradeResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def upgrade_to_head(engine: Engine, backup_dir: Path | None) -> UpgradeResult:
    """Bring the schema to the head revision, backing up an existing database first."""
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return UpgradeResult(current, head, None)
    if current is not None and current not in known_revisions():
        raise NewerSchemaError(current)
    backup = None
    path = sqlite_path(str(engine.url))
    if current is not None and path is not None and backup_dir is not None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = copy_sqlite_database(path, backup_dir / f"pre-upgrade-{current}-{stamp}.sqlite3")
    from alembic import command

    config = alembic_config()
    with engine.connect() as connection:
        is_sqlite_db = connection.dialect.name == "sqlite"
        if is_sqlite_db:
            # Must run outside any transaction to take effect; re-enabled below for pooled reuse.
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        except Exception as exc:
            if current is None:
                raise  # a brand-new database: nothing to protect, report the real error
            raise UpgradeFailed(str(exc), backup) from exc
        finally:
            if is_sqlite_db:
                connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")
    return UpgradeResult(current, head, backup)


# --- copies and checks ----------------------------------------------------------------------


class CopyVerificationError(RuntimeError):
    pass


def copy_sqlite_database(source: Path, destination: Path) -> Path:
    """A consistent copy of a live database (SQLite's backup API), verified before it is trusted."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
        counts = _table_counts(src)
    finally:
        src.close()
        dst.close()
    check = sqlite3.connect(f"file:{partial.as_posix()}?mode=ro", uri=True)
    try:
        verdict = check.execute("PRAGMA integrity_check").fetchone()[0]
        copied = _table_counts(check)
    finally:
        check.close()
    if verdict != "ok" or copied != counts:
        partial.unlink(missing_ok=True)
        raise CopyVerificationError(f"copy of {source} failed verification: {verdict}")
    partial.replace(destination)
    return destination


def _table_counts(connection: sqlite3.Connection) -> dict[str, int]:
    names = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def probe_sqlite_file(path: Path) -> None:
    """Raise sqlite3.DatabaseError at once if ``path`` is not a readable SQLite database."""
    connection = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        connection.close()
