"""``python -m shuangtan_cli``: the same as the ``shuangtan`` command."""

from .cli import main

main()
