"""``shuangtan export``: the selection as JSON Lines, CSV or Parquet, for other tools."""

from __future__ import annotations

import os

import click

from ..errors import ShuangtanError
from ..formats import Format
from ..options import PATH, ScriptType, environment, open_corpus, selection_options
from ..output import Output
from ..script import Script
from ..selection import Selection


def _partition_keys(text: str | None) -> tuple[str, ...]:
    from ..export import PARTITION_KEYS

    if not text:
        return ()
    keys = tuple(dict.fromkeys(key.strip() for key in text.split(",") if key.strip()))
    unknown = [key for key in keys if key not in PARTITION_KEYS]
    if unknown or not keys:
        raise click.BadParameter(
            f"cannot partition by '{unknown[0] if unknown else text}'; "
            f"choose from {', '.join(PARTITION_KEYS)}",
            param_hint="'--partition-by'",
        )
    return keys


@click.command("export")
@selection_options
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet"], case_sensitive=False),
    default="jsonl",
    show_default=True,
    help="JSON Lines, CSV (paragraphs as a JSON array), or Parquet (needs pyarrow).",
)
@click.option(
    "--per",
    type=click.Choice(["record", "paragraph"], case_sensitive=False),
    default="record",
    show_default=True,
    help="One row per record, or per paragraph.",
)
@click.option(
    "-o",
    "--output",
    "path",
    type=PATH,
    metavar="PATH",
    help="The file (a directory with --partition-by) to write [default: standard output].",
)
@click.option(
    "--partition-by",
    metavar="KEY,…",
    help="Hive-partitioned files, by province, region, division and/or year.",
)
@click.option(
    "--script",
    "-s",
    type=ScriptType(),
    default=None,
    envvar="SHUANGTAN_SCRIPT",
    show_envvar=True,
    help="Script of the text written [default: original, as written].",
)
def command(
    selection: Selection,
    fmt: str,
    per: str,
    path: str | None,
    partition_by: str | None,
    script: Script | None,
) -> int:
    """Write the selected records as JSON Lines, CSV or Parquet.

    Record rows have the columns that 'shuangtan import' reads (id, province,
    date, speaker, …, paragraphs), then the corpus's own fields, so an export
    imports again as the same corpus. DuckDB, pandas, polars and Spark read
    every format. Parquet needs pyarrow (pip install 'shuangtan[parquet]')
    and -o FILE; --partition-by province,year writes a Hive-partitioned
    directory instead (-o DIR).

    \b
    Examples:
      shuangtan export --province 河北 > hebei.jsonl
      shuangtan export --format csv --per paragraph > paragraphs.csv
    """
    from .. import export

    keys = _partition_keys(partition_by)
    fmt = fmt.lower()
    per = per.lower()
    if (fmt == "parquet" or keys) and not path:
        what = "--partition-by" if keys else "Parquet"
        raise click.UsageError(f"{what} needs -o PATH (a {'directory' if keys else 'file'})")
    if path and os.path.lexists(path):
        raise ShuangtanError(f"{path} exists already: remove it, or export to another path")
    if fmt == "parquet":
        export._pyarrow()  # fail before anything is read
    env = environment()
    corpus = open_corpus(Output(Format.JSONL, script, "never", env))
    positions = corpus.select(selection)
    columns = export.columns_of(corpus, per, keys)
    rows = export.rows(corpus, positions, per, columns)
    if fmt == "parquet":
        assert path is not None
        written = export.write_parquet(rows, columns, path, keys)
    elif keys:
        written = export.write_text(rows, columns, fmt, None, path, keys)
    elif path:
        try:
            with open(path, "w", encoding="utf-8", newline="") as out:
                written = export.write_text(rows, columns, fmt, out)
        except BaseException:
            if os.path.isfile(path):
                os.remove(path)
            raise
    else:
        written = export.write_text(rows, columns, fmt, env.stdout)
    return 0 if written else 1
