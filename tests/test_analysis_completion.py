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
]


@pytest.mark.parametrize(("words", "expected"), CASES, ids=[" ".join(w) for w, _ in CASES])
def test_completion(words: tuple[str, ...], expected: list[str]) -> None:
    assert offered(*words) == expected
