"""Citations of a passage: the quotation, and where it comes from, in three styles.

What a citation says is only what the data says: the speech's speaker,
their title as the dateline gives it, the occasion and the date, and the
compilation the corpus was made from as ``corpus.json`` describes it.  What
the source does not state (the compilation's title, author, URL, date of
publication; a speaker the dateline does not name) is said to be not stated,
never guessed.  The corpus version and the SHA-256 of the source copy let a
reader check the text against the same copy (see data/README.md, "How to cite").

Styles:

* ``plain``: one sentence of fields, English glue;
* ``gbt7714``: the order of GB/T 7714-2015 for a contribution within a
  larger work (析出文献): the remarks as ``[Z]`` (other), then ``//`` and the
  compilation as ``[EB/OL]`` (an online electronic resource), Chinese glue
  (原文未载 for "not stated"), in the script of the text;
* ``chicago``: The Chicago Manual of Style's bibliography form, English
  glue, the date written out (March 18, 2022).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import ShuangtanError

if TYPE_CHECKING:
    from .corpus import Speech
    from .script import Script
    from .search import Hit

STYLES = ("plain", "gbt7714", "chicago")

_MONTHS = (
    "January February March April May June July August September October November December"
).split()


class Quotation(NamedTuple):
    """The sentences holding a span, and the span's offsets in them."""

    text: str
    start: int  # of the span, in ``text``
    end: int
    offset: int  # of ``text`` in its paragraph


def quotation(hit: Hit) -> Quotation:
    """The sentence holding the span (all the sentences it touches, if it crosses one)."""
    start, end = hit.context()
    return Quotation(hit.text[start:end], hit.start - start, hit.end - start, start)


class Source(NamedTuple):
    """What the corpus says of its source: None for what it does not state."""

    title: str | None
    author: str | None
    url: str | None
    published: str | None
    version: str | None
    sha256: str | None

    @classmethod
    def of(cls, metadata: Mapping[str, Any]) -> Source:
        source = metadata.get("source") or {}
        return cls(
            metadata.get("title"),
            source.get("author"),
            source.get("url"),
            source.get("published"),
            metadata.get("version"),
            source.get("sha256"),
        )

    @property
    def short_sha(self) -> str | None:
        """The SHA-256 as data/README.md cites it: its first 8 and last 7 digits."""
        return None if self.sha256 is None else f"{self.sha256[:8]}…{self.sha256[-7:]}"


def _date_words(date: str) -> str:
    """2022-03-18 as March 18, 2022 (a partial date as far as it goes)."""
    parts = date.split("-")
    if len(parts) == 3:
        return f"{_MONTHS[int(parts[1]) - 1]} {int(parts[2])}, {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return date


def _english_missing(source: Source) -> str:
    missing = [
        name
        for name, value in (
            ("title", source.title),
            ("author", source.author),
            ("URL", source.url),
            ("date of publication", source.published),
        )
        if value is None
    ]
    if not missing:
        return ""
    if len(missing) == 1:
        return f"{missing[0]} not stated"
    return f"{', '.join(missing[:-1])} and {missing[-1]} not stated"


def _corpus_note(source: Source) -> str:
    parts = []
    if source.version:
        parts.append(f"shuangtan corpus version {source.version}")
    if source.short_sha:
        parts.append(f"source copy SHA-256 {source.short_sha}")
    return ", ".join(parts)


def _office(speech: Speech, separator: str) -> str:
    """The speaker's title as the dateline gives it, and the province where the title
    does not name it (Guangdong's dateline says only 省委书记)."""
    if speech.province_short in speech.speaker_title:
        return speech.speaker_title
    return f"{speech.speaker_title}{separator}{speech.province}"


def _plain(speech: Speech, source: Source) -> str:
    who = speech.speaker or "name not stated"
    where = ", ".join(value for value in (source.title, source.author, source.url) if value)
    compiled = "a compilation" + (f" ({where})" if where else "")
    if source.published:
        compiled += f", published {source.published}"
    missing = _english_missing(source)
    parts = [
        f"{who} ({_office(speech, ', ')}), {speech.occasion}, {speech.date}.",
        f"Quoted in {compiled}" + (f"; {missing}" if missing else "") + ".",
    ]
    note = _corpus_note(source)
    if note:
        parts.append(note + ".")
    return " ".join(parts)


