from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from shuangtan_cli import places as places_module
from shuangtan_cli.places import (
    Place,
    UnknownPlaceError,
    places,
    resolve_place,
    resolve_places,
)

GAZETTEER = Path(places_module.__file__).with_name("gazetteer.json")
ALL = places()


def _spellings(place: Place) -> list[tuple[str, str]]:
    out = [
        ("id", place.id),
        ("code", place.code),
        ("name", place.name),
        ("short", place.short),
        ("name_hant", place.name_hant),
        ("short_hant", place.short_hant),
        ("en", place.en),
        ("pinyin", place.pinyin),
    ]
    out += [("abbr", a) for a in place.abbr]
    out += [("abbr_hant", a) for a in place.abbr_hant]
    out += [("alias", a) for a in place.aliases]
    return out


SPELLINGS = [(p.id, field, text) for p in ALL for field, text in _spellings(p)]


# --- the data -----------------------------------------------------------------------------


def test_json_entries_have_exactly_the_documented_keys() -> None:
    raw = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    expected = {
        "id", "code", "name", "short", "name_hant", "short_hant", "en", "pinyin",
        "abbr", "abbr_hant", "division", "region", "aliases",
    }  # fmt: skip
    assert len(raw) == 31
    for entry in raw:
        assert set(entry) == expected, entry.get("id")


def test_thirty_one_distinct_places() -> None:
    assert len(ALL) == 31
    for attr in ("id", "code", "name", "short", "name_hant", "short_hant", "en", "pinyin"):
        values = [getattr(p, attr) for p in ALL]
        assert len(set(values)) == 31, (attr, Counter(values).most_common(2))


def test_ordered_by_gb2260_code() -> None:
    codes = [p.code for p in ALL]
    assert codes == sorted(codes)
    assert codes[0] == "110000" and codes[-1] == "650000"
    for code in codes:
        assert len(code) == 6 and code.isdigit() and code.endswith("0000")


def test_no_hong_kong_macau_taiwan() -> None:
    codes = {p.code for p in ALL}
    assert not codes & {"710000", "810000", "820000"}
    names = {p.short for p in ALL}
    assert not names & {"台湾", "香港", "澳门"}


def test_ids_are_lowercase_ascii_slugs() -> None:
    for p in ALL:
        assert p.id.isascii() and p.id == p.id.lower(), p.id
        assert p.id.replace("-", "").isalpha(), p.id
        assert p.id == p.en.lower().replace(" ", "-"), p.id


def test_division_counts() -> None:
    counts = Counter(p.division for p in ALL)
    assert counts == {"province": 22, "municipality": 4, "autonomous_region": 5}
    municipalities = {p.short for p in ALL if p.division == "municipality"}
    assert municipalities == {"北京", "天津", "上海", "重庆"}
    regions = {p.short for p in ALL if p.division == "autonomous_region"}
    assert regions == {"内蒙古", "广西", "西藏", "宁夏", "新疆"}


def test_name_suffix_matches_division() -> None:
    suffix = {"province": "省", "municipality": "市", "autonomous_region": "自治区"}
    suffix_hant = {"province": "省", "municipality": "市", "autonomous_region": "自治區"}
    for p in ALL:
        assert p.name.endswith(suffix[p.division]), p.name
        assert p.name_hant.endswith(suffix_hant[p.division]), p.name_hant
        assert p.name.startswith(p.short), p.name
        assert p.name_hant.startswith(p.short_hant), p.name_hant


def test_regions() -> None:
    by_region: dict[str, set[str]] = {}
    for p in ALL:
        by_region.setdefault(p.region, set()).add(p.abbr[0])
    assert by_region == {
        "华北": set("京津冀晋蒙"),
        "东北": set("辽吉黑"),
        "华东": set("沪苏浙皖闽赣鲁"),
        "华中": set("豫鄂湘"),
        "华南": set("粤桂琼"),
        "西南": set("渝川黔滇藏"),
        "西北": set("陕甘青宁新"),
    }


