"""The ``shuangtan`` command: parse arguments, call the library, print.

Exit status as grep: 0 when something was selected or matched, 1 when
nothing was, 2 for a usage or data error, always as one ``Error: …`` line.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .corpus import FIELDS, Corpus, Speech, load_corpus
from .errors import ShuangtanError
from .formats import Format, Row, write_rows
from .options import Output, output_options, selection_options
from .selection import Selection, select

if TYPE_CHECKING:
    from .search import Hit

#: The fields of a ``list`` row, a subset of the record's.
LIST_FIELDS = ("id", "seq", "province", "speaker", "date", "occasion", "length")
#: What a terminal table of speeches shows: the short name keeps the table narrow.
_LIST_TABLE = ("seq", "province_short", "speaker", "date", "occasion", "length")
#: The fields of a ``grep`` hit: where it is, the match, and the text it is in.
HIT_FIELDS = (
    "id",
    "seq",
    "province",
    "speaker",
    "date",
    "paragraph",
    "start",
    "end",
    "match",
    "text",
    "context",
    "context_start",
)


class ShuangtanGroup(click.Group):
    """A group that reports every error as one line and returns exit codes as grep does."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            status = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:  # bare `shuangtan`: help, no error
            click.echo(error.format_message())
            sys.exit(0)
        except click.UsageError as error:
            hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            click.echo(f"Error: {error.format_message()}{hint}", err=True)
            sys.exit(2)
        except (click.ClickException, ShuangtanError) as error:
            message = error.format_message() if isinstance(error, click.ClickException) else error
            click.echo(f"Error: {message}", err=True)
            sys.exit(2)
        except click.Abort:
            sys.exit(130)
        sys.exit(status if isinstance(status, int) else 0)


@click.group(
    "shuangtan", cls=ShuangtanGroup, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, "--version", "-V", prog_name="shuangtan")
def cli() -> None:
    """Read and query what China's provincial leaders said about carbon peaking
    and carbon neutrality (碳达峰碳中和, 双碳), 2021-2022.

    The bundled corpus holds the remarks of the leaders of all 31 provincial-level
    divisions. Type Simplified or Traditional, a full or short province name,
    pinyin or a one-character abbreviation: it just works.

    \b
    Examples:
      shuangtan list --province 河北
      shuangtan grep 兩高
      shuangtan show hebei
      shuangtan filter --since 2022-01 --format jsonl | jq .speaker

    Exit status: 0 something selected or matched, 1 nothing, 2 error.
    """


def _load(output: Output) -> Corpus:
    return load_corpus(output.script)


def _print_speeches(
    speeches: Sequence[Speech],
    output: Output,
    columns: Sequence[str] = LIST_FIELDS,
    table_columns: Sequence[str] = _LIST_TABLE,
    counts: Sequence[int] | None = None,
) -> None:
    """Speeches as rows: ``columns`` for data formats, ``table_columns`` at a terminal.

    With ``counts``, each row also carries its number of hits as ``count``.
    """
    table = output.format is Format.TABLE
    rows = [speech.to_dict(table_columns if table else columns) for speech in speeches]
    if counts is not None:
        for row, count in zip(rows, counts, strict=True):
            row["count"] = count
    if not table:
        extra = ("count",) if counts is not None else ()
        write_rows(rows, (*columns, *extra), output.format, sys.stdout)
    elif rows:
        from .render import rows_table

        output.console().print(rows_table(rows, list(rows[0])))


@cli.command("list")
@selection_options
@output_options()
def list_command(selection: Selection, output: Output) -> int:
    """One row per speech: seq, province, speaker, date, occasion, length.

    \b
    Examples:
      shuangtan list --province 河北
      shuangtan list --region 西北 --sort date
      shuangtan list --since 2022 --json
    """
    corpus = _load(output)
    chosen = [corpus.speeches[i] for i in select(corpus, selection)]
    _print_speeches(chosen, output)
    return 0 if chosen else 1


