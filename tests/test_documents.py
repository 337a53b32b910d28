"""The one function that reads the selected speeches' text: in order, one at a time."""

from __future__ import annotations

import inspect

from helpers import by_id, records

import shuangtan_cli as st
from shuangtan_cli import counting, search
from shuangtan_cli.documents import documents, paragraphs


def test_documents_in_the_order_asked_both_forms() -> None:
    corpus = st.load_corpus(st.Script.TRADITIONAL)
    order = [13, 0, 30, 13]
    found = list(documents(corpus, order))
    assert [d.position for d in found] == order
    shown, canonical = by_id("traditional"), by_id("simplified")
    for document in found:
        record_id = document.shown.id
        assert document.canonical.id == record_id
        assert list(document.shown.paragraphs) == shown[record_id]["paragraphs"]
        assert list(document.paragraphs) == canonical[record_id]["paragraphs"]


def test_documents_is_lazy() -> None:
    corpus = st.load_corpus(st.Script.SIMPLIFIED)
    asked: list[int] = []

    def positions() -> object:
        for position in range(len(corpus)):
            asked.append(position)
            yield position

    stream = documents(corpus, positions())  # type: ignore[arg-type]
    assert asked == []
    next(stream)
    assert asked == [0]


def test_paragraphs_are_the_canonical_remarks() -> None:
    corpus = st.load_corpus(st.Script.HK)
    assert [list(p) for p in paragraphs(corpus, range(len(corpus)))] == [
        r["paragraphs"] for r in records()
    ]


def test_search_and_counting_read_through_the_seam() -> None:
    """No pass over the text indexes the corpus's records itself."""
    for module in (search, counting):
        source = inspect.getsource(module)
        assert "corpus.canonical[" not in source and "corpus.speeches[" not in source
        assert "documents(corpus" in source
