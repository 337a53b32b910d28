"""The fast paths of the writers print exactly what the plain ones did."""

from __future__ import annotations

import io
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from shuangtan_cli.formats import _one_line, cell, inert, write_json, write_tsv

TEXT = st.text(st.characters(codec=None, categories=None, exclude_categories=["Cs"]), max_size=8)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=6,
)
ROWS = st.lists(st.dictionaries(TEXT, VALUES, max_size=5), max_size=5)


@given(rows=ROWS)
def test_write_json_is_json_dumps_indented(rows: list[dict[str, Any]]) -> None:
    out = io.StringIO()
    write_json(rows, out)
    assert out.getvalue() == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


@given(rows=st.lists(st.fixed_dictionaries({"a": SCALARS, "b": VALUES}), max_size=4))
def test_write_tsv_is_the_one_line_cell(rows: list[dict[str, Any]]) -> None:
    for terminal in (False, True):
        out = io.StringIO()
        write_tsv(rows, ("a", "b"), out, terminal=terminal)
        expected = "".join(
            "\t".join(
                inert(_one_line(cell(row[k]))) if terminal else _one_line(cell(row[k]))
                for k in ("a", "b")
            )
            + "\n"
            for row in rows
        )
        assert out.getvalue() == expected
