"""shuangtan: what China's provincial leaders said about carbon peaking and neutrality.

The library behind the ``shuangtan`` command; everything the command shows can
be had from Python::

    >>> import shuangtan_cli as st
    >>> corpus = st.load_corpus(st.Script.SIMPLIFIED)
    >>> chosen = st.select(corpus, st.Selection(provinces=("河北",)))
    >>> corpus.speeches[chosen[0]].speaker
    '王东峰'
    >>> hits = st.find_hits(corpus, range(len(corpus)), st.Matcher("兩高"))
    >>> sorted({hit.speech.province_short for hit in hits})[:3]
    ['吉林', '山东', '江苏']
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .card import CARD_FIELDS, corpus_card
    from .corpus import FIELDS, LIST_FIELDS, Corpus, Official, Speech, load_corpus, render_record
    from .errors import ShuangtanError
    from .places import Place, UnknownPlaceError, complete_places, resolve_place, resolve_places
    from .script import Script, convert, from_simplified, parse_script, to_simplified
    from .search import (
        HIT_FIELDS,
        Hit,
        Matcher,
        PatternError,
        count_hits,
        find_hits,
        sentence_spans,
    )
    from .selection import (
        Selection,
        SortKey,
        parse_date_bound,
        resolve_division,
        resolve_region,
        select,
    )

#: Where each public name lives.  Imported on first use (PEP 562), so that
#: ``import shuangtan_cli.cli`` does not pay for modules a command never uses.
#: No name may also be a submodule's: once imported, the module would shadow it.
_HOMES = {
    "card": ("CARD_FIELDS", "corpus_card"),
    "corpus": (
        "FIELDS",
        "LIST_FIELDS",
        "Corpus",
        "Official",
        "Speech",
        "load_corpus",
        "render_record",
    ),
    "errors": ("ShuangtanError",),
    "places": ("Place", "UnknownPlaceError", "complete_places", "resolve_place", "resolve_places"),
    "script": ("Script", "convert", "from_simplified", "parse_script", "to_simplified"),
    "search": (
        "HIT_FIELDS",
        "Hit",
        "Matcher",
        "PatternError",
        "count_hits",
        "find_hits",
        "sentence_spans",
    ),
    "selection": (
        "Selection",
        "SortKey",
        "parse_date_bound",
        "resolve_division",
        "resolve_region",
        "select",
    ),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'shuangtan_cli' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{module}", __name__), name)


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])


__version__ = "0.1.0"

__all__ = [  # noqa: F822 (the names are resolved by __getattr__)
    "CARD_FIELDS",
    "FIELDS",
    "HIT_FIELDS",
    "LIST_FIELDS",
    "Corpus",
    "Hit",
    "Matcher",
    "Official",
    "PatternError",
    "Place",
    "Script",
    "Selection",
    "ShuangtanError",
    "SortKey",
    "Speech",
    "UnknownPlaceError",
    "complete_places",
    "convert",
    "corpus_card",
    "count_hits",
    "find_hits",
    "from_simplified",
    "load_corpus",
    "parse_date_bound",
    "parse_script",
    "render_record",
    "resolve_division",
    "resolve_place",
    "resolve_places",
    "resolve_region",
    "select",
    "sentence_spans",
    "to_simplified",
]
