"""The ``dnqp`` command: argument parsing and printing only; the work happens in core and ui.

Exit status: 0 success, 1 a problem the user can fix (one line on stderr, in the user's language),
2 bad usage. No traceback ever reaches the terminal: it goes to the log file in the data folder.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from dnqp_desktop import __version__
from dnqp_desktop.core import i18n
from dnqp_desktop.core.config import ENV_LANG, resolve_data_dir, resolve_language
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.i18n import LANGUAGES, _

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2
log = logging.getLogger(__name__)


class UsageError(Exception):
    pass


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        # argparse passes prefix="" when it only wants the program name (sub-command usage).
        super().add_usage(usage, actions, groups, prefix=_("Usage: ") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse, translated, and raising instead of exiting so ``main`` owns every exit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, formatter_class=_Formatter, add_help=False, **kwargs)
        self._positionals.title = _("commands")
        self._optionals.title = _("options")
        self.add_argument("-h", "--help", action="help", help=_("show this help and exit"))

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _common_options() -> argparse.ArgumentParser:
    # SUPPRESS keeps a sub-command's unset option from overwriting the one given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", default=argparse.SUPPRESS, metavar=_("FOLDER"), help=_("data folder (default: per-user folder)")
    )
    common.add_argument("--lang", default=argparse.SUPPRESS, choices=LANGUAGES, help=_("language: vi, lo or en"))
    return common


def build_parser() -> _Parser:
    common = _common_options()
    parser = _Parser(prog="dnqp", description=_("DNQP Desktop: records of defence-diplomacy work."), parents=[common])
    parser.add_argument(
        "--version", action="version", version=f"DNQP Desktop {__version__}", help=_("show the version")
    )
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)

    def command(name: str, help_text: str) -> _Parser:
        parser = commands.add_parser(name, help=help_text, description=help_text, parents=[common])
        parser._positionals.title = _("arguments")
        return parser

    gui = command("gui", _("open the application window (the default)"))
    gui.add_argument(
        "--user", metavar=_("NAME"), help=_("log in as this user without the log-in window (with --password-file)")
    )
    gui.add_argument("--password-file", metavar=_("FILE"), help=_("the password of --user, read from FILE"))
    command("init", _("create the data folder and database, or upgrade it"))
    demo = command("demo", _("load the demonstration records"))
    demo.add_argument("--if-empty", action="store_true", help=_("do nothing when records already exist"))
    demo.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    check = command("check", _("check the database, the audit trail and the stored files"))
    check.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    check.add_argument("--repair", action="store_true", help=_("rebuild the search index first"))
    _add_pdf_command(command("pdf", _("make the PDF of an agreement, ready for signing")))
    _add_search_command(command("search", _("find records by name or title in any language, accents optional")))
    _add_report_command(command("report", _("the yearly report of a unit and its subordinate units: PDF or workbook")))
    _add_backup_commands(command)
    reset = command("reset-password", _("set a new password for an account (a forgotten administrator password)"))
    reset.add_argument("username", metavar=_("NAME"), help=_("the user name of the account"))
    reset.add_argument("--password-file", metavar=_("FILE"), help=_("the new password, read from FILE"))
    _add_xlsx_commands(command)
    return parser


def _add_search_command(search: _Parser) -> None:
    from dnqp_desktop.core.search import DEFAULT_LIMIT, KINDS

    search.add_argument("query", nargs="+", metavar=_("WORD"), help=_("the words to look for"))
    search.add_argument("--kind", action="append", choices=KINDS, help=_("only records of this kind (repeatable)"))
    search.add_argument(
        "--limit",
        type=_positive,
        default=DEFAULT_LIMIT,
        metavar=_("N"),
        help=_("at most N records of each kind (default: {default})").format(default=DEFAULT_LIMIT),
    )
    search.add_argument("--json", action="store_true", help=_("print the result as JSON"))


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(_("“{value}” is not a whole number above zero").format(value=text))
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    _use_utf8_output()
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        i18n.setup(resolve_language(_peek_language(arguments)))
    except i18n.UnknownLanguage as exc:
        i18n.setup(None)
        print(DomainError("unknown_language", value=str(exc)).message(), file=sys.stderr)
        return EXIT_USAGE
    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
    except UsageError as exc:
        print(parser.format_usage().rstrip(), file=sys.stderr)
        print(_("Invalid command line: {detail}").format(detail=exc), file=sys.stderr)
        return EXIT_USAGE
    handler = COMMANDS[args.command or "gui"]
    try:
        return handler(args)
    except UsageError as exc:  # a combination of arguments the parser alone cannot judge
        print(_("Invalid command line: {detail}").format(detail=exc), file=sys.stderr)
        return EXIT_USAGE
    except DomainError as exc:
        print(exc.message(), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last line of defence: log it, say one line
        log.exception("unexpected error in dnqp %s", args.command)
        print(_("Unexpected error: {error}. Details are in the log file.").format(error=exc), file=sys.stderr)
        return EXIT_USER_ERROR


def _use_utf8_output() -> None:
    """Vietnamese and Lao must print on a Windows console or a redirected pipe alike."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(encoding="utf-8", errors="replace")


