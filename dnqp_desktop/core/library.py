"""The one object the UI and the CLI hold: the data folder, its database and the services on it.

``Library.open`` does everything that must happen before the first read, in this order: make the
data folder, read the settings, make sure the database file is one of ours, back it up and upgrade
it to the current schema. After that, every read and write goes through the services attributes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session

from dnqp_desktop.core import db, search
from dnqp_desktop.core.backup.progress import Cancelled, Progress, never_cancelled, no_progress
from dnqp_desktop.core.blobs import BlobStore
from dnqp_desktop.core.config import DataFolder, Settings, SettingsError, load_settings, resolve_data_dir, save_settings
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.lock import WriterLock
from dnqp_desktop.core.services.accounts import UserService
from dnqp_desktop.core.services.agreements import AgreementService
from dnqp_desktop.core.services.attachments import AttachmentService
from dnqp_desktop.core.services.base import Change
from dnqp_desktop.core.services.delegations import DelegationService
from dnqp_desktop.core.services.people import PersonService
from dnqp_desktop.core.services.plans import PlanItemService
from dnqp_desktop.core.services.policy import Actor, Permission, require
from dnqp_desktop.core.services.talks import TalkService
from dnqp_desktop.core.services.units import TwinningService, UnitService

# The backup modules (and the cryptography library under them) load when a backup or restore is
# asked for, not at every start.
if TYPE_CHECKING:
    from dnqp_desktop.core.backup.reader import Secret
    from dnqp_desktop.core.backup.restore import RestoreResult
    from dnqp_desktop.core.backup.writer import BackupResult

Listener = Callable[[Sequence[Change]], None]


class Library:
    #: True when another program holds the writer lock (or read-only was asked for).
    read_only: bool = False
    #: Who holds the writer lock, when this library is read-only because of it.
    lock_holder: str | None = None
    _lock: WriterLock | None = None

    def __init__(
        self, folder: DataFolder, engine: Engine, settings: Settings, upgrade: db.UpgradeResult | None
    ) -> None:
        self.folder = folder
        self.engine = engine
        self.settings = settings
        #: Set when ``settings.toml`` could not be read and defaults are in use.
        self.settings_problem: DomainError | None = None
        self.upgrade = upgrade
        self._sessions = db.make_session_factory(engine)
        self._listeners: list[Listener] = []
        self._batch: ContextVar[Session | None] = ContextVar(f"dnqp-batch-{id(self)}", default=None)
        self._pending: ContextVar[list[Change] | None] = ContextVar(f"dnqp-pending-{id(self)}", default=None)
        self.blobs = BlobStore(folder.attachments)

        self.units = UnitService(self)
        self.twinnings = TwinningService(self)
        self.people = PersonService(self)
        self.talks = TalkService(self)
        self.delegations = DelegationService(self)
        self.attachments = AttachmentService(self, self.blobs)
        self.agreements = AgreementService(self, self.attachments)
        self.plan_items = PlanItemService(self)
        self.users = UserService(self)

    # --- opening --------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        data_dir: str | Path | None = None,
        *,
        database_url: str | None = None,
        create: bool = True,
        migrate: bool = True,
        read_only: bool = False,
        fall_back_to_read_only: bool = False,
    ) -> Library:
        """Open (and with ``create``, make) the library in a data folder; raises DomainError.

        Writing needs the data folder's writer lock (``core/lock.py``). When another program holds
        it, ``open`` refuses with ``library_locked``, or with ``fall_back_to_read_only`` opens
        read-only (``read_only`` set, ``lock_holder`` says who writes). ``read_only=True`` never
        takes the lock: for checks and reports that must not wait for, or block, the writer.
        """
        folder = DataFolder(resolve_data_dir(data_dir))
        if create:
            try:
                folder.create()
            except OSError as exc:
                raise DomainError(
                    "database_unwritable", path=str(folder.root), reason=exc.strerror or str(exc)
                ) from exc
        url = database_url or folder.database_url()
        shown = str(db.sqlite_path(url) or url)
        path = db.sqlite_path(url)
        if path is not None and not path.exists() and not create:
            raise DomainError("database_missing", path=shown)
        lock = WriterLock(folder.root)
        holder = "-"
        if not read_only:
            try:
                locked = lock.acquire()
            except OSError as exc:
                raise DomainError(
                    "database_unwritable", path=str(folder.root), reason=exc.strerror or str(exc)
                ) from exc
            if not locked:
                holder = lock.holder_text()
                if not fall_back_to_read_only:
                    raise DomainError("library_locked", path=str(folder.root), holder=holder)
                read_only = True
        try:
            library = cls._open_locked(folder, url, shown, path, migrate=migrate, read_only=read_only, holder=holder)
        except BaseException:
            lock.release()
            raise
        library._lock = lock
        library.read_only = read_only
        library.lock_holder = holder if read_only else None
        return library

    @classmethod
    def _open_locked(
        cls, folder: DataFolder, url: str, shown: str, path: Path | None, *, migrate: bool, read_only: bool, holder: str
    ) -> Library:
        settings, settings_problem = _read_settings(folder)
        if path is not None and path.exists():
            _probe(path)
        engine = db.make_engine(url, read_only=read_only, holder=holder)
        upgrade = None
        try:
            if migrate and read_only:
                current = db.current_revision(engine)
                if current is not None and current not in db.known_revisions():
                    raise db.NewerSchemaError(current)
                if current != db.head_revision():
                    raise DomainError("read_only_needs_upgrade", path=shown)
            elif migrate:
                upgrade = db.upgrade_to_head(engine, folder.backups)
        except db.UpgradeFailed as exc:
            engine.dispose()
            raise DomainError("upgrade_failed", path=shown, reason=str(exc), backup=str(exc.backup or "-")) from exc
        except db.NewerSchemaError as exc:
            engine.dispose()
            raise DomainError("database_newer", path=shown, revision=str(exc)) from exc
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            engine.dispose()
            raise database_error(exc, shown) from exc
        except BaseException:
            engine.dispose()
            raise
        library = cls(folder, engine, settings, upgrade)
        library.settings_problem = settings_problem
        if migrate and not read_only:
            search.fill_if_empty(library)  # a search index added by an upgrade starts empty
        return library

    def close(self) -> None:
        """Close the connections and release the writer lock (safe to call twice)."""
        self.engine.dispose()
        lock = getattr(self, "_lock", None)
        if lock is not None:
            lock.release()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def database_label(self) -> str:
        """How to name the database to a user: its file, or its URL without the password."""
        path = db.sqlite_path(str(self.engine.url))
        return str(path) if path else self.engine.url.render_as_string(hide_password=True)

    # --- sessions and change notification (the ServiceHost protocol) ---------------------

    @contextmanager
    def read(self) -> Iterator[Session]:
        batch = self._batch.get()
        if batch is not None:
            yield batch
            return
        with db.transaction(self._sessions, write=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        batch = self._batch.get()
        if batch is not None:
            yield batch
            return
        with db.transaction(self._sessions, write=True) as session:
            yield session

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Every service write inside the block commits together, or none does.

        For work that must not stop half-way: loading the demo, importing a workbook. Services
        called inside share one transaction; their change notices go out after it commits.
        """
        if self._batch.get() is not None:
            yield  # already inside a batch: the outer one decides
            return
        pending: list[Change] = []
        with db.transaction(self._sessions, write=True) as session:
            session_token, pending_token = self._batch.set(session), self._pending.set(pending)
            try:
                yield
            finally:
                self._batch.reset(session_token)
                self._pending.reset(pending_token)
        if pending:
            self.announce(pending)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after every committed write; returns the unsubscribe function."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:  # safe to call twice (a window closed twice)
                self._listeners.remove(listener)

        return unsubscribe

    def announce(self, changes: Sequence[Change]) -> None:
        pending = self._pending.get()
        if pending is not None:
            pending.extend(changes)
            return
        for listener in list(self._listeners):
            listener(changes)

    # --- settings -------------------------------------------------------------------------

    def save_settings(self, settings: Settings, *, actor: Actor) -> None:
        """Only an administrator changes the settings; what changed is written to the audit trail."""
        from dataclasses import asdict

        from dnqp_desktop.core.services.audit import append_audit

        require(actor, Permission.MANAGE_SETTINGS)
        before, after = asdict(self.settings), asdict(settings)
        if before != after and not self.read_only:
            with self.write() as session:
                append_audit(session, actor, "update", "settings", "settings.toml", before, after)
                save_settings(self.folder.settings, settings)  # inside: a failed write leaves no audit row
        elif before != after:
            save_settings(self.folder.settings, settings)
        self.settings = settings
        self.settings_problem = None

    # --- accounts ---------------------------------------------------------------------------

    def login(self, username: str, password: str, *, now: datetime | None = None) -> Actor:
        """The acting user for a correct user name and password (see core/services/login.py)."""
        from dnqp_desktop.core.services.login import authenticate

        return authenticate(self, username, password, now=now, record=not self.read_only)

    # --- backups and restore (core/backup) -----------------------------------------------

    def has_backup_password(self) -> bool:
        from dnqp_desktop.core.backup.keys import load_key

        return load_key(self.folder.root) is not None

    def set_backup_password(
        self, password: str, repeat: str | None = None, *, old: str | None = None, actor: Actor
    ) -> None:
        """Set the password once (or change it, given the old one); later backups need none.

        An administrator's setting: whoever knows it can restore (replace) all the data.
        """
        from dnqp_desktop.core.backup.keys import change_password, create_key

        require(actor, Permission.MANAGE_SETTINGS)
        if old is None:
            create_key(self.folder.root, password, repeat)
        else:
            change_password(self.folder.root, old, password, repeat)

    def backup(
        self,
        target_dir: Path | None = None,
        *,
        kind: str = "manual",
        progress: Progress = no_progress,
        cancelled: Cancelled = never_cancelled,
    ) -> BackupResult:
        """Write, verify and rotate a backup into ``target_dir`` (default: ``backups/``)."""
        from dnqp_desktop.core.backup.writer import write_backup

        return write_backup(
            self.folder,
            target_dir or self.folder.backups,
            settings=self.settings,
            kind=kind,
            progress=progress,
            cancelled=cancelled,
        )

    def automatic_backup(
        self, *, progress: Progress = no_progress, cancelled: Cancelled = never_cancelled
    ) -> BackupResult | None:
        """The unattended backup on exit and every few hours; None when skipped (no key, no change)."""
        from dnqp_desktop.core.backup.auto import automatic_backup

        return automatic_backup(self.folder, self.settings, progress=progress, cancelled=cancelled)

    def restore(
        self,
        source: Path,
        secret: Secret,
        *,
        actor: Actor,
        progress: Progress = no_progress,
        cancelled: Cancelled = never_cancelled,
        reload: bool = True,
    ) -> RestoreResult:
        """Replace the data with a backup (the current data is backed up first), then reload.

        A window running this in a worker passes ``reload=False`` and calls ``reload`` itself on
        the GUI thread afterwards (success or not), so that change listeners run there.
        """
        from dnqp_desktop.core.backup.restore import restore_backup

        require(actor, Permission.RESTORE_BACKUP)
        if self.read_only:
            raise DomainError("library_read_only", holder=self.lock_holder or "-")
        try:
            return restore_backup(
                self.folder,
                source,
                secret,
                settings=self.settings,
                progress=progress,
                cancelled=cancelled,
                release_database=self.engine.dispose,
            )
        finally:
            if reload:
                self.reload()

    def reload(self) -> None:
        """Reopen the database file (after a restore replaced it); every listener is told."""
        self.engine.dispose()
        url = self.engine.url.render_as_string(hide_password=False)
        engine = db.make_engine(url, read_only=self.read_only, holder=self.lock_holder or "-")
        try:
            if not self.read_only:
                self.upgrade = db.upgrade_to_head(engine, self.folder.backups)
        except Exception:
            engine.dispose()
            raise
        self.engine = engine
        self._sessions = db.make_session_factory(engine)
        self.settings, self.settings_problem = _read_settings(self.folder)
        if not self.read_only:
            search.fill_if_empty(self)  # a restored older backup was upgraded with an empty index
        self.announce([Change("library", "", "reloaded")])

    # --- facts about the data ------------------------------------------------------------

    def is_empty(self) -> bool:
        """True when no user-visible record exists (live or in the trash)."""
        services: list[Any] = [
            self.units,
            self.twinnings,
            self.people,
            self.talks,
            self.delegations,
            self.agreements,
            self.plan_items,
            self.attachments,
        ]
        return all(service.count() == 0 and service.count(trash=True) == 0 for service in services)


def _read_settings(folder: DataFolder) -> tuple[Settings, DomainError | None]:
    try:
        return load_settings(folder.settings), None
    except SettingsError:
        return Settings(), DomainError("settings_damaged", path=str(folder.settings))


def _probe(path: Path) -> None:
    try:
        db.probe_sqlite_file(path)
    except sqlite3.DatabaseError as exc:
        raise database_error(exc, str(path)) from exc


def database_error(exc: Exception, shown: str) -> DomainError:
    """Translate a driver error into what the user can do about it."""
    text = str(exc).lower()
    if isinstance(exc, OperationalError | sqlite3.OperationalError) and "locked" in text:
        return DomainError("database_busy", path=shown)
    if "unable to open" in text or "readonly" in text or "read-only" in text:
        return DomainError("database_unwritable", path=shown, reason=str(exc))
    return DomainError("database_damaged", path=shown)
