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
from collections.abc import Callable, Sequence
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
        super().add_usage(usage, actions, groups, prefix=_("Usage: "))


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
        return commands.add_parser(name, help=help_text, description=help_text, parents=[common])

    command("gui", _("open the application window (the default)"))
    command("init", _("create the data folder and database, or upgrade it"))
    demo = command("demo", _("load the demonstration records"))
    demo.add_argument("--if-empty", action="store_true", help=_("do nothing when records already exist"))
    demo.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    check = command("check", _("check the database, the audit trail and the stored files"))
    check.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    return parser


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
        summary = load_demo(library)
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
    from dnqp_desktop.core.health import run_checks

    with _open_library(args, create=False, migrate=False) as library:
        results = run_checks(library)
    healthy = all(result.ok for result in results)
    if args.json:
        _print_json(
            {
                "ok": healthy,
                "database": library.database_label,
                "checks": [
                    {
                        "name": result.name,
                        "ok": result.ok,
                        "message_id": result.problem.message_id if result.problem else None,
                        "message": result.problem.message() if result.problem else _(result.detail),
                    }
                    for result in results
                ],
            }
        )
    else:
        print(_("Checking {path}").format(path=library.database_label))
        for result in results:
            mark = _("OK") if result.ok else _("FAIL")
            text = result.problem.message() if result.problem else _(result.detail)
            print(f"[{mark}] {_(result.label)}: {text}")
    if not healthy:
        first = next(result for result in results if not result.ok)
        if args.json:
            print(first.problem.message() if first.problem else "", file=sys.stderr)
        return EXIT_USER_ERROR
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from dnqp_desktop.ui.app import run_gui
    except ImportError as exc:  # Qt's system libraries are missing
        log.exception("Qt cannot be loaded")
        print(_("The window cannot open because Qt cannot load: {reason}").format(reason=exc), file=sys.stderr)
        return EXIT_USER_ERROR
    library = _open_library(args)
    try:
        return run_gui(library)
    finally:
        library.close()


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "gui": cmd_gui,
    "init": cmd_init,
    "demo": cmd_demo,
    "check": cmd_check,
}
