"""Options shared by the commands: selection and output, each added by one decorator.

Values are validated by click ParamTypes that call the library's resolvers,
so bad input fails through click's own machinery and reaches the user as one
``Error: …`` line naming the option, with exit status 2.  Each type also
completes in the shell from the same vocabulary its resolver accepts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from .corpus import load_corpus
from .errors import ShuangtanError
from .formats import Format
from .output import Environment, Output
from .script import SCRIPT_ALIASES, Script, parse_script
from .selection import (
    DIVISION_ALIASES,
    REGIONS,
    Selection,
    SortKey,
    parse_date_bound,
    parse_where,
    resolve_division,
    resolve_region,
)

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from .corpus import CorpusProtocol

F = TypeVar("F", bound=Callable[..., Any])


class _Resolving(click.ParamType):  # type: ignore[type-arg]
    """A ParamType whose conversion is one of the library's resolvers."""

    resolver: Callable[[str], Any]

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return type(self).resolver(value)
        except ShuangtanError as error:
            self.fail(str(error), param, ctx)


def _starting(prefix: str, names: dict[str, str]) -> list[CompletionItem]:
    """Completions for the values whose name or any alias begins with ``prefix``.

    The help of each lists its aliases: fish matches what was typed against
    the help as well, so 華 or huabei still offers 华北 there.
    """
    from click.shell_completion import CompletionItem

    typed = prefix.strip().lower()
    aliases: dict[str, list[str]] = {}
    for alias, value in names.items():
        aliases.setdefault(value, []).append(alias)
    return [
        CompletionItem(value, help=" ".join(a for a in spellings if a != value) or None)
        for value, spellings in aliases.items()
        if any(a.lower().startswith(typed) for a in spellings)
    ]


class ProvinceType(_Resolving):
    name = "province"

    @staticmethod
    def resolver(text: str) -> str:
        from .places import resolve_place  # only when --province is given

        return resolve_place(text).id

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem

        from .places import complete_places

        # The Simplified short name, whatever spelling was typed: a shell
        # inserts it unquoted, and it reads the same in every shell.  The help
        # holds what was typed too, for fish, which matches it against the help.
        items = []
        for place, spelling in complete_places(incomplete):
            help = f"{place.name} {place.en}"
            if spelling.lower() not in help.lower():
                help += f" {spelling}"
            items.append(CompletionItem(place.short, help=help))
        return items


class RegionType(_Resolving):
    name = "region"
    resolver = staticmethod(resolve_region)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        names = {alias: name for name, aliases in REGIONS.items() for alias in (name, *aliases)}
        return _starting(incomplete, names)


class DivisionType(_Resolving):
    name = "division"
    resolver = staticmethod(resolve_division)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        return _starting(incomplete, DIVISION_ALIASES)


#: What ``--script`` takes for "the script the corpus is written in" (the default).
AS_WRITTEN = ("original", "as-written")


def _script_or_original(text: str) -> Script | None:
    if text.strip().lower() in AS_WRITTEN:
        return None
    try:
        return parse_script(text)
    except ShuangtanError:
        names = ", ".join([*(s.value for s in Script), AS_WRITTEN[0]])
        raise ShuangtanError(f"unknown script '{text}'; choose from {names}") from None


class ScriptType(_Resolving):
    name = "script"
    resolver = staticmethod(_script_or_original)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        names = {script.value: script.value for script in Script}
        names.update({alias: script.value for alias, script in SCRIPT_ALIASES.items()})
        names.update({alias: AS_WRITTEN[0] for alias in AS_WRITTEN})
        return _starting(incomplete, names)


class PathType(click.ParamType):  # type: ignore[type-arg]
    """A path, as text: one the system cannot take (a NUL in it) is a usage error."""

    name = "path"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and "\x00" in value:
            self.fail("a path cannot hold a NUL character", param, ctx)
        return value


PATH = PathType()


class WhereType(_Resolving):
    name = "where"
    resolver = staticmethod(parse_where)


class DateType(_Resolving):
    name = "date"

    def __init__(self, *, end: bool) -> None:
        self.end = end

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return parse_date_bound(value, end=self.end)
        except ShuangtanError as error:
            self.fail(str(error), param, ctx)


