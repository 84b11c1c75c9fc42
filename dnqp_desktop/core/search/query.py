"""Answering a query: candidates from key ranges, checked in full, ranked, grouped by kind."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from dnqp_desktop.core.search.index import KIND_CODES, KINDS
from dnqp_desktop.core.search.text import KEY_LENGTH, fields, query_terms

DEFAULT_LIMIT = 20
#: Keys read for one query at most, so that a one-letter query stays fast (they come best first).
SCAN = 2000
#: Records whose full text is checked for one query at most (long queries, words in any order).
CANDIDATES = 200
#: A word with fewer keys than this is worth looking up on its own when the whole query is not.
SELECTIVE = 50

# Plain SQL that SQLite and PostgreSQL both accept, run on the session's own DB-API connection: a
# query runs on every key press, and SQLAlchemy's layers cost 100 µs a statement where SQLite's
# answer takes 20 (measured on the benchmark database).

# In key order: a key equal to the query (the words end there) comes before longer ones.
_KEY_IDS = "SELECT doc_id FROM search_key WHERE key >= :low AND key < :high ORDER BY key, doc_id LIMIT :cap"
# Each record's best key for the query, from the key table alone: 0 a name is the query, 1 a name
# starts with it, 2 a word of a name does, 4 other text does (3 is for words found in any order).
_SCORED = """SELECT doc_id, min(kind_code), min(CASE WHEN weight = 0 AND key = :whole THEN 0 WHEN weight = 0 THEN 1
 WHEN weight < 3 THEN 2 ELSE 4 END), count(*) FROM (SELECT key, doc_id, kind_code, weight FROM search_key
 WHERE key >= :low AND key < :high ORDER BY key, doc_id LIMIT :cap) AS scanned GROUP BY doc_id"""


@dataclass(frozen=True)
class SearchHit:
    kind: str
    record_id: str
    title: str
    #: 0 a name is the query, 1 a name starts with it, 2 a name holds it, 3 the names hold every word,
    #: 4 only other text does; lower is better.
    rank: int


def search(
    session: Session, query: str, *, kinds: Iterable[str] | None = None, limit_per_kind: int = DEFAULT_LIMIT
) -> list[SearchHit]:
    """The hits for ``query``, grouped by kind in ``KINDS`` order, best first, at most ``limit_per_kind`` each.

    What the search box and ``dnqp search`` show; trashed records are never found.
    """
    terms = query_terms(query)
    if not terms or limit_per_kind < 1:
        return []
    chosen = set(KINDS if kinds is None else kinds)
    wanted = [kind for kind in KINDS if kind in chosen]
    connection = _Raw(session.connection())
    whole = "".join(terms)
    hits: dict[tuple[str, str], SearchHit] = {}
    scored, scanned = _scored(connection, whole)
    if len(whole) <= KEY_LENGTH and (scanned < SCAN or len(terms) == 1):
        # Every key starting with the query is a match: rank from the keys, read only what is shown.
        hits.update(_shown(connection, scored, wanted, limit_per_kind))
    else:
        lead = whole
        if scanned >= SCAN and len(terms) > 1:
            # A common start ("thoa thuan hop tac…"): each later word of the query starts a word of
            # every match as well (unless a record joins words the query separates); lead with the rarest.
            windows = ["".join(terms[index:]) for index in range(1, len(terms))]
            counts = _count_keys(connection, windows, SCAN)
            lead = min(zip(counts, windows, strict=True))[1]
        ids = [doc_id for doc_id, _, _ in scored] if lead == whole else _key_ids(connection, lead)
        hits.update(_checked(connection, ids, [whole], wanted, whole, terms))
    if len(terms) > 1 and len(hits) < limit_per_kind:
        # Too few with the words in the order typed: add records holding them all in any order.
        counts = _count_keys(connection, terms, SELECTIVE)
        rarest = min(range(len(terms)), key=counts.__getitem__)
        if not hits or counts[rarest] < SELECTIVE:
            others = [term for index, term in enumerate(terms) if index != rarest or len(term) > KEY_LENGTH]
            found = _checked(connection, _key_ids(connection, terms[rarest]), others, wanted, whole, terms)
            hits.update({key: hit for key, hit in found.items() if key not in hits})
    ordered = sorted(
        hits.values(), key=lambda hit: (KINDS.index(hit.kind), hit.rank, len(hit.title), hit.title.casefold())
    )
    shown: dict[str, int] = {}
    result = []
    for hit in ordered:
        shown[hit.kind] = shown.get(hit.kind, 0) + 1
        if shown[hit.kind] <= limit_per_kind:
            result.append(hit)
    return result


def _range(prefix: str) -> dict[str, str]:
    """Keys starting with ``prefix``: [prefix, prefix with its last character raised by one)."""
    head = prefix[:KEY_LENGTH]
    last = ord(head[-1]) + 1
    if 0xD800 <= last <= 0xDFFF:  # not a character; the next one is
        last = 0xE000
    return {"low": head, "high": head[:-1] + chr(last)}


class _Raw:
    """Statements written with ``:name`` parameters, run on a SQLAlchemy connection's DB-API cursor."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.style = "named" if connection.dialect.name == "sqlite" else connection.dialect.paramstyle

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        statement, names = _driver_sql(sql, self.style)
        cursor = self.connection.connection.cursor()
        try:
            cursor.execute(statement, params if names is None else tuple(params[name] for name in names))
            return list(cursor.fetchall())
        finally:
            cursor.close()


