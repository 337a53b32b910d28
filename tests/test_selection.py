"""The selection API: Selection, select, parse_date_bound, resolve_region, resolve_division."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import by_id, ids_where, records

import shuangtan_cli as st


@pytest.fixture(scope="module")
def corpus() -> st.Corpus:
    return st.load_corpus(st.Script.TRADITIONAL)


def ids(corpus: st.Corpus, selection: st.Selection | None = None) -> list[str]:
    return [corpus.speeches[i].id for i in st.select(corpus, selection)]


# --- parse_date_bound -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2022", date(2022, 1, 1), date(2022, 12, 31)),
        ("2021-12", date(2021, 12, 1), date(2021, 12, 31)),
        ("2021-04", date(2021, 4, 1), date(2021, 4, 30)),
        ("2021-02", date(2021, 2, 1), date(2021, 2, 28)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),  # leap year
        ("2000-02", date(2000, 2, 1), date(2000, 2, 29)),  # divisible by 400: leap
        ("1900-02", date(1900, 2, 1), date(1900, 2, 28)),  # divisible by 100: not leap
        ("2021-6", date(2021, 6, 1), date(2021, 6, 30)),
        ("2022-03-18", date(2022, 3, 18), date(2022, 3, 18)),
        ("2024-02-29", date(2024, 2, 29), date(2024, 2, 29)),
        (" 2022-01 ", date(2022, 1, 1), date(2022, 1, 31)),
    ],
)
def test_parse_date_bound(text: str, start: date, end: date) -> None:
    assert st.parse_date_bound(text) == start
    assert st.parse_date_bound(text, end=False) == start
    assert st.parse_date_bound(text, end=True) == end


@pytest.mark.parametrize(
    "text",
    [
        "2023-02-29",  # not a leap year
        "1900-02-29",
        "2022-13",
        "2022-00",
        "2022-01-00",
        "2022-01-32",
        "2022-04-31",
        "22",
        "2022-",
        "2022-01-01-01",
        "2022/01/01",
        "20220101",
        "yesterday",
        "",
    ],
)
@pytest.mark.parametrize("end", [False, True])
def test_parse_date_bound_refuses(text: str, end: bool) -> None:
    with pytest.raises(st.ShuangtanError) as caught:
        st.parse_date_bound(text, end=end)
    assert repr(text) in str(caught.value) or text in str(caught.value)


def test_date_errors_are_value_errors() -> None:
    with pytest.raises(ValueError):
        st.parse_date_bound("2022-13")


# --- regions and divisions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("华北", "华北"),
        ("華北", "华北"),
        ("north", "华北"),
        ("North China", "华北"),
        (" huabei ", "华北"),
        ("東北", "东北"),
        ("northeast", "东北"),
        ("華東", "华东"),
        ("华中", "华中"),
        ("south", "华南"),
        ("西南", "西南"),
        ("northwest", "西北"),
    ],
)
def test_resolve_region(text: str, region: str) -> None:
    assert st.resolve_region(text) == region


def test_every_region_of_the_data_resolves_to_itself() -> None:
    for record in records():
        assert st.resolve_region(record["region"]) == record["region"]
    for record in records("traditional"):
        assert st.resolve_region(record["region"]) == next(
            r["region"] for r in records() if r["id"] == record["id"]
        )


@pytest.mark.parametrize("text", ["华西", "midwest", "", "north-east"])
def test_unknown_region(text: str) -> None:
    with pytest.raises(st.ShuangtanError, match="region"):
        st.resolve_region(text)


@pytest.mark.parametrize(
    ("text", "division"),
    [
        ("province", "province"),
        ("省", "province"),
        ("Municipality", "municipality"),
        ("直轄市", "municipality"),
        ("autonomous region", "autonomous_region"),
        ("autonomous-region", "autonomous_region"),
        ("自治区", "autonomous_region"),
    ],
)
def test_resolve_division(text: str, division: str) -> None:
    assert st.resolve_division(text) == division


def test_unknown_division() -> None:
    with pytest.raises(st.ShuangtanError, match="division"):
        st.resolve_division("county")


# --- select ---------------------------------------------------------------------------------


def test_default_selects_everything_in_article_order(corpus: st.Corpus) -> None:
    everything = [r["id"] for r in records()]
    assert ids(corpus) == everything
    assert ids(corpus, st.Selection()) == everything


def test_provinces_are_ids(corpus: st.Corpus) -> None:
    assert ids(corpus, st.Selection(provinces=("hebei", "beijing"))) == ["beijing", "hebei"]


@pytest.mark.parametrize("name", ["河北", "河北省", "冀", "Hebei", "130000", "hebei"])
def test_the_library_resolves_any_spelling_of_a_province(corpus: st.Corpus, name: str) -> None:
    assert ids(corpus, st.Selection(provinces=(name,))) == ["hebei"]


def test_the_library_resolves_regions_and_divisions(corpus: st.Corpus) -> None:
    north = ids_where(lambda r: r["region"] == "华北")
    assert len(north) == 5
    for region in ("north", "華北", "华北", "huabei"):
        assert ids(corpus, st.Selection(regions=(region,))) == north
    municipalities = ids_where(lambda r: r["division"] == "municipality")
    for division in ("直辖市", "直轄市", "municipality"):
        assert ids(corpus, st.Selection(divisions=(division,))) == municipalities


def test_an_unknown_province_raises_with_suggestions(corpus: st.Corpus) -> None:
    with pytest.raises(st.ShuangtanError, match="did you mean 河南, 河北"):
        st.select(corpus, st.Selection(provinces=("河比",)))
    with pytest.raises(st.ShuangtanError, match="unknown region"):
        st.select(corpus, st.Selection(regions=("middle earth",)))
    with pytest.raises(st.ShuangtanError, match="unknown division"):
        st.select(corpus, st.Selection(divisions=("county",)))
    with pytest.raises(st.ShuangtanError, match="tuples"):
        st.select(corpus, st.Selection(provinces="河北"))  # type: ignore[arg-type]


def test_dates_and_sort_keys_as_text(corpus: st.Corpus) -> None:
    as_dates = st.Selection(since=date(2021, 12, 1), until=date(2022, 1, 31))
    as_text = st.Selection(since="2021-12", until="2022-01", sort="date")
    assert ids(corpus, as_text) == sorted(ids(corpus, as_dates), key=lambda i: by_id()[i]["date"])
    with pytest.raises(st.ShuangtanError, match="bad date"):
        st.select(corpus, st.Selection(since="yesterday"))
    with pytest.raises(st.ShuangtanError, match="unknown sort key"):
        st.select(corpus, st.Selection(sort="name"))


def test_regions_divisions_dates(corpus: st.Corpus) -> None:
    selection = st.Selection(
        regions=("华东",),
        divisions=("province",),
        since=date(2021, 7, 1),
        until=date(2021, 12, 31),
    )
    expected = ids_where(
        lambda r: (
            r["region"] == "华东"
            and r["division"] == "province"
            and "2021-07-01" <= r["date"] <= "2021-12-31"
        )
    )
    assert expected
    assert ids(corpus, selection) == expected


def test_since_and_until_are_inclusive(corpus: st.Corpus) -> None:
    day = date.fromisoformat(records()[0]["date"])
    assert ids(corpus, st.Selection(since=day, until=day)) == ids_where(
        lambda r: r["date"] == day.isoformat()
    )


@pytest.mark.parametrize("speaker", ["李", "李強", "李强"])
def test_speaker_substring_any_script(corpus: st.Corpus, speaker: str) -> None:
    simplified = st.to_simplified(speaker)
    expected = ids_where(lambda r: r["speaker"] is not None and simplified in r["speaker"])
    assert expected
    assert ids(corpus, st.Selection(speaker=speaker)) == expected


@pytest.mark.parametrize("text", ["扎实", "扎實", "紮實"])
def test_contains_any_script(corpus: st.Corpus, text: str) -> None:
    expected = ids_where(lambda r: any("扎实" in p for p in r["paragraphs"]))
    assert expected
    assert ids(corpus, st.Selection(contains=text)) == expected


def test_selection_is_the_same_whatever_the_script_it_is_read_in() -> None:
    selection = st.Selection(contains="碳汇", regions=("西南", "西北"), sort=st.SortKey.LENGTH)
    found = []
    for script in st.Script:
        c = st.load_corpus(script)
        found.append([c.speeches[i].id for i in st.select(c, selection)])
    assert found[0] and found[0] == found[1] == found[2]


@pytest.mark.parametrize("key", list(st.SortKey))
@pytest.mark.parametrize("reverse", [False, True])
def test_sort(corpus: st.Corpus, key: st.SortKey, reverse: bool) -> None:
    field = {"seq": "seq", "date": "date", "province": "code", "length": "length"}[key.value]
    ordered = [r["id"] for r in sorted(records(), key=lambda r: (r[field], r["seq"]))]
    expected = ordered[::-1] if reverse else ordered
    assert ids(corpus, st.Selection(sort=key, reverse=reverse)) == expected


def test_limit(corpus: st.Corpus) -> None:
    assert ids(corpus, st.Selection(limit=0)) == []
    assert ids(corpus, st.Selection(limit=2, sort=st.SortKey.DATE, reverse=True)) == [
        r["id"] for r in sorted(records(), key=lambda r: r["date"], reverse=True)[:2]
    ]


def test_contradictions_are_refused(corpus: st.Corpus) -> None:
    with pytest.raises(st.ShuangtanError, match="after"):
        st.select(corpus, st.Selection(since=date(2022, 1, 2), until=date(2022, 1, 1)))
    with pytest.raises(st.ShuangtanError, match="negative"):
        st.select(corpus, st.Selection(limit=-1))


def test_select_returns_positions_into_the_corpus(corpus: st.Corpus) -> None:
    positions = st.select(corpus, st.Selection(provinces=("hainan",)))
    assert positions == [len(records()) - 1]
    assert corpus.speeches[positions[0]].province == "海南省"
