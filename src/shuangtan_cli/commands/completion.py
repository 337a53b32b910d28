"""``shuangtan completion``: the shell completion script."""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem, FishComplete, add_completion_class

SHELLS = ("bash", "zsh", "fish")


class CommaFreeFishComplete(FishComplete):
    """fish's script splits each answer at ASCII commas (``string split ","``),
    so a comma in a help text would cut it: commas become semicolons there."""

    def format_completion(self, item: CompletionItem) -> str:
        if item.help:
            item.help = item.help.replace(",", ";")
        return super().format_completion(item)


def prepare() -> None:
    """Ready click's completion for this command: before it answers a Tab press."""
    add_completion_class(CommaFreeFishComplete, "fish")


@click.command("completion")
@click.argument("shell", type=click.Choice(SHELLS))
def command(shell: str) -> int:
    """Print the completion script for SHELL (bash, zsh or fish).

    Provinces complete from any spelling (guang → 广东 广西, 冀 → 河北),
    and so do regions, divisions, scripts, sort keys and show's ids.

    \b
    Examples:
      shuangtan completion bash
      eval "$(shuangtan completion zsh)"
      shuangtan completion fish > ~/.config/fish/completions/shuangtan.fish
    """
    from click.shell_completion import get_completion_class

    from ..cli import COMPLETE_VAR, cli

    complete = get_completion_class(shell)
    assert complete is not None  # every name in SHELLS has one
    script = complete(cli, {}, "shuangtan", COMPLETE_VAR).source()
    click.echo(script, nl=not script.endswith("\n"))
    return 0
