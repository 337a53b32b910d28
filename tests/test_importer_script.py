"""detect_script tells Simplified from Traditional text, and both from a mix."""

from __future__ import annotations

from collections.abc import Iterable

import opencc
import pytest
from helpers import records

from shuangtan_cli.errors import ShuangtanError
from shuangtan_cli.importer import _MIXED_SHARE, detect_script


def paragraphs(script: str) -> list[str]:
    return [p for record in records(script) for p in record["paragraphs"]]


def test_the_bundled_files() -> None:
    assert detect_script(paragraphs("simplified")) == "simplified"
    assert detect_script(paragraphs("traditional")) == "traditional"
    assert detect_script(paragraphs("hk")) == "traditional"  # Hong Kong forms are Traditional


def test_each_bundled_record_alone() -> None:
    for script, expected in (("simplified", "simplified"), ("traditional", "traditional")):
        for record in records(script):
            assert detect_script(record["paragraphs"]) == expected, record["id"]


def _marks(text: str) -> tuple[int, int]:
    """(Traditional-only, Simplified-only) characters of ``text``, by OpenCC char by char."""
    converters = {name: opencc.OpenCC(name) for name in ("t2s", "s2t", "s2tw", "s2hk")}
    t = s = 0
    for char in text:
        if not "\u3400" <= char <= "\u9fff":
            continue
        changes = {name: converter.convert(char) != char for name, converter in converters.items()}
        if changes["t2s"] and not changes["s2t"]:
            t += 1
        elif changes["s2t"] and changes["s2tw"] and changes["s2hk"] and not changes["t2s"]:
            s += 1
    return t, s


def _expected(text: str) -> str:
    t, s = _marks(text)
    if t and s <= _MIXED_SHARE * (t + s):
        return "traditional"
    if t <= _MIXED_SHARE * (t + s):
        return "simplified"
    return "mixed"


@pytest.mark.parametrize("share", [0.0, 0.05, 0.3, 0.5, 0.7, 0.95, 1.0])
def test_mixed_input(share: float) -> None:
    """Traditional records then Simplified ones, in proportion: judged by the documented rule."""
    simplified, traditional = records("simplified"), records("traditional")
    cut = round(len(simplified) * share)
    texts = [p for r in traditional[:cut] for p in r["paragraphs"]]
    texts += [p for r in simplified[cut:] for p in r["paragraphs"]]
    text = "".join(texts)
    assert detect_script(texts, sample=len(text)) == _expected(text)
    if 0.3 <= share <= 0.7:
        assert detect_script(texts, sample=len(text)) == "mixed"


def test_only_the_sample_is_read() -> None:
    traditional = "".join(paragraphs("traditional"))
    simplified = paragraphs("simplified")

    def texts() -> Iterable[str]:
        yield traditional[:500]
        yield from simplified
        raise AssertionError("read past the sample")

    assert detect_script(texts(), sample=500) == "traditional"
    assert detect_script([traditional[:300], "".join(simplified)], sample=310) == "traditional"
    assert detect_script([traditional[:300], "".join(simplified)], sample=10_000) == "simplified"


@pytest.mark.parametrize("texts", [[], [""], ["2030 carbon peak, 1+N"], ["中国人民"]])
def test_text_without_script_specific_characters_is_simplified(texts: list[str]) -> None:
    assert detect_script(texts) == "simplified"


def test_a_sample_must_hold_something() -> None:
    with pytest.raises(ShuangtanError):
        detect_script(["文"], sample=0)
