"""The corpus card: what a corpus is, where it comes from and what was done to it.

``corpus_card`` gathers it from the corpus's ``corpus.json`` (source, build,
cleaning, errata) and from the records themselves (counts, dates, sizes), so
the counts always describe the records as loaded.  Region names are in the
script the corpus is read in; quoted source text (the errata) is as found.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from .corpus import Corpus

if TYPE_CHECKING:
    from .stored import StoredCorpus

#: The keys of a card, in order.  A contract: ``shuangtan info --json`` prints them.
CARD_FIELDS = (
    "title",
    "description",
    "version",
    "source",
    "records",
    "paragraphs",
    "characters",
    "han_characters",
    "date_range",
    "by_division",
    "by_region",
    "cleaning",
    "errata",
    "build",
)


def corpus_card(corpus: Corpus) -> dict[str, Any]:
    """The card of ``corpus`` as JSON-ready data, with the keys of CARD_FIELDS.

    What the corpus does not say (a title, a URL) is null, never guessed.
    """
    meta = corpus.metadata
    speeches = corpus.speeches
    dates = sorted(speech.date for speech in speeches if speech.date)
    card = {
        "title": meta.get("title"),
        "description": meta.get("description"),
        "version": meta.get("version"),
        "source": meta.get("source"),
        "records": len(speeches),
        "paragraphs": sum(len(speech.paragraphs) for speech in speeches),
        "characters": sum(speech.length for speech in speeches),
        "han_characters": sum(speech.han_chars for speech in speeches),
        "date_range": [dates[0], dates[-1]] if dates else None,
        "by_division": dict(Counter(speech.division for speech in speeches).most_common()),
        "by_region": dict(Counter(speech.region for speech in speeches).most_common()),
        "cleaning": meta.get("cleaning"),
        "errata": meta.get("errata", []),
        "build": {
            "opencc": meta.get("built_with", {}).get("opencc"),
            "canonical_script": meta.get("canonical_script"),
            "renderings": sorted(meta.get("renderings", {})),
            "script_shown": corpus.script.value,
        },
    }
    return {name: card[name] for name in CARD_FIELDS}


#: The keys of a user corpus's card, in order.  A contract: ``shuangtan info --json``
#: prints them for a corpus made by ``shuangtan import``.
USER_CARD_FIELDS = (
    "title",
    "sources",
    "records",
    "paragraphs",
    "characters",
    "han_characters",
    "script",
    "date_range",
    "undated",
    "made_up_ids",
    "national",
    "by_division",
    "by_region",
    "imported",
    "tool",
    "build",
)


def user_card(corpus: StoredCorpus) -> dict[str, Any]:
    """The card of a user corpus: what the import recorded (its sources and their
    SHA-256, the import's date, the tool's version) and what the store counts.

    Counts by division and region come from the records' provinces (a national
    record is in neither); what the import did not record is null.
    """
    from .places import places
    from .script import Script
    from .stored import _region_name

    store = corpus.store
    info = store.info
    made = info.get("card") or {}
    shown = corpus.script
    name_script = shown or (
        Script.TRADITIONAL if store.script == "traditional" else Script.SIMPLIFIED
    )
    by_place = store.count_by_province()
    divisions: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    known = {place.id: place for place in places()}
    for place_id, count in by_place.items():
        if place_id is not None:
            divisions[known[place_id].division] += count
            regions[_region_name(known[place_id].region, name_script)] += count
    card = {
        "title": made.get("title"),
        "sources": made.get("sources"),
        "records": info["records"],
        "paragraphs": made.get("paragraphs"),
        "characters": info["length"],
        "han_characters": info["han_chars"],
        "script": info["script"],
        "date_range": made.get("date_range"),
        "undated": made.get("undated"),
        "made_up_ids": made.get("made_up_ids"),
        "national": by_place.get(None, 0),
        "by_division": dict(divisions.most_common()),
        "by_region": dict(regions.most_common()),
        "imported": made.get("imported"),
        "tool": made.get("tool"),
        "build": {
            "store_format": info.get("format"),
            "directory": corpus.directory,
            "script_shown": shown.value if shown is not None else "as written",
        },
    }
    return {name: card[name] for name in USER_CARD_FIELDS}