def _peek_language(arguments: list[str]) -> str | None:
    """The --lang value, read before the parser exists so that its help is already translated."""
    for index, argument in enumerate(arguments):
        if argument.startswith("--lang="):
            return argument.split("=", 1)[1]
        if argument == "--lang" and index + 1 < len(arguments):
            return arguments[index + 1]
    return None


def _open_library(args: argparse.Namespace, **options: Any) -> Any:
    from dnqp_desktop.core.library import Library
    from dnqp_desktop.core.logs import setup_logging

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    if data_dir.exists():
        setup_logging(data_dir / "logs")
    library = Library.open(data_dir, **options)
    setup_logging(library.folder.logs)
    if getattr(args, "lang", None) is None and not os.environ.get(ENV_LANG):
        i18n.setup(library.settings.language)
    if library.settings_problem is not None:
        print(library.settings_problem.message(), file=sys.stderr)
    return library


def cli_actor() -> Any:
    """Who the command line acts as: the program, with full rights, named after the OS account.

    Commands are run by whoever already owns the data folder (and could change the database file
    directly), so they are not asked for an application password; the audit trail still says
    that a change came from the command line and under which login (``cli:anna``).
    """
    import getpass

    from dnqp_desktop.core.models.enums import Role
    from dnqp_desktop.core.services.policy import Actor

    try:
        login = getpass.getuser()
    except (OSError, KeyError):
        login = "unknown"
    return Actor(username=f"cli:{login}"[:60], role=Role.ADMIN)


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


