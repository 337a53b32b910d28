"""Options shared by the commands: selection and output, each added by one decorator.

Values are validated by click ParamTypes, so bad input fails through click's
own machinery and reaches the user as one ``Error: …`` line with exit status 2.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

import click

from .errors import ShuangtanError
from .formats import Format
from .script import Script, parse_script
from .selection import Selection, SortKey, parse_date_bound, resolve_division, resolve_region

if TYPE_CHECKING:
    from rich.console import Console

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
        except ValueError as error:
            self.fail(str(error), param, ctx)


class ProvinceType(_Resolving):
    name = "province"

    @staticmethod
    def resolver(text: str) -> str:
        from .places import resolve_place  # only when --province is given

        return resolve_place(text).id


class RegionType(_Resolving):
    name = "region"
    resolver = staticmethod(resolve_region)


class DivisionType(_Resolving):
    name = "division"
    resolver = staticmethod(resolve_division)


class ScriptType(_Resolving):
    name = "script"
    resolver = staticmethod(parse_script)


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


def _apply(func: F, decorators: list[Callable[[F], F]]) -> F:
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def selection_options(func: F) -> F:
    """Add the selection options; the command receives one ``selection: Selection``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        names = ("province", "region", "division", "speaker", "since", "until", "contains")
        values = {name: kwargs.pop(name) for name in names}
        selection = Selection(
            provinces=tuple(dict.fromkeys(values["province"])),
            regions=tuple(values["region"]),
            divisions=tuple(values["division"]),
            speaker=values["speaker"],
            since=values["since"],
            until=values["until"],
            contains=values["contains"],
            sort=SortKey(kwargs.pop("sort")),
            reverse=kwargs.pop("reverse"),
            limit=kwargs.pop("limit"),
        )
        return func(*args, selection=selection, **kwargs)

    return _apply(
        cast(F, wrapper),
        [
            click.option(
                "--province",
                "-p",
                type=ProvinceType(),
                multiple=True,
                help="Province: 河北, 河北省, Traditional, hebei, 冀 … (repeatable).",
            ),
            click.option(
                "--region",
                type=RegionType(),
                multiple=True,
                help="Region: 华北 东北 华东 华中 华南 西南 西北, or north, east … (repeatable).",
            ),
            click.option(
                "--division",
                type=DivisionType(),
                multiple=True,
                help="province, municipality or autonomous_region (repeatable).",
            ),
            click.option("--speaker", metavar="NAME", help="Speaker's name contains NAME."),
            click.option(
                "--since", type=DateType(end=False), help="On or after YYYY, YYYY-MM or YYYY-MM-DD."
            ),
            click.option(
                "--until",
                type=DateType(end=True),
                help="On or before YYYY, YYYY-MM or YYYY-MM-DD (a whole month or year).",
            ),
            click.option(
                "--contains", metavar="TEXT", help="Remarks contain TEXT (either script)."
            ),
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


class Output(NamedTuple):
    """How a command prints: format, script and colour."""

    format: Format
    script: Script
    color: str  # auto | always | never

    @property
    def styled(self) -> bool:
        """Whether plain text output carries colour (highlights)."""
        if self.color == "always":
            return True
        if self.color == "never" or "NO_COLOR" in os.environ:
            return False
        return sys.stdout.isatty()

    def console(self) -> Console:
        from rich.console import Console

        return Console(
            file=sys.stdout,
            force_terminal=True if self.color == "always" else None,
            no_color=False if self.color == "always" else None,  # --color always beats NO_COLOR
            color_system=None if self.color == "never" else "auto",  # never: no styles at all
            highlight=False,
            emoji=False,
            markup=False,
        )


def output_options(*, default: Format | None = None) -> Callable[[F], F]:
    """Add --format/--json, --script and --color; the command receives ``output: Output``.

    Without --format, output is a rich table at a terminal and plain text in a
    pipe, unless the command has its own ``default`` (filter prints JSON Lines).
    """

    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            fmt = kwargs.pop("fmt")
            if kwargs.pop("as_json"):
                fmt = Format.JSON.value
            if fmt is None:
                fmt = default or (Format.TABLE if sys.stdout.isatty() else Format.TEXT)
            output = Output(Format(fmt), kwargs.pop("script"), kwargs.pop("color"))
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
                    default=Script.TRADITIONAL.value,
                    envvar="SHUANGTAN_SCRIPT",
                    show_default=True,
                    show_envvar=True,
                    help="Script of the text shown: simplified (s), traditional (t) or hk.",
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
