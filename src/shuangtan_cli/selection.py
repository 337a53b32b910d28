"""Selection: which speeches a command works on, and in what order.

Pure functions over a Corpus; one implementation behind ``list``, ``filter``
and ``grep``.  Every comparison is made on the Simplified canonical text, so a
speaker or phrase typed in either script selects the same speeches.  A user
corpus (``stored``) answers the same ``Selection`` with a query of its store,
by the same rules: a date is a period (``date_period``) that must overlap the
range asked for, and ``where`` compares the text of a field (``field_text``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from .corpus import FIELDS, Corpus, Speech
from .errors import ShuangtanError

if TYPE_CHECKING:
    from datetime import date

    from .corpus import CorpusProtocol


class SortKey(str, Enum):
    SEQ = "seq"
    DATE = "date"
    PROVINCE = "province"
    LENGTH = "length"

    def __str__(self) -> str:
        return self.value


#: The conventional regions, with the English names and romanisations users type.
REGIONS: dict[str, tuple[str, ...]] = {
    "华北": ("華北", "north", "north china", "huabei"),
    "东北": ("東北", "northeast", "northeast china", "dongbei"),
    "华东": ("華東", "east", "east china", "huadong"),
    "华中": ("華中", "central", "central china", "huazhong"),
    "华南": ("華南", "south", "south china", "huanan"),
    "西南": ("southwest", "southwest china", "xinan"),
    "西北": ("northwest", "northwest china", "xibei"),
}
_REGION_INDEX = {alias: name for name, aliases in REGIONS.items() for alias in (name, *aliases)}

DIVISIONS = ("province", "municipality", "autonomous_region")
#: Every name a division may be given by, and the division it names.
DIVISION_ALIASES = {
    "province": "province",
    "省": "province",
    "municipality": "municipality",
    "直辖市": "municipality",
    "直轄市": "municipality",
    "autonomous_region": "autonomous_region",
    "autonomous-region": "autonomous_region",
    "autonomous region": "autonomous_region",
    "自治区": "autonomous_region",
    "自治區": "autonomous_region",
}

_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def resolve_region(text: str) -> str:
    """The Simplified name of a region typed as 华北, 華北, north, huabei …"""
    try:
        return _REGION_INDEX[text.strip().lower()]
    except KeyError:
        choices = ", ".join(REGIONS)
        raise ShuangtanError(f"unknown region '{text}'; choose from {choices}") from None


def resolve_division(text: str) -> str:
    try:
        return DIVISION_ALIASES[text.strip().lower()]
    except KeyError:
        choices = ", ".join(DIVISIONS)
        raise ShuangtanError(f"unknown division '{text}'; choose from {choices}") from None


def parse_date_bound(text: str, *, end: bool = False) -> date:
    """A date from YYYY, YYYY-MM or YYYY-MM-DD.

    A partial date stands for its whole period: as a lower bound it means the
    period's first day, as an upper bound (``end=True``) its last, so
    ``--until 2021-12`` includes 31 December.
    """
    import calendar  # here, not at the top: most commands never parse a date
    from datetime import date

    match = _DATE.fullmatch(text.strip())
    if not match:
        raise ShuangtanError(f"bad date '{text}': use YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match.group(1))
    month = int(match.group(2) or (12 if end else 1))
    try:
        if match.group(3):
            return date(year, month, int(match.group(3)))
        last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        return date(year, month, last if end else 1)
    except ValueError as error:
        raise ShuangtanError(f"bad date '{text}': {error}") from None


def date_period(text: str) -> tuple[str, str]:
    """First and last day of a YYYY, YYYY-MM or YYYY-MM-DD date, as ISO strings.

    A partial date stands for its whole period: 2021 is 2021-01-01 to
    2021-12-31.  A record is selected by ``--since``/``--until`` when its
    period overlaps the range asked for, in the bundled corpus and in a user
    corpus alike: a record dated 2021 is kept by ``--since 2021-06`` (it may be
    from June on) and by ``--until 2021-03``.
    """
    if len(text) == 10 and text[4] == text[7] == "-":  # the usual case: a day
        return text, text
    import calendar

    match = _DATE.fullmatch(text)
    if match is None or match.group(3) or len(match.group(2) or "00") != 2:
        raise ShuangtanError(f"bad date '{text}': use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month = match.group(1), match.group(2)
    if month is None:
        return f"{year}-01-01", f"{year}-12-31"
    if not 1 <= int(month) <= 12:
        raise ShuangtanError(f"bad date '{text}': month must be in 1..12")
    last = calendar.monthrange(int(year), int(month))[1]
    return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"


def field_text(value: object) -> str:
    """The text a field's value is compared as by ``--where KEY=VALUE``.

    Strings are themselves; true and false; numbers as JSON writes them; a
    list or an object as compact JSON; null is empty, so ``KEY=`` selects a
    null or empty value.  (The importer's ``meta_text``, for every value.)
    """
    if isinstance(value, (list, tuple, dict)):
        import json

        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if value is None or isinstance(value, (str, int, float)):
        from .importer import meta_text

        return meta_text(value)
    return str(value)


def parse_where(text: str) -> tuple[str, str]:
    """KEY=VALUE as (KEY, VALUE): the first ``=`` separates them; KEY is stripped."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise ShuangtanError(f"bad condition '{text}': use KEY=VALUE (KEY= for an empty value)")
    return key.strip(), value


class Selection(NamedTuple):
    """What to select.  Empty fields select everything.

    Names may be given in any spelling the command line accepts: a province
    as 河北, 河北省, 冀, Hebei or its id; a region as 华北, 華北 or north; a
    division as province, 直辖市 …; dates as ``date`` objects or as YYYY,
    YYYY-MM or YYYY-MM-DD text.  ``select`` resolves them, and an unknown
    name raises ShuangtanError (with suggestions for a province).
    """

    provinces: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    divisions: tuple[str, ...] = ()
    speaker: str | None = None  # matched against the speaker's name, any script
    since: date | str | None = None
    until: date | str | None = None
    contains: str | None = None  # a fixed string the remarks must contain, any script
    #: (KEY, VALUE) pairs: the field KEY's text (``field_text``) folds to VALUE's fold.
    #: In a user corpus KEY names a metadata field (``meta``); in the bundled corpus, a field.
    where: tuple[tuple[str, str], ...] = ()
    sort: SortKey | str = SortKey.SEQ
    reverse: bool = False
    limit: int | None = None

    def resolved(self) -> Selection:
        """The same selection with every name resolved to its canonical form.

        Raises ShuangtanError for a name that names nothing, or a selection
        that contradicts itself.
        """
        if isinstance(self.provinces, str) or isinstance(self.regions, str):
            raise ShuangtanError("provinces and regions are tuples of names, not one string")
        where = tuple(parse_where(pair) if isinstance(pair, str) else pair for pair in self.where)
        since, until = (
            parse_date_bound(bound, end=end) if isinstance(bound, str) else bound
            for bound, end in ((self.since, False), (self.until, True))
        )
        if since and until and since > until:
            raise ShuangtanError(f"--since {since} is after --until {until}")
        for name, text in (("--speaker", self.speaker), ("--contains", self.contains)):
            if text is not None and not text.strip():
                raise ShuangtanError(f"{name} is empty: give some text, or leave it out")
        if self.limit is not None and self.limit < 0:
            raise ShuangtanError("--limit must not be negative")
        try:
            sort = SortKey(self.sort)
        except ValueError:
            choices = ", ".join(key.value for key in SortKey)
            raise ShuangtanError(f"unknown sort key '{self.sort}'; choose from {choices}") from None
        provinces: tuple[str, ...] = ()
        if self.provinces:  # the gazetteer is read only when a province is named
            from .places import resolve_place

            provinces = tuple(dict.fromkeys(resolve_place(name).id for name in self.provinces))
        return self._replace(
            provinces=provinces,
            regions=tuple(dict.fromkeys(map(resolve_region, self.regions))),
            divisions=tuple(dict.fromkeys(map(resolve_division, self.divisions))),
            since=since,
            until=until,
            where=where,
            sort=sort,
        )

    def place_ids(self) -> tuple[str, ...] | None:
        """The place ids this selection allows (provinces, regions and divisions
        together, resolved), or None when it names none of them."""
        if not (self.provinces or self.regions or self.divisions):
            return None
        from .places import places

        return tuple(
            place.id
            for place in places()
            if (not self.provinces or place.id in self.provinces)
            and (not self.regions or place.region in self.regions)
            and (not self.divisions or place.division in self.divisions)
        )


def select(corpus: CorpusProtocol, selection: Selection | None = None) -> Sequence[int]:
    """Positions in ``corpus`` of the selected speeches, sorted and limited (a user
    corpus answers with a query of its store: ``CorpusProtocol.select``)."""
    if not isinstance(corpus, Corpus):
        return corpus.select(selection)
    selection = (selection or Selection()).resolved()
    needles = [
        corpus.fold(text) if text else "" for text in (selection.speaker, selection.contains)
    ]
    # Resolved bounds are dates, whose str() is the ISO form the records hold.
    since = str(selection.since) if selection.since else None
    until = str(selection.until) if selection.until else None
    where = [(key, corpus.fold(value)) for key, value in selection.where]
    for key, _ in where:
        if key not in FIELDS:
            import difflib

            close = difflib.get_close_matches(key, FIELDS, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise ShuangtanError(
                f"--where: the bundled corpus has no field '{key}'{hint} "
                f"(fields: {', '.join(FIELDS)})"
            )
    chosen = []
    # Ids, dates and numbers read the same in every script; only text needs the canonical records.
    text_matters = (
        selection.regions
        or selection.speaker is not None
        or selection.contains is not None
        or selection.where
    )
    for i, speech in enumerate(corpus.canonical if text_matters else corpus.speeches):
        if selection.provinces and speech.id not in selection.provinces:
            continue
        if selection.regions and speech.region not in selection.regions:
            continue
        if selection.divisions and speech.division not in selection.divisions:
            continue
        if since or until:
            low, high = date_period(speech.date)
            if since and high < since or until and low > until:
                continue
        if selection.speaker is not None and (
            speech.speaker is None or needles[0] not in speech.speaker
        ):
            continue
        if selection.contains is not None and not any(needles[1] in p for p in speech.paragraphs):
            continue
        if where and any(field_text(speech.to_dict((k,))[k]) != v for k, v in where):
            continue
        chosen.append(i)
    chosen = _ordered(corpus.speeches, chosen, SortKey(selection.sort), selection.reverse)
    return chosen if selection.limit is None else chosen[: selection.limit]


def _ordered(
    speeches: tuple[Speech, ...], chosen: list[int], key: SortKey, reverse: bool
) -> list[int]:
    def sort_key(i: int) -> tuple[object, int]:
        s = speeches[i]
        primary: object = {
            SortKey.SEQ: s.seq,
            SortKey.DATE: s.date,
            # GB/T 2260 order is the conventional order of provinces in Chinese statistics.
            SortKey.PROVINCE: int(s.code),
            SortKey.LENGTH: s.length,
        }[key]
        return primary, s.seq

    return sorted(chosen, key=sort_key, reverse=reverse)
