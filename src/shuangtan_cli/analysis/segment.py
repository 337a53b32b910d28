"""Optional word segmentation, with rjieba (the Rust port of jieba), as a tokenizer.

Counting in shuangtan needs no segmenter: its units are character n-grams and
the terms of the vocabulary.  Words are an option for those who want them.
They need the ``words`` extra (``pip install 'shuangtan[words]'``, which
installs rjieba); nothing else in shuangtan imports rjieba, and this module
imports it only when a tokenizer is made.

rjieba's dictionary alone splits 碳中和 into 碳/中/和 and 减污降碳 into 减污降/碳,
so every spelling of the bundled vocabulary is added to it as a word
(``Jieba.add_word``).  A spelling holding punctuation (能耗“双控”, 高耗能、高排放)
cannot become one word, because the segmenter cuts the text at punctuation
before it looks words up; the term matcher of :mod:`.terms` still finds such
spellings.  A word that is a spelling of a term is reported as the term's
canonical form (碳交易市场 as 碳市场), so word counts and term counts agree.

A token is kept if it holds a Han character or is a spelling of a term
(1+N); punctuation, digits and Latin words are dropped, as in n-gram counting.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from ..errors import ShuangtanError
from .terms import Term, load_terms
from .units import Token, Tokenizer, has_han

#: How to get the segmenter, for the error message.
INSTALL = "pip install 'shuangtan[words]' (or: pip install rjieba)"


@cache
def _segmenter(terms: tuple[Term, ...]) -> Any:
    try:
        import rjieba
    except ImportError:
        raise ShuangtanError(f"word segmentation needs rjieba; install it with {INSTALL}") from None
    jieba = rjieba.Jieba()
    for term in terms:
        for spelling in term.spellings:
            jieba.add_word(spelling, None, None)
    return jieba


def word_tokenizer(terms: Iterable[Term] | None = None, *, hmm: bool = True) -> Tokenizer:
    """A tokenizer giving the words of a text, segmented by rjieba with the vocabulary.

    ``hmm`` lets rjieba guess words that are in no dictionary (its default).
    Raises ShuangtanError, saying how to install rjieba, when it is missing.
    """
    chosen = load_terms() if terms is None else tuple(terms)
    jieba = _segmenter(chosen)
    canonical = {spelling: term.term for term in chosen for spelling in term.spellings}

    def tokenize(text: str) -> list[Token]:
        # ``cut`` returns every piece of the text, in order (twice as fast as
        # ``tokenize``, which builds the offsets in Rust); the offsets are summed here.
        tokens = []
        end = 0
        for word in jieba.cut(text, hmm):
            start, end = end, end + len(word)
            unit = canonical.get(word)
            if unit is None and not has_han(word):
                continue
            tokens.append(Token(start, end, unit or word))
        if end != len(text):
            raise ShuangtanError("rjieba's pieces do not add up to the text it was given")
        return tokens

    return tokenize