# --- commands ---------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    with _open_library(args) as library:
        print(_("Data folder ready: {path}").format(path=library.folder.root))
        print(
            _("Database: {path} (schema {revision})").format(
                path=library.database_label, revision=library.upgrade.to_revision
            )
        )
        if library.upgrade.backup is not None:
            print(_("A copy was saved before the upgrade: {path}").format(path=library.upgrade.backup))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from dnqp_desktop.core.demo import load_demo

    with _open_library(args) as library:
        if args.if_empty and not library.is_empty():
            if args.json:
                _print_json({"loaded": False})
            else:
                print(_("Records already exist; the demo data was not loaded."))
            return EXIT_OK
        summary = load_demo(library, actor=cli_actor())
        counts = {name: value for name, value in vars(summary).items()}
        if args.json:
            _print_json({"loaded": True, "counts": counts})
        else:
            print(
                _("Demo data loaded: {units} units, {people} people, {talks} talks, {agreements} agreements.").format(
                    **counts
                )
            )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from dnqp_desktop.core.health import repair_search_index, run_checks

    # Checking only reads: it works beside a running window (read-only); repairing needs the lock.
    with _open_library(args, create=False, migrate=False, fall_back_to_read_only=not args.repair) as library:
        rebuilt = repair_search_index(library) if args.repair else None
        results = run_checks(library)
    fonts = _font_choices()
    healthy = all(result.ok for result in results) and all(choice.ok for choice in fonts)
    if args.json:
        _print_json(
            {
                "ok": healthy,
                "database": library.database_label,
                **({"repaired": {"search_index": rebuilt}} if args.repair else {}),
                "checks": [
                    {
                        "name": result.name,
                        "ok": result.ok,
                        "message_id": result.problem.message_id if result.problem else None,
                        "message": result.problem.message()
                        if result.problem
                        else (_(result.detail) if result.detail else ""),
                    }
                    for result in results
                ],
                "fonts": [choice.to_json() for choice in fonts],
            }
        )
    else:
        if rebuilt is not None:
            print(_("Search index rebuilt: {count} records.").format(count=rebuilt))
        print(_("Checking {path}").format(path=library.database_label))
        for result in results:
            mark = _("PASS") if result.ok else _("FAIL")
            text = result.problem.message() if result.problem else (_(result.detail) if result.detail else "")
            print(f"[{mark}] {_(result.label)}: {text}")
        _print_fonts(fonts)
    if not healthy:
        problems = [r.problem for r in results if not r.ok] + [c.problem for c in fonts if not c.ok]
        if args.json:
            print(problems[0].message() if problems and problems[0] else "", file=sys.stderr)
        return EXIT_USER_ERROR
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    """The search box's hits, from the same core function, so scripts see what clerks see."""
    from dnqp_desktop.core.messages import record_label
    from dnqp_desktop.core.search import search

    query = " ".join(args.query)
    with _open_library(args, create=False, fall_back_to_read_only=True) as library, library.read() as session:
        hits = search(session, query, kinds=args.kind, limit_per_kind=args.limit)
    if args.json:
        _print_json({"query": query, "hits": [{"kind": h.kind, "id": h.record_id, "title": h.title} for h in hits]})
        return EXIT_OK
    if not hits:
        print(_("Nothing found for “{query}”.").format(query=query))
    for index, hit in enumerate(hits):
        if index == 0 or hits[index - 1].kind != hit.kind:
            print(_(record_label(hit.kind)).capitalize())
        print(f"  {hit.title}  [{hit.record_id}]")
    return EXIT_OK


def _add_pdf_command(pdf: _Parser) -> None:
    pdf.add_argument("agreement_id", metavar=_("AGREEMENT_ID"), help=_("the id of the agreement"))
    pdf.add_argument(
        "--layout",
        choices=("originals", "side-by-side"),
        default="originals",
        help=_("two originals, one per language (default), or both languages side by side"),
    )
    pdf.add_argument("-o", "--output", required=True, metavar=_("FILE"), help=_("where to write the PDF"))
    pdf.add_argument("--json", action="store_true", help=_("print the result as JSON"))


def cmd_pdf(args: argparse.Namespace) -> int:
    """Render an agreement; nothing is written when it cannot be printed correctly."""
    from dnqp_desktop.documents.source import export_agreement_pdf

    path = Path(args.output).expanduser()
    with _open_library(args, create=False, fall_back_to_read_only=True) as library:
        result = export_agreement_pdf(library, args.agreement_id, path, args.layout, actor=cli_actor())
    if args.json:
        _print_json(
            {
                "path": str(path),
                "agreement_id": args.agreement_id,
                "layout": args.layout,
                "pages": result.pages,
                "bytes": len(result.data),
                "sha256": result.sha256,
                "fonts": result.fonts,
            }
        )
    else:
        print(_("PDF written: {path} ({pages} pages)").format(path=path, pages=result.pages))
    return EXIT_OK


def _add_report_command(report: _Parser) -> None:
    report.add_argument("--year", type=_positive, required=True, metavar=_("YEAR"), help=_("the year reported"))
    report.add_argument("--unit", required=True, metavar=_("UNIT"), help=_("the unit: its id, short name or full name"))
    report.add_argument("--format", choices=("pdf", "xlsx"), default="pdf", help=_("pdf (default) or xlsx"))
    report.add_argument("-o", "--output", metavar=_("FILE"), help=_("where to write the report"))
    report.add_argument("--json", action="store_true", help=_("print the figures as JSON"))


