"""``shuangtan list``: one row per selected speech, and the selection options.

Expected rows and ids are computed from the data files with plain ``json``.
"""

from __future__ import annotations

import json
import re

import pytest
from helpers import (
    LIST_COLUMNS,
    RAW,
    Run,
    by_id,
    first_column,
    ids_where,
    records,
    tsv,
)

ALL_IDS = [record["id"] for record in records()]


def list_row(record: dict[str, object]) -> list[str]:
    """A ``list`` row as tab-separated text: null is empty."""
    return ["" if record[name] is None else str(record[name]) for name in LIST_COLUMNS]


# --- rows and formats --------------------------------------------------------------------


def test_every_speech_one_tsv_row_in_article_order(run: Run) -> None:
    result = run("list")
    assert tsv(result) == [list_row(record) for record in records("traditional")]
    assert result.stderr == ""


def test_rows_are_in_the_script_asked_for(run: Run) -> None:
    for script in ("simplified", "traditional", "hk"):
        result = run("list", "--script", script)
        assert tsv(result) == [list_row(record) for record in records(script)], script


def test_speaker_without_a_name_is_an_empty_cell(run: Run) -> None:
    (gansu,) = [r for r in records("traditional") if r["speaker"] is None]
    rows = tsv(run("list", "--province", gansu["id"]))
    assert rows == [list_row(gansu)]
    assert rows[0][3] == ""


def test_json_rows_have_exactly_the_documented_keys(run: Run) -> None:
    rows = json.loads(run("list", "--json").stdout)
    assert [list(row) for row in rows] == [list(LIST_COLUMNS)] * len(records())
    assert rows == [{k: r[k] for k in LIST_COLUMNS} for r in records("traditional")]


def test_format_json_is_the_same_as_json_flag(run: Run) -> None:
    assert run("list", "--format", "json").stdout == run("list", "--json").stdout


def test_jsonl_and_csv(run: Run) -> None:
    import csv
    import io

    lines = run("list", "--format", "jsonl", "--limit", "3").stdout.splitlines()
    assert [json.loads(line) for line in lines] == [
        {k: r[k] for k in LIST_COLUMNS} for r in records("traditional")[:3]
    ]
    table = list(csv.reader(io.StringIO(run("list", "-f", "csv").stdout)))
    assert table[0] == list(LIST_COLUMNS)
    assert table[1:] == [list_row(r) for r in records("traditional")]


def test_json_is_utf8_not_escaped(run: Run) -> None:
    out = run("list", "--json", "--province", "河北").stdout
    assert by_id("traditional")["hebei"]["speaker"] in out
    assert "\\u" not in out


# --- --province ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    ["河北", "河北省", "hebei", "Hebei", "HEBEI", " hebei ", "冀", "130000"],
)
def test_province_spellings_of_hebei(run: Run, spelling: str) -> None:
    assert first_column(run("list", "--province", spelling)) == ["hebei"]


@pytest.mark.parametrize(
    ("spelling", "pid"),
    [
        ("陝西", "shaanxi"),  # Traditional
        ("陕西省", "shaanxi"),
        ("Shaanxi", "shaanxi"),
        ("山西", "shanxi"),
        ("晉", "shanxi"),
        ("黑龍江省", "heilongjiang"),
        ("廣東", "guangdong"),
        ("粵", "guangdong"),
        ("雲南", "yunnan"),
        ("云南省", "yunnan"),
        ("內蒙古", "inner-mongolia"),
        ("Inner Mongolia", "inner-mongolia"),
        ("寧夏自治區", "ningxia"),  # the article's own spellings of three headings
        ("新疆自治區", "xinjiang"),
        ("廣西自治區", "guangxi"),
        ("宁夏回族自治区", "ningxia"),
        ("西藏", "tibet"),
        ("Tibet", "tibet"),
    ],
)
def test_province_other_spellings(run: Run, spelling: str, pid: str) -> None:
    assert first_column(run("list", "--province", spelling)) == [pid]


def test_province_short_option(run: Run) -> None:
    assert first_column(run("list", "-p", "京")) == ["beijing"]


def _raw_headings() -> list[tuple[int, str]]:
    """The section headings of the article, its reading annotations removed: 27 寧夏自治區 …"""
    headings = []
    for line in RAW.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"(\d\d)\.(.+)", line.strip())
        if match:
            headings.append((int(match.group(1)), re.sub(r"\([^()]*\)", "", match.group(2))))
    return headings


