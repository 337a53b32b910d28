"""Export a selection of a corpus as JSON Lines, CSV or Parquet, for other tools.

One row per record or per paragraph.  The columns of a record row are what
``shuangtan import`` reads back (``RECORD_COLUMNS``, then the corpus's own
fields: a user corpus's metadata, the bundled corpus's heading, lead, others,
repairs and notes), so an export in JSON Lines or CSV imports again as the same
corpus: in CSV the paragraphs are one cell holding a JSON array of strings
(a paragraph may hold a line break, which joining by newlines would lose).

Rows are written as they are read, one record at a time; Parquet goes through
pyarrow (the optional extra ``shuangtan[parquet]``) in row groups of
``BATCH`` rows, so memory stays bounded whatever the corpus's size.  With
``partition_by`` the rows go into a Hive-partitioned tree of files
(``province=河北省/year=2021/part-0.parquet``), which DuckDB, Spark, polars
and pandas read as one table; a null value is ``__HIVE_DEFAULT_PARTITION__``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

from .errors import ShuangtanError

if TYPE_CHECKING:
    from .corpus import CorpusProtocol, Record

#: The columns every record row starts with, in order.
RECORD_COLUMNS = (
    "id",
    "seq",
    "province",
    "date",
    "speaker",
    "speaker_title",
    "occasion",
    "title",
    "paragraphs",
    "length",
    "han_chars",
)
#: The columns every paragraph row starts with, in order.
PARAGRAPH_COLUMNS = (
    "id",
    "seq",
    "paragraph",
    "province",
    "date",
    "speaker",
    "speaker_title",
    "occasion",
    "title",
    "text",
    "length",
)
#: The bundled corpus's fields beyond the record columns, exported as its own fields.
BUNDLED_EXTRA = ("heading", "lead", "others", "repairs", "notes")
#: What a corpus may be partitioned by.
PARTITION_KEYS = ("province", "region", "division", "year")
FORMATS = ("jsonl", "csv", "parquet")
#: Rows per Parquet row group (and per batch handed to pyarrow).
BATCH = 2000
#: The name Hive (and DuckDB, Spark, pyarrow) give a partition whose value is null.
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"


def extra_columns(corpus: CorpusProtocol) -> list[str]:
    """The corpus's own fields, exported after the standard columns."""
    if corpus.kind == "bundled":
        return list(BUNDLED_EXTRA)
    from .stored import StoredCorpus

    assert isinstance(corpus, StoredCorpus)
    return corpus.store.meta_keys()


def columns_of(corpus: CorpusProtocol, per: str, partition_by: Sequence[str] = ()) -> list[str]:
    """The columns of the rows (the partition keys aside, which are in the paths)."""
    base = RECORD_COLUMNS if per == "record" else PARAGRAPH_COLUMNS
    extra = extra_columns(corpus)
    clash = sorted(set(extra) & {*base, *partition_by})
    if clash:
        raise ShuangtanError(
            f"the corpus has a field named '{clash[0]}', which is an export column too"
        )
    return [*base, *extra]


class _Absent:
    """The value of a field a record does not have (JSON Lines leaves it out)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


def _values(corpus: CorpusProtocol, record: Record) -> dict[str, Any]:
    """A record's exported values: standard columns, then its own fields."""
    if corpus.kind == "bundled":  # no titles: the column is there, empty
        standard = tuple(name for name in RECORD_COLUMNS if name != "title")
        values = record.to_dict((*standard, *BUNDLED_EXTRA))
        values["title"] = None
        return values
    values = record.to_dict(RECORD_COLUMNS)
    values.update(record.to_dict(("meta",))["meta"])
    return values


def _partition_values(record: Record, values: dict[str, Any]) -> dict[str, Any]:
    date = values.get("date")
    extra = record.to_dict(("region", "division")) if values else {}
    return {
        "province": values.get("province"),
        "region": extra.get("region"),
        "division": extra.get("division"),
        "year": date[:4] if date else None,
    }


