"""Reading a workbook into an import plan: rows to add, rows matching records, and every problem.

Nothing is written here. The plan is what the preview shows and what ``commit.py`` writes: each
problem names its sheet row, its column letter and heading, and carries a DomainError, so it is
said in the user's language when shown. Rows are checked twice over: each cell by the column's
parser (dates, numbers, names of units…), then each whole row by the service's own rules and
checks (``services/bulk.py``) exactly as a form's Save would be, in one read-only transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from dnqp_desktop.core.backup.progress import Cancelled, Progress, never_cancelled, no_progress
from dnqp_desktop.core.errors import DomainError
from dnqp_desktop.core.gc_pause import gc_paused
from dnqp_desktop.core.i18n import _
from dnqp_desktop.core.library import Library
from dnqp_desktop.core.services.bulk import validate_new
from dnqp_desktop.core.services.rules import Invalid
from dnqp_desktop.core.xlsx import cells
from dnqp_desktop.core.xlsx.headers import HEADER_SEARCH_ROWS, HeaderMatch, find_header
from dnqp_desktop.core.xlsx.kinds import (
    BOOLEAN,
    CHOICE,
    DATE,
    IMPORT_KINDS,
    INTEGER,
    LIST,
    MOMENT,
    NUMBER,
    PEOPLE,
    PERSON,
    TEXT,
    UNIT,
    UNITS,
    ImportColumn,
    ImportKind,
)
from dnqp_desktop.core.xlsx.lookups import Lookups, NameIndex
from dnqp_desktop.core.xlsx.reader import column_letter, open_workbook, sheets, split_ref

#: Rows between two progress reports / cancel checks.
STEP = 500


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the workbook: where (row, column) and what (a DomainError)."""

    row: int  # row number in the sheet; 0 for the workbook as a whole
    column: str  # column letter, "" for the whole row
    heading: str
    error: DomainError

    def message(self, lang: str | None = None) -> str:
        return self.error.message(lang)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "heading": self.heading,
            "message_id": self.error.message_id,
            "message": self.message(lang),
        }


@dataclass
class PlannedRow:
    row: int
    data: dict[str, Any]
    title: str
    record_id: str | None = None  # the matching record, for rows that match one
    #: A unit whose parent is another row of the same workbook (a unit tree imported at once).
    parent_row: int | None = None


@dataclass
class ImportPlan:
    kind: str
    path: Path
    sheet: str = ""
    header_row: int = 0
    adds: list[PlannedRow] = field(default_factory=list)
    matches: list[PlannedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    validated: bool = False
    #: column key → letter and heading as found in the sheet, to place the services' errors
    letters: dict[str, str] = field(default_factory=dict)
    headings: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def spec(self) -> ImportKind:
        return IMPORT_KINDS[self.kind]

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "file": str(self.path),
            "sheet": self.sheet,
            "header_row": self.header_row,
            "to_add": len(self.adds),
            "matching": len(self.matches),
            "matching_rows": [{"row": row.row, "id": row.record_id, "title": row.title} for row in self.matches],
            "ignored_columns": self.ignored,
            "problems": [problem.to_json(lang) for problem in self.problems],
        }