def test_every_heading_of_the_article_selects_its_own_section(run: Run) -> None:
    headings = _raw_headings()
    assert len(headings) == 31
    assert {"寧夏自治區", "新疆自治區", "廣西自治區"} <= {name for _, name in headings}
    seq_to_id = {r["seq"]: r["id"] for r in records()}
    for seq, name in headings:
        assert first_column(run("list", "--province", name)) == [seq_to_id[seq]], name


def test_province_is_repeatable_and_keeps_article_order(run: Run) -> None:
    result = run("list", "-p", "河北", "--province", "山西", "-p", "hebei", "-p", "冀")
    assert first_column(result) == ids_where(lambda r: r["id"] in {"hebei", "shanxi"})
    assert first_column(result) == ["shanxi", "hebei"]


# --- --region and --division -------------------------------------------------------------


@pytest.mark.parametrize("name", ["华北", "華北", "north", "North", "north china", "huabei"])
def test_region_north(run: Run, name: str) -> None:
    expected = ids_where(lambda r: r["region"] == "华北")
    assert len(expected) == 5
    assert first_column(run("list", "--region", name)) == expected


def test_regions_repeatable(run: Run) -> None:
    expected = ids_where(lambda r: r["region"] in {"西南", "西北"})
    assert first_column(run("list", "--region", "西南", "--region", "northwest")) == expected


@pytest.mark.parametrize(
    ("name", "division"),
    [
        ("municipality", "municipality"),
        ("直辖市", "municipality"),
        ("直轄市", "municipality"),
        ("province", "province"),
        ("autonomous_region", "autonomous_region"),
        ("自治區", "autonomous_region"),
    ],
)
def test_division(run: Run, name: str, division: str) -> None:
    expected = ids_where(lambda r: r["division"] == division)
    assert expected
    assert first_column(run("list", "--division", name)) == expected


def test_region_and_division_combine(run: Run) -> None:
    expected = ids_where(lambda r: r["region"] == "华北" and r["division"] == "municipality")
    assert expected == ["beijing", "tianjin"]
    assert first_column(run("list", "--region", "華北", "--division", "municipality")) == expected


# --- --speaker -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["王东峰", "王東峰", "东峰", "東峰"])
def test_speaker_either_script_substring(run: Run, name: str) -> None:
    assert first_column(run("list", "--speaker", name)) == ["hebei"]


def test_speaker_common_surname(run: Run) -> None:
    expected = ids_where(lambda r: r["speaker"] is not None and "王" in r["speaker"])
    assert len(expected) >= 3
    assert first_column(run("list", "--speaker", "王")) == expected


@pytest.mark.parametrize("script", ["traditional", "hk"])
def test_every_speaker_found_by_the_name_as_displayed(run: Run, script: str) -> None:
    for record in records(script):
        if record["speaker"] is None:
            continue
        shown = first_column(run("list", "--speaker", record["speaker"]))
        assert record["id"] in shown, record["speaker"]


def test_speaker_never_selects_a_speech_without_a_speaker(run: Run) -> None:
    nameless = ids_where(lambda r: r["speaker"] is None)
    assert nameless == ["gansu"]
    run("list", "--speaker", "甘肅省委書記", status=1)


# --- --since / --until -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "low", "high"),
    [
        (["--since", "2022"], "2022-01-01", "9999-12-31"),
        (["--until", "2021"], "0000-01-01", "2021-12-31"),
        (["--until", "2021-12"], "0000-01-01", "2021-12-31"),  # includes 2021-12-27
        (["--since", "2022-01"], "2022-01-01", "9999-12-31"),  # includes 2022-01-01
        (["--until", "2021-05"], "0000-01-01", "2021-05-31"),  # includes 2021-05-29
        (["--since", "2021-05", "--until", "2021-05"], "2021-05-01", "2021-05-31"),
        (["--since", "2021-12-24", "--until", "2022-01-06"], "2021-12-24", "2022-01-06"),
        (["--since", "2021-7", "--until", "2021-7"], "2021-07-01", "2021-07-31"),
        (["--until", "2021-04-13"], "0000-01-01", "2021-04-13"),
        (["--since", "2022-03-18"], "2022-03-18", "9999-12-31"),
    ],
)
def test_dates(run: Run, args: list[str], low: str, high: str) -> None:
    expected = ids_where(lambda r: low <= r["date"] <= high)
    assert expected
    assert first_column(run("list", *args)) == expected


