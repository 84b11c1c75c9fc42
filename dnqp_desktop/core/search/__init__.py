"""The search box's index: every record findable by what a clerk would type, in any of three languages.

Clerks type names without accents, with old or new tone placement, with or without the hyphens of a
transliteration, in NFC or NFD, or a piece of Lao written without spaces. ``fold`` (text.py) reduces
all of these to one spelling (GLOSSARY.md §3), and the index stores only folded text.

Why keys in a B-tree rather than FTS5: on realistic names (bench/search.py's generator) an FTS5
``trigram`` index answered in about 3 ms at the median and 11 ms at p95, only 4× faster than a plain
``LIKE`` scan, because Vietnamese names share a few very common trigrams ("ngu", "uye", "van"…);
and SQLite 3.40's trigram ``LIKE`` crashes the process when a pattern shorter than three characters
comes before a longer one. Instead, each searchable text is folded and stripped of spaces and
punctuation, and every suffix starting at a word (in Lao at every letter, as Lao has no spaces) is
stored in ``search_key``, cut to ``KEY_LENGTH`` characters, with the record's kind and a weight
saying how good a match starting there is (start of a name, a word of a name, inside a Lao word,
other text). A query is a range scan of that primary key, ranked from the keys alone, then the
titles of the records shown: plain SQL, the same on SQLite and PostgreSQL (query.py).

Matching: the query's words in the order typed, spaces and hyphens ignored ("xiengpheng" finds
"Xiêng-pheng", "xieng pheng" finds "Xiengpheng"), at the start of a word (anywhere in Lao); when
that finds fewer hits than asked for, records holding all the words in any order are added. Best
first: a name equal to the query, a name starting with it, a word of a name starting with it, names
holding all the words, then other text (places, positions, passport numbers, article titles).

The index is written by the services in the same transaction as the record (services/base.py, each
service's ``search_texts``): a rolled-back write leaves it as it was; trashed records leave it and
restored ones come back; renaming a unit re-indexes its twinnings (``search_dependents``).
"""

from dnqp_desktop.core.search.index import (
    INDEX_TABLES,
    KINDS,
    IndexStatus,
    Provider,
    SearchText,
    add_documents,
    fill_if_empty,
    index_status,
    providers,
    put,
    rebuild,
    record_removed,
    record_written,
    register,
    search_doc,
    search_key,
)
from dnqp_desktop.core.search.query import DEFAULT_LIMIT, SearchHit, search
from dnqp_desktop.core.search.text import KEY_LENGTH, fold, query_terms

__all__ = [
    "DEFAULT_LIMIT",
    "INDEX_TABLES",
    "KEY_LENGTH",
    "KINDS",
    "IndexStatus",
    "Provider",
    "SearchHit",
    "SearchText",
    "add_documents",
    "fill_if_empty",
    "fold",
    "index_status",
    "providers",
    "put",
    "query_terms",
    "rebuild",
    "record_removed",
    "record_written",
    "register",
    "search",
    "search_doc",
    "search_key",
]