def cmd_report(args: argparse.Namespace) -> int:
    """The figures of a year, written as a formatted PDF or a workbook (and printed with --json)."""
    from dnqp_desktop.core.reports import find_unit, yearly_report
    from dnqp_desktop.core.services.base import local_today

    if not args.output and not args.json:
        print(_("Invalid command line: {detail}").format(detail=_("give -o FILE, or --json")), file=sys.stderr)
        return EXIT_USAGE
    with _open_library(args, create=False, fall_back_to_read_only=True) as library, library.read() as session:
        unit = find_unit(session, args.unit)
        report = yearly_report(session, args.year, unit.id)
    path = Path(args.output).expanduser() if args.output else None
    if path is not None and args.format == "pdf":
        from dnqp_desktop.documents.report_pdf import write_report_pdf

        write_report_pdf(report, path, issued_on=local_today())
    elif path is not None:
        from dnqp_desktop.core.report_xlsx import write_workbook

        write_workbook(report, path)
    if args.json:
        _print_json({**report.to_json(), "path": str(path) if path else None, "format": args.format})
    elif path is not None:
        print(
            _("Report written: {path} ({delegations} delegations, {trips} person-trips)").format(
                path=path, delegations=report.delegations, trips=report.person_trips
            )
        )
    return EXIT_OK


def _font_choices() -> list[Any]:
    """The font chosen for each script (vi, lo, km), or why there is none: the PDFs need all three."""
    from dnqp_desktop.documents.fonts import discover

    return list(discover().values())


def _print_fonts(fonts: list[Any]) -> None:
    from dnqp_desktop.documents.fonts import SCRIPT_NAMES

    for choice in fonts:
        mark = _("PASS") if choice.ok else _("FAIL")
        label = _("Font for {language}").format(language=_(SCRIPT_NAMES[choice.script]))
        print(f"[{mark}] {label}: {choice.describe()}")


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from dnqp_desktop.ui.app import run_gui
    except ImportError as exc:  # Qt's system libraries are missing
        log.exception("Qt cannot be loaded")
        print(_("The window cannot open because Qt cannot load: {reason}").format(reason=exc), file=sys.stderr)
        return EXIT_USER_ERROR
    from dnqp_desktop.core.config import SETTINGS_FILENAME, SettingsError, load_settings
    from dnqp_desktop.core.logs import setup_logging

    # The window opens before the library (see run_gui): take the language from the settings file.
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    data_dir.mkdir(parents=True, exist_ok=True)
    setup_logging(data_dir / "logs")
    if getattr(args, "lang", None) is None and not os.environ.get(ENV_LANG):
        try:
            i18n.setup(load_settings(data_dir / SETTINGS_FILENAME).language)
        except SettingsError:
            pass  # the library reports the damaged file once it opens
    from dnqp_desktop.core.config import ENV_PASSWORD_FILE, ENV_USER

    user = getattr(args, "user", None) or os.environ.get(ENV_USER)
    password_file = getattr(args, "password_file", None) or os.environ.get(ENV_PASSWORD_FILE)
    return run_gui(data_dir, user=user, password_file=Path(password_file).expanduser() if password_file else None)


# --- backup, verify, restore (the work is in core/backup) ------------------------------------


def _add_backup_commands(command: Callable[[str, str], _Parser]) -> None:
    def password_option(parser: _Parser, text: str) -> None:
        parser.add_argument("--password-file", metavar=_("FILE"), help=text)

    backup = command("backup", _("write an encrypted backup, read it back to verify it, rotate old ones"))
    backup.add_argument("--to", metavar=_("FOLDER"), help=_("write into FOLDER (default: backups/ in the data folder)"))
    password_option(backup, _("the backup password, read from FILE (needed only once, to set it)"))
    backup.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    verify = command("verify", _("check that a backup file is complete, undamaged and opens with its password"))
    verify.add_argument("file", metavar=_("FILE"), help=_("the backup file"))
    password_option(verify, _("the backup password, read from FILE"))
    verify.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    restore = command("restore", _("replace the data with a backup, after showing what it holds"))
    restore.add_argument("file", metavar=_("FILE"), help=_("the backup file"))
    restore.add_argument("--yes", action="store_true", help=_("do not ask for confirmation (for scripts)"))
    password_option(restore, _("the backup password, read from FILE"))


