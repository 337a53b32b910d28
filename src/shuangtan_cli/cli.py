"""The ``shuangtan`` command: the group that assembles the commands.

Each command lives in its own module under ``commands/`` and is imported
only when it runs (or when ``--help`` lists it).  Exit status as grep: 0 when
something was selected or matched, 1 when nothing was, 2 for a usage or data
error, always as one ``Error: …`` line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from . import __version__
from .errors import ShuangtanError

#: Every command: its name, and the module under ``commands/`` that defines it.
COMMANDS = {
    "list": "list",
    "filter": "filter",
    "show": "show",
    "grep": "grep",
    "kwic": "kwic",
    "freq": "freq",
    "ngrams": "ngrams",
    "keywords": "keywords",
    "collocates": "collocates",
    "plot": "plot",
    "cite": "cite",
    "info": "info",
    "import": "import_",
    "export": "export",
    "completion": "completion",
}


#: The longest an error line gets before it is cut short.
MAX_ERROR = 1000
#: The variable a completion script sets to ask the command for completions.
COMPLETE_VAR = "_SHUANGTAN_COMPLETE"


class ShuangtanGroup(click.Group):
    """A group that loads each command when it is used, reports every error
    as one line, and returns exit codes as grep does."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        import importlib

        command: click.Command = importlib.import_module(f".commands.{module}", __package__).command
        return command

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
        if os.environ.get(complete_var or COMPLETE_VAR):  # a shell asks for completions
            from .commands.completion import prepare

            prepare()
            try:
                super().main(args, prog_name, complete_var, True, **extra)
            except (KeyError, ValueError):  # not called by a completion script: no answer
                sys.exit(1)
        try:
            status = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:  # bare `shuangtan`: help, no error
            click.echo(error.format_message())
            sys.exit(0)
        except click.UsageError as error:
            hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            _error(f"{error.format_message()}{hint}")
        except (click.ClickException, ShuangtanError) as error:
            message = error.format_message() if isinstance(error, click.ClickException) else error
            _error(str(message))
        except click.Abort:
            sys.exit(130)
        sys.exit(status if isinstance(status, int) else 0)


def _error(message: str) -> None:
    """The one error line: what the user typed is echoed inert, and on one line."""
    from .formats import inert

    line = inert(message)
    if len(line) > MAX_ERROR:  # an argument of megabytes is no use echoed whole
        line = f"{line[:MAX_ERROR]}… ({len(line):,} characters)"
    click.echo(f"Error: {line}", err=True)
    sys.exit(2)


@click.group(
    "shuangtan", cls=ShuangtanGroup, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, "--version", "-V", prog_name="shuangtan")
@click.option(
    "--corpus",
    metavar="PATH",
    envvar="SHUANGTAN_CORPUS",
    show_envvar=True,
    help="Read the corpus made by 'shuangtan import' at PATH [default: the bundled one].",
)
def cli(corpus: str | None) -> None:
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
      shuangtan kwic 碳汇 --region 西南
      shuangtan freq 兩高 --by province
      shuangtan filter --since 2022-01 --format jsonl | jq .speaker

    Your own corpus: 'shuangtan import SOURCE… -o DIR', then '--corpus DIR'
    before the command (or SHUANGTAN_CORPUS=DIR).

    Exit status: 0 something selected or matched, 1 nothing, 2 error.
    """


def main() -> None:
    """Console entry point: the group, run at the edge of the process (see process.py)."""
    from .process import run

    run(lambda: cli(prog_name="shuangtan"))
