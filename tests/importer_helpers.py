"""Helpers for the importer tests: write sources into a folder, read them, collect problems."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from shuangtan_cli.importer import Problem, Record, SourceError, read_sources


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """Write ``content`` (text is UTF-8, written byte for byte: no newline translation)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def jsonl(*objects: Any) -> str:
    """JSON Lines text for ``objects``, non-ASCII as it is."""
    return "".join(json.dumps(obj, ensure_ascii=False) + "\n" for obj in objects)


def read(*paths: str | os.PathLike[str], max_errors: int = 20) -> list[Record]:
    return list(read_sources(paths, max_errors=max_errors))


def problems(*paths: str | os.PathLike[str], max_errors: int = 20) -> list[Problem]:
    """The problems reading ``paths`` reports (it must report some)."""
    with pytest.raises(SourceError) as caught:
        read(*paths, max_errors=max_errors)
    return list(caught.value.problems)


def only_problem(*paths: str | os.PathLike[str]) -> Problem:
    found = problems(*paths)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]