def _chicago(speech: Speech, source: Source) -> str:
    who = speech.speaker or "[name not stated]"
    title = f"“{source.title}”" if source.title else "[title not stated]"
    details = [
        value
        for value in (
            source.author,
            _date_words(source.published) if source.published else None,
            source.url,
        )
        if value
    ]
    missing = [
        name
        for name, value in (
            ("author", source.author),
            ("date of publication", source.published),
            ("URL", source.url),
        )
        if value is None
    ]
    compiled = f"Quoted in {title}, web compilation"
    if details:
        compiled += ", " + ", ".join(details)
    if missing:
        compiled += f" [{', '.join(missing)} not stated]"
    parts = [
        f"{who} ({_office(speech, ', ')}). Remarks, {speech.occasion}, {_date_words(speech.date)}.",
        compiled + ".",
    ]
    note = _corpus_note(source)
    if note:
        parts.append(note + ".")
    return " ".join(parts)


def _gbt7714(speech: Speech, source: Source, glue: Callable[[str], str]) -> str:
    """``glue`` renders the citation's own Chinese words (written here in Simplified)
    in the script of the text; the speech's fields are in it already."""
    who = speech.speaker or glue("（姓名原文未载）")
    author = source.author or glue("作者原文未载")
    title = source.title or glue("题名原文未载")
    published = source.published or glue("发表日期原文未载")
    url = source.url or glue("网址原文未载")
    parts = [
        f"{who}（{_office(speech, '，')}）. {speech.occasion}[Z]. {speech.date}"
        f"//{author}. {title}[EB/OL]. {published}. {url}."
    ]
    notes = []
    if source.version:
        notes.append(f"shuangtan {glue('语料')} {source.version} {glue('版')}")
    if source.short_sha:
        notes.append(f"{glue('源文件')} SHA-256 {source.short_sha}")
    if notes:
        parts.append(", ".join(notes) + ".")
    return " ".join(parts)


def citation(speech: Speech, metadata: Mapping[str, Any], style: str, script: Script) -> str:
    """The citation of a speech (its fields in the script it is given in) in ``style``."""
    source = Source.of(metadata)
    if style == "plain":
        return _plain(speech, source)
    if style == "chicago":
        return _chicago(speech, source)
    if style == "gbt7714":
        from .script import from_simplified

        return _gbt7714(speech, source, lambda words: from_simplified(words, script))
    raise ShuangtanError(f"unknown citation style '{style}'; choose from {', '.join(STYLES)}")


def user_citation(record: Any, title: str | None, style: str, script: Script | None) -> str:
    """The citation of a user record (``stored.UserRecord``): its speaker and their
    title, its title or occasion, its date, and where it was imported from (the
    corpus's title, if the import gave one, the source file and line); what the
    record does not state is said to be not stated."""
    fields = record.to_dict(
        ("speaker", "speaker_title", "title", "occasion", "date", "province", "source")
    )
    source = fields["source"]
    where = source["file"] + (f", line {source['line']}" if source["line"] else "")
    work = fields["title"] or fields["occasion"]
    office = ", ".join(v for v in (fields["speaker_title"], fields["province"]) if v)
    if style == "gbt7714":
        from .script import from_simplified

        def glue(words: str) -> str:
            return words if script is None else from_simplified(words, script)

        who = fields["speaker"] or glue("（姓名原文未载）")
        return (
            f"{who}{f'（{office}）' if office else ''}. {work or glue('题名原文未载')}[Z]. "
            f"{fields['date'] or glue('日期原文未载')}//{title or glue('题名原文未载')}. "
            f"{where}."
        )
    if style not in STYLES:
        raise ShuangtanError(f"unknown citation style '{style}'; choose from {', '.join(STYLES)}")
    who = fields["speaker"] or ("[name not stated]" if style == "chicago" else "name not stated")
    date = fields["date"]
    when = (_date_words(date) if style == "chicago" else date) if date else "date not stated"
    head = f"{who}{f' ({office})' if office else ''}, {work or 'title not stated'}, {when}."
    return f"{head} In {f'“{title}”, ' if title else ''}{where}."
