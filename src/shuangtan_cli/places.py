"""Resolve whatever a user types into one of the 31 provincial-level divisions.

Standard library only: this module sits on the CLI's hot path, so it must import fast.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Any, NamedTuple

from .errors import ShuangtanError

__all__ = [
    "Place",
    "UnknownPlaceError",
    "complete_places",
    "places",
    "resolve_place",
    "resolve_places",
]

_GAZETTEER = os.path.join(os.path.dirname(__file__), "gazetteer.json")

# Separators users type inconsistently ("Inner-Mongolia", "Nei Mongol", "Xi'an"-style
# apostrophes, full-width spaces); they never distinguish two places, so drop them.
_IGNORED = re.compile(r"[\s\-\u2010-\u2015'\u2018\u2019\u02bc_]+")

_MAX_SUGGESTIONS = 3
# Low enough that a one-character typo in a two-character name ("河比") still matches.
_SUGGESTION_CUTOFF = 0.5


class Place(NamedTuple):
    """One provincial-level division, as recorded in gazetteer.json."""

    id: str
    code: str
    name: str
    short: str
    name_hant: str
    short_hant: str
    en: str
    pinyin: str
    abbr: tuple[str, ...]
    abbr_hant: tuple[str, ...]
    division: str
    region: str
    aliases: tuple[str, ...]


class UnknownPlaceError(ShuangtanError):
    """Raised for input that names no province; the suggestions let the CLI offer a fix."""

    def __init__(self, query: str, suggestions: Iterable[str] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        message = f"unknown province '{query}'"
        if self.suggestions:
            message += f"; did you mean {', '.join(self.suggestions)}?"
        super().__init__(message)


_FIELD_NAMES = frozenset(Place._fields)
_TUPLE_FIELDS = frozenset({"abbr", "abbr_hant", "aliases"})


def _place_from_json(entry: dict[str, Any]) -> Place:
    # Exact key check: a typo in the data file should fail loudly, not silently drop a field.
    if set(entry) != _FIELD_NAMES:
        raise RuntimeError(
            f"gazetteer entry {entry.get('id')!r} has keys {sorted(entry)}, "
            f"expected {sorted(_FIELD_NAMES)}"
        )
    values: dict[str, Any] = {}
    for key, value in entry.items():
        if key in _TUPLE_FIELDS:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            value = tuple(value) if ok else value
        else:
            ok = isinstance(value, str)
        if not ok:
            raise RuntimeError(f"gazetteer entry {entry.get('id')!r}: bad {key!r}: {value!r}")
        values[key] = value
    return Place(**values)


@cache
def places() -> tuple[Place, ...]:
    """All 31 divisions in GB/T 2260 order; read once because the file never changes at runtime."""
    with open(_GAZETTEER, encoding="utf-8") as fh:
        raw: list[dict[str, Any]] = json.load(fh)
    return tuple(_place_from_json(entry) for entry in raw)


def _normalize(text: str) -> str:
    # NFKC folds full-width letters/digits and composes decomposed tone marks, so "Shǎnxī"
    # typed on any keyboard compares equal. Tone marks are kept: they tell 山西 from 陕西.
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text)).casefold()


def _spellings(place: Place) -> Iterable[str]:
    yield place.id
    yield place.code
    yield place.name
    yield place.short
    yield place.name_hant
    yield place.short_hant
    yield place.en
    yield place.pinyin
    yield from place.abbr
    yield from place.abbr_hant
    yield from place.aliases


@cache
def _index() -> dict[str, Place]:
    """Normalised spelling -> place; built once, and refuses ambiguous data up front so a
    lookup can never depend on dictionary order."""
    index: dict[str, Place] = {}
    for place in places():
        for spelling in _spellings(place):
            key = _normalize(spelling)
            if not key:
                raise RuntimeError(f"empty spelling for {place.id!r} in gazetteer")
            other = index.setdefault(key, place)
            if other is not place:
                raise RuntimeError(
                    f"gazetteer key {spelling!r} is claimed by both {other.id!r} and {place.id!r}"
                )
    return index


def _suggest(key: str) -> tuple[str, ...]:
    if not key:
        return ()
    import difflib  # only the error path needs it; keep it off the import-time hot path

    index = _index()
    suggestions: list[str] = []
    # Ask for more matches than we show: several keys usually belong to the same place.
    for match in difflib.get_close_matches(key, index, n=20, cutoff=_SUGGESTION_CUTOFF):
        short = index[match].short
        if short not in suggestions:
            suggestions.append(short)
            if len(suggestions) == _MAX_SUGGESTIONS:
                break
    return tuple(suggestions)


def resolve_place(text: str) -> Place:
    """Accept any spelling a user might type so CLI flags need no fixed vocabulary."""
    key = _normalize(text)
    place = _index().get(key)
    if place is None:
        raise UnknownPlaceError(text.strip(), _suggest(key))
    return place


def complete_places(prefix: str) -> tuple[tuple[Place, str], ...]:
    """Places with a spelling that begins with ``prefix``, compared as resolve_place
    compares (``guang`` gives 广东 and 广西, ``黑龍`` 黑龙江, ``冀`` 河北), each with
    the first such spelling (guangdong, 黑龍江, 冀).  In GB/T 2260 order."""
    key = _normalize(prefix)
    found = []
    for place in places():
        spelling = next((s for s in _spellings(place) if _normalize(s).startswith(key)), None)
        if spelling is not None:
            found.append((place, spelling))
    return tuple(found)


def resolve_places(texts: Iterable[str]) -> tuple[Place, ...]:
    """Resolve several at once; repeats collapse so "京, 北京" does not query twice."""
    return tuple(dict.fromkeys(resolve_place(text) for text in texts))