class ImportRefused(DomainError):
    """The workbook has problems; nothing was imported. ``problems`` says which."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("xlsx_invalid", count=len(problems))
        self.problems = list(problems)


def plan_import(
    library: Library,
    kind: str,
    path: Path,
    *,
    validate: bool = True,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ImportPlan:
    """Read ``path`` as a workbook of ``kind`` records; with ``validate``, check every row with the services."""
    spec = IMPORT_KINDS[kind]
    with gc_paused(), library.read() as session:
        plan = _read(spec, path, Lookups(session), progress, cancelled)
        plan.adds = _merge_repeated(spec, plan.adds)
        existing: dict[Hashable, str] = {}
        for key, record_id in spec.existing(session):
            existing.setdefault(key, record_id)
        still_new = []
        for row in plan.adds:
            row.record_id = next((existing[key] for key in spec.keys(row.data) if key in existing), None)
            (plan.matches if row.record_id else still_new).append(row)
        plan.adds = still_new
        matched = {row.row: row.record_id for row in plan.matches}
        for row in [*plan.adds, *plan.matches]:
            if row.parent_row in matched:  # the parent row is a unit already recorded
                row.data["parent_id"], row.parent_row = matched[row.parent_row], None
        if validate:
            progress(0, 0, _("Checking the rows…"))
            service = getattr(library, spec.service)
            # A parent that is itself a new row has no id yet: checked without it here.
            checked = validate_new(service, session, [_without_parent(row) for row in plan.adds])
            plan.problems.extend(row_problems(plan, plan.adds, checked.errors))
            for row in plan.matches:
                if cancelled():
                    raise DomainError("import_cancelled")
                try:
                    existing_record = service._load(session, row.record_id)
                    draft = service._clean(session, update_data(service, existing_record, row.data), existing_record)
                    service._check(session, draft)
                except DomainError as error:
                    plan.problems.extend(service_problems(plan, row.row, error.errors))
            # A row with a problem is listed under the problems only, not also as a row to add.
            refused = {problem.row for problem in plan.problems}
            plan.adds = [row for row in plan.adds if row.row not in refused]
            plan.matches = [row for row in plan.matches if row.row not in refused]
            plan.problems.sort(key=lambda problem: (problem.row, problem.column))
            plan.validated = True
    return plan


def _merge_repeated(spec: ImportKind, rows: list[PlannedRow]) -> list[PlannedRow]:
    """A record on several rows (a person with two passports): later rows that repeat an earlier
    row's name and add only child rows (another passport, an earlier rank) join that row."""
    if not spec.children_merge:
        return rows
    first: dict[Hashable, PlannedRow] = {}
    kept: list[PlannedRow] = []
    for row in rows:
        name_keys = [key for key in spec.keys(row.data) if key[0] == "name"]  # type: ignore[index]
        earlier = next((first[key] for key in name_keys if key in first), None)
        if earlier is not None and _only_adds_children(spec, earlier.data, row.data):
            for collection in spec.children_merge:
                known = earlier.data[collection]
                known.extend(child for child in row.data[collection] if child not in known)
            continue
        for key in name_keys:
            first.setdefault(key, row)
        kept.append(row)
    return kept


def _only_adds_children(spec: ImportKind, earlier: Mapping[str, Any], later: Mapping[str, Any]) -> bool:
    for name, value in later.items():
        if name in spec.children_merge:
            continue
        if value in (None, "", []) or value == earlier.get(name):
            continue
        if not (isinstance(value, str) and cells.fold_key(value) == cells.fold_key(earlier.get(name) or "")):
            return False  # "Dang Van Long" repeats "Đặng Văn Long"; another birth date is another person
    return True


def _without_parent(row: PlannedRow) -> dict[str, Any]:
    return {**row.data, "parent_id": None} if row.parent_row is not None else row.data


def row_problems(
    plan: ImportPlan, rows: Sequence[PlannedRow], errors: Mapping[int, list[DomainError]]
) -> list[Problem]:
    found: list[Problem] = []
    for index, row_errors in errors.items():
        found.extend(service_problems(plan, rows[index].row, row_errors))
    return found


def service_problems(plan: ImportPlan, row: int, errors: Sequence[DomainError]) -> list[Problem]:
    """A service's errors about one record, placed in the column they are about."""
    found = []
    spec = plan.spec
    for error in errors:
        collection = error.params.get("collection")
        key = spec.column_for_error(collection, error.field)
        params = {name: value for name, value in error.params.items() if name not in ("collection", "row")}
        shown = DomainError(error.message_id, field=key or error.field, kind=spec.kind if key else error.kind, **params)
        found.append(Problem(row, plan.letters.get(key or "", ""), plan.headings.get(key or "", ""), shown))
    return found