def complete_speeches(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Ids that begin with what was typed, of the corpus the command line names; in the
    bundled corpus, provinces by any spelling too."""
    from click.shell_completion import CompletionItem

    from .places import complete_places

    try:
        corpus = open_corpus(Output(Format.TEXT, Script.SIMPLIFIED, "never", Environment()), ctx)
    except ShuangtanError:  # no corpus there: nothing to offer
        return []
    items = [CompletionItem(i) for i in corpus.complete_ids(incomplete)]
    if incomplete and not incomplete.isascii() and corpus.kind == "bundled":
        items += [CompletionItem(place.short) for place, _ in complete_places(incomplete)]
    return items


def _apply(func: F, decorators: list[Callable[[F], F]]) -> F:
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


_SELECTION = ("province", "region", "division", "speaker", "since", "until", "contains", "where")


def _filters(values: dict[str, Any]) -> dict[str, Any]:
    """Selection fields from the values of the filter options."""
    return {
        "provinces": tuple(dict.fromkeys(values["province"])),
        "regions": tuple(values["region"]),
        "divisions": tuple(values["division"]),
        "speaker": values["speaker"],
        "since": values["since"],
        "until": values["until"],
        "contains": values["contains"],
        "where": tuple(values["where"]),
    }


def _filter_options(prefix: str = "", what: str = "") -> list[Callable[[F], F]]:
    """The options that filter speeches, named ``--{prefix}province`` … (``-p`` without one).

    ``what`` begins each help text ("Reference: " for --against-…).
    """

    def names(name: str, short: str | None = None) -> tuple[str, ...]:
        return (f"--{prefix}{name}", short) if short and not prefix else (f"--{prefix}{name}",)

    def helped(text: str) -> str:
        return f"{what}{text[0].lower()}{text[1:]}" if what else text

    return [
        click.option(
            *names("province", "-p"),
            type=ProvinceType(),
            multiple=True,
            help=helped("Province: 河北, 河北省, Traditional, hebei, 冀 … (repeatable)."),
        ),
        click.option(
            *names("region"),
            type=RegionType(),
            multiple=True,
            help=helped(
                "Region: 华北 东北 华东 华中 华南 西南 西北, or north, east … (repeatable)."
            ),
        ),
        click.option(
            *names("division"),
            type=DivisionType(),
            multiple=True,
            help=helped("province, municipality or autonomous_region (repeatable)."),
        ),
        click.option(
            *names("speaker"), metavar="NAME", help=helped("Speaker's name contains NAME.")
        ),
        click.option(
            *names("since"),
            type=DateType(end=False),
            help=helped("On or after YYYY, YYYY-MM or YYYY-MM-DD."),
        ),
        click.option(
            *names("until"),
            type=DateType(end=True),
            help=helped("On or before YYYY, YYYY-MM or YYYY-MM-DD (a whole month or year)."),
        ),
        click.option(
            *names("contains"), metavar="TEXT", help=helped("Remarks contain TEXT (either script).")
        ),
        click.option(
            *names("where"),
            type=WhereType(),
            metavar="KEY=VALUE",
            multiple=True,
            help=helped(
                "Field KEY is VALUE, in either script (a user corpus's own fields; repeatable)."
            ),
        ),
    ]


def selection_options(func: F) -> F:
    """Add the selection options; the command receives one ``selection: Selection``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in _SELECTION}
        selection = Selection(
            **_filters(values),
            sort=SortKey(kwargs.pop("sort")),
            reverse=kwargs.pop("reverse"),
            limit=kwargs.pop("limit"),
        )
        return func(*args, selection=selection, **kwargs)

    return _apply(
        cast(F, wrapper),
        [
            *_filter_options(),
            click.option(
                "--sort",
                type=click.Choice([k.value for k in SortKey], case_sensitive=False),
                default=SortKey.SEQ.value,
                show_default=True,
                help="Order: article order, date, province (GB/T 2260 code) or length.",
            ),
            click.option("--reverse", is_flag=True, help="Reverse the order."),
            click.option(
                "--limit", type=click.IntRange(min=0), metavar="N", help="At most N speeches."
            ),
        ],
    )


def against_options(func: F) -> F:
    """Add ``--against-province`` … ``--against-contains``: the reference corpus of keywords.

    The command receives ``against: Selection | None``, None when none of
    them is given (the reference is then the rest of the corpus).
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(f"against_{name}") for name in _SELECTION}
        given = any(value not in (None, ()) for value in values.values())
        against = Selection(**_filters(values)) if given else None
        return func(*args, against=against, **kwargs)

    return _apply(cast(F, wrapper), [*_filter_options("against-", "Reference: ")])


def environment() -> Environment:
    """The Environment of this run: the one passed as ``obj``, or the process's own."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_object(Environment) if ctx else None
    return obj or Environment()


def output_options(*, default: Format | None = None) -> Callable[[F], F]:
    """Add --format/--json, --script and --color; the command receives ``output: Output``.

    Without --format, output is a rich table at a terminal and plain text in a
    pipe, unless the command has its own ``default`` (filter prints JSON Lines).
    """

    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            env = environment()
            fmt = kwargs.pop("fmt")
            if kwargs.pop("as_json"):
                if fmt is not None and fmt != Format.JSON.value:
                    raise click.UsageError(f"--json and --format {fmt} contradict each other")
                fmt = Format.JSON.value
            if fmt is None:
                fmt = default or (Format.TABLE if env.is_terminal else Format.TEXT)
            output = Output(Format(fmt), kwargs.pop("script"), kwargs.pop("color"), env)
            return func(*args, output=output, **kwargs)

        return _apply(
            cast(F, wrapper),
            [
                click.option(
                    "--format",
                    "-f",
                    "fmt",
                    type=click.Choice([f.value for f in Format], case_sensitive=False),
                    help="Output format [default: table at a terminal, else "
                    + (default.value if default else "text")
                    + "].",
                ),
                click.option("--json", "as_json", is_flag=True, help="Same as --format json."),
                click.option(
                    "--script",
                    "-s",
                    type=ScriptType(),
                    default=None,
                    envvar="SHUANGTAN_SCRIPT",
                    show_envvar=True,
                    help="Script of the text shown: simplified (s), traditional (t), hk, "
                    "or original [default: original, as written: Traditional for the "
                    "bundled corpus].",
                ),
                click.option(
                    "--color",
                    "--colour",
                    type=click.Choice(["auto", "always", "never"], case_sensitive=False),
                    default="auto",
                    show_default=True,
                    help="Colour; auto means at a terminal unless NO_COLOR is set.",
                ),
            ],
        )

    return decorator


