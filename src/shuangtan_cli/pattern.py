"""Regular expressions under budgets: what a pattern may cost to compile and to run.

A pattern is user input, and the ``regex`` engine trusts it: ``a{4294967294}``
makes it allocate tens of gigabytes while compiling, 350 nested groups
exhaust Python's recursion, ``(?R)`` recurses until memory runs out, and
``((.)|(.))*\\d{9}`` backtracks for longer than anyone waits.  So:

* before compiling, ``check_pattern`` estimates the compiled size (counted
  repeats multiply what they repeat) and the nesting depth, and refuses a
  pattern over ``MAX_SIZE`` or ``MAX_DEPTH``;
* compiling turns RecursionError, MemoryError and OverflowError into
  PatternError;
* matching runs each text under a budget of wall-clock seconds.  The
  ``regex`` module's own timeout counts CPU time, which a busy machine
  stretches many times over, so the search runs in short CPU slices (at most
  MAX_SLICE) and the wall clock is read between them; a slice that runs out
  restarts where the last match ended, so a pattern that is making progress
  is never cut off, however long the text.  Running out of memory while matching is a
  PatternError too.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from .errors import ShuangtanError

#: The most a pattern may expand to when compiled (``a{1000}`` is 1,000): the
#: regex module needs about 270 bytes for each, so this is about 30 MB.
MAX_SIZE = 100_000
#: The deepest a pattern may nest groups.
MAX_DEPTH = 100
#: The first CPU slice of a search, in seconds; each restart doubles it, up to
#: MAX_SLICE, so that however busy the machine, the wall clock is read often.
SLICE = 0.05
MAX_SLICE = 0.25


class PatternError(ShuangtanError):
    """A pattern that cannot be compiled, or that ran out of its budget."""


class RunawayPattern(PatternError):
    """A pattern still running on one text when its time was up."""

    def __init__(self, pattern: str, seconds: float, where: str = "one text") -> None:
        self.pattern, self.seconds, self.where = pattern, seconds, where
        super().__init__(
            f"pattern {quoted(pattern)} took longer than {seconds:.3g} s (wall clock) on "
            f"{where} and was stopped: it probably backtracks catastrophically, so simplify it"
        )

    def at(self, where: str) -> RunawayPattern:
        return RunawayPattern(self.pattern, self.seconds, where)


def quoted(pattern: str) -> str:
    """The pattern in quotes, inert: control and bidi characters escaped."""
    from .formats import inert

    return f"'{inert(pattern)}'"


def _count(pattern: str, i: int) -> tuple[int, int] | None:
    """A counted repeat ``{m}``, ``{m,}``, ``{,n}`` or ``{m,n}`` at ``i``: (largest count, end)."""
    end = pattern.find("}", i)
    if end < 0:
        return None
    body = pattern[i + 1 : end]
    low, comma, high = body.partition(",")
    if not (low or high) or not (low.isdigit() or not low) or not (high.isdigit() or not high):
        return None
    if not low.isascii() or not high.isascii():
        return None
    if len(low) > 12 or len(high) > 12:  # more than any limit: no need to parse it
        return 10**12, end + 1
    return max(int(low or 0), int(high or 0) if comma else int(low or 0)), end + 1


def check_pattern(pattern: str) -> None:
    """Refuse a pattern whose compiled size or nesting would exhaust memory or recursion.

    The size counts each literal, class or escape as one and multiplies a
    group or atom by the largest count of a counted repeat after it, so
    ``(ab){3}`` is 6.  The scan is lenient where the syntax is unusual: the
    compiler still has the last word on what is valid.
    """
    frames = [0]  # the size of each open group, innermost last
    last = 0  # the size of the atom or group just ended, which a repeat multiplies
    depth = 0
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            step = 2
            if pattern[i + 1 : i + 2] in ("p", "P", "N", "x", "u", "U", "g"):
                if pattern[i + 2 : i + 3] == "{":  # \p{Han}, \x{4e00}, \g{name}
                    close = pattern.find("}", i)
                    step = (close - i + 1) if close > 0 else 2
            frames[-1] += 1
            last = 1
            i += step
            continue
        if char == "[":
            j, level = i + 1, 1
            while j < n and level:
                if pattern[j] == "\\":
                    j += 1
                elif pattern[j] == "[":
                    level += 1
                elif pattern[j] == "]" and j > i + 1:
                    level -= 1
                j += 1
            frames[-1] += 1
            last = 1
            i = j
            continue
        if char == "(":
            if pattern.startswith("(?#", i):  # a comment
                close = pattern.find(")", i)
                i = n if close < 0 else close + 1
                continue
            frames.append(0)
            depth = max(depth, len(frames) - 1)
            if depth > MAX_DEPTH:
                raise PatternError(
                    f"pattern {quoted(pattern[:40])}… nests groups more than {MAX_DEPTH} deep"
                )
            i += 1
            continue
        if char == ")" and len(frames) > 1:
            last = frames.pop()
            frames[-1] += last
            i += 1
            continue
        if char == "{":
            counted = _count(pattern, i)
            if counted is not None:
                times, i = counted
                frames[-1] += last * (times - 1) if times else -last
                if frames[-1] > MAX_SIZE or times > MAX_SIZE:
                    raise PatternError(
                        f"pattern {quoted(pattern)} repeats too much: it would compile to more "
                        f"than {MAX_SIZE:,} units (counted repeats multiply what they repeat)"
                    )
                continue
        if char in "*+?|":
            i += 1
            continue
        frames[-1] += 1
        last = 1
        i += 1
    if sum(frames) > MAX_SIZE:
        raise PatternError(f"pattern {quoted(pattern[:40])}… is too long")


def compile_pattern(source: str, pattern: str, *, ignore_case: bool = False) -> Any:
    """``regex.compile`` of ``source`` (``pattern`` as typed, for messages), within budget."""
    check_pattern(source)
    import regex

    flags = regex.IGNORECASE if ignore_case else 0
    try:
        return regex.compile(source, flags)
    except regex.error as error:  # its message says where: "missing ) at position 3"
        raise PatternError(f"bad pattern {quoted(pattern)}: {error}") from None
    except RecursionError:
        raise PatternError(f"pattern {quoted(pattern[:40])}… nests too deeply") from None
    except (MemoryError, OverflowError):
        raise PatternError(f"pattern {quoted(pattern)} is too large to compile") from None


def timed_spans(
    compiled: Any, text: str, seconds: float, pattern: str
) -> Iterator[tuple[int, int]]:
    """Spans of ``compiled`` in ``text``, in text order, within ``seconds`` of wall-clock
    time spent matching (not counting the caller's time between spans).

    Raises RunawayPattern when the time is up, and PatternError when matching
    runs out of memory.
    """
    import regex

    reverse = bool(compiled.flags & regex.REVERSE)
    if reverse:  # (?r) finds matches from the end: report them in text order all the same
        yield from sorted(_sliced(compiled, text, seconds, pattern, reverse=True))
    else:
        yield from _sliced(compiled, text, seconds, pattern, reverse=False)


def _sliced(
    compiled: Any, text: str, seconds: float, pattern: str, *, reverse: bool
) -> Iterator[tuple[int, int]]:
    spent, cpu_slice = 0.0, SLICE
    pos, endpos = 0, len(text)
    last: tuple[int, int] | None = None
    while True:
        found = compiled.finditer(text, pos, endpos, timeout=cpu_slice)
        try:
            while True:
                started = time.monotonic()
                try:
                    match = next(found, None)
                finally:
                    spent += time.monotonic() - started
                if match is None:
                    return
                span = match.span()
                if span == last:  # an empty match found again after a restart
                    continue
                last = span
                yield span
                if reverse:
                    endpos = span[0]
                else:
                    pos = span[1]
        except TimeoutError:
            if spent >= seconds:
                raise RunawayPattern(pattern, seconds) from None
            cpu_slice = min(cpu_slice * 2, MAX_SLICE)
        except MemoryError:
            raise PatternError(
                f"pattern {quoted(pattern)} ran out of memory while matching (it recurses or "
                "backtracks without end); simplify it"
            ) from None