def test_official_abbreviations_come_first() -> None:
    official = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘青宁新"
    assert "".join(p.abbr[0] for p in ALL) == official
    second = {p.short: p.abbr[1:] for p in ALL if len(p.abbr) > 1}
    assert second == {
        "四川": ("蜀",),
        "贵州": ("贵",),
        "云南": ("云",),
        "陕西": ("秦",),
        "甘肃": ("陇",),
    }
    for p in ALL:
        assert len(p.abbr) == len(p.abbr_hant), p.id
        assert all(len(a) == 1 for a in p.abbr + p.abbr_hant), p.id


def test_traditional_forms_use_taiwan_standard_characters() -> None:
    nmg = resolve_place("inner-mongolia")
    assert nmg.name_hant == "內蒙古自治區"
    assert nmg.short_hant[0] == "\u5167"  # 內, not the Simplified/Japanese 内 (U+5185)
    assert nmg.short[0] == "\u5185"
    shaanxi = resolve_place("shaanxi")
    assert shaanxi.name_hant == "陝西省"
    assert shaanxi.name_hant[0] == "\u965d"  # 陝, not the variant 陜 (U+965C)
    assert shaanxi.abbr_hant == ("陝", "秦")
    expected_hant = {
        "guangxi": "廣西壯族自治區",
        "ningxia": "寧夏回族自治區",
        "xinjiang": "新疆維吾爾自治區",
        "yunnan": "雲南省",
        "guizhou": "貴州省",
        "liaoning": "遼寧省",
        "heilongjiang": "黑龍江省",
        "guangdong": "廣東省",
        "chongqing": "重慶市",
        "tibet": "西藏自治區",
    }
    for pid, name in expected_hant.items():
        assert resolve_place(pid).name_hant == name
    # Names whose characters have no separate Traditional form stay identical.
    assert resolve_place("hubei").name_hant == resolve_place("hubei").name == "湖北省"
    assert resolve_place("beijing").name_hant == "北京市"
    abbr_hant = {p.abbr[0]: p.abbr_hant[0] for p in ALL if p.abbr[0] != p.abbr_hant[0]}
    assert abbr_hant == {
        "晋": "晉", "辽": "遼", "沪": "滬", "苏": "蘇", "闽": "閩", "赣": "贛", "鲁": "魯",
        "粤": "粵", "琼": "瓊", "陕": "陝", "宁": "寧",
    }  # fmt: skip
    assert resolve_place("gansu").abbr_hant == ("甘", "隴")
    assert resolve_place("guizhou").abbr_hant == ("黔", "貴")
    assert resolve_place("yunnan").abbr_hant == ("滇", "雲")


def test_traditional_forms_agree_with_opencc() -> None:
    opencc = pytest.importorskip("opencc")
    s2tw = opencc.OpenCC("s2tw")
    for p in ALL:
        assert s2tw.convert(p.name) == p.name_hant, p.id
        assert s2tw.convert(p.short) == p.short_hant, p.id
        assert tuple(s2tw.convert(a) for a in p.abbr) == p.abbr_hant, p.id