def corpus_path(ctx: click.Context | None = None) -> str | None:
    """The user corpus the command line names (``--corpus`` or SHUANGTAN_CORPUS), or None
    for the bundled corpus.  Read from the group's parameters, so completion sees it too."""
    ctx = ctx or click.get_current_context(silent=True)
    if ctx is None:
        return None
    path = ctx.find_root().params.get("corpus")
    return path or None


def open_corpus(output: Output | None = None, ctx: click.Context | None = None) -> CorpusProtocol:
    """The corpus a command reads, in the script the user asked for: the one place
    commands get their corpus.  The bundled corpus needs no store (and no sqlite3)."""
    script = output.script if output is not None else None
    path = corpus_path(ctx)
    if path is None:
        return load_corpus(script)
    from .stored import StoredCorpus

    env = output.env if output is not None else None
    progress = env.progress if env is not None and env.stderr_is_terminal else None
    return StoredCorpus(path, script, progress=progress)


def pattern_options(func: F) -> F:
    """Add PATTERN, ``-F`` and ``-i``, as grep has them; the command receives ``matcher``.

    PATTERN is a regular expression (regex module syntax) unless -F is given,
    and folds across scripts exactly as grep's does.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .search import Matcher

        matcher = Matcher(
            kwargs.pop("pattern"), fixed=kwargs.pop("fixed"), ignore_case=kwargs.pop("ignore_case")
        )
        return func(*args, matcher=matcher, **kwargs)

    return _apply(
        cast(F, wrapper),
        [
            click.argument("pattern"),
            click.option(
                "-F", "--fixed-strings", "fixed", is_flag=True, help="PATTERN is a plain string."
            ),
            click.option("-i", "--ignore-case", is_flag=True, help="Ignore case (Latin letters)."),
        ],
    )


class NgramLengthsType(_Resolving):
    """``-n 2`` or ``-n 2-4``: the lengths of the character n-grams counted."""

    name = "n"

    @staticmethod
    def resolver(text: str) -> tuple[int, int]:
        from .analysis.units import parse_n

        return parse_n(text)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        names = {"1": "1", "2": "2", "3": "3", "4": "4", "2-3": "2-3", "2-4": "2-4"}
        return _starting(incomplete, names)


def unit_options(func: F) -> F:
    """Add ``-n``, ``--terms`` and ``--words``; the command receives ``units: Units``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .counting import Units

        lengths, terms, words = kwargs.pop("lengths"), kwargs.pop("terms"), kwargs.pop("words")
        if terms and words:
            raise click.UsageError("--terms and --words cannot be combined")
        if lengths is not None and (terms or words):
            raise click.UsageError(
                f"-n counts n-grams: it cannot go with --{'terms' if terms else 'words'}"
            )
        units = Units("terms" if terms else "words" if words else "ngrams", lengths or (2, 2))
        if words:
            units.tokenizer()  # without rjieba: the one error line, before any counting
        return func(*args, units=units, **kwargs)

    return _apply(
        cast(F, wrapper),
        [
            click.option(
                "-n",
                "--ngram",
                "lengths",
                type=NgramLengthsType(),
                metavar="N|N-M",
                help="Count character n-grams of length N, or N to M [default: 2].",
            ),
            click.option(
                "--terms", is_flag=True, help="Count the terms of the bundled 双碳 vocabulary."
            ),
            click.option(
                "--words",
                is_flag=True,
                help="Count words segmented by rjieba (pip install 'shuangtan[words]').",
            ),
        ],
    )


class LevelsType(_Resolving):
    """kwic's sort levels: ``1R,2R``, ``1L``, ``M``."""

    name = "levels"
    #: What completion offers: the levels nearest the match, and the match.
    OFFERED = ("1R", "2R", "3R", "1L", "2L", "3L", "M")

    @staticmethod
    def resolver(text: str) -> Any:
        from .analysis.concordance import parse_levels

        return parse_levels(text)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem

        done, comma, typed = incomplete.rpartition(",")
        given = {level.upper() for level in done.split(",")} if comma else set()
        prefix = done + comma
        return [
            CompletionItem(prefix + level)
            for level in self.OFFERED
            if level.startswith(typed.upper()) and level not in given
        ]


def complete_thresholds(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The usual critical values of log-likelihood, with the p-value each stands for."""
    from click.shell_completion import CompletionItem

    from .analysis.keyness import LL_THRESHOLDS

    return [
        CompletionItem(str(value), help=f"p < {p:g}")
        for p, value in LL_THRESHOLDS.items()
        if str(value).startswith(incomplete)
    ]
