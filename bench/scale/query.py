#!/usr/bin/env python3
"""One query against a store, as a whole process, where the command line will later be.

Imports nothing but the store (the future ``grep -c`` adds its own start-up).
Prints what ``grep -c`` needs: one line per record with a match, its ordinal
and its count, then the totals on stderr.  Usage::

    python bench/scale/query.py count STORE TERM     # a literal, folded already
    python bench/scale/query.py fold STORE TERM      # a literal typed in any script
    python bench/scale/query.py regex STORE PATTERN
    python bench/scale/query.py select STORE PROVINCE_ID
"""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    kind, directory, query = argv
    from shuangtan_cli.store import fold, open_store

    store = open_store(directory)
    if kind == "select":
        ordinals = store.select(provinces=[query])
        sys.stdout.write("".join(f"{o}\n" for o in ordinals))
        print(f"{len(ordinals)} records", file=sys.stderr)
        return 0
    if kind == "fold":
        query = fold(query)
    rows = store.count(query, regex=kind == "regex")
    sys.stdout.write("".join(f"{o}\t{n}\n" for o, n in rows))
    print(f"{sum(n for _, n in rows)} matches in {len(rows)} records", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
