"""A build worker: ``python -m shuangtan_cli.store._worker`` (see _build._Workers)."""

from ._build import _serve

_serve()