def update_data(service: Any, record: Any, data: Mapping[str, Any]) -> dict[str, Any]:
    """What a matching row changes: the cells it fills; child rows it adds unless already there."""
    changes: dict[str, Any] = {}
    for name, value in data.items():
        if name in service.children:
            current = list(getattr(record, name))
            rows = [{"id": child.id} for child in current]
            for new in value or []:
                given = {key: item for key, item in new.items() if item is not None}
                if given and not any(_same(child, given) for child in current):
                    rows.append(new)
            if len(rows) > len(current):
                changes[name] = rows
        elif value is not None and value != [] and value != "":
            changes[name] = value
    return changes


def _same(child: Any, given: Mapping[str, Any]) -> bool:
    def norm(value: Any) -> Any:
        return cells.fold_key(value) if isinstance(value, str) else value

    return all(norm(getattr(child, key, None)) == norm(value) for key, value in given.items())


# --- reading the sheet ---------------------------------------------------------------------------


def _read(spec: ImportKind, path: Path, lookups: Lookups, progress: Progress, cancelled: Cancelled) -> ImportPlan:
    plan = ImportPlan(spec.kind, path)
    workbook = open_workbook(path)
    try:
        had_data = False
        for sheet in sheets(workbook, path):
            head = list(islice(sheet.rows, HEADER_SEARCH_ROWS))
            if not any(not cells.is_blank(value) for row in head for value in row):
                continue
            had_data = True
            header = find_header(spec, head)
            if header is None:
                continue
            plan.sheet = sheet.title
            rows = _chain(head[header.row_index + 1 :], sheet.rows)
            _read_rows(spec, plan, header, rows, sheet.merged, lookups, progress, cancelled)
            if not plan.adds and not plan.problems:
                raise DomainError("xlsx_empty", path=str(path))
            return plan
        raise DomainError("xlsx_no_header" if had_data else "xlsx_empty", path=str(path))
    finally:
        workbook.close()


def _chain(first: list[Any], rest: Any) -> Any:
    yield from first
    yield from rest


def _read_rows(
    spec: ImportKind,
    plan: ImportPlan,
    header: HeaderMatch,
    rows: Any,
    merged: Sequence[str],
    lookups: Lookups,
    progress: Progress,
    cancelled: Cancelled,
) -> None:
    plan.header_row = header_row = header.row_index + 1
    letters = plan.letters = {key: column_letter(index) for key, index in header.columns.items()}
    headings = plan.headings = {key: header.headings[index] for key, index in header.columns.items()}
    plan.ignored = [heading for _index, heading in header.ignored]
    for index, heading in header.repeated:
        error = DomainError("xlsx_duplicate_column", field=header_key(spec, heading), kind=spec.kind)
        plan.problems.append(Problem(header_row, column_letter(index), heading, error))
    for column in spec.columns:
        if column.required and column.key not in header.columns:
            error = DomainError("xlsx_missing_column", field=column.key, kind=spec.kind)
            plan.problems.append(Problem(header_row, "", "", error))
    for ref in merged:
        first_row, first_column, last_row, _last_column = split_ref(ref)
        if last_row >= header_row:
            error = DomainError("xlsx_merged", cells=ref)
            heading = header.headings.get(first_column, "")
            plan.problems.append(Problem(max(first_row, header_row), column_letter(first_column), heading, error))
    readers = [
        (column, header.columns[column.key], _PARSERS[column.parse])
        for column in spec.columns
        if column.key in header.columns
    ]
    required = [column for column, _index, _parse in readers if column.required]
    pending: dict[int, str] = {}
    for offset, values in enumerate(rows):
        if offset % STEP == 0:
            if cancelled():
                raise DomainError("import_cancelled")
            progress(offset, 0, _("Reading row {row}…").format(row=header_row + offset + 1))
        row_number = header_row + 1 + offset
        parsed: dict[str, Any] = {}
        problems: list[Problem] = []
        blank = True
        for column, index, parse in readers:
            raw = values[index] if index < len(values) else None
            if raw is None or (raw.__class__ is str and not raw.strip()):
                continue
            blank = False
            try:
                if raw.__class__ is str and raw.startswith("="):
                    cells.check_formula(raw)
                parsed[column.key] = parse(column, raw, lookups)
            except cells.Formula as formula:
                error = DomainError("xlsx_formula", field=column.key, kind=spec.kind, value=formula.text)
                problems.append(Problem(row_number, letters[column.key], headings[column.key], error))
            except Invalid as bad:
                if bad.message_id == "unknown_reference" and (spec.kind, column.key) == ("unit", "parent_id"):
                    pending[row_number] = cells.text(raw)  # perhaps a unit of this same workbook
                    continue
                error = DomainError(bad.message_id, field=column.key, kind=spec.kind, **bad.params)
                problems.append(Problem(row_number, letters[column.key], headings[column.key], error))
        if blank:
            continue
        for column in required:
            if column.key not in parsed and not any(p.column == letters[column.key] for p in problems):
                error = DomainError("required", field=column.key, kind=spec.kind)
                problems.append(Problem(row_number, letters[column.key], headings[column.key], error))
        if problems:
            plan.problems.extend(problems)
            continue
        data = spec.build(parsed)
        plan.adds.append(PlannedRow(row_number, data, _title(data)))
    if pending:
        _parents_in_workbook(plan, pending)


