"""``dnqp check``: is the data folder sound? Each check says what is wrong and what to do.

Checks read only. They run against a database that is *not* upgraded first, so that a check never
changes what it is checking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import DatabaseError

from dnqp_desktop.core import db, search
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import N_
from dnqp_desktop.core.library import Library, database_error
from dnqp_desktop.core.models import Attachment
from dnqp_desktop.core.services.audit import verify_chain


@dataclass(frozen=True)
class CheckResult:
    name: str
    #: English msgid naming the check, for display.
    label: str
    problem: DomainError | None = None
    #: What was found when all is well: the msgid "ok", a revision, a count.
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is None


def run_checks(library: Library) -> list[CheckResult]:
    checks: list[tuple[str, str, Callable[[Library], tuple[DomainError | None, str]]]] = [
        ("integrity", N_("Database integrity"), _integrity),
        ("foreign_keys", N_("References between records"), _foreign_keys),
        ("schema", N_("Schema version"), _schema),
        ("audit", N_("Audit trail"), _audit),
        ("attachments", N_("Attached files"), _attachments),
        ("search_index", N_("Search index"), _search_index),
        ("settings", N_("Settings"), _settings),
    ]
    results = []
    for name, label, check in checks:
        try:
            problem, detail = check(library)
        except DatabaseError as exc:
            problem, detail = database_error(exc, library.database_label), ""
        results.append(CheckResult(name, label, problem, detail))
        if name == "integrity" and problem is not None:
            break  # the rest would only repeat the same damage in other words
    return results


def _integrity(library: Library) -> tuple[DomainError | None, str]:
    if library.engine.dialect.name != "sqlite":
        return None, ""
    with library.engine.connect() as connection:
        rows = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    if rows == ["ok"]:
        return None, N_("ok")
    return DomainError("integrity_failed", path=library.database_label, detail=rows[0]), ""


def _foreign_keys(library: Library) -> tuple[DomainError | None, str]:
    if library.engine.dialect.name != "sqlite":
        return None, ""
    with library.engine.connect() as connection:
        rows = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if not rows:
        return None, N_("ok")
    return DomainError("foreign_keys_broken", count=len(rows), table=rows[0][0]), ""


def _schema(library: Library) -> tuple[DomainError | None, str]:
    current, head = db.current_revision(library.engine), db.head_revision()
    if current == head:
        return None, head
    if current is not None and current not in db.known_revisions():
        return DomainError("database_newer", path=library.database_label, revision=current), ""
    return DomainError("schema_outdated", current=current or "-", head=head), ""


def _audit(library: Library) -> tuple[DomainError | None, str]:
    with library.read() as session:
        broken = verify_chain(session)
    if broken is None:
        return None, N_("ok")
    if broken.reason == "truncated":
        return DomainError("audit_chain_truncated", seq=broken.seq, last=broken.last_seq), ""
    return DomainError("audit_chain_broken", seq=broken.seq, entry=broken.entry_id), ""


def _attachments(library: Library) -> tuple[DomainError | None, str]:
    with library.read() as session:
        rows = session.execute(select(Attachment.sha256, Attachment.filename).distinct()).all()
    missing = [row for row in rows if not library.blobs.verify(row.sha256)]
    if not missing:
        return None, str(len(rows))
    return DomainError("attachments_damaged", count=len(missing), filename=missing[0].filename), ""


def _search_index(library: Library) -> tuple[DomainError | None, str]:
    if db.current_revision(library.engine) != db.head_revision():
        return None, N_("not checked")  # an older schema has no index yet; the schema check says so
    with library.read() as session:
        status = search.index_status(session)
    if status.ok:
        return None, str(status.indexed)
    return DomainError("search_index_stale", missing=status.missing, extra=status.extra), ""


def repair_search_index(library: Library) -> int | None:
    """``dnqp check --repair``: rebuild the index from the records; None when the schema has none yet."""
    if db.current_revision(library.engine) != db.head_revision():
        return None
    with library.write() as session:
        return search.rebuild(session)


def _settings(library: Library) -> tuple[DomainError | None, str]:
    return library.settings_problem, N_("ok") if library.settings_problem is None else ""
