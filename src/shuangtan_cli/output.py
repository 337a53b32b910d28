"""The one output step, and the one object that knows the terminal.

A command builds a result — ``Rows`` (one row a speech, a hit, a term …) or a
``View`` (a whole speech, the corpus card) — and hands it to ``emit``, which
writes it as the ``--format`` says: a rich table (or view) at a terminal,
tab-separated text, JSON, JSON Lines or CSV.  So every command gets every
format, and the same formatter for every value, by construction.

``Environment`` holds what the output depends on outside the command line:
the streams, whether stdout is a terminal, its size, ``NO_COLOR``.  Tests
hand the command an Environment of their own (``obj=`` of CliRunner) to see
what a terminal would get without opening a pty.

rich is imported only when a table is drawn or text is highlighted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, TextIO

from .formats import Format, Marked, Row, inert, write_csv, write_json, write_jsonl, write_tsv
from .script import Script

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


#: The widest or tallest a terminal is taken to be: COLUMNS=10000000 would
#: otherwise draw 80 MB of box lines.
MAX_SIZE = 1000


class Environment:
    """The streams and the terminal a command writes to.

    Every attribute left as None is read from the process when it is asked
    for (not when the object is made), so an Environment made before
    CliRunner swaps the streams still writes to the swapped ones.
    """

    def __init__(
        self,
        *,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        is_terminal: bool | None = None,
        width: int | None = None,
        height: int | None = None,
        environ: Mapping[str, str] | None = None,
        stderr_is_terminal: bool | None = None,
    ) -> None:
        self._stdout = stdout
        self._stderr = stderr
        self._is_terminal = is_terminal
        self._stderr_is_terminal = stderr_is_terminal
        self._width = width
        self._height = height
        self._environ = environ

    @property
    def stdout(self) -> TextIO:
        return self._stdout or sys.stdout

    @property
    def stderr(self) -> TextIO:
        return self._stderr or sys.stderr

    @property
    def environ(self) -> Mapping[str, str]:
        return os.environ if self._environ is None else self._environ

    @property
    def is_terminal(self) -> bool:
        """Whether stdout is a terminal (a person reading, not a program)."""
        if self._is_terminal is not None:
            return self._is_terminal
        try:
            return self.stdout.isatty()
        except (AttributeError, ValueError, OSError):  # no stdout, or a closed one
            return False

    @property
    def stderr_is_terminal(self) -> bool:
        """Whether stderr is a terminal: where a progress bar is drawn (never in a pipe)."""
        if self._stderr_is_terminal is not None:
            return self._stderr_is_terminal
        try:
            return self.stderr.isatty()
        except (AttributeError, ValueError, OSError):
            return False

    def progress(self, description: str, total: int) -> Progress:
        """A progress bar on stderr at a terminal (rich's), else one that draws nothing."""
        if not self.stderr_is_terminal:
            return Progress()
        from .render import progress_bar

        return progress_bar(self, description, total)

    @property
    def no_color(self) -> bool:
        """NO_COLOR is set to something (https://no-color.org: an empty value does not count)."""
        return self.environ.get("NO_COLOR", "") != ""

    def size(self) -> tuple[int, int]:
        """Columns and lines: as given, else COLUMNS and LINES, else the terminal's, else 80×25.

        A size that is not a positive number is ignored; one beyond MAX_SIZE is capped.
        """
        width, height = self._width, self._height
        if width is None or height is None:
            found = _terminal_size(self.stdout) if self.is_terminal else None
            width = width or _positive(self.environ.get("COLUMNS")) or (found or (80, 25))[0]
            height = height or _positive(self.environ.get("LINES")) or (found or (80, 25))[1]
        return min(max(width, 1), MAX_SIZE), min(max(height, 1), MAX_SIZE)

    def page(self, text: str) -> bool:
        """Show ``text`` through ``PAGER`` (``less`` by default); False if it could not.

        The text is written in stdout's encoding (UTF-8 unless the terminal's
        locale says otherwise), and ``less`` is told so, so that a C locale
        does not turn 河 into an escape.  A pager that is not installed, cannot
        be parsed, or fails, returns False and the caller prints the text.
        An empty PAGER means no pager.
        """
        import shlex
        import signal
        import subprocess

        command = self.environ.get("PAGER", "less")
        try:
            argv = shlex.split(command)
        except ValueError:
            return False
        if not argv:
            return False
        encoding = getattr(self.stdout, "encoding", None) or "utf-8"
        env = dict(self.environ)
        env.setdefault("LESS", "-FRX")  # keep colour, quit if it fits, no screen clear
        if encoding.lower().replace("-", "") == "utf8":
            env.setdefault("LESSCHARSET", "utf-8")
        try:
            self.stdout.flush()
            process = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
        except (OSError, ValueError):
            return False
        interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pager's
        # A pager that quits early must not take this process with it: write
        # with SIGPIPE ignored, so that it is a BrokenPipeError, handled here.
        broken = (
            signal.signal(signal.SIGPIPE, signal.SIG_IGN) if hasattr(signal, "SIGPIPE") else None
        )
        try:
            assert process.stdin is not None
            try:
                process.stdin.write(text.encode(encoding, "backslashreplace"))
                process.stdin.close()
            except OSError:  # the pager quit before reading it all
                pass
            return process.wait() == 0
        finally:
            signal.signal(signal.SIGINT, interrupt)
            if broken is not None:
                signal.signal(signal.SIGPIPE, broken)

    def styled(self, color: str) -> bool:
        """Whether output carries colour and highlights, for ``--color WHEN``."""
        if color == "always":
            return True
        if color == "never" or self.no_color:
            return False
        return self.is_terminal

    def console(self, color: str = "auto") -> Console:
        """A rich Console on stdout, sized and coloured as this environment says."""
        from rich.console import Console

        width, height = self.size()
        return Console(
            file=self.stdout,
            width=width,
            height=height,
            force_terminal=True if color == "always" else self.is_terminal,
            no_color=False if color == "always" else self.no_color,
            color_system=None if color == "never" else "auto",  # never: no styles at all
            highlight=False,
            emoji=False,
            markup=False,
            _environ=dict(self.environ),
        )


class Progress:
    """Progress of a long task, reported as ``update(done)``; this one draws nothing."""

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, done: int, description: str | None = None) -> None:
        return None


