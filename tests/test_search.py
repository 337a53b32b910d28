"""The search API: Matcher, sentence_spans, Hit and find_hits."""

from __future__ import annotations

import re
import time

import pytest
from helpers import by_id, records

import shuangtan_cli as st


@pytest.fixture(scope="module")
def corpus() -> st.Corpus:
    return st.load_corpus(st.Script.TRADITIONAL)


def everything(corpus: st.Corpus) -> range:
    return range(len(corpus))


# --- Matcher ----------------------------------------------------------------------------------


def test_literal_spans() -> None:
    assert list(st.Matcher("碳").spans("碳达峰碳中和")) == [(0, 1), (3, 4)]
    assert list(st.Matcher("aa").spans("aaaa")) == [(0, 2), (2, 4)]  # non-overlapping


def test_pattern_in_traditional_finds_simplified_text() -> None:
    # Matchers search the canonical (Simplified) text.
    assert list(st.Matcher("兩高").spans("遏制“两高”项目")) == [(3, 5)]
    assert list(st.Matcher("兩高").spans("遏制“兩高”項目")) == []


def test_literal_versus_regex() -> None:
    text = "构建“1+N”政策体系，11N"
    assert list(st.Matcher("1+N", fixed=True).spans(text)) == [(3, 6)]
    assert list(st.Matcher("1+N").spans(text)) == [(len(text) - 3, len(text))]
    assert list(st.Matcher("(a|b)", fixed=True).spans("x(a|b)")) == [(1, 6)]
    assert list(st.Matcher("(a|b)").spans("x(a|b)")) == [(2, 3), (4, 5)]


def test_ignore_case() -> None:
    assert list(st.Matcher("x", ignore_case=True).spans("1+X 1+x")) == [(2, 3), (6, 7)]
    assert list(st.Matcher("x").spans("1+X 1+x")) == [(6, 7)]
    assert list(st.Matcher("1+x", fixed=True, ignore_case=True).spans("“1+X”")) == [(1, 4)]


def test_regex_module_syntax() -> None:
    assert list(st.Matcher(r"\p{Han}+").spans("ab碳中和cd")) == [(2, 5)]
    assert list(st.Matcher(r"\P{Han}+").spans("ab碳中和cd")) == [(0, 2), (5, 7)]


def test_empty_matches_are_dropped() -> None:
    assert list(st.Matcher("x*").spans("abxxc")) == [(2, 4)]


@pytest.mark.parametrize("pattern", ["(", "[a", "a{2,1}", r"\p{NoSuchProperty}", "*a"])
def test_bad_pattern(pattern: str) -> None:
    with pytest.raises(st.PatternError) as caught:
        st.Matcher(pattern)
    assert pattern in str(caught.value)
    assert isinstance(caught.value, st.ShuangtanError)


def test_bad_pattern_says_where() -> None:
    with pytest.raises(st.PatternError, match="position 3"):
        st.Matcher("碳(达")


def test_bad_regex_is_a_good_fixed_string() -> None:
    assert list(st.Matcher("碳(", fixed=True).spans("碳(达")) == [(0, 2)]


def test_a_matcher_folds_as_the_corpus_it_searches(corpus: st.Corpus) -> None:
    """著 shows where the corpus writes 着力: the library finds it as grep does."""
    expected = [
        (r["id"], i, m.start())
        for r in records()
        for i, p in enumerate(r["paragraphs"])
        for m in re.finditer("着力", p)
    ]
    assert len(expected) == 3
    for pattern in ("著力", "着力"):
        hits = st.find_hits(corpus, everything(corpus), st.Matcher(pattern))
        assert [(h.speech.id, h.paragraph, h.start) for h in hits] == expected, pattern
    # On its own, a matcher folds with OpenCC, which keeps 著 (as in 顯著).
    assert list(st.Matcher("著").spans("着力")) == []


def test_count_hits_counts_every_selected_speech(corpus: st.Corpus) -> None:
    counts = st.count_hits(corpus, [0, 5, 6], st.Matcher("两高"))
    expected = [sum(p.count("两高") for p in records()[i]["paragraphs"]) for i in (0, 5, 6)]
    assert list(counts) == [0, 5, 6] and list(counts.values()) == expected


def test_empty_pattern() -> None:
    with pytest.raises(st.PatternError, match="empty"):
        st.Matcher("")


def test_timeout_stops_a_pathological_pattern(corpus: st.Corpus) -> None:
    matcher = st.Matcher(r"((.)|(.))*\d{9}", timeout=0.2)
    started = time.monotonic()
    with pytest.raises(st.PatternError, match="longer than"):
        list(st.find_hits(corpus, everything(corpus), matcher))
    assert time.monotonic() - started < 5


def test_a_matcher_can_be_reused_later(corpus: st.Corpus) -> None:
    matcher = st.Matcher(r"(.*)*\d{5}", timeout=0.5)
    assert list(st.find_hits(corpus, [0], matcher)) == []  # a few ms
    time.sleep(0.6)
    assert list(st.find_hits(corpus, [1], matcher)) == []  # a new search, a new time budget