def _toneless(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def test_pinyin_agrees_with_english_name() -> None:
    # Official English names are toneless pinyin except for these three.
    exceptions = {"inner-mongolia": "nei menggu", "tibet": "xizang", "shaanxi": "shanxi"}
    for p in ALL:
        assert _toneless(p.pinyin) != p.pinyin.lower(), f"{p.id}: no tone marks"
        expected = exceptions.get(p.id, p.en.lower())
        assert _toneless(p.pinyin) == expected, p.id


def test_pinyin_is_stored_precomposed() -> None:
    for p in ALL:
        assert unicodedata.is_normalized("NFC", p.pinyin), p.id


def test_aliases() -> None:
    aliases = {p.id: set(p.aliases) for p in ALL if p.aliases}
    assert aliases["ningxia"] >= {"寧夏自治區", "宁夏自治区"}
    assert aliases["xinjiang"] >= {"新疆自治區", "新疆自治区"}
    assert aliases["guangxi"] >= {"廣西自治區", "广西自治区"}
    assert "\u965c西省" in aliases["shaanxi"]
    assert aliases["tibet"] >= {"Xizang"}
    assert aliases["inner-mongolia"] >= {"Nei Mongol", "Nei Menggu", "Neimenggu"}
    assert "beijing" not in aliases  # no "Peking"


# --- resolving ------------------------------------------------------------------------------


@pytest.mark.parametrize(("pid", "field", "text"), SPELLINGS)
def test_every_spelling_resolves(pid: str, field: str, text: str) -> None:
    assert resolve_place(text).id == pid


@pytest.mark.parametrize(("pid", "field", "text"), SPELLINGS)
def test_every_spelling_resolves_in_other_case_and_padding(pid: str, field: str, text: str) -> None:
    assert resolve_place(f"  {text.upper()}\t").id == pid
    assert resolve_place(text.lower()).id == pid


def test_spelling_count_covers_every_field() -> None:
    fields_seen = Counter(field for _, field, _ in SPELLINGS)
    for field in ("id", "code", "name", "short", "name_hant", "short_hant", "en",
                  "pinyin", "abbr", "abbr_hant"):  # fmt: skip
        assert fields_seen[field] >= 31, field
    assert fields_seen["alias"] >= 11


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Shǎnxī", "陕西"),
        ("Shānxī", "山西"),
        ("shanxi", "山西"),
        ("SHANXI", "山西"),
        ("shaanxi", "陕西"),
        ("Shaanxi", "陕西"),
        ("Sha\u030cnxi\u0304", "陕西"),  # decomposed tone marks
        ("Sha\u0304nxi\u0304", "山西"),
        ("山西", "山西"),
        ("陕西", "陕西"),
        ("陝西", "陕西"),
        ("晋", "山西"),
        ("晉", "山西"),
        ("秦", "陕西"),
        ("140000", "山西"),
        ("610000", "陕西"),
    ],
)
def test_shanxi_and_shaanxi_are_kept_apart(text: str, short: str) -> None:
    assert resolve_place(text).short == short


@pytest.mark.parametrize(
    ("text", "pid"),
    [
        ("inner mongolia", "inner-mongolia"),
        ("Inner-Mongolia", "inner-mongolia"),
        ("innermongolia", "inner-mongolia"),
        ("INNER MONGOLIA", "inner-mongolia"),
        ("Nei Mongol", "inner-mongolia"),
        ("nei-menggu", "inner-mongolia"),
        ("Nèi Měnggǔ", "inner-mongolia"),
        ("内蒙古", "inner-mongolia"),
        ("內蒙古自治區", "inner-mongolia"),
        ("蒙", "inner-mongolia"),
        ("Tibet", "tibet"),
        ("tibet", "tibet"),
        ("Xizang", "tibet"),
        ("Xīzàng", "tibet"),
        ("藏", "tibet"),
        ("HEBEI", "hebei"),
        ("hebei", "hebei"),
        ("130000", "hebei"),
        ("130000", "hebei"),
        ("冀", "hebei"),
        ("河北省", "hebei"),
        ("Chóngqìng", "chongqing"),
        ("重慶", "chongqing"),
        ("ＨＥＢＥＩ", "hebei"),  # full-width Latin
        ("Guang'xi", "guangxi"),
        ("蜀", "sichuan"),
        ("贵", "guizhou"),
        ("貴", "guizhou"),
        ("云", "yunnan"),
        ("雲", "yunnan"),
        ("陇", "gansu"),
        ("隴", "gansu"),
    ],
)
def test_resolves_common_inputs(text: str, pid: str) -> None:
    assert resolve_place(text).id == pid


@pytest.mark.parametrize(
    ("text", "pid"),
    [
        ("寧夏自治區", "ningxia"),
        ("新疆自治區", "xinjiang"),
        ("廣西自治區", "guangxi"),
        ("\u965c西省", "shaanxi"),  # 陜 U+965C, the variant the source article uses
        ("宁夏自治区", "ningxia"),
        ("新疆自治区", "xinjiang"),
        ("广西自治区", "guangxi"),
    ],
)
def test_source_article_variant_spellings(text: str, pid: str) -> None:
    assert resolve_place(text).id == pid