def _positive(text: str | None) -> int | None:
    try:
        value = int(text or "")
    except ValueError:
        return None
    return value if value > 0 else None


def _terminal_size(stream: TextIO) -> tuple[int, int] | None:
    try:
        size = os.get_terminal_size(stream.fileno())
    except (AttributeError, ValueError, OSError):
        return None
    return (size.columns, size.lines) if size.columns > 0 and size.lines > 0 else None


class Rows:
    """A result of rows: speeches, hits, counts.

    ``columns`` are the data (the JSON keys, the CSV header, and the text
    columns unless ``text`` says otherwise); ``table`` are the columns of the
    terminal table.  A row may hold more keys than the data columns: values
    for the text and table columns only (such as highlighted ``Marked``
    text), which no data format writes.
    """

    __slots__ = ("rows", "columns", "text", "table", "headers")

    def __init__(
        self,
        rows: Sequence[Row],
        columns: Sequence[str],
        text: Sequence[str] | None = None,
        table: Sequence[str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.rows = rows
        self.columns = columns
        self.text = text
        self.table = table
        self.headers = headers or {}

    def data(self) -> list[Row]:
        return [{name: row[name] for name in self.columns} for row in self.rows]


class View:
    """A result that is read rather than scanned: a speech in full, the corpus card.

    ``data`` is what JSON writes (a list of records, or one object), ``rows``
    and ``columns`` what CSV and (unless ``text`` draws it otherwise) the text
    format write; ``render`` draws it for a terminal.  With ``page``, a view
    taller than the screen goes through the pager.
    """

    __slots__ = ("data", "rows", "columns", "render", "text", "page")

    def __init__(
        self,
        data: list[Row] | Row,
        rows: Sequence[Row],
        columns: Sequence[str],
        render: Callable[[], Sequence[RenderableType]],
        text: Callable[[], str] | None = None,
        page: bool = False,
    ) -> None:
        self.data = data
        self.rows = rows
        self.columns = columns
        self.render = render
        self.text = text
        self.page = page


class Output(NamedTuple):
    """How a command prints: the output options, and the environment it prints in."""

    format: Format
    script: Script | None  # None: as written (the bundled corpus: Traditional)
    color: str  # auto | always | never
    env: Environment

    @property
    def styled(self) -> bool:
        return self.env.styled(self.color)

    def emit(self, result: Rows | View) -> int:
        """Write ``result`` in the chosen format; exit status 0, or 1 for no rows."""
        if isinstance(result, View):
            self._emit_view(result)
            return 0
        out = self.env.stdout
        if self.format is Format.JSON:
            write_json(result.data(), out)
        elif self.format is Format.JSONL:
            write_jsonl(result.data(), out)
        elif self.format is Format.CSV:
            write_csv(result.rows, result.columns, out)
        elif self.format is Format.TEXT:
            columns = result.text or result.columns
            write_tsv(result.rows, columns, out, self._marker(), terminal=self.env.is_terminal)
        elif result.rows:
            from .render import fits, rows_table

            table = rows_table(result.rows, result.table or result.columns, result.headers)
            if fits(self.env.console(self.color), table):
                self.draw([table])
            else:  # too narrow for a table: the text layout drops nothing
                text = result.text or result.columns
                write_tsv(result.rows, text, out, self._marker(), terminal=self.env.is_terminal)
        return 0 if result.rows else 1

    def _emit_view(self, view: View) -> None:
        out = self.env.stdout
        if self.format is Format.JSON:
            write_json(view.data, out)
        elif self.format is Format.JSONL:
            write_jsonl(view.data if isinstance(view.data, list) else [view.data], out)
        elif self.format is Format.CSV:
            write_csv(view.rows, view.columns, out)
        elif self.format is Format.TEXT and view.text is not None:
            text = view.text()
            out.write(inert(text, keep_newlines=True) if self.env.is_terminal else text)
        elif self.format is Format.TEXT:
            write_tsv(view.rows, view.columns, out, terminal=self.env.is_terminal)
        else:
            self.draw(view.render(), page=view.page)

    def draw(self, renderables: Sequence[RenderableType], *, page: bool = False) -> None:
        """Draw rich renderables on stdout; through the pager if ``page`` and they do not fit."""
        from .render import print_renderables

        console = self.env.console(self.color)
        pager = self.env.page if page and self.env.is_terminal else None
        print_renderables(console, renderables, pager=pager)

    def _marker(self) -> Callable[[Marked], str] | None:
        if not self.styled:
            return None
        from .render import ansi_marker

        return ansi_marker(self.env.console(self.color))
