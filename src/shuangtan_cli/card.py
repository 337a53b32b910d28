"""The corpus card: what a corpus is, where it comes from and what was done to it.

``corpus_card`` gathers it from the corpus's ``corpus.json`` (source, build,
cleaning, errata) and from the records themselves (counts, dates, sizes), so
the counts always describe the records as loaded.  Region names are in the
script the corpus is read in; quoted source text (the errata) is as found.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .corpus import Corpus

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
