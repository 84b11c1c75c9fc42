"""Writing an import plan: everything in one transaction, or nothing at all.

The rows are checked again inside the write transaction (the database may have changed since the
preview) and written through the services' bulk path in chunks, so that progress can be shown and
a cancel honoured between chunks. Cancelling, or any problem, raises inside ``Library.batch()``:
the transaction is rolled back and the database is exactly as it was before.
"""

from __future__ import annotations

from dataclasses import dataclass

from dnqp_desktop.core.backup.progress import Cancelled, Progress, never_cancelled, no_progress
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.gc_pause import gc_paused
from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.bulk import insert_new, validate_new
from dnqp_desktop.core.services.policy import Actor, require
from dnqp_desktop.core.xlsx.plan import (
    ImportPlan,
    ImportRefused,
    PlannedRow,
    Problem,
    row_problems,
    service_problems,
    update_data,
)

#: Rows validated and written together between two progress reports.
CHUNK = 1000


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    skipped: int
    ids: tuple[str, ...] = ()


def _levels(plan: ImportPlan) -> list[list[PlannedRow]]:
    """New rows in the order they can be written: parents (rows of the same workbook) first."""
    levels: list[list[PlannedRow]] = []
    placed: set[int] = set()
    pending = list(plan.adds)
    while pending:
        ready = [row for row in pending if row.parent_row is None or row.parent_row in placed]
        if not ready:  # units naming each other as parents
            error = DomainError("parent_cycle", field="parent_id", kind="unit")
            raise ImportRefused([Problem(row.row, plan.letters.get("parent_id", ""), "", error) for row in pending])
        levels.append(ready)
        placed.update(row.row for row in ready)
        pending = [row for row in pending if row.row not in placed]
    return levels


def commit_import(
    library: Library,
    plan: ImportPlan,
    *,
    actor: Actor,
    update_matches: bool = False,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ImportResult:
    """Add the plan's new rows and update (or skip) its matching ones; all or nothing."""
    if plan.problems:
        raise ImportRefused(plan.problems)
    service = getattr(library, plan.spec.service)
    require(actor, service.permission("create"))  # before any row is read into the transaction
    matches = plan.matches if update_matches else []
    total = len(plan.adds) + len(matches)
    done = 0
    ids: list[str] = []
    message = _("Importing: {done} of {total} rows")
    with gc_paused(), library.batch(), library.write() as session:
        if session.get_bind().dialect.name == "sqlite":
            # Room for the index pages a large import touches (SQLite's default is about 8 MB).
            session.connection().exec_driver_sql("PRAGMA cache_size=-65536")
        progress(0, total, message.format(done=0, total=total))
        new_ids: dict[int, str] = {}
        for level in _levels(plan):
            for start in range(0, len(level), CHUNK):
                if cancelled():
                    raise DomainError("import_cancelled")
                rows = level[start : start + CHUNK]
                datas = [
                    {**row.data, "parent_id": new_ids[row.parent_row]} if row.parent_row is not None else row.data
                    for row in rows
                ]
                checked = validate_new(service, session, datas)
                if checked.errors:
                    raise ImportRefused(row_problems(plan, rows, checked.errors))
                written = insert_new(
                    service, session, [checked.drafts[index] for index in range(len(rows))], actor=actor
                )
                new_ids.update(zip((row.row for row in rows), written, strict=True))
                ids += written
                done += len(rows)
                progress(done, total, message.format(done=done, total=total))
        for row in matches:
            if cancelled():
                raise DomainError("import_cancelled")
            record = service._load(session, row.record_id)
            try:
                service.update(row.record_id, update_data(service, record, row.data), actor=actor)
            except DomainError as error:
                raise ImportRefused(service_problems(plan, row.row, error.errors)) from error
            done += 1
            if done % 100 == 0 or done == total:
                progress(done, total, message.format(done=done, total=total))
        if cancelled():
            raise DomainError("import_cancelled")
    return ImportResult(
        added=len(plan.adds),
        updated=len(matches),
        skipped=len(plan.matches) - len(matches),
        ids=tuple(ids),
    )
