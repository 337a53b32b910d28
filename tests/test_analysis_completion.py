"""Completion of the analysis commands' options, where their values have a vocabulary."""

from __future__ import annotations

import pytest
from completion import offered

CASES = [
    (("kwic", "碳", "--levels", ""), ["1R", "2R", "3R", "1L", "2L", "3L", "M"]),
    (("kwic", "碳", "--levels", "1"), ["1R", "1L"]),
    (("kwic", "碳", "--levels", "1r"), ["1R"]),
    (("kwic", "碳", "--levels", "1R,"), ["1R,2R", "1R,3R", "1R,1L", "1R,2L", "1R,3L", "1R,M"]),
    (("kwic", "碳", "--levels", "1R,2R,3"), ["1R,2R,3R", "1R,2R,3L"]),
    (("kwic", "碳", "-p", "guang"), ["广东", "广西"]),
    (("cite", "heb"), ["hebei"]),
    (("cite", "黑"), ["黑龙江"]),
    (("cite", "hebei", "--style", ""), ["plain", "gbt7714", "chicago"]),
    (("cite", "hebei", "--style", "c"), ["chicago"]),
    (("kw",), ["kwic"]),
    (
        ("freq", "碳", "--by", ""),
        ["all", "province", "region", "division", "year", "month", "speaker", "speech"],
    ),
    (("freq", "碳", "--by", "s"), ["speaker", "speech"]),
    (("keywords", "--against-province", "guang"), ["广东", "广西"]),
    (("keywords", "--against-region", "华"), ["华北", "华东", "华中", "华南"]),
    (("keywords", "--against-division", "auto"), ["autonomous_region"]),
    (("keywords", "--min-ll", ""), ["3.84", "6.63", "10.83", "15.13"]),
    (("keywords", "--min-ll", "1"), ["10.83", "15.13"]),
    (("keywords", "--direction", ""), ["positive", "negative", "both"]),
    (("ngrams", "-n", "2"), ["2", "2-3", "2-4"]),
    (("collocates", "碳", "--rank-by", "l"), ["log_dice", "ll"]),
    (("k",), ["kwic", "keywords"]),
]


@pytest.mark.parametrize(("words", "expected"), CASES, ids=[" ".join(w) for w, _ in CASES])
def test_completion(words: tuple[str, ...], expected: list[str]) -> None:
    assert offered(*words) == expected