# --- sentence_spans --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("", [(0, 0)]),
        ("没有句号", [(0, 4)]),
        ("一。二。", [(0, 2), (2, 4)]),
        ("一。二", [(0, 2), (2, 3)]),
        ("一！二？三；四", [(0, 2), (2, 4), (4, 6), (6, 7)]),
        ("他说：“好。”然后", [(0, 7), (7, 9)]),  # closing quote stays with its sentence
        ("“甲。”」后", [(0, 5), (5, 6)]),
        ("一，二：三、四", [(0, 7)]),  # commas and colons do not end a sentence
        ("。。", [(0, 1), (1, 2)]),
    ],
)
def test_sentence_spans(text: str, spans: list[tuple[int, int]]) -> None:
    assert st.sentence_spans(text) == spans


def test_sentence_spans_tile_every_paragraph() -> None:
    for record in records("traditional"):
        for text in record["paragraphs"]:
            spans = st.sentence_spans(text)
            assert spans[0][0] == 0 and spans[-1][1] == len(text)
            assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
            assert "".join(text[s:e] for s, e in spans) == text


# --- Hit and find_hits ---------------------------------------------------------------------


def test_hit_text_and_match(corpus: st.Corpus) -> None:
    hits = list(st.find_hits(corpus, everything(corpus), st.Matcher("兩高")))
    henan = by_id("traditional")["henan"]
    first = hits[0]
    assert first.speech.id == "henan"
    assert first.paragraph == 3
    assert first.text == henan["paragraphs"][3]
    assert first.match == "兩高"
    assert first.text[first.start : first.end] == "兩高"
    assert first.position == [r["id"] for r in records()].index("henan")


def test_hit_context(corpus: st.Corpus) -> None:
    text = by_id("traditional")["henan"]["paragraphs"][3]  # two sentences
    cut = text.index("。") + 1
    (hit,) = st.find_hits(corpus, [5], st.Matcher("兩高"))
    assert hit.context() == (cut, len(text))
    assert hit.context(before=1) == (0, len(text))
    assert hit.context(after=1) == (cut, len(text))
    assert hit.context(before=9, after=9) == (0, len(text))


def test_hit_context_of_a_match_across_a_sentence_end(corpus: st.Corpus) -> None:
    text = by_id("traditional")["henan"]["paragraphs"][3]
    (hit,) = st.find_hits(corpus, [5], st.Matcher("破。針對"))
    assert hit.context() == (0, len(text))


def test_hit_context_at_the_edges_of_a_sentence(corpus: st.Corpus) -> None:
    text = by_id("traditional")["henan"]["paragraphs"][3]
    cut = text.index("。") + 1
    (first,) = st.find_hits(corpus, [5], st.Matcher("三是"))  # starts the paragraph
    assert first.context() == (0, cut)
    (start,) = st.find_hits(corpus, [5], st.Matcher("针对"))  # starts the second sentence
    assert start.context() == (cut, len(text))
    (end,) = st.find_hits(corpus, [5], st.Matcher("又破。"))  # ends the first
    assert end.context() == (0, cut)


def test_lead_hits(corpus: st.Corpus) -> None:
    matcher = st.Matcher("書記")
    assert not [h for h in st.find_hits(corpus, [0], matcher) if h.paragraph is None]
    hits = list(st.find_hits(corpus, [0], matcher, include_lead=True))
    assert hits[0].paragraph is None
    assert hits[0].text == by_id("traditional")["beijing"]["lead"]
    assert hits[0].match == "書記"


def test_max_per_speech(corpus: st.Corpus) -> None:
    matcher = st.Matcher("碳")
    all_hits = list(st.find_hits(corpus, everything(corpus), matcher))
    capped = list(st.find_hits(corpus, everything(corpus), matcher, max_per_speech=1))
    assert len(capped) == len(records())
    assert capped == [next(h for h in all_hits if h.position == p) for p in everything(corpus)]


def test_positions_choose_and_order_the_speeches(corpus: st.Corpus) -> None:
    hits = list(st.find_hits(corpus, [24, 5], st.Matcher("两高")))
    assert [h.speech.id for h in hits] == ["shandong", "shandong", "henan"]


@pytest.mark.parametrize("script", list(st.Script))
def test_offsets_fit_the_displayed_text_in_every_script(script: st.Script) -> None:
    c = st.load_corpus(script)
    for pattern in ("峰", "台", "发展", r"[卫污扎布]\p{Han}"):
        hits = list(st.find_hits(c, range(len(c)), st.Matcher(pattern), include_lead=True))
        assert hits
        for hit in hits:
            canonical = c.canonical[hit.position]
            source = (
                canonical.lead if hit.paragraph is None else canonical.paragraphs[hit.paragraph]
            )
            assert len(hit.text) == len(source)
            assert hit.text[hit.start : hit.end] == hit.match
            assert len(hit.match) == len(source[hit.start : hit.end]) > 0


def test_context_is_linear_in_the_text(corpus: st.Corpus) -> None:
    """Sentences are found once per paragraph, not once per hit: 40,000 hits in a
    paragraph of 400,000 characters take a moment, not hours."""
    speech = corpus.speeches[0]._replace(paragraphs=("碳达峰，碳中和。" * 50_000,))
    hits = [st.Hit(0, speech, 0, start, start + 1) for start in range(0, 400_000, 10)]
    started = time.monotonic()
    contexts = [hit.context(1, 1) for hit in hits]
    assert time.monotonic() - started < 10
    assert contexts[0] == (0, 16) and contexts[-1] == (399_976, 400_000)  # hit at 399,990
    assert all(start % 8 == 0 and end % 8 == 0 for start, end in contexts)
