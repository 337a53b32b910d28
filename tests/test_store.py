"""The corpus store: build, open, select, fetch and search, against independent oracles."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import bundled, literal_spans, plain_search, record, records_of

from shuangtan_cli.errors import ShuangtanError
from shuangtan_cli.script import to_simplified
from shuangtan_cli.search import PatternError
from shuangtan_cli.store import _build, build, open_store
from shuangtan_cli.store._reader import Store


def files_of(directory: str) -> dict[str, bytes]:
    out = {}
    for name in sorted(os.listdir(directory)):
        with open(os.path.join(directory, name), "rb") as file:
            out[name] = file.read()
    return out


def made(tmp: str, records: list[dict[str, Any]], name: str = "corpus") -> Store:
    path = os.path.join(tmp, name)
    build(records, path)
    return open_store(path)


@pytest.fixture(scope="module")
def simplified(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with made(str(tmp_path_factory.mktemp("s")), bundled("simplified")) as store:
        yield store


@pytest.fixture(scope="module")
def traditional(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with made(str(tmp_path_factory.mktemp("t")), bundled("traditional")) as store:
        yield store


# -- records --------------------------------------------------------------------------------


def test_records_keep_text_exactly_and_derive_values(traditional: Store) -> None:
    given_records = bundled("traditional")
    simplified_records = bundled("simplified")
    assert len(traditional) == len(given_records)
    han = regex.compile(r"\p{Han}")
    for ordinal, (given_record, base) in enumerate(
        zip(given_records, simplified_records, strict=True)
    ):
        got = traditional.record(ordinal)
        assert got["seq"] == ordinal + 1
        assert got["id"] == given_record["id"]
        assert got["paragraphs"] == given_record["paragraphs"]
        assert got["folded"] == [to_simplified(p) for p in given_record["paragraphs"]]
        assert got["length"] == sum(len(p) for p in given_record["paragraphs"])
        assert got["han_chars"] == sum(len(han.findall(p)) for p in given_record["paragraphs"])
        assert got["meta"] == given_record["meta"]
        assert got["source"] == given_record["source"]
        assert got["speaker"] == given_record["speaker"]
        assert traditional.paragraphs(ordinal) == given_record["paragraphs"]
        assert traditional.folded(ordinal) == got["folded"]
        # Mostly the canonical text again (the bundled build fixes 著力 after folding).
        assert sum(map(len, got["folded"])) == sum(map(len, base["paragraphs"]))


def test_scripts_are_detected(simplified: Store, traditional: Store, tmp_path: Any) -> None:
    assert simplified.script == "simplified"
    assert {simplified.record(i)["script"] for i in range(len(simplified))} == {"simplified"}
    assert traditional.script == "traditional"
    assert {traditional.record(i)["script"] for i in range(len(traditional))} == {"traditional"}
    s = bundled("simplified")[0]["paragraphs"][0]
    t = bundled("traditional")[0]["paragraphs"][0]
    with made(str(tmp_path), [record([s, t], 1), record([s], 2)]) as store:
        assert store.record(0)["script"] == "mixed"
        assert store.record(1)["script"] == "simplified"
        assert store.script == "mixed"


def test_bundled_han_chars_agree(simplified: Store) -> None:
    # The bundled corpus counts [\u3400-\u9fff]; on its text that is the Han script.
    import json

    with open(os.path.join(os.path.dirname(__file__), "..", "data", "speeches.jsonl")) as lines:
        expected = [json.loads(line)["han_chars"] for line in lines]
    assert [simplified.record(i)["han_chars"] for i in range(len(simplified))] == expected


def test_info_and_card(tmp_path: Any) -> None:
    records = selection_corpus()
    card = {"sources": [{"file": "a.jsonl", "sha256": "0" * 64}], "tool": "shuangtan 0.1.0"}
    build(records, tmp_path / "c", card=card)
    with open_store(tmp_path / "c") as store:
        assert store.info["card"] == card
        assert store.info["records"] == len(records)
        assert store.info["length"] == sum(len(p) for r in records for p in r["paragraphs"])
        assert (store.info["date_min"], store.info["date_max"]) == ("2021-01-01", "2022-01-01")
    build(records, tmp_path / "d")
    assert open_store(tmp_path / "d").info["card"] is None
    with pytest.raises(TypeError):
        build(records, tmp_path / "e", card={"when": object()})
    assert not (tmp_path / "e").exists()


def test_open_does_not_read_the_text(tmp_path: Any) -> None:
    path = str(tmp_path / "c")
    build(records_of([["碳达峰"], ["碳中和"]]), path)
    for name in ("folded.txt", "text.txt", "folded.off", "text.off", "flags.bin"):
        os.remove(os.path.join(path, name))
    store = open_store(path)  # opening touches only the database's info table
    assert len(store) == 2
    assert store.select(sort="length") == [0, 1]


def test_iter_folded_streams_every_record(simplified: Store) -> None:
    chunks = list(simplified.iter_folded(chunk_bytes=4096))
    assert len(chunks) > 1
    assert all(sum(len(("".join(p)).encode()) for _, p in chunk) < 4096 * 2 for chunk in chunks)
    flat = [pair for chunk in chunks for pair in chunk]
    assert flat == [(i, simplified.folded(i)) for i in range(len(simplified))]
    picked = [pair for chunk in simplified.iter_folded([5, 2]) for pair in chunk]
    assert picked == [(5, simplified.folded(5)), (2, simplified.folded(2))]


def test_ordinal_of_an_id(simplified: Store) -> None:
    assert simplified.ordinal("hebei") == next(
        i for i, r in enumerate(bundled()) if r["id"] == "hebei"
    )
    assert simplified.ordinal("nowhere") is None
    with pytest.raises(IndexError):
        simplified.record(len(simplified))


# -- build ----------------------------------------------------------------------------------


def test_rebuild_is_byte_identical(tmp_path: Any) -> None:
    records = bundled("traditional") + bundled("simplified")
    build(records, tmp_path / "a")
    build(records, tmp_path / "b")
    assert files_of(str(tmp_path / "a")) == files_of(str(tmp_path / "b"))


def test_workers_write_the_same_store(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    records = bundled("traditional") + bundled("hk") + bundled("simplified")
    monkeypatch.setattr(_build, "BATCH_CHARS", 3000)
    monkeypatch.setattr(_build, "FLUSH_POSTINGS", 5000)  # several index segments too
    monkeypatch.setattr(_build, "WORKERS", 0)
    build(records, tmp_path / "alone")
    monkeypatch.setattr(_build, "WORKERS", 2)
    build(records, tmp_path / "workers")
    assert files_of(str(tmp_path / "alone")) == files_of(str(tmp_path / "workers"))
    store = open_store(tmp_path / "workers")
    assert store.info["segments"] > 1
    texts = [r["paragraphs"] for r in records]
    for needle in ("两高", "碳", "碳中和", "氢"):
        assert list(store.search(needle)) == plain_search(texts, needle)


def test_progress(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_build, "BATCH_CHARS", 2000)
    monkeypatch.setattr(_build, "WORKERS", 0)
    records = bundled()
    calls: list[tuple[int, int]] = []
    build(records, tmp_path / "c", progress=lambda done, total: calls.append((done, total)))
    assert len(calls) > 2
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[-1] == (len(records), len(records))
    unsized: list[tuple[int, int]] = []
    build(iter(records), tmp_path / "d", progress=lambda done, total: unsized.append((done, total)))
    assert unsized[-1] == (len(records), 0)


def test_a_worker_s_error_reaches_the_caller(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_build, "BATCH_CHARS", 3000)
    monkeypatch.setattr(_build, "WORKERS", 2)
    records = bundled() + [record(["碳"], 99, province="atlantis")] + bundled()
    with pytest.raises(ShuangtanError, match=r"record 32 \('r99'\): unknown province"):
        build(records, tmp_path / "c")
    assert os.listdir(tmp_path) == []


def test_failed_build_leaves_the_old_store(tmp_path: Any) -> None:
    path = tmp_path / "c"
    build(records_of([["碳达峰"]]), path)
    before = files_of(str(path))

    def failing() -> Iterator[dict[str, Any]]:
        yield record(["碳中和"], 1)
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        build(failing(), path)
    with pytest.raises(ShuangtanError, match="unknown province"):
        build([record(["碳中和"], 1, province="atlantis")], path)
    assert files_of(str(path)) == before
    assert os.listdir(tmp_path) == ["c"]  # nothing left aside


def test_failed_first_build_leaves_nothing(tmp_path: Any) -> None:
    with pytest.raises(ShuangtanError, match="no records"):
        build([], tmp_path / "c")
    assert os.listdir(tmp_path) == []


def test_build_replaces_a_store_but_not_other_directories(tmp_path: Any) -> None:
    path = tmp_path / "c"
    build(records_of([["碳达峰"]]), path)
    build(records_of([["碳中和"], ["两高"]]), path)
    assert len(open_store(path)) == 2
    other = tmp_path / "home"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(ShuangtanError, match="not a corpus"):
        build(records_of([["碳"]]), other)
    assert (other / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"paragraphs": "碳达峰"}, "non-empty list"),
        ({"paragraphs": []}, "non-empty list"),
        ({"paragraphs": ["a", 1]}, "only strings"),
        ({"date": "2021-13"}, "bad date"),
        ({"date": "21"}, "bad date"),
        ({"province": "atlantis"}, "unknown province"),
        ({"id": 5}, "'id' must be a string"),
        ({"meta": []}, "'meta' must be an object"),
    ],
)
def test_bad_records_are_refused(tmp_path: Any, change: dict[str, Any], message: str) -> None:
    with pytest.raises(ShuangtanError, match=message):
        build([record(["碳"], 1), {**record(["碳"], 2), **change}], tmp_path / "c")


def test_fold_is_to_simplified() -> None:
    texts = [
        p
        for script in ("simplified", "traditional", "hk")
        for r in bundled(script)
        for p in r["paragraphs"]
    ]
    texts += ["\n".join(texts[:3]), "\u3000著名\x1f著力\x1e乾隆", "", "abc"]
    for text in texts:
        assert _build.fold(text) == to_simplified(text)
    with pytest.raises(ShuangtanError, match="surrogates"):
        _build.fold("碳\ud800")


# -- selection ------------------------------------------------------------------------------


def selection_corpus() -> list[dict[str, Any]]:
    rows = [
        ("hebei", "2021", "王东峰", {"n": 1, "ok": True, "tag": "甲"}),
        ("hebei", "2021-06", "王東峰", {"n": 2, "ok": False}),
        ("beijing", "2021-06-15", "蔡奇", {"n": 1, "tag": "乙"}),
        (None, "2022-01-01", None, {"n": 3}),
        ("shanghai", None, "李强", {}),
        ("guangdong", "2021-05-31", "李希", {"ok": True, "tag": "甲"}),
    ]
    return [
        record(["碳" * (7 - i)], i + 1, province=p, date=d, speaker=s, meta=m)
        for i, (p, d, s, m) in enumerate(rows)
    ]


def test_select(tmp_path: Any) -> None:
    records = selection_corpus()
    with made(str(tmp_path), records) as store:
        assert store.select() == list(range(6))
        assert store.select(provinces=["hebei"]) == [0, 1]
        assert store.select(provinces=["hebei", "beijing"], limit=2) == [0, 1]
        # Partial dates are periods; a record is kept when its period overlaps the range.
        assert store.select(since="2021-06") == [0, 1, 2, 3]
        assert store.select(until="2021-05") == [0, 5]
        assert store.select(since="2021-06-01", until="2021-06-30") == [0, 1, 2]
        assert store.select(since="2022") == [3]
        # Speaker in either script.
        assert store.select(speaker="東峰") == [0, 1]
        assert store.select(speaker="王东峰") == [0, 1]
        assert store.select(where=[("tag", "甲")]) == [0, 5]
        assert store.select(where=[("n", "1")]) == [0, 2]
        assert store.select(where=[("ok", "true")]) == [0, 5]
        assert store.select(where=[("ok", "true"), ("n", "1")]) == [0]
        assert store.select(where=[("missing", "x")]) == []


def oracle_order(records: list[dict[str, Any]], key: str, reverse: bool) -> list[int]:
    from shuangtan_cli.places import places

    codes = {p.id: int(p.code) for p in places()}

    def sort_key(i: int) -> tuple[Any, ...]:
        r = records[i]
        if key == "date":
            return (r["date"] is None, r["date"] or "", i)
        if key == "province":
            code = codes.get(r["province"]) if r["province"] else None
            return (code is None, code or 0, i)
        if key == "length":
            return (sum(map(len, r["paragraphs"])), i)
        return (i,)

    return sorted(range(len(records)), key=sort_key, reverse=reverse)


@pytest.mark.parametrize("key", ["seq", "date", "province", "length"])
@pytest.mark.parametrize("reverse", [False, True])
def test_sort(tmp_path: Any, key: str, reverse: bool) -> None:
    records = selection_corpus() + [
        record(["碳碳"], 7, province="hebei", date="2021"),  # ties with record 1
    ]
    with made(str(tmp_path), records) as store:
        assert store.select(sort=key, reverse=reverse) == oracle_order(records, key, reverse)
        assert (
            store.select(sort=key, reverse=reverse, limit=3)
            == oracle_order(records, key, reverse)[:3]
        )


def test_select_errors(simplified: Store) -> None:
    with pytest.raises(ShuangtanError, match="after"):
        simplified.select(since="2022", until="2021")
    with pytest.raises(ShuangtanError, match="bad since"):
        simplified.select(since="June")
    with pytest.raises(ShuangtanError, match="unknown sort"):
        simplified.select(sort="colour")
    with pytest.raises(ShuangtanError, match="negative"):
        simplified.select(limit=-1)


# -- search ---------------------------------------------------------------------------------


def test_bundled_search_matches_a_plain_scan(simplified: Store, traditional: Store) -> None:
    texts = {
        "s": [r["paragraphs"] for r in bundled()],
        "t": [r["paragraphs"] for r in bundled("traditional")],
    }
    for store, key in ((simplified, "s"), (traditional, "t")):
        for needle in ("两高", "碳汇", "氢", "碳达峰碳中和", "。", "，", "双控", "碳"):
            expected = plain_search(texts[key], needle)
            assert list(store.search(needle)) == expected
            assert store.count(needle) == [(o, len(s)) for o, s in expected]
        for pattern in (
            "碳(达峰|中和)",
            r"\p{Han}{2}高",
            "两高|高耗能",
            "^实现",
            "。$",
            "[双两]控",
        ):
            expected = plain_search(texts[key], pattern, is_regex=True)
            assert list(store.search(pattern, regex=True)) == expected
            assert store.count(pattern, regex=True) == [(o, len(s)) for o, s in expected]


def test_no_match_across_paragraphs_and_at_the_edges(tmp_path: Any) -> None:
    texts = [["绿色碳足", "迹追踪"], ["碳足迹"], ["前碳足迹", "碳足迹后"], ["x"]]
    with made(str(tmp_path), records_of(texts)) as store:
        assert list(store.search("碳足迹")) == [(1, [(0, 0, 3)]), (2, [(0, 1, 4), (1, 0, 3)])]
        assert store.count("碳足迹") == [(1, 1), (2, 2)]
        assert store.count("足迹", regex=True) == [(1, 1), (2, 2)]
        assert list(store.search("碳足.迹", regex=True)) == []
        assert list(store.search("足\\s*迹", regex=True)) == [
            (1, [(0, 1, 3)]),
            (2, [(0, 2, 4), (1, 1, 3)]),
        ]
        # The index has no bigram across a paragraph break: 足|迹 in record 0 is not 足迹.
        assert store.candidates("碳足迹") == [1, 2]
        assert store.candidates("绿色") == [0]
        assert store.candidates("踪") == [0]


def test_one_and_two_character_queries(traditional: Store) -> None:
    texts = [r["paragraphs"] for r in bundled("traditional")]
    for needle in ("氢", "两", "高", "两高", "碳汇", "”", "3"):
        assert list(traditional.search(needle)) == plain_search(texts, needle)
        assert traditional.count(needle) == [(o, len(s)) for o, s in plain_search(texts, needle)]


def test_separators_inside_paragraphs(tmp_path: Any) -> None:
    texts = [["碳\x1f达峰", "碳达峰\x1e"], ["碳达峰"], ["\x1f"]]
    with made(str(tmp_path), records_of(texts)) as store:
        assert store.paragraphs(0) == texts[0]
        assert store.folded(0) == texts[0]
        for needle in ("碳达峰", "\x1f", "碳\x1f达", "峰\x1e", "\x1e"):
            assert list(store.search(needle)) == plain_search(texts, needle)
            assert store.count(needle) == [(o, len(s)) for o, s in plain_search(texts, needle)]
        assert list(store.search("碳.达", regex=True)) == plain_search(
            texts, "碳.达", is_regex=True
        )


def test_pattern_errors(simplified: Store) -> None:
    with pytest.raises(PatternError, match="bad pattern"):
        simplified.count("碳(", regex=True)
    with pytest.raises(PatternError, match="bad pattern"):
        list(simplified.search("碳(", regex=True))
    with pytest.raises(PatternError, match="empty"):
        simplified.count("")


def test_a_runaway_pattern_is_stopped(tmp_path: Any) -> None:
    with made(str(tmp_path), records_of([["a" * 40, "c"]])) as store:
        with pytest.raises(PatternError, match="took longer"):
            list(store.search("(a|aa)+c", regex=True, timeout=0.05))


def test_counting_on_two_processes_gives_the_same(
    simplified: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shuangtan_cli.store import _reader

    texts = [r["paragraphs"] for r in bundled()]
    monkeypatch.setattr(_reader, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    for needle, is_regex in (("两高", False), ("碳", False), ("碳(达峰|中和)", True)):
        expected = [(o, len(s)) for o, s in plain_search(texts, needle, is_regex=is_regex)]
        assert simplified.count(needle, regex=is_regex) == expected
        order = list(reversed(range(len(texts))))
        assert simplified.count(needle, regex=is_regex, ordinals=order) == expected[::-1]


def test_no_fork_while_another_thread_runs(
    simplified: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from shuangtan_cli.store import _reader

    def no_fork() -> int:
        raise AssertionError("forked with a thread running")

    monkeypatch.setattr(_reader, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "fork", no_fork)
    texts = [r["paragraphs"] for r in bundled()]
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        expected = [(o, len(s)) for o, s in plain_search(texts, "两高")]
        assert simplified.count("两高") == expected
    finally:
        stop.set()
        thread.join()


def test_search_within_ordinals_keeps_their_order(simplified: Store) -> None:
    texts = [r["paragraphs"] for r in bundled()]
    everywhere = dict(plain_search(texts, "两高"))
    order = list(reversed(range(len(texts))))
    got = list(simplified.search("两高", ordinals=order))
    assert got == [(o, everywhere[o]) for o in order if o in everywhere]
    assert simplified.count("两高", ordinals=[order[0], 3]) == [
        (o, len(everywhere[o])) for o in (order[0], 3) if o in everywhere
    ]


def test_ignore_case(tmp_path: Any) -> None:
    texts = [["CO2 and co2"], ["Co2"], ["碳"]]
    with made(str(tmp_path), records_of(texts)) as store:
        assert store.count("co2", ignore_case=True) == [(0, 2), (1, 1)]
        assert store.count("co2") == [(0, 1)]


# -- folds that change lengths -------------------------------------------------------------

#: A made-up fold that changes lengths, with its own record of where each output char came
#: from: 甲乙 -> 丙 (two to one), 丁 -> 戊己 (one to two); all else unchanged.
_RULES = {"甲乙": "丙", "丁": "戊己"}


def fake_fold(text: str) -> tuple[str, list[tuple[int, int]]]:
    out: list[str] = []
    origin: list[tuple[int, int]] = []  # per output char: the source span it comes from
    i = 0
    while i < len(text):
        for source, target in _RULES.items():
            if text.startswith(source, i):
                out.append(target)
                origin.extend([(i, i + len(source))] * len(target))
                i += len(source)
                break
        else:
            out.append(text[i])
            origin.append((i, i + 1))
            i += 1
    return "".join(out), origin


def test_spans_map_back_through_length_changing_folds(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shuangtan_cli import script

    monkeypatch.setattr(_build, "fold", lambda text: fake_fold(text)[0])
    monkeypatch.setattr(script, "to_simplified", lambda text: fake_fold(text)[0])
    texts = [
        ["碳甲乙碳丁峰", "丁丁甲乙"],
        ["前甲乙", "无"],
        ["甲乙甲乙碳丁"],
        ["纯文本碳峰"],
    ]
    with made(str(tmp_path), records_of(texts)) as store:
        for needle in ("碳", "丙", "戊", "己", "戊己", "丙碳", "碳戊己峰", "己戊", "峰", "丙丙"):
            expected = []
            for ordinal, paragraphs in enumerate(texts):
                found = []
                for i, paragraph in enumerate(paragraphs):
                    folded, origin = fake_fold(paragraph)
                    for start, end in literal_spans(folded, needle):
                        found.append((i, origin[start][0], origin[end - 1][1]))
                if found:
                    expected.append((ordinal, found))
            assert list(store.search(needle)) == expected, needle
            assert store.count(needle) == [(o, len(s)) for o, s in expected]
        assert store.paragraphs(0) == texts[0]
        assert store.folded(0) == [fake_fold(p)[0] for p in texts[0]]


# -- random corpora against a plain scan ---------------------------------------------------

_ALPHABET = "碳达峰中和两高汇氢绿能發展達兩匯氫綠能，。 a1\n\u3000"
_paragraph = st.text(alphabet=_ALPHABET + "\x1f", min_size=0, max_size=30)
_corpus = st.lists(st.lists(_paragraph, min_size=1, max_size=4), min_size=1, max_size=8)
_literal = st.text(alphabet=_ALPHABET, min_size=1, max_size=4)
_piece = st.sampled_from(
    [
        "碳",
        "达峰",
        "中和",
        "两高",
        "汇",
        "氢",
        ".",
        "\\s",
        "[达中]",
        "(达峰|中和)",
        "兩",
        "a",
        "^",
        "$",
    ]
)
_quantifier = st.sampled_from(["", "", "?", "+", "*", "{2}", "{1,2}"])
_regex = st.lists(st.tuples(_piece, _quantifier), min_size=1, max_size=4).map(
    lambda parts: "".join(p + q if p not in "^$" else p for p, q in parts)
)
_random = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_random
@given(texts=_corpus, needles=st.lists(_literal, min_size=1, max_size=4), data=st.data())
def test_random_literals_match_a_plain_scan(
    texts: list[list[str]], needles: list[str], data: st.DataObject
) -> None:
    # Needles cut from the text too, so that most queries have answers.
    joined = "".join(p for paragraphs in texts for p in paragraphs)
    if joined:
        start = data.draw(st.integers(0, len(joined) - 1))
        needles.append(joined[start : start + data.draw(st.integers(1, 3))])
    with tempfile.TemporaryDirectory() as tmp, made(tmp, records_of(texts)) as store:
        for needle in needles:
            folded = to_simplified(needle)
            expected = plain_search(texts, folded)
            assert list(store.search(folded)) == expected, folded
            assert store.count(folded) == [(o, len(s)) for o, s in expected], folded
            candidates = store.candidates(folded)
            if candidates is not None:
                assert {o for o, _ in expected} <= set(candidates)


@_random
@given(texts=_corpus, patterns=st.lists(_regex, min_size=1, max_size=4))
def test_random_regexes_match_a_plain_scan(texts: list[list[str]], patterns: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp, made(tmp, records_of(texts)) as store:
        for pattern in patterns:
            expected = plain_search(texts, pattern, is_regex=True)
            assert list(store.search(pattern, regex=True)) == expected, pattern
            assert store.count(pattern, regex=True) == [(o, len(s)) for o, s in expected], pattern
