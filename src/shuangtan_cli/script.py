"""Simplified and Traditional script: the only module that imports OpenCC.

Building an OpenCC converter costs milliseconds (t2s) to tens of milliseconds
(s2tw, s2hk), and as much again to tear down at exit, so each converter is
built lazily, once, and only when a command needs it.  The bundled corpus ships
pre-rendered in every script, so reading it never builds s2tw or s2hk at all.

OpenCC's phrase segmentation makes mistakes on this corpus (碳中和面临 becomes
碳中和麵臨, 对表 becomes 對錶, …).  ``phrases.json`` is the project's phrase
dictionary: its entries take precedence over OpenCC's, and every one of them
is justified by a passage of the source article.
"""

from __future__ import annotations

import json
import os
import re
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Protocol

from .errors import ShuangtanError

if TYPE_CHECKING:
    from collections.abc import Callable


class Script(str, Enum):
    """A script the corpus can be read in."""

    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"
    HK = "hk"

    def __str__(self) -> str:
        return self.value


SCRIPT_ALIASES: dict[str, Script] = {
    "simplified": Script.SIMPLIFIED,
    "s": Script.SIMPLIFIED,
    "simp": Script.SIMPLIFIED,
    "hans": Script.SIMPLIFIED,
    "zh-hans": Script.SIMPLIFIED,
    "zh-cn": Script.SIMPLIFIED,
    "traditional": Script.TRADITIONAL,
    "t": Script.TRADITIONAL,
    "trad": Script.TRADITIONAL,
    "hant": Script.TRADITIONAL,
    "zh-hant": Script.TRADITIONAL,
    "tw": Script.TRADITIONAL,
    "zh-tw": Script.TRADITIONAL,
    "hk": Script.HK,
    "zh-hk": Script.HK,
}

#: OpenCC configuration for each rendering of the Simplified canonical text.
#: s2tw rather than s2t: the source article uses Taiwan-standard forms
#: (為, 峰, 群), not OpenCC's own 爲, 峯, 羣.
_RENDER_CONFIG = {Script.TRADITIONAL: "s2tw", Script.HK: "s2hk"}

PHRASES_FILE = os.path.join(os.path.dirname(__file__), "phrases.json")


def parse_script(text: str) -> Script:
    """Resolve a script name or alias (``t``, ``zh-Hant``, ``tw`` …)."""
    try:
        return SCRIPT_ALIASES[text.strip().lower()]
    except KeyError:
        names = ", ".join(s.value for s in Script)
        raise ShuangtanError(f"unknown script '{text}'; choose from {names}") from None


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def _opencc(config: str) -> _Converter:
    import opencc

    converter: _Converter = opencc.OpenCC(config)
    return converter


@cache
def _phrase_table(direction: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The project's phrases for one direction, as one alternation, longest first."""
    with open(PHRASES_FILE, encoding="utf-8") as file:
        entries = json.load(file)[direction]
    mapping = {entry["from"]: entry["to"] for entry in entries}
    if not mapping:
        return None, mapping
    keys = sorted(mapping, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys))), mapping


def _convert(text: str, config: str, direction: str) -> str:
    """Convert with OpenCC, letting the project's phrases win where they match.

    The text is cut at each project phrase; OpenCC converts the pieces between.
    """
    if not text.isascii():
        try:  # a lone surrogate cannot be encoded: found at C speed, not by a loop in Python
            text.encode("utf-8")
        except UnicodeEncodeError:
            shown = ascii(text) if len(text) <= 200 else f"{ascii(text[:200])}…"
            raise ShuangtanError(
                f"text {shown} is not valid Unicode (it holds lone surrogates)"
            ) from None
    pattern, mapping = _phrase_table(direction)
    convert: Callable[[str], str] = _opencc(config).convert
    if pattern is None:
        return convert(text)
    pieces: list[str] = []
    pos = 0
    for match in pattern.finditer(text):
        if match.start() > pos:
            pieces.append(convert(text[pos : match.start()]))
        pieces.append(mapping[match.group()])
        pos = match.end()
    if pos < len(text) or not pieces:
        pieces.append(convert(text[pos:]))
    return "".join(pieces)


def to_simplified(text: str) -> str:
    """Fold text in any script (or a mix) to Simplified, the canonical script."""
    return _convert(text, "t2s", "simplified")


def from_simplified(text: str, script: Script) -> str:
    """Render Simplified text in ``script``."""
    if script is Script.SIMPLIFIED:
        return text
    return _convert(text, _RENDER_CONFIG[script], script.value)


def convert(text: str, script: Script | str) -> str:
    """Convert text in any script to ``script``; the public entry point."""
    target = script if isinstance(script, Script) else parse_script(script)
    return from_simplified(to_simplified(text), target)


@cache
def _not_han() -> Callable[[str, str], str]:
    """What removes every character that is not Han (``regex``'s sub, bound)."""
    import regex

    sub: Callable[[str, str], str] = regex.compile(r"\P{Han}+").sub
    return sub


def han_chars(text: str) -> int:
    """How many characters of ``text`` are of Unicode script Han (``\\p{Han}``).

    The one definition of a record's ``han_chars``: the bundled corpus's build,
    the importer's check of a given value and the store all count with it.
    """
    return len(_not_han()("", text))
