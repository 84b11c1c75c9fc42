"""Message catalogs: extract, update, compile and check, with babel.

    python -m dnqp_desktop.tools.catalogs extract   # source → i18n/messages.pot
    python -m dnqp_desktop.tools.catalogs update    # .pot → i18n/<lang>/LC_MESSAGES/dnqp.po
    python -m dnqp_desktop.tools.catalogs compile   # .po → .mo (run by ``make``)
    python -m dnqp_desktop.tools.catalogs check     # exit 1 on an empty or fuzzy entry
    python -m dnqp_desktop.tools.catalogs set --lang vi --from-json new.json   # fill msgstrs

English msgids are their own English translation: ``update`` fills the ``en`` catalog itself.
"""

from __future__ import annotations

import argparse
import json
import string
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from dnqp_desktop.core.i18n import DOMAIN, LANGUAGES
from dnqp_desktop.core.resources import app_root, i18n_dir

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "tr": None}
POT_NAME = "messages.pot"


def po_path(lang: str) -> Path:
    return i18n_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(output: Path | None = None) -> Catalog:
    """Collect every marked string; ``output`` defaults to i18n/messages.pot."""
    root = app_root()
    catalog = Catalog(project="DNQP Desktop", domain=DOMAIN, charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root / "dnqp_desktop"), method_map=[("**.py", "python")], keywords=KEYWORDS, strip_comment_tags=True
    ):
        location = (f"dnqp_desktop/{filename}", lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    with (output or i18n_dir() / POT_NAME).open("wb") as fp:
        write_po(fp, catalog, width=120, omit_header=False, sort_output=True, include_lineno=False)
    return catalog


def update() -> None:
    with (i18n_dir() / POT_NAME).open("rb") as fp:
        template = read_po(fp)
    for lang in LANGUAGES:
        path = po_path(lang)
        if path.exists():
            with path.open("rb") as fp:
                catalog = read_po(fp, locale=lang, domain=DOMAIN)
            catalog.update(template, update_header_comment=False, no_fuzzy_matching=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=lang, domain=DOMAIN, project="DNQP Desktop", charset="utf-8", fuzzy=False)
            catalog.update(template, no_fuzzy_matching=True)
        if lang == "en":
            for message in catalog:
                if message.id and not message.string:
                    message.string = message.id
        catalog.obsolete.clear()
        with path.open("wb") as fp:
            write_po(fp, catalog, width=120, sort_output=True, include_lineno=False)


def set_translations(lang: str, translations: dict[str, str]) -> list[str]:
    """Fill msgstrs from a {msgid: msgstr} mapping; returns the msgids that are not in the catalog."""
    path = po_path(lang)
    with path.open("rb") as fp:
        catalog = read_po(fp, locale=lang, domain=DOMAIN)
    unknown = []
    for msgid, msgstr in translations.items():
        message = catalog.get(msgid)
        if message is None:
            unknown.append(msgid)
            continue
        message.string = msgstr
        message.flags.discard("fuzzy")
    with path.open("wb") as fp:
        write_po(fp, catalog, width=120, sort_output=True, include_lineno=False)
    return unknown


def compile_all() -> None:
    for lang in LANGUAGES:
        path = po_path(lang)
        if not path.exists():
            continue
        with path.open("rb") as fp:
            catalog = read_po(fp, locale=lang, domain=DOMAIN)
        with path.with_suffix(".mo").open("wb") as fp:
            write_mo(fp, catalog, use_fuzzy=False)


def problems(lang: str) -> Iterator[str]:
    """Empty, fuzzy, or placeholder-breaking entries of one catalog."""
    path = po_path(lang)
    if not path.exists():
        yield f"{lang}: no catalog at {path}"
        return
    with path.open("rb") as fp:
        catalog = read_po(fp, locale=lang, domain=DOMAIN)
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            yield f"{lang}: fuzzy: {ids[0]!r}"
        elif not all(strings):
            yield f"{lang}: untranslated: {ids[0]!r}"
        elif _placeholders(ids[0]) != _placeholders(strings[0]):
            yield f"{lang}: placeholders differ: {ids[0]!r}"


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="catalogs")
    parser.add_argument("action", choices=["extract", "update", "compile", "check", "set"])
    parser.add_argument("--lang", choices=LANGUAGES, help="with set: the catalog to fill")
    parser.add_argument("--from-json", type=Path, help="with set: a JSON file {msgid: msgstr}")
    args = parser.parse_args(argv)
    if args.action == "set":
        if not (args.lang and args.from_json):
            parser.error("set needs --lang and --from-json")
        unknown = set_translations(args.lang, json.loads(args.from_json.read_text(encoding="utf-8")))
        for msgid in unknown:
            print(f"not in the {args.lang} catalog: {msgid!r}", file=sys.stderr)
        return 1 if unknown else 0
    if args.action == "extract":
        print(f"{len(extract())} messages")
    elif args.action == "update":
        update()
    elif args.action == "compile":
        compile_all()
    else:
        found = [line for lang in LANGUAGES for line in problems(lang)]
        print("\n".join(found) or "catalogs complete")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