def _parse_fields(text: str | None) -> tuple[str, ...]:
    if text is None:
        return FIELDS
    fields = tuple(dict.fromkeys(name.strip() for name in text.split(",") if name.strip()))
    unknown = [name for name in fields if name not in FIELDS]
    if unknown or not fields:
        import difflib

        hint = ""
        close = difflib.get_close_matches(unknown[0], FIELDS, n=3) if unknown else []
        if close:
            hint = f"; did you mean {', '.join(close)}?"
        raise click.BadParameter(
            f"unknown field {unknown[0]!r}{hint} (fields: {', '.join(FIELDS)})"
            if unknown
            else "no fields given",
            param_hint="'--fields'",
        )
    return fields


@cli.command("filter")
@selection_options
@click.option(
    "--fields", metavar="A,B,…", help="Only these fields, in this order (comma-separated)."
)
@output_options(default=Format.JSONL)
def filter_command(selection: Selection, fields: str | None, output: Output) -> int:
    """Whole records of the selected speeches: the corpus as data.

    JSON Lines by default, one record a line with the corpus field names.

    \b
    Examples:
      shuangtan filter --since 2022-01 | jq -r .speaker
      shuangtan filter --region 华东 --fields id,date,speaker --format csv
    """
    columns = _parse_fields(fields)
    corpus = _load(output)
    chosen = [corpus.speeches[i] for i in select(corpus, selection)]
    _print_speeches(chosen, output, columns, columns if fields else _LIST_TABLE)
    return 0 if chosen else 1


@cli.command("show")
@click.argument("ids", nargs=-1, required=True, metavar="ID…")
@click.option("--no-pager", is_flag=True, help="Never page, even when longer than the screen.")
@output_options()
def show_command(ids: tuple[str, ...], no_pager: bool, output: Output) -> int:
    """Speeches in full: header, then the remarks.

    ID is an id (hebei), a number in article order (14) or any province alias
    (河北, 冀, Hebei).

    \b
    Examples:
      shuangtan show 河北
      shuangtan show 1 2 3 --no-pager
      shuangtan show tibet --script simplified --json
    """
    corpus = _load(output)
    chosen = [corpus.speeches[i] for i in dict.fromkeys(corpus.index(ref) for ref in ids)]
    if output.format is Format.TABLE:
        from .render import print_speeches

        print_speeches(output.console(), chosen, pager=not no_pager and sys.stdout.isatty())
    elif output.format is Format.TEXT:
        sys.stdout.write("\n\n".join(_speech_text(speech) for speech in chosen) + "\n")
    else:
        write_rows([s.to_dict() for s in chosen], FIELDS, output.format, sys.stdout)
    return 0


def _speech_text(speech: Speech) -> str:
    header = f"{speech.province}\t{speech.speaker or '—'}\t{speech.date}"
    return "\n".join([header, speech.speaker_title, speech.occasion, "", *_spaced(speech)])


def _spaced(speech: Speech) -> list[str]:
    lines: list[str] = []
    for paragraph in speech.paragraphs:
        lines += [paragraph, ""]
    return lines[:-1]


def _hit_row(hit: Hit, before: int, after: int) -> Row:
    start, end = hit.context(before, after)
    speech = hit.speech
    values = (
        *(speech.id, speech.seq, speech.province, speech.speaker, speech.date),
        *(hit.paragraph, hit.start, hit.end, hit.match, hit.text, hit.text[start:end], start),
    )
    return dict(zip(HIT_FIELDS, values, strict=True))


def _mark(text: str, start: int, end: int, styled: bool) -> str:
    if not styled:
        return text
    return f"{text[:start]}\x1b[1;31m{text[start:end]}\x1b[0m{text[end:]}"