def _backup_password(
    args: argparse.Namespace, *, new: bool, prompt: str | None = None, needed: str = "backup_password_needed"
) -> tuple[str, str | None]:
    """From --password-file, else typed at a prompt (twice when setting it); never echoed."""
    import getpass

    if args.password_file:
        path = Path(args.password_file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise DomainError("backup_password_file", path=str(path), reason=reason) from exc
        password = text.removesuffix("\n").removesuffix("\r")
        return password, password
    if not sys.stdin.isatty():
        raise DomainError(needed)
    password = getpass.getpass(prompt or _("Backup password: "))
    repeat = getpass.getpass(_("Type the password again: ")) if new else None
    return password, repeat


def cmd_backup(args: argparse.Namespace) -> int:
    from dnqp_desktop.core.backup.writer import result_lines

    with _open_library(args, fall_back_to_read_only=True) as library:
        if not library.has_backup_password():
            password, repeat = _backup_password(args, new=True)
            library.set_backup_password(password, repeat, actor=cli_actor())
            print(_("Backup password set. Keep it safe: no backup can be restored without it."), file=sys.stderr)
        result = library.backup(Path(args.to).expanduser() if args.to else None)
    if args.json:
        _print_json(
            {
                "path": str(result.path),
                "size": result.size,
                "seconds": round(result.seconds, 3),
                "deleted": [str(path) for path in result.deleted],
                "missing_attachments": result.missing_attachments,
            }
        )
    else:
        for line in result_lines(result):
            print(line)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from dnqp_desktop.core.backup.format import read_prelude
    from dnqp_desktop.core.backup.manifest import summary_lines
    from dnqp_desktop.core.backup.reader import verify_backup

    path = Path(args.file).expanduser()
    read_prelude(path)  # a foreign, cut-off or damaged file is named before a password is asked for
    password, _repeat = _backup_password(args, new=False)
    summary, _key = verify_backup(path, password)
    if args.json:
        _print_json({"ok": True, **summary.to_json()})
        return EXIT_OK
    for line in summary_lines(summary):
        print(line)
    print(_("The backup is complete and undamaged: {path}").format(path=path))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from dnqp_desktop.core.backup.format import read_prelude
    from dnqp_desktop.core.backup.manifest import summary_lines
    from dnqp_desktop.core.backup.reader import preview_backup
    from dnqp_desktop.core.backup.restore import restore_backup
    from dnqp_desktop.core.config import DataFolder, Settings, SettingsError, load_settings
    from dnqp_desktop.core.library import Library
    from dnqp_desktop.core.lock import WriterLock

    path = Path(args.file).expanduser()
    read_prelude(path)
    password, _repeat = _backup_password(args, new=False)
    summary, key = preview_backup(path, password)
    for line in summary_lines(summary):
        print(line)
    if summary.schema_state == "newer":
        raise DomainError("backup_schema_newer", path=str(path), revision=summary.schema_revision or "-")
    folder = DataFolder(resolve_data_dir(getattr(args, "data_dir", None)))
    if not args.yes:
        if not sys.stdin.isatty():
            raise DomainError("restore_needs_confirmation")
        question = _("Replace the data in {path} with this backup? The current data is backed up first. [y/N] ")
        answer = unicodedata.normalize("NFC", input(question.format(path=folder.root)).strip().lower())
        if answer not in {"y", "yes", _("y"), _("yes")}:
            raise DomainError("restore_not_confirmed")
    # The lock is taken directly, not through Library.open: a damaged database must stay restorable.
    folder.create()
    with WriterLock(folder.root) as lock:
        if not lock.acquire():
            raise DomainError("library_locked", path=str(folder.root), holder=lock.holder_text())
        try:
            settings = load_settings(folder.settings)
        except SettingsError:
            settings = Settings()
        result = restore_backup(folder, path, key, settings=settings)
    with Library.open(folder.root):
        pass  # the restored data opens, upgraded if it was older
    print(_("The backup was restored into {path}.").format(path=folder.root))
    kept = result.safety_backup or result.damaged_copy
    if kept is not None:
        print(_("The data it replaced was saved first: {path}").format(path=kept))
    return EXIT_OK


def cmd_reset_password(args: argparse.Namespace) -> int:
    """The way back in when the only administrator forgot the password: whoever can run commands on
    the data folder sets a new one (the change is audited as the command line's)."""
    with _open_library(args, create=False) as library:
        name = args.username.strip().lower()
        account = next((user for user in library.users.list() if user.username == name), None)
        if account is None:
            raise DomainError("unknown_user", username=args.username)
        password, repeat = _backup_password(args, new=True, prompt=_("New password: "), needed="password_needed")
        library.users.reset_password(account.id, password, repeat, actor=cli_actor())
    print(_("The password of {username} was changed.").format(username=name))
    return EXIT_OK


# --- Excel in and out (core/xlsx) -------------------------------------------------------------

#: Kinds as typed on the command line: the record kind, or its plural.
_KIND_NAMES = {
    "unit": "unit",
    "units": "unit",
    "person": "person",
    "people": "person",
    "talk": "talk",
    "talks": "talk",
    "delegation": "delegation",
    "delegations": "delegation",
    "plan_item": "plan_item",
    "plan-item": "plan_item",
    "plan_items": "plan_item",
    "plan-items": "plan_item",
    "twinning": "twinning",
    "twinnings": "twinning",
    "agreement": "agreement",
    "agreements": "agreement",
}
_IMPORTABLE = ("unit", "person", "talk", "delegation", "plan_item")


def _kind(importable: bool) -> Callable[[str], str]:
    def parse(text: str) -> str:
        kind = _KIND_NAMES.get(text.strip().lower())
        if kind is None or (importable and kind not in _IMPORTABLE):
            choices = ", ".join(_IMPORTABLE if importable else sorted(set(_KIND_NAMES.values())))
            raise argparse.ArgumentTypeError(
                _("“{value}” is not a kind of record; use one of: {choices}").format(value=text, choices=choices)
            )
        return kind

    return parse


def _add_xlsx_commands(command: Callable[[str, str], _Parser]) -> None:
    imports = command("import-xlsx", _("import records from an Excel workbook (all rows or none)"))
    imports.add_argument(
        "kind", type=_kind(True), metavar=_("KIND"), help=_("unit, person, talk, delegation or plan_item")
    )
    imports.add_argument("file", metavar=_("FILE"), help=_("the .xlsx workbook"))
    imports.add_argument("--dry-run", action="store_true", help=_("check the workbook and say what would change"))
    imports.add_argument(
        "--update", action="store_true", help=_("update records that match a row (default: skip them)")
    )
    imports.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    exports = command("export-xlsx", _("write a list, or an empty import template, to an Excel workbook"))
    exports.add_argument("kind", type=_kind(False), metavar=_("KIND"), help=_("the kind of records"))
    exports.add_argument("--template", action="store_true", help=_("write the import template of this kind"))
    exports.add_argument("-o", "--output", metavar=_("FILE"), help=_("where to write the workbook"))
    exports.add_argument("--sort", metavar=_("COLUMN"), help=_("sort by this column of the list"))
    exports.add_argument("--descending", action="store_true", help=_("sort in descending order"))
    exports.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar=_("NAME=VALUE"),
        help=_("only records with this value, as the list's filters (repeatable), e.g. country=LA"),
    )
    exports.add_argument("--json", action="store_true", help=_("print the result as JSON"))