@lru_cache(maxsize=64)
def _driver_sql(sql: str, style: str) -> tuple[str, tuple[str, ...] | None]:
    """``sql`` in the driver's parameter style, and the parameter order when it is positional."""
    if style == "named":
        return sql, None
    if style == "pyformat":
        return re.sub(r":(\w+)", r"%(\1)s", sql), None
    names = tuple(re.findall(r":(\w+)", sql))
    marker = {"qmark": "?", "format": "%s"}.get(style)
    if marker is None:  # numeric
        counter = iter(range(1, len(names) + 1))
        return re.sub(r":\w+", lambda _: f":{next(counter)}", sql), names
    return re.sub(r":\w+", marker, sql), names


def _key_ids(connection: _Raw, prefix: str) -> list[int]:
    """Records with a key starting with ``prefix``, in key order, at most CANDIDATES + 1."""
    rows = connection.rows(_KEY_IDS, {**_range(prefix), "cap": CANDIDATES + 1})
    return list(dict.fromkeys(row[0] for row in rows))


def _scored(connection: _Raw, whole: str) -> tuple[list[tuple[int, int, int]], int]:
    """(record, kind code, score) for the keys starting with ``whole``, best first; and the keys read."""
    # A key equal to the query is a whole name only when the key was not cut short.
    params = {**_range(whole), "cap": SCAN, "whole": whole if len(whole) < KEY_LENGTH else ""}
    rows = connection.rows(_SCORED, params)
    scored = sorted(((doc_id, code, score) for doc_id, code, score, _ in rows), key=lambda row: row[2])
    return scored, sum(row[3] for row in rows)


def _shown(
    connection: _Raw, scored: list[tuple[int, int, int]], kinds: Sequence[str], limit: int
) -> dict[tuple[str, str], SearchHit]:
    """Titles for the best ``limit`` records of each kind: the only rows read from search_doc."""
    codes = {KIND_CODES[kind]: 0 for kind in kinds}
    best: dict[int, int] = {}
    for doc_id, code, score in scored:
        if code in codes and codes[code] < limit:
            codes[code] += 1
            best[doc_id] = score
    if not best:
        return {}
    chosen = ",".join(str(int(doc_id)) for doc_id in best)
    rows = connection.rows(f"SELECT id, kind, record_id, title FROM search_doc WHERE id IN ({chosen})", {})
    return {
        (kind, record_id): SearchHit(kind, record_id, title, best[doc_id]) for doc_id, kind, record_id, title in rows
    }


@lru_cache(maxsize=16)
def _count_sql(count: int) -> str:
    one = "(SELECT count(*) FROM (SELECT 1 FROM search_key WHERE key >= :low{i} AND key < :high{i} LIMIT :cap) AS c{i})"
    return "SELECT " + ", ".join(one.format(i=index) for index in range(count))


def _count_keys(connection: _Raw, prefixes: Sequence[str], cap: int) -> list[int]:
    """How many keys start with each prefix, counting no further than ``cap`` (reading costs time)."""
    params: dict[str, Any] = {"cap": cap}
    for index, prefix in enumerate(prefixes):
        bounds = _range(prefix)
        params[f"low{index}"], params[f"high{index}"] = bounds["low"], bounds["high"]
    return [int(value) for value in connection.rows(_count_sql(len(prefixes)), params)[0]]


def _checked(
    connection: _Raw, ids: Sequence[int], terms: Sequence[str], kinds: Sequence[str], whole: str, query: Sequence[str]
) -> dict[tuple[str, str], SearchHit]:
    """The records among the first CANDIDATES ``ids`` whose text holds every term, ranked here."""
    if not ids:
        return {}
    chosen = ",".join(str(int(doc_id)) for doc_id in ids[:CANDIDATES])
    sql = f"SELECT kind, record_id, title, names FROM search_doc WHERE id IN ({chosen})"
    # Terms hold only letters, digits and marks, so no LIKE wildcard needs escaping.
    params: dict[str, Any] = {f"t{index}": f"%{term}%" for index, term in enumerate(terms)}
    sql += "".join(f" AND text LIKE :t{index}" for index in range(len(terms)))
    if len(kinds) < len(KINDS):
        params |= {f"k{index}": kind for index, kind in enumerate(kinds)}
        sql += " AND kind IN (" + ", ".join(f":k{index}" for index in range(len(kinds))) + ")"
    rows = connection.rows(sql, params)
    return {(kind, rid): SearchHit(kind, rid, title, _rank(names, whole, query)) for kind, rid, title, names in rows}


def _rank(names: str, whole: str, terms: Sequence[str]) -> int:
    """0 a name is the query, 1 a name starts with it, 2 a name holds it, 3 the names hold every word,
    4 only other text does."""
    compact = [field.replace(" ", "") for field in fields(names)]
    if whole in compact:
        return 0
    if any(field.startswith(whole) for field in compact):
        return 1
    if any(whole in field for field in compact):
        return 2
    if all(any(term in field for field in compact) for term in terms):
        return 3
    return 4
