"""A table is drawn only where it fits: no header or cell is cut to make room."""

from __future__ import annotations

import pytest
from helpers import Run, tsv

HEADERS = ("#", "Province", "Speaker", "Date", "Occasion", "Length")


@pytest.mark.parametrize("width", range(40, 75, 2))
def test_list_table_or_text_at_every_width(run: Run, width: int) -> None:
    out = run("list", "--format", "table", "--limit", "3", env={"COLUMNS": str(width)}).stdout
    first = out.splitlines()[0]
    if "\t" in first:  # too narrow: the text layout, whole
        assert len(tsv(run("list", "--limit", "3"))) == len(out.splitlines())
        return
    assert first.split() == list(HEADERS)  # every heading whole, on one line