def cmd_import_xlsx(args: argparse.Namespace) -> int:
    from dnqp_desktop.core.xlsx.commit import commit_import
    from dnqp_desktop.core.xlsx.plan import ImportRefused, plan_import

    path = Path(args.file).expanduser()
    with _open_library(args, create=False) as library:
        # A real import checks the rows in its own write transaction; only a dry run checks them here.
        plan = plan_import(library, args.kind, path, validate=args.dry_run)
        result = None
        if plan.ok and not args.dry_run:
            try:
                result = commit_import(library, plan, actor=cli_actor(), update_matches=args.update)
            except ImportRefused as refused:
                plan.problems = refused.problems
    if args.json:
        document = plan.to_json()
        document["dry_run"] = args.dry_run
        document["imported"] = result is not None
        if result is not None:
            document.update(added=result.added, updated=result.updated, skipped=result.skipped, ids=list(result.ids))
        _print_json(document)
    else:
        for problem in plan.problems:
            where = _("row {row}").format(row=problem.row) if problem.row else ""
            if problem.column:
                where += ", " + _("column {column}").format(column=problem.column)
                if problem.heading:
                    where += f" ({problem.heading})"
            print(f"{where}: {problem.message()}" if where else problem.message(), file=sys.stderr)
        if result is not None:
            print(
                _("Imported: {added} added, {updated} updated, {skipped} skipped.").format(
                    added=result.added, updated=result.updated, skipped=result.skipped
                )
            )
        elif plan.ok:
            print(
                _("The workbook is ready: {adds} rows to add, {matches} matching existing records.").format(
                    adds=len(plan.adds), matches=len(plan.matches)
                )
            )
    if not plan.ok:
        if not args.json:
            print(DomainError("xlsx_invalid", count=len(plan.problems)).message(), file=sys.stderr)
        return EXIT_USER_ERROR
    return EXIT_OK