def _parents_in_workbook(plan: ImportPlan, pending: Mapping[int, str]) -> None:
    """Units whose parent is named by another row: linked to that row, or reported unknown."""
    names = NameIndex(
        "unit",
        (
            (str(row.row), [row.data.get(name) or "" for name in ("name_vi", "name_lo", "name_en", "short_name")])
            for row in plan.adds
        ),
    )
    rows = {row.row: row for row in plan.adds}
    kept = []
    for row in plan.adds:
        name = pending.get(row.row)
        if name is not None:
            try:
                row.parent_row = int(names.find(name))
            except Invalid as bad:
                error = DomainError(bad.message_id, field="parent_id", kind="unit", **bad.params)
                plan.problems.append(Problem(row.row, plan.letters["parent_id"], plan.headings["parent_id"], error))
                continue
            if row.parent_row == row.row or row.parent_row not in rows:
                error = DomainError("parent_cycle", field="parent_id", kind="unit")
                plan.problems.append(Problem(row.row, plan.letters["parent_id"], plan.headings["parent_id"], error))
                continue
        kept.append(row)
    plan.adds = kept


def header_key(spec: ImportKind, heading: str) -> str:
    from dnqp_desktop.core.xlsx.headers import spellings

    return spellings(spec).get(cells.fold_key(heading), heading)


def _title(data: Mapping[str, Any]) -> str:
    for name in ("name_vi", "title_vi", "purpose_vi", "name_lo", "title_lo", "purpose_lo"):
        if data.get(name):
            return str(data[name])
    return ""


def _text(column: ImportColumn, raw: Any, lookups: Lookups) -> str:
    return raw.strip() if raw.__class__ is str and raw.isascii() else cells.text(raw)


_PARSERS: dict[str, Callable[[ImportColumn, Any, Lookups], Any]] = {
    TEXT: _text,
    LIST: lambda column, raw, lookups: cells.text_list(raw),
    DATE: lambda column, raw, lookups: cells.day(raw),
    MOMENT: lambda column, raw, lookups: cells.moment(raw),
    INTEGER: lambda column, raw, lookups: cells.integer(raw),
    NUMBER: lambda column, raw, lookups: cells.number(raw),
    CHOICE: lambda column, raw, lookups: cells.choice(raw, column.enum),  # type: ignore[arg-type]
    BOOLEAN: lambda column, raw, lookups: cells.boolean(raw),
    UNIT: lambda column, raw, lookups: lookups.units.find(cells.text(raw)),
    UNITS: lambda column, raw, lookups: [lookups.units.find(name) for name in cells.text_list(raw)],
    PERSON: lambda column, raw, lookups: lookups.people.find(cells.text(raw)),
    PEOPLE: lambda column, raw, lookups: [lookups.people.find(name) for name in cells.text_list(raw)],
}
