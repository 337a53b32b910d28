"""The bundled 双碳 vocabulary, and counting its terms as whole units.

``terms.json`` (beside the package's modules) lists the terms of carbon
peaking and neutrality policy.  Each entry has:

* ``term``: the canonical form, in Simplified script;
* ``variants``: other ways of writing the same term, each attested in the
  corpus (``能耗“双控”`` for 能耗双控, the full form ``高耗能、高排放`` for 两高);
* ``gloss``: one line of English;
* ``attested``: either ``{"corpus": [ids]}``, the ids of every record whose
  remarks hold the term (a test recounts them from ``data/speeches.jsonl``),
  or ``{"document": {"title", "issuer", "year", "number"}}``, a named policy
  document, for a term the corpus does not use.

What is **not** a variant: a term in quotation marks (“两高”, “双碳”) is the
term itself, found inside the marks, so the marks are not listed; a clipped
form that can mean other things is not the term either (达峰 alone is any
"reaching a peak", 双控 alone is also the dual control of carbon emissions,
as in Beijing's 碳排放总量和强度“双控”).  Traditional spellings are not listed
because matching runs on the canonical Simplified text, to which every
rendering folds.

**Matching** scans a text from left to right.  At each position the longest
spelling of any term that starts there wins; its characters are consumed and
the scan goes on after it; where none starts, the scan moves on one
character.  So occurrences never overlap, each character belongs to at most
one term, and of two terms that overlap the one that starts first wins, even
if the other is longer (in 碳达峰行 with the terms 碳达 and 达峰行, only 碳达):

* 碳达峰碳中和 is not an entry: it is the two terms written together, and
  counts once as 碳达峰 and once as 碳中和;
* where one term holds another, the longer wins at its position: 减污降碳 is
  one 减污降碳 and no 降碳; ‘1+1+N’ is one 1+1+N and no 1+N; 全国碳交易市场 is
  one 碳市场 (its variant 碳交易市场) and no 碳交易; 碳排放权 is not 碳排放.

A spelling that begins (ends) with an ASCII letter or digit only matches
where the character before (after) it is not one, so 1+N is not found in
11+N.  Letters are not case-folded.

The counts of :func:`count_terms` are therefore counts of whole units, as a
segmenter using the vocabulary would give; ``str.count`` (and ``grep``) count
every occurrence of one string, nested or not, which is what ``freq`` reports.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import NamedTuple

from ..errors import ShuangtanError
from .units import Counts, Document, Token, Tokenizer, count_tokens

TERMS_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "terms.json")


class Source(NamedTuple):
    """A policy document that attests a term the corpus does not use."""

    title: str
    issuer: str
    year: int
    number: str


class Term(NamedTuple):
    """One entry of the vocabulary."""

    term: str
    variants: tuple[str, ...]
    gloss: str
    corpus: tuple[str, ...]  # ids of the records that use it; empty if ``document`` is set
    document: Source | None

    @property
    def spellings(self) -> tuple[str, ...]:
        """The canonical form first, then the variants."""
        return (self.term, *self.variants)


def _term(entry: dict[str, object], where: str) -> Term:
    try:
        attested = entry["attested"]
        assert isinstance(attested, dict)
        document = attested.get("document")
        source = None if document is None else Source(**document)
        variants = entry.get("variants", [])
        assert isinstance(variants, list)
        term = Term(
            str(entry["term"]),
            tuple(map(str, variants)),
            str(entry["gloss"]),
            tuple(map(str, attested.get("corpus", []))),
            source,
        )
    except (KeyError, TypeError, AssertionError) as error:
        raise ShuangtanError(f"{where}: not a vocabulary entry ({error})") from None
    if not all(term.spellings) or not term.gloss:
        raise ShuangtanError(f"{where}: an empty spelling or gloss")
    if bool(term.corpus) == (source is not None):
        raise ShuangtanError(f"{where}: give either corpus ids or a document, not both or neither")
    return term


def parse_terms(entries: Sequence[dict[str, object]], origin: str = "terms") -> tuple[Term, ...]:
    """Vocabulary entries (as in terms.json), checked: no spelling may belong to two terms."""
    terms = tuple(_term(entry, f"{origin}[{i}]") for i, entry in enumerate(entries))
    owner: dict[str, str] = {}
    for term in terms:
        for spelling in term.spellings:
            if spelling in owner:
                raise ShuangtanError(
                    f"{origin}: {spelling!r} is a spelling of both {owner[spelling]!r} "
                    f"and {term.term!r}"
                )
            owner[spelling] = term.term
    return terms


@cache
def load_terms(path: str = TERMS_FILE) -> tuple[Term, ...]:
    """The vocabulary in ``path`` (the bundled terms.json by default), in file order."""
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except OSError as error:
        raise ShuangtanError(f"cannot read the vocabulary: {error.strerror}: {path}") from None
    except json.JSONDecodeError as error:
        raise ShuangtanError(f"{path}: not JSON: {error.msg} (line {error.lineno})") from None
    return parse_terms(data["terms"], os.path.basename(path))


def _alternative(spelling: str) -> str:
    source = re.escape(spelling)
    if spelling[0].isascii() and spelling[0].isalnum():
        source = "(?<![0-9A-Za-z])" + source
    if spelling[-1].isascii() and spelling[-1].isalnum():
        source += "(?![0-9A-Za-z])"
    return source


@cache
def _matcher(terms: tuple[Term, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    canonical = {spelling: term.term for term in terms for spelling in term.spellings}
    if not canonical:
        raise ShuangtanError("the vocabulary is empty")
    # Longest first, so that at any position the longest spelling is tried first.
    ordered = sorted(canonical, key=lambda spelling: (-len(spelling), spelling))
    return re.compile("|".join(map(_alternative, ordered))), canonical


def find_terms(text: str, terms: Iterable[Term] | None = None) -> list[Token]:
    """Every term in ``text`` (canonical Simplified), leftmost-longest, non-overlapping.

    Each token's ``unit`` is the canonical form, whichever spelling matched.
    """
    pattern, canonical = _matcher(load_terms() if terms is None else tuple(terms))
    return [
        Token(match.start(), match.end(), canonical[match.group()])
        for match in pattern.finditer(text)
    ]


def term_tokenizer(terms: Iterable[Term] | None = None) -> Tokenizer:
    """A tokenizer giving the term tokens of a text (see :func:`find_terms`)."""
    chosen = load_terms() if terms is None else tuple(terms)
    _matcher(chosen)  # fail now, not at the first text, if the vocabulary is empty

    def tokenize(text: str) -> list[Token]:
        return find_terms(text, chosen)

    return tokenize


def count_terms(documents: Iterable[Document], terms: Iterable[Term] | None = None) -> Counts:
    """Count the terms in the documents: tokens and range of each canonical term.

    ``size`` is the number of term tokens; for keyness and rates use
    ``characters`` (the texts' length), since terms are a small closed set.
    """
    return count_tokens(documents, term_tokenizer(terms))