def cmd_export_xlsx(args: argparse.Namespace) -> int:
    from dnqp_desktop.core.xlsx.templates import template_filename, write_template

    if args.template:
        if args.kind not in _IMPORTABLE:
            raise UsageError(_("There is no import template for this kind of record."))
        path = Path(args.output or template_filename(args.kind, i18n.current_language())).expanduser()
        write_template(args.kind, path, lang=i18n.current_language())
        if args.json:
            _print_json({"path": str(path), "kind": args.kind, "template": True})
        else:
            print(_("Template written: {path}").format(path=path))
        return EXIT_OK
    if not args.output:
        raise UsageError(_("Say where to write the workbook: -o FILE"))
    from dnqp_desktop.core.listing import LISTINGS
    from dnqp_desktop.core.xlsx.export import export_listing

    listing = LISTINGS[args.kind]
    filters: dict[str, Any] = {}
    for item in args.filter:
        name, equals, value = item.partition("=")
        if not equals or name not in {flt.key for flt in listing.filters}:
            raise UsageError(_("Unknown filter “{value}”").format(value=item))
        filters[name] = int(value) if name == "year" and value.isdigit() else value
    if args.sort and args.sort not in {column.key for column in listing.columns}:
        raise UsageError(_("Unknown column “{value}”").format(value=args.sort))
    path = Path(args.output).expanduser()
    with _open_library(args, create=False, fall_back_to_read_only=True) as library:
        count = export_listing(library, listing, path, filters=filters, sort=args.sort, descending=args.descending)
    if args.json:
        _print_json({"path": str(path), "kind": args.kind, "rows": count})
    else:
        print(_("Workbook written: {path} ({count} rows)").format(path=path, count=count))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "reset-password": cmd_reset_password,
    "gui": cmd_gui,
    "init": cmd_init,
    "demo": cmd_demo,
    "check": cmd_check,
    "backup": cmd_backup,
    "verify": cmd_verify,
    "restore": cmd_restore,
    "search": cmd_search,
    "pdf": cmd_pdf,
    "report": cmd_report,
    "import-xlsx": cmd_import_xlsx,
    "export-xlsx": cmd_export_xlsx,
}
