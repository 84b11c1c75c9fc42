"""Many rows into one table, fast: SQLAlchemy's own value conversions, the driver's executemany.

A bulk import writes tens of thousands of rows (records, child rows, audit entries, search keys).
Through ``session.execute(insert(table), rows)`` SQLAlchemy spends more time arranging each row's
parameters than SQLite spends storing it. On SQLite this converts each value with the column
type's own bind processor (so dates, UTC times and JSON are stored exactly as the ORM stores them)
and hands plain tuples to ``executemany``; other databases take the ordinary path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

_CHUNK = 500


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table`` in the session's transaction."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite":
        for start in range(0, len(rows), _CHUNK):
            session.execute(insert(table), list(rows[start : start + _CHUNK]))
        return
    names = list(rows[0])
    processors = [table.c[name].type._cached_bind_processor(dialect) for name in names]
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in names)}) "
        f"VALUES ({', '.join('?' for _name in names)})"
    )
    converters = [_memoised(processor) if processor is not None else None for processor in processors]
    connection.exec_driver_sql(sql, _tuples(rows, names, converters))


def _tuples(
    rows: Sequence[dict[str, Any]], names: Sequence[str], converters: Sequence[Callable[[Any], Any] | None]
) -> list[tuple[Any, ...]]:
    """Each row's values in ``names`` order, converted where a converter is given.

    Built a column at a time with ``map`` and put together by ``zip``: the loops run in C, where a
    tuple built per row by a generator costs a Python call per value (half a million in an import).
    """
    columns = []
    for name, convert in zip(names, converters, strict=True):
        column = map(itemgetter(name), rows)
        columns.append(map(convert, column) if convert is not None else column)
    return list(zip(*columns, strict=True))


def insert_values(session: Session, table: Table, names: Sequence[str], values: Sequence[tuple[Any, ...]]) -> None:
    """Like ``insert_rows`` for columns that need no conversion (text, integers), rows as tuples."""
    if not values:
        return
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite" or any(table.c[name].type._cached_bind_processor(dialect) for name in names):
        insert_rows(session, table, [dict(zip(names, row, strict=True)) for row in values])
        return
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in names)}) "
        f"VALUES ({', '.join('?' for _name in names)})"
    )
    connection.exec_driver_sql(sql, list(values))


def _memoised(processor: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A bind processor remembering its answers: the rows of a bulk write share most dates and times."""
    seen: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            seen[value] = result = processor(value)
            return result
        except TypeError:  # unhashable (a JSON list)
            return processor(value)

    return convert
