"""Every write the core offers, for every role: refused with a clear message and nothing changed
when the role lacks the right, not refused for lack of right when it has it.

The list of writes is checked against the services themselves (every public method taking an
``actor``), so a new write without a row here fails ``test_every_write_is_in_the_matrix``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.models.enums import Role
from dnqp_desktop.core.services.base import RecordService
from dnqp_desktop.core.services.policy import GRANTS, SYSTEM, Actor, Permission
from dnqp_desktop.documents.source import export_agreement_pdf
from tests.core.test_services_common import CASES, refused
from tests.helpers import make_agreement, make_delegation, make_lao_unit, make_person, make_unit

Write = Callable[[Actor], Any]


@dataclass(frozen=True)
class Operation:
    name: str
    permission: Permission
    #: Makes what the write needs (with the system actor) and returns the write itself.
    prepare: Callable[[Library, Path], Write]


def _record_operations() -> list[Operation]:
    operations = []
    for case in CASES:
        service_name = case.attr
        permission = Permission.MANAGE_ACCOUNTS if service_name == "users" else Permission.EDIT_RECORDS

        def create(lib: Library, tmp: Path, case=case) -> Write:
            data = case.data(lib)
            return lambda actor: getattr(lib, case.attr).create(data, actor=actor)

        def update(lib: Library, tmp: Path, case=case) -> Write:
            record = getattr(lib, case.attr).create(case.data(lib), actor=SYSTEM)
            return lambda actor: getattr(lib, case.attr).update(record.id, case.change, actor=actor)

        def delete(lib: Library, tmp: Path, case=case) -> Write:
            record = getattr(lib, case.attr).create(case.data(lib), actor=SYSTEM)
            return lambda actor: getattr(lib, case.attr).delete(record.id, actor=actor)

        def restore(lib: Library, tmp: Path, case=case) -> Write:
            service = getattr(lib, case.attr)
            record = service.create(case.data(lib), actor=SYSTEM)
            service.delete(record.id, actor=SYSTEM)
            return lambda actor: service.restore(record.id, actor=actor)

        for action, prepare in (("create", create), ("update", update), ("delete", delete), ("restore", restore)):
            operations.append(Operation(f"{service_name}.{action}", permission, prepare))
    return operations


def _file(tmp: Path, name: str, content: bytes) -> Path:
    path = tmp / name
    path.write_bytes(content)
    return path


def _submitted(lib: Library) -> Any:
    delegation = make_delegation(lib)
    return lib.delegations.submit(delegation.id, actor=SYSTEM)


def _approve(lib: Library, tmp: Path) -> Write:
    delegation, approver = _submitted(lib), make_person(lib, name_vi="Nguyễn Văn Duyệt")
    return lambda actor: lib.delegations.approve(
        delegation.id,
        decision_number="12/QĐ-BCH",
        decision_date="2025-05-10",
        approver_person_id=approver.id,
        actor=actor,
    )


def _reject(lib: Library, tmp: Path) -> Write:
    delegation = _submitted(lib)
    return lambda actor: lib.delegations.reject(delegation.id, reason="Chưa đủ hồ sơ", actor=actor)


def _submit(lib: Library, tmp: Path) -> Write:
    delegation = make_delegation(lib)
    return lambda actor: lib.delegations.submit(delegation.id, actor=actor)


def _return_to_draft(lib: Library, tmp: Path) -> Write:
    delegation = _submitted(lib)
    return lambda actor: lib.delegations.return_to_draft(delegation.id, reason="Bổ sung hồ sơ", actor=actor)


def _cancel(lib: Library, tmp: Path) -> Write:
    delegation = make_delegation(lib)
    return lambda actor: lib.delegations.cancel(delegation.id, reason="Hoãn theo đề nghị của bạn", actor=actor)


def _complete(lib: Library, tmp: Path) -> Write:
    delegation, approver = _submitted(lib), make_person(lib, name_vi="Nguyễn Văn Duyệt")
    lib.delegations.approve(
        delegation.id,
        decision_number="12/QĐ-BCH",
        decision_date="2025-05-10",
        approver_person_id=approver.id,
        override_reason="Hộ chiếu công vụ được gia hạn",
        actor=SYSTEM,
    )
    return lambda actor: lib.delegations.complete(delegation.id, report="Đoàn đã về.", actor=actor)


def _series(lib: Library, tmp: Path) -> Write:
    ours, theirs = make_unit(lib), make_lao_unit(lib)
    data = {
        "kind": "periodic_briefing",
        "title_vi": "Giao ban định kỳ",
        "start_at": "2026-03-20T08:00:00+07:00",
        "host_unit_id": ours.id,
        "units": [{"unit_id": ours.id}, {"unit_id": theirs.id}],
    }
    return lambda actor: lib.talks.create_series(data, occurrences=3, actor=actor)


def _attach(lib: Library, tmp: Path) -> Write:
    agreement = make_agreement(lib)
    path = _file(tmp, "anh.jpg", b"\xff\xd8\xff photo")
    return lambda actor: lib.attachments.add("agreement", agreement.id, path, actor=actor)


def _attachment(lib: Library, tmp: Path) -> Any:
    agreement = make_agreement(lib)
    return lib.attachments.add("agreement", agreement.id, _file(tmp, "anh.jpg", b"\xff\xd8\xff photo"), actor=SYSTEM)


def _attachment_update(lib: Library, tmp: Path) -> Write:
    record = _attachment(lib, tmp)
    return lambda actor: lib.attachments.update(record.id, {"caption": "Ảnh hội đàm"}, actor=actor)


def _attachment_delete(lib: Library, tmp: Path) -> Write:
    record = _attachment(lib, tmp)
    return lambda actor: lib.attachments.delete(record.id, actor=actor)


def _attachment_restore(lib: Library, tmp: Path) -> Write:
    record = _attachment(lib, tmp)
    lib.attachments.delete(record.id, actor=SYSTEM)
    return lambda actor: lib.attachments.restore(record.id, actor=actor)


def _mark_final(lib: Library, tmp: Path) -> Write:
    agreement = make_agreement(lib)
    path = _file(tmp, "final.pdf", b"%PDF-1.4\n%%EOF\n")
    return lambda actor: lib.agreements.mark_final(agreement.id, path, layout="originals", actor=actor)


def _mark_signed(lib: Library, tmp: Path) -> Write:
    agreement = make_agreement(lib)
    path = _file(tmp, "scan.jpg", b"\xff\xd8\xff scan")
    return lambda actor: lib.agreements.mark_signed(agreement.id, signed_on="2025-05-22", scan=path, actor=actor)


def _new_version(lib: Library, tmp: Path) -> Write:
    agreement = make_agreement(lib)
    return lambda actor: lib.agreements.new_version(agreement.id, actor=actor)


def _reset_password(lib: Library, tmp: Path) -> Write:
    user = lib.users.create({"username": "tro.ly"}, actor=SYSTEM)
    return lambda actor: lib.users.reset_password(user.id, "mat-khau-moi", "mat-khau-moi", actor=actor)


def _create_with_password(lib: Library, tmp: Path) -> Write:
    return lambda actor: lib.users.create({"username": "tro.ly"}, actor=actor, password="mat-khau-01")


def _settings(lib: Library, tmp: Path) -> Write:
    return lambda actor: lib.save_settings(lib.settings.with_changes(idle_lock_minutes=5), actor=actor)


def _backup_password(lib: Library, tmp: Path) -> Write:
    return lambda actor: lib.set_backup_password("mat-khau-sao-luu", "mat-khau-sao-luu", actor=actor)


def _restore(lib: Library, tmp: Path) -> Write:
    return lambda actor: lib.restore(tmp / "none.dnqpbak", None, actor=actor)  # type: ignore[arg-type]


def _pdf(lib: Library, tmp: Path) -> Write:
    agreement = make_agreement(lib)
    return lambda actor: export_agreement_pdf(lib, agreement.id, tmp / "out.pdf", "originals", actor=actor)


OPERATIONS = [
    *_record_operations(),
    Operation("delegations.approve", Permission.APPROVE, _approve),
    Operation("delegations.reject", Permission.APPROVE, _reject),
    Operation("delegations.submit", Permission.EDIT_RECORDS, _submit),
    Operation("delegations.return_to_draft", Permission.EDIT_RECORDS, _return_to_draft),
    Operation("delegations.cancel", Permission.EDIT_RECORDS, _cancel),
    Operation("delegations.complete", Permission.EDIT_RECORDS, _complete),
    Operation("talks.create_series", Permission.EDIT_RECORDS, _series),
    Operation("attachments.add", Permission.EDIT_RECORDS, _attach),
    Operation("attachments.update", Permission.EDIT_RECORDS, _attachment_update),
    Operation("attachments.delete", Permission.EDIT_RECORDS, _attachment_delete),
    Operation("attachments.restore", Permission.EDIT_RECORDS, _attachment_restore),
    Operation("agreements.mark_final", Permission.EDIT_RECORDS, _mark_final),
    Operation("agreements.mark_signed", Permission.APPROVE, _mark_signed),
    Operation("agreements.new_version", Permission.EDIT_RECORDS, _new_version),
    Operation("users.create(password)", Permission.MANAGE_ACCOUNTS, _create_with_password),
    Operation("users.reset_password", Permission.MANAGE_ACCOUNTS, _reset_password),
    Operation("library.save_settings", Permission.MANAGE_SETTINGS, _settings),
    Operation("library.restore", Permission.RESTORE_BACKUP, _restore),
    Operation("library.set_backup_password", Permission.MANAGE_SETTINGS, _backup_password),
    Operation("documents.export_agreement_pdf", Permission.PRINT, _pdf),
]
ROLES = list(Role)
DENIED = [(op, role) for op in OPERATIONS for role in ROLES if op.permission not in GRANTS[role]]
ALLOWED = [(op, role) for op in OPERATIONS for role in ROLES if op.permission in GRANTS[role]]


@pytest.mark.parametrize(("operation", "role"), DENIED, ids=[f"{op.name}-{role}" for op, role in DENIED])
def test_a_role_without_the_right_is_refused_and_nothing_changes(
    library: Library, tmp_path: Path, operation: Operation, role: Role
) -> None:
    write = operation.prepare(library, tmp_path)
    actor = Actor(username=f"a.{role.value}", role=role, user_id=None)
    error = refused(library, lambda: write(actor), "forbidden")
    assert role.value in error.message("en") or "(" in error.message("en")
    assert "does not allow" in error.message("en")


@pytest.mark.parametrize(("operation", "role"), ALLOWED, ids=[f"{op.name}-{role}" for op, role in ALLOWED])
def test_a_role_with_the_right_is_not_refused_for_its_role(
    library: Library, tmp_path: Path, operation: Operation, role: Role
) -> None:
    write = operation.prepare(library, tmp_path)
    try:
        write(Actor(username=f"a.{role.value}", role=role))
    except DomainError as error:  # other rules (a draft cannot be signed…) may still refuse
        assert error.message_id != "forbidden"
    except (OSError, TypeError, AttributeError):
        pass  # a restore given no backup file fails after the role was accepted


def _writes_of(owner: object, prefix: str) -> set[str]:
    names = set()
    for name, member in inspect.getmembers(owner, inspect.ismethod):
        if name.startswith("_"):
            continue
        parameters = inspect.signature(member).parameters
        if "actor" in parameters and "session" not in parameters:
            names.add(f"{prefix}.{name}")
    return names


def test_every_write_is_in_the_matrix(library: Library) -> None:
    """Discovered, not hand-picked: every public method of a service or the Library taking an actor."""
    found = _writes_of(library, "library")
    for attribute, service in vars(library).items():
        if isinstance(service, RecordService):
            found |= _writes_of(service, attribute)
    covered = {op.name.split("(")[0] for op in OPERATIONS}
    own_account = {"users.change_own_password"}  # acts on the caller's own account: tested in test_login
    never = {"attachments.create"}  # refuses always: attachments are made by add()
    reads = {name for name in found if name.endswith((".get_for", ".redact"))}  # reading as the actor may
    assert found - covered - own_account - never - reads == set()


@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.name for op in OPERATIONS])
def test_whatever_a_write_changes_is_in_the_audit_trail_under_its_actor(
    library: Library, tmp_path: Path, operation: Operation
) -> None:
    """Run each write as an administrator: either nothing changed, or new audit rows name the actor."""
    from dnqp_desktop.core.services import audit
    from tests.core.test_services_common import audit_rows
    from tests.helpers import database_dump

    write = operation.prepare(library, tmp_path)
    actor = Actor(username="quan.tri", role=Role.ADMIN)
    before_rows, before_dump = len(audit_rows(library)), database_dump(library)
    try:
        write(actor)
    except (DomainError, OSError, TypeError, AttributeError):
        pass
    rows = audit_rows(library)[before_rows:]
    if database_dump(library) == before_dump:
        assert rows == []
    else:
        assert rows, f"{operation.name} changed the database without an audit row"
        assert {row.actor_name for row in rows} == {"quan.tri"}
    with library.read() as session:
        assert audit.verify_chain(session) is None