def test_date_boundaries_from_the_data(run: Run) -> None:
    dates = {r["id"]: r["date"] for r in records()}
    # The data has a speech on the last day of a month and on the first day of a year.
    assert dates["shanxi"] == "2021-12-27" and dates["xinjiang"] == "2022-01-01"
    assert "shanxi" in first_column(run("list", "--until", "2021-12"))
    assert "xinjiang" in first_column(run("list", "--since", "2022"))
    assert "xinjiang" not in first_column(run("list", "--until", "2021"))
    earliest, latest = min(dates.values()), max(dates.values())
    assert first_column(run("list", "--since", latest, "--until", latest)) == [
        pid for pid, d in dates.items() if d == latest
    ]
    assert first_column(run("list", "--until", earliest)) == [
        pid for pid, d in dates.items() if d == earliest
    ]


def test_nothing_in_the_period_exits_1_quietly(run: Run) -> None:
    earliest = min(r["date"] for r in records())
    year, month, day = map(int, earliest.split("-"))
    result = run("list", "--until", f"{year}-{month:02d}-{day - 1:02d}", status=1)
    assert result.stdout == "" and result.stderr == ""
    result = run("list", "--since", "2023", status=1)
    assert result.stdout == "" and result.stderr == ""


# --- --contains ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["两高", "兩高"])
def test_contains_either_script(run: Run, text: str) -> None:
    expected = ids_where(lambda r: any("两高" in p for p in r["paragraphs"]))
    assert len(expected) >= 5
    assert first_column(run("list", "--contains", text)) == expected


@pytest.mark.parametrize("text", ["关于", "關於", "關于"])
def test_contains_mixed_script(run: Run, text: str) -> None:
    expected = ids_where(lambda r: any("关于" in p for p in r["paragraphs"]))
    assert expected
    assert first_column(run("list", "--contains", text)) == expected


def test_contains_looks_in_the_remarks_not_the_dateline(run: Run) -> None:
    beijing = by_id()["beijing"]
    phrase = "蔡奇到城市副中心"
    assert phrase in beijing["lead"]
    assert not any(phrase in p for r in records() for p in r["paragraphs"])
    run("list", "--contains", phrase, status=1)


# --- --sort, --reverse, --limit --------------------------------------------------------------


def _order(key: str) -> list[str]:
    def value(record: dict[str, object]) -> object:
        return int(str(record["code"])) if key == "code" else record[key]

    return [r["id"] for r in sorted(records(), key=lambda r: (value(r), r["seq"]))]


@pytest.mark.parametrize(
    ("sort", "key"), [("seq", "seq"), ("date", "date"), ("province", "code"), ("length", "length")]
)
def test_sort(run: Run, sort: str, key: str) -> None:
    expected = _order(key)
    assert first_column(run("list", "--sort", sort)) == expected
    assert first_column(run("list", "--sort", sort, "--reverse")) == expected[::-1]


def test_sort_by_date_earliest_and_latest(run: Run) -> None:
    rows = tsv(run("list", "--sort", "date"))
    dates = [row[4] for row in rows]
    assert dates == sorted(dates)
    assert rows[0][0] == "yunnan" and rows[-1][0] == "hebei"


def test_sort_by_province_is_gb2260_order(run: Run) -> None:
    head = first_column(run("list", "--sort", "province", "--limit", "3"))
    assert head == ["beijing", "tianjin", "hebei"]


def test_limit_after_sort(run: Run) -> None:
    longest = _order("length")[::-1][:3]
    assert first_column(run("list", "--sort", "length", "--reverse", "--limit", "3")) == longest
    assert first_column(run("list", "--limit", "5")) == ALL_IDS[:5]
    assert first_column(run("list", "--limit", "100")) == ALL_IDS


def test_limit_zero_selects_nothing(run: Run) -> None:
    result = run("list", "--limit", "0", status=1)
    assert result.stdout == ""


def test_all_options_combine(run: Run) -> None:
    expected = ids_where(
        lambda r: (
            r["region"] in {"华东", "华北"}
            and r["date"] >= "2021-07-01"
            and any("碳达峰" in p for p in r["paragraphs"])
        )
    )
    expected = [pid for pid in _order("date") if pid in expected][::-1][:2]
    result = run(
        "list",
        "--region", "east", "--region", "華北",
        "--since", "2021-07",
        "--contains", "碳達峰",
        "--sort", "date", "--reverse", "--limit", "2",
    )  # fmt: skip
    assert first_column(result) == expected


def test_empty_selection_as_json_is_an_empty_array(run: Run) -> None:
    result = run("list", "--since", "2023", "--json", status=1)
    assert json.loads(result.stdout) == []
