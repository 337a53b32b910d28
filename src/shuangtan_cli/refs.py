"""References to a passage: ``ID:PARAGRAPH:START-END``, as every hit carries in ``ref``.

``hebei:1:238-240`` is characters 238 to 240 (end excluded) of paragraph 1
(counted from 0) of the speech ``hebei``: the ``paragraph``, ``start`` and
``end`` fields of a hit in grep's JSON.  Offsets count Unicode code points of
the text as displayed, which has the same length in every script, so a
reference is the same whatever ``--script`` says.  A hit in the dateline has
``lead`` for its paragraph (``hebei:lead:0-9``).  A reference of an id alone
(``hebei``, or anything ``show`` takes: a seq number, a province) names the
whole speech.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .errors import ShuangtanError
from .search import LEAD, format_ref  # a hit's ref is made where hits are

if TYPE_CHECKING:
    from .corpus import CorpusProtocol
    from .search import Hit

#: The most digits a paragraph or an offset may have: more is no offset in any corpus.
_MAX_DIGITS = 12


class Span(NamedTuple):
    """Where a passage is: a paragraph (None for the dateline) and offsets into it."""

    paragraph: int | None
    start: int
    end: int


class Ref(NamedTuple):
    """A reference as typed: the speech (an id, a number, a province) and maybe a span."""

    speech: str
    span: Span | None


def _number(text: str, ref: str, what: str) -> int:
    if not (text.isascii() and text.isdecimal()):
        raise ShuangtanError(f"bad reference '{ref}': the {what} '{text}' is not a number")
    if len(text) > _MAX_DIGITS:
        raise ShuangtanError(f"bad reference '{ref}': the {what} has too many digits")
    return int(text)


def parse_ref(text: str) -> Ref:
    """A reference typed as ``ID:PARAGRAPH:START-END`` or ``ID``."""
    ref = text.strip()
    parts = ref.split(":")
    if len(parts) == 1:
        if not ref:
            raise ShuangtanError("empty reference: give ID:PARAGRAPH:START-END or an id")
        return Ref(ref, None)
    if len(parts) != 3 or not parts[0]:
        raise ShuangtanError(
            f"bad reference '{ref}': give ID:PARAGRAPH:START-END as in a hit's ref "
            "(hebei:1:238-240), or an id"
        )
    speech, paragraph, span = parts
    start, dash, end = span.partition("-")
    if not dash:
        raise ShuangtanError(f"bad reference '{ref}': the span '{span}' is not START-END")
    index = None if paragraph == LEAD else _number(paragraph, ref, "paragraph")
    first, last = _number(start, ref, "start"), _number(end, ref, "end")
    if first >= last:
        raise ShuangtanError(f"bad reference '{ref}': the span {span} is empty")
    return Ref(speech, Span(index, first, last))


def resolve_ref(corpus: CorpusProtocol, ref: Ref) -> tuple[int, Hit | None]:
    """The position of the speech a reference names, and its span as a Hit (None for an id).

    Raises ShuangtanError for a speech the corpus does not have, a paragraph
    it does not have, or a span beyond the end of the text.
    """
    from .search import Hit

    position = corpus.index(ref.speech)
    if ref.span is None:
        return position, None
    speech = next(iter(corpus.records([position])))
    paragraph, start, end = ref.span
    shown = format_ref(speech.id, paragraph, start, end)
    if paragraph is not None and paragraph >= len(speech.paragraphs):
        raise ShuangtanError(
            f"no paragraph {paragraph} in {speech.id}: it has {len(speech.paragraphs)} "
            f"(0 to {len(speech.paragraphs) - 1}), in {shown}"
        )
    hit = Hit(position, speech, paragraph, start, end)
    if end > len(hit.text):
        where = "the dateline" if paragraph is None else f"paragraph {paragraph}"
        raise ShuangtanError(
            f"{shown} ends beyond {where} of {speech.id}, which has {len(hit.text)} characters"
        )
    return position, hit