@cli.command("grep")
@click.argument("pattern")
@click.option("-F", "--fixed-strings", "fixed", is_flag=True, help="PATTERN is a plain string.")
@click.option("-i", "--ignore-case", is_flag=True, help="Ignore case (Latin letters).")
@click.option("-c", "--count", is_flag=True, help="Count hits per speech.")
@click.option(
    "-l", "--files-with-matches", "with_matches", is_flag=True, help="Speeches with a hit."
)
@click.option("-v", "--invert-match", "without_matches", is_flag=True, help="Speeches with no hit.")
@click.option("-o", "--only-matching", is_flag=True, help="Show the matched text only.")
@click.option(
    "-C",
    "--context",
    type=click.IntRange(min=0),
    default=0,
    metavar="N",
    help="N sentences of context before and after.",
)
@click.option(
    "-A", "--after-context", type=click.IntRange(min=0), metavar="N", help="N sentences after."
)
@click.option(
    "-B", "--before-context", type=click.IntRange(min=0), metavar="N", help="N sentences before."
)
@click.option(
    "-m", "--max-count", type=click.IntRange(min=1), metavar="N", help="At most N hits per speech."
)
@click.option("--lead", is_flag=True, help="Search the datelines too.")
@selection_options
@output_options()
def grep_command(
    pattern: str,
    fixed: bool,
    ignore_case: bool,
    count: bool,
    with_matches: bool,
    without_matches: bool,
    only_matching: bool,
    context: int,
    after_context: int | None,
    before_context: int | None,
    max_count: int | None,
    lead: bool,
    selection: Selection,
    output: Output,
) -> int:
    """Search the remarks for PATTERN, in Simplified or Traditional.

    PATTERN is a regular expression in the syntax of the regex module
    (\\p{Han}, classes, alternation …) unless -F is given; 兩高 and 两高 find
    the same passages. Each hit shows the sentence around it, the match
    highlighted; -A/-B/-C widen that by whole sentences.

    \b
    Examples:
      shuangtan grep 兩高
      shuangtan grep 两高 --province 陕西 -C 1
      shuangtan grep '碳(达峰|中和)' -c
      shuangtan grep 氢能 -v --json
    """
    if sum((count, with_matches, without_matches)) > 1:
        raise click.UsageError("-c, -l and -v cannot be combined")
    from .search import Matcher, find_hits

    corpus = _load(output)
    matcher = Matcher(pattern, fixed=fixed, ignore_case=ignore_case, fold=corpus.fold)
    positions = select(corpus, selection)
    hits = list(find_hits(corpus, positions, matcher, include_lead=lead, max_per_speech=max_count))
    before = context if before_context is None else before_context
    after = context if after_context is None else after_context

    if count or with_matches or without_matches:
        counts = dict.fromkeys(positions, 0)
        for hit in hits:
            counts[hit.position] += 1
        if count:
            wanted = [i for i, n in counts.items() if n]
            columns = ("id", "seq", "province", "speaker", "date")
            chosen = [corpus.speeches[i] for i in wanted]
            hit_counts = [counts[i] for i in wanted]
            _print_speeches(chosen, output, columns, _LIST_TABLE[:4], counts=hit_counts)
        else:
            wanted = [i for i, n in counts.items() if (n > 0) == with_matches]
            chosen = [corpus.speeches[i] for i in wanted]
            _print_speeches(chosen, output)
        return 0 if chosen else 1

    if output.format is Format.TABLE:
        if hits:
            from .render import hits_table

            table = hits_table(hits, before=before, after=after, only_matching=only_matching)
            output.console().print(table)
    elif output.format is Format.TEXT:
        styled = output.styled
        for hit in hits:
            shown = _mark(*hit.snippet(before, after, only_matching=only_matching), styled)
            speech = hit.speech
            sys.stdout.write(f"{speech.province}\t{speech.speaker or ''}\t{speech.date}\t{shown}\n")
    else:
        rows = [_hit_row(hit, before, after) for hit in hits]
        write_rows(rows, HIT_FIELDS, output.format, sys.stdout)
    return 0 if hits else 1


def _is_utf8(encoding: str | None) -> bool:
    return (encoding or "").lower().replace("-", "").replace("_", "") == "utf8"


def main() -> None:
    """Console entry point: UTF-8 whatever the locale, quiet on a closed pipe."""
    import signal

    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if not _is_utf8(sys.getfilesystemencoding()):
        # Under LANG=C (without UTF-8 mode) arguments arrive decoded as ASCII with
        # surrogate escapes; a terminal that sent 河北 sent UTF-8, so decode it so.
        import os

        sys.argv = [os.fsencode(arg).decode("utf-8", "surrogateescape") for arg in sys.argv]
    for stream in (sys.stdout, sys.stderr):
        if not _is_utf8(stream.encoding):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]
    for arg in sys.argv[1:]:
        if not arg.isprintable() and any("\udc80" <= char <= "\udcff" for char in arg):
            click.echo(f"Error: argument {ascii(arg)} is not valid UTF-8", err=True)
            sys.exit(2)
    cli(prog_name="shuangtan")
