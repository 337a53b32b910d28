"""``shuangtan info``: the corpus card."""

from __future__ import annotations

from typing import Any

import click

from ..options import open_corpus, output_options
from ..output import Output, View


def flatten(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """(dotted.name, value) pairs of nested data; list items are named by their id or index."""
    if isinstance(value, dict):
        pairs: list[tuple[str, Any]] = []
        for key, item in value.items():
            pairs += flatten(item, f"{prefix}.{key}" if prefix else str(key))
        return pairs
    if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        pairs = []
        for i, item in enumerate(value):
            if isinstance(item, dict) and "id" in item:  # named by its id, once
                rest = {key: part for key, part in item.items() if key != "id"}
                pairs += flatten(rest, f"{prefix}.{item['id']}")
            else:
                pairs += flatten(item, f"{prefix}.{i}")
        return pairs
    return [(prefix, value)]


def _sections(card: dict[str, Any]) -> list[tuple[str, list[tuple[str, Any]]]]:
    first, last = card["date_range"] or (None, None)
    return [
        (
            "Corpus",
            [
                ("title", card["title"]),
                ("description", card["description"]),
                ("version", card["version"]),
                ("records", card["records"]),
                ("paragraphs", card["paragraphs"]),
                ("characters", f"{card['characters']:,} ({card['han_characters']:,} Han)"),
                ("dates", f"{first} to {last}" if first else None),
            ],
        ),
        ("Source", flatten(card["source"] or {})),
        ("By division", list(card["by_division"].items())),
        ("By region", list(card["by_region"].items())),
        # The errata have a table of their own.
        ("Cleaning", [p for p in flatten(card["cleaning"] or {}) if p[0] != "errata"]),
        ("Build", flatten(card["build"])),
    ]


def _user_sections(card: dict[str, Any]) -> list[tuple[str, list[tuple[str, Any]]]]:
    first, last = card["date_range"] or (None, None)
    paragraphs = card["paragraphs"]
    tool = card["tool"] or {}
    return [
        (
            "Corpus",
            [
                ("title", card["title"]),
                ("records", f"{card['records']:,}"),
                ("paragraphs", f"{paragraphs:,}" if paragraphs is not None else None),
                ("characters", f"{card['characters']:,} ({card['han_characters']:,} Han)"),
                ("script", card["script"]),
                ("dates", f"{first} to {last}" if first else None),
                ("undated", card["undated"]),
                ("made-up ids", card["made_up_ids"]),
                ("national", card["national"]),
            ],
        ),
        *((f"Source {i}", flatten(source)) for i, source in enumerate(card["sources"] or [], 1)),
        ("By division", list(card["by_division"].items())),
        ("By region", list(card["by_region"].items())),
        (
            "Import",
            [
                ("imported", card["imported"]),
                ("tool", f"{tool.get('name')} {tool.get('version')}" if tool else None),
                *flatten(card["build"], "build"),
            ],
        ),
    ]


@click.command("info")
@output_options()
def command(output: Output) -> int:
    """The corpus card: source and its SHA-256, records, dates, counts, cleaning, errata.

    What the source does not say (its title, URL, author, date) is shown as
    null, not guessed.  A user corpus's card lists its sources with their
    SHA-256, its counts, script and dates, and when and by what it was imported.

    \b
    Examples:
      shuangtan info
      shuangtan info --json
      shuangtan info --format text | grep sha256
    """
    corpus = open_corpus(output)
    card = corpus.card()
    sections = _sections if corpus.kind == "bundled" else _user_sections
    pairs = flatten(card)
    rows = [{"field": name, "value": value} for name, value in pairs]

    def render() -> list[Any]:
        from ..render import card_view, rows_table

        views: list[Any] = [card_view(sections(card))]
        if card.get("errata"):
            columns = ("id", "record", "kind", "was", "becomes", "why")
            views.append(rows_table(card["errata"], columns, {"id": "Erratum"}))
        return views

    view = View(
        data=card,
        rows=rows,
        columns=("field", "value"),
        render=render,
    )
    return output.emit(view)