def test_resolves_to_shared_instances() -> None:
    assert resolve_place("京") is resolve_place("Beijing") is ALL[0]


# --- failures -------------------------------------------------------------------------------


UNKNOWN = ["", "   ", "xyz", "台湾", "香港", "澳门", "710000", "Peking", "shan xi sheng",
           "Shánxī", "北京市市", "1", "000000"]  # fmt: skip


@pytest.mark.parametrize("text", UNKNOWN)
def test_unknown_inputs_raise(text: str) -> None:
    with pytest.raises(UnknownPlaceError) as info:
        resolve_place(text)
    assert isinstance(info.value, ValueError)
    assert info.value.query == text.strip()
    assert str(info.value).startswith(f"unknown province '{text.strip()}'")
    assert len(info.value.suggestions) <= 3


def test_empty_input_has_no_suggestions() -> None:
    with pytest.raises(UnknownPlaceError) as info:
        resolve_place("")
    assert info.value.suggestions == ()
    assert str(info.value) == "unknown province ''"


def test_nothing_close_gives_bare_message() -> None:
    with pytest.raises(UnknownPlaceError) as info:
        resolve_place("xyz")
    assert info.value.suggestions == ()
    assert str(info.value) == "unknown province 'xyz'"


def test_typo_in_chinese_suggests_hebei() -> None:
    with pytest.raises(UnknownPlaceError) as info:
        resolve_place("河比")
    assert "河北" in info.value.suggestions
    assert all(s in {p.short for p in ALL} for s in info.value.suggestions)
    assert "河北" in str(info.value)
    assert "; did you mean " in str(info.value) and str(info.value).endswith("?")


def test_typo_in_pinyin_suggests_hubei_first() -> None:
    with pytest.raises(UnknownPlaceError) as info:
        resolve_place("hubie")
    assert info.value.suggestions[0] == "湖北"
    assert str(info.value).startswith("unknown province 'hubie'; did you mean 湖北")


def test_suggestions_are_deduplicated_short_names() -> None:
    # "shanxl" is close to several keys of both 山西 and 陕西; each must appear once.
    with pytest.raises(UnknownPlaceError) as info:
        resolve_place("shanxl")
    suggestions = info.value.suggestions
    assert len(suggestions) == len(set(suggestions))
    assert {"山西", "陕西"} <= set(suggestions)
    assert len(suggestions) <= 3


def test_error_message_format() -> None:
    err = UnknownPlaceError("河比", ("河北", "湖北"))
    assert str(err) == "unknown province '河比'; did you mean 河北, 湖北?"
    assert err.query == "河比"
    assert err.suggestions == ("河北", "湖北")


# --- resolve_places ---------------------------------------------------------------------------


def test_resolve_places_dedupes_and_keeps_order() -> None:
    result = resolve_places(["沪", "京", "Beijing", "上海市", "北京", "粤"])
    assert [p.short for p in result] == ["上海", "北京", "广东"]
    assert isinstance(result, tuple)


def test_resolve_places_empty_and_generator() -> None:
    assert resolve_places([]) == ()
    assert [p.id for p in resolve_places(t for t in ("shaanxi", "shanxi"))] == [
        "shaanxi",
        "shanxi",
    ]


def test_resolve_places_raises_on_any_unknown() -> None:
    with pytest.raises(UnknownPlaceError) as info:
        resolve_places(["京", "nowhere", "沪"])
    assert info.value.query == "nowhere"


# --- index integrity ----------------------------------------------------------------------------


def test_index_rejects_ambiguous_data(monkeypatch: pytest.MonkeyPatch) -> None:
    hebei, hubei = resolve_place("hebei"), resolve_place("hubei")
    clash = hubei._replace(aliases=("冀",))
    places_module._index.cache_clear()
    monkeypatch.setattr(places_module, "places", lambda: (hebei, clash))
    try:
        with pytest.raises(RuntimeError, match="冀"):
            places_module._index()
    finally:
        monkeypatch.undo()
        places_module._index.cache_clear()
    assert resolve_place("冀") is hebei


def test_places_is_cached() -> None:
    assert places() is places()