def rows(
    corpus: CorpusProtocol, positions: Iterable[int], per: str, columns: Sequence[str]
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(row, partition values) of each record (or paragraph) at ``positions``, in order."""
    for record in corpus.records(positions):
        values = _values(corpus, record)
        parts = _partition_values(record, values)
        if per == "record":
            yield {name: values.get(name, ABSENT) for name in columns}, parts
            continue
        for i, text in enumerate(values["paragraphs"]):
            row = {name: values.get(name, ABSENT) for name in columns}
            row.update(paragraph=i, text=text, length=len(text))
            yield row, parts


def _text(value: Any) -> str | None:
    """A value for a column of text (CSV, Parquet): JSON arrays and objects as compact
    JSON, numbers and booleans as the importer compares them; null (and a field the
    record does not have) is null."""
    if value is ABSENT:
        return None
    if value is None or isinstance(value, str):
        return value
    from .selection import field_text

    return field_text(value)


def _partition_path(parts: dict[str, Any], keys: Sequence[str]) -> str:
    pieces = []
    for key in keys:
        value = parts[key]
        text = NULL_PARTITION if value is None or value == "" else str(value)
        pieces.append(f"{key}={_escape_partition(text)}")
    return os.path.join(*pieces)


def _escape_partition(text: str) -> str:
    """A partition value as Hive writes it in a path: / and the like percent-escaped."""
    unsafe = set('/\\:=%"*?<>|\n\r\t')
    return "".join(f"%{ord(c):02X}" if c in unsafe or ord(c) < 0x20 else c for c in text)


class _Files:
    """Open files of a partitioned text export, one per partition, made as needed."""

    def __init__(self, root: str, name: str, start: Any) -> None:
        self.root, self.name, self.start = root, name, start
        self.open: dict[str, tuple[IO[str], Any]] = {}

    def get(self, relative: str) -> tuple[IO[str], Any]:
        found = self.open.get(relative)
        if found is None:
            folder = os.path.join(self.root, relative)
            os.makedirs(folder, exist_ok=True)
            handle = open(os.path.join(folder, self.name), "w", encoding="utf-8", newline="")  # noqa: SIM115
            found = self.open[relative] = (handle, self.start(handle))
        return found

    def close(self) -> None:
        for handle, _ in self.open.values():
            handle.close()


def write_text(
    rows: Iterable[tuple[dict[str, Any], dict[str, Any]]],
    columns: Sequence[str],
    fmt: str,
    out: IO[str] | None,
    root: str | None = None,
    partition_by: Sequence[str] = (),
) -> int:
    """Write JSON Lines or CSV to ``out``, or partitioned under ``root``; the rows written."""
    import csv

    written = 0
    kept = [name for name in columns if name not in partition_by]

    def start(handle: IO[str]) -> Any:
        if fmt == "jsonl":
            return None
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(kept)
        return writer

    def write(handle: IO[str], writer: Any, row: dict[str, Any]) -> None:
        if fmt == "jsonl":
            obj = {k: row[k] for k in kept if row[k] is not ABSENT}
            handle.write(json.dumps(obj, ensure_ascii=False) + "\n")
        else:
            writer.writerow(["" if (v := _text(row[k])) is None else v for k in kept])

    if not partition_by:
        assert out is not None
        writer = start(out)
        for row, _ in rows:
            write(out, writer, row)
            written += 1
        return written
    assert root is not None
    files = _Files(root, f"part-0.{fmt}", start)
    try:
        for row, parts in rows:
            handle, writer = files.get(_partition_path(parts, partition_by))
            write(handle, writer, row)
            written += 1
    finally:
        files.close()
    return written


def _pyarrow() -> Any:
    import importlib

    try:  # by name: pyarrow has no type information for mypy
        pyarrow = importlib.import_module("pyarrow")
        importlib.import_module("pyarrow.dataset")
        importlib.import_module("pyarrow.parquet")
    except ImportError:
        raise ShuangtanError(
            "Parquet needs pyarrow: pip install 'shuangtan[parquet]' (or pip install pyarrow)"
        ) from None
    return pyarrow


def write_parquet(
    rows: Iterable[tuple[dict[str, Any], dict[str, Any]]],
    columns: Sequence[str],
    path: str,
    partition_by: Sequence[str] = (),
) -> int:
    """Write Parquet (zstd) to the file ``path``, or a Hive-partitioned tree under it."""
    pa = _pyarrow()
    types = {
        "seq": pa.int64(),
        "paragraph": pa.int64(),
        "length": pa.int64(),
        "han_chars": pa.int64(),
        "paragraphs": pa.list_(pa.string()),
    }
    fields = [pa.field(name, types.get(name, pa.string())) for name in columns]
    fields += [pa.field(key, pa.string()) for key in partition_by if key not in columns]
    schema = pa.schema(fields)
    written = 0

    def batches() -> Iterator[Any]:
        nonlocal written
        batch: list[dict[str, Any]] = []
        for row, parts in rows:
            values = {k: (v if k in types else _text(v)) for k, v in row.items()}
            values = {k: (None if v is ABSENT else v) for k, v in values.items()}
            for key in partition_by:
                value = parts[key]
                values[key] = None if value in (None, "") else str(value)
            batch.append(values)
            if len(batch) >= BATCH:
                written += len(batch)
                yield pa.RecordBatch.from_pylist(batch, schema=schema)
                batch = []
        if batch:
            written += len(batch)
            yield pa.RecordBatch.from_pylist(batch, schema=schema)

    if not partition_by:
        with pa.parquet.ParquetWriter(path, schema, compression="zstd") as writer:
            for batch in batches():
                writer.write_batch(batch, row_group_size=BATCH)
            if not written:
                writer.write_table(schema.empty_table())
        return written
    ds = pa.dataset
    partitioning = ds.HivePartitioning(
        pa.schema([pa.field(key, pa.string()) for key in partition_by]),
        null_fallback=NULL_PARTITION,
        segment_encoding="none",  # the values are names of places and years: no slash
    )
    ds.write_dataset(
        pa.RecordBatchReader.from_batches(schema, batches()),
        path,
        format="parquet",
        partitioning=partitioning,
        basename_template="part-{i}.parquet",
        file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"),
        existing_data_behavior="error",
        max_rows_per_group=BATCH * 8,
        min_rows_per_group=0,
    )
    return written
