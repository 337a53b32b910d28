"""What a regular expression requires of a text, for choosing candidates from the index.

Conservative by construction: anything this module does not understand
requires nothing, so the search scans every record rather than miss one.

The pattern is parsed with the standard library's own parser of ``re``
syntax.  Patterns are compiled with the ``regex`` module, whose syntax is a
superset; where the two could read the same text differently (POSIX classes
``[[:alpha:]]``, fuzzy matching ``{e<=1}``, flags other than re's) the
pattern is not analysed at all.  A pattern ``re`` cannot parse (``\\p{Han}``,
``(?|…)``, ``\\L<…>``) is not analysed either.
"""

from __future__ import annotations

import re
import warnings
from typing import Any, TypeAlias

#: A requirement: None (nothing), a literal, or ("and" | "or", [requirements]).
Requirement: TypeAlias = None | str | tuple[str, list[Any]]

#: Fuzzy constraints and POSIX classes, which ``re`` would read as literals.
_UNSAFE = re.compile(r"\{[^}]*[<=>a-z]|\[:")
#: Literal sets larger than this are not expanded.
_MAX_LITERALS = 64


def _parse(pattern: str) -> Any:
    if _UNSAFE.search(pattern):
        return None
    try:
        from re import _parser as sre  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse as sre
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = sre.parse(pattern)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
        return None
    return parsed


def _name(op: Any) -> str:
    return str(getattr(op, "name", op))


def requirement(pattern: str) -> Requirement:
    """The literals a match of ``pattern`` must contain, as an and/or tree."""
    parsed = _parse(pattern)
    if parsed is None:
        return None
    return _walk(list(parsed))[0]


def _join(kind: str, items: list[Requirement]) -> Requirement:
    if kind == "and":
        items = [item for item in items if item is not None]
        if not items:
            return None
    elif any(item is None for item in items):
        return None
    unique: list[Requirement] = []
    for item in items:
        if item not in unique:
            unique.append(item)
    return unique[0] if len(unique) == 1 else (kind, unique)


def _walk(items: list[Any]) -> tuple[Requirement, str | None]:
    """The requirement of a sequence, and the sequence itself if it is one fixed literal."""
    required: list[Requirement] = []
    run: list[str] = []
    exact = True
    for op, av in items:
        name = _name(op)
        if name == "LITERAL":
            run.append(chr(av))
            continue
        sub: Requirement = None
        if name in ("SUBPATTERN", "ATOMIC_GROUP"):
            if name == "SUBPATTERN":
                _, add_flags, _, body = av
                if add_flags & (re.IGNORECASE | re.LOCALE):
                    body = None
            else:
                body = av
            if body is not None:
                sub, literal = _walk(list(body))
                if literal is not None:
                    run.append(literal)
                    continue
        elif name == "BRANCH":
            sub = _join("or", [_walk(list(branch))[0] for branch in av[1]])
        elif name == "IN":
            chars = _chars(av)
            sub = _join("or", list(chars)) if chars else None
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _, body = av
            if low >= 1:
                sub = _walk(list(body))[0]
        exact = False
        if run:
            required.append("".join(run))
            run = []
        required.append(sub)
    if run:
        required.append("".join(run))
    literal = "".join(r for r in required if isinstance(r, str)) if exact else None
    return _join("and", required), literal


def literal_set(pattern: str) -> list[str] | None:
    """The finite set of literals ``pattern`` matches, when no two of their occurrences
    can overlap (so the pattern's matches are exactly every occurrence of each).

    Covers alternations of literals such as ``碳(达峰|中和)``; None otherwise.
    """
    parsed = _parse(pattern)
    if parsed is None:
        return None
    literals = _expand(list(parsed))
    if not literals or "" in literals:
        return None
    ordered = sorted(literals)
    for x in ordered:
        for y in ordered:
            if _overlap(x, y):
                return None
    return ordered


def _chars(items: list[Any]) -> set[str] | None:
    """The characters of a class made only of literals (``[达中]``); None for any other."""
    chars = set()
    for op, av in items:
        if _name(op) != "LITERAL":
            return None
        chars.add(chr(av))
    return chars


def _overlap(x: str, y: str) -> bool:
    """Whether an occurrence of y can start inside or at the start of one of x (but not be it)."""
    for shift in range(len(x)):
        if shift == 0 and x == y:
            continue
        tail = x[shift:]
        common = min(len(tail), len(y))
        if tail[:common] == y[:common]:
            return True
    return False


def _expand(items: list[Any]) -> set[str] | None:
    results = {""}
    for op, av in items:
        name = _name(op)
        if name == "LITERAL":
            options: set[str] | None = {chr(av)}
        elif name == "SUBPATTERN":
            _, add_flags, _, body = av
            options = None if add_flags & (re.IGNORECASE | re.LOCALE) else _expand(list(body))
        elif name == "IN":
            options = _chars(av)
        elif name == "BRANCH":
            options = set()
            for branch in av[1]:
                expanded = _expand(list(branch))
                if expanded is None:
                    return None
                options |= expanded
        else:
            return None
        if options is None:
            return None
        results = {a + b for a in results for b in options}
        if len(results) > _MAX_LITERALS:
            return None
    return results
