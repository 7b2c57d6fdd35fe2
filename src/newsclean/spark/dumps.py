"""``newsclean dedupe --engine spark``: JSONL or Parquet dumps in, the de-duplication report out.

:func:`run_spark_dedupe` does on Spark what the local ``newsclean dedupe`` does in one process:

1. read every record of the dumps, in input order (dumps in the order given, files of a
   dump by name, lines or rows in file order): JSONL lines are read as raw bytes and parsed
   like the local reader (the text from the HTML field when there is one, else the text
   field; a missing id is derived from the origin ``<file>:<line>``; a line that is not a JSON
   object, or has no text, is an error record); Parquet rows the same way, from columns; a
   local file Spark cannot read to its end (cut, damaged) is left out, one error record;
2. learn the site profiles of the hosts (``site_templates``, as ``--site-templates``: the
   line keys of the first 500 text pages of each host in the dumps, counted with
   ``groupBy``; :mod:`newsclean.sites`);
3. clean every record with the local run's :func:`newsclean.batch.clean_record` (its
   host's profile joined to it; ``mapInPandas``); records that fail (binary or empty
   content, no article text) are reported with the reason, like a later record reusing an
   id;
4. cluster the clean articles with :func:`~newsclean.spark.dedupe_dataframe` (the text
   :func:`~newsclean.dedup.features.dedup_text` gives -- an HTML page's body, a text dump
   without its sure chrome lines --, the date and the credited agency, as the local run);
5. write one report row per record, in input order, with the columns of the local report
   (``id, origin, url, date, status, cluster, canonical, similarity, reason, encoding, agency,
   title, error, indexed_before``), as JSONL, CSV or Parquet -- a directory of part files, as Spark
   writes on a cluster.

>>> report_format("out.csv"), report_format("out/"), report_format("r.parquet")
('csv', 'jsonl', 'parquet')
>>> parse_json_line(b'{"id": "a", "text": "One."}', "d.jsonl:1", Fields())["raw"]
'One.'
>>> parse_json_line(b'not json', "d.jsonl:2", Fields())["error"]
'invalid JSON: Expecting value (column 1)'
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import time
import urllib.parse
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..batch import CleanOptions, clean_record
from ..dates import parse_date
from ..dedup.features import dedup_text
from ..dedup.types import LINKED_REASON
from ..dumps import DumpRecord
from ..dumps.compression import decompressed, is_zstd, zstd_damage
from ..dumps.detect import kind_from_name
from ..dumps.jsonl import opens_document, parse_line
from ..dumps.options import DumpOptions
from ..dumps.parquet import row_record, textless_columns
from ..errors import DumpError, NewscleanError
from ..site import SiteProfile
from ..sites import MAX_PAGES_PER_HOST, SiteLearner, host_of, page_keys
from .engine import dedupe_dataframe
from .session import materialize, require_pyspark, spark_session
from .tasks import opt_str

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

__all__ = [
    "REPORT_COLUMNS",
    "Fields",
    "SparkRunSummary",
    "parse_json_line",
    "report_format",
    "run_spark_dedupe",
]

REPORT_COLUMNS = (
    "id",
    "origin",
    "url",
    "date",
    "status",
    "cluster",
    "canonical",
    "similarity",
    "reason",
    "encoding",
    "agency",
    "title",
    "error",
    "indexed_before",
)
"""The columns of the report, in order (those of the local ``newsclean dedupe`` report)."""

DEFAULT_MAX_BYTES = 50_000_000


@dataclass(frozen=True, slots=True)
class Fields:
    """Where a record's values are: JSONL fields or Parquet columns (dotted for nested)."""

    id: str = "id"
    text: str = "text"
    html: str = "html"
    url: str = "url"
    date: str = "date"
    fetched: str = "fetched"
    title: str = "title"

    @classmethod
    def of(cls, options: DumpOptions) -> Fields:
        """The fields a :class:`DumpOptions` names (its ``<name>_field`` attributes).

        >>> Fields.of(DumpOptions(text_field="body")).text
        'body'
        """
        return cls(**{f.name: getattr(options, f"{f.name}_field") for f in dataclasses.fields(cls)})

    def options(self, **settings: Any) -> DumpOptions:
        """The :class:`DumpOptions` of the local readers naming these fields (with
        ``settings`` such as ``max_bytes``)."""
        named = {f"{f.name}_field": getattr(self, f.name) for f in dataclasses.fields(self)}
        return DumpOptions(**named, **settings)


@dataclass(slots=True)
class SparkRunSummary:
    """What a run did: records, counts by status, stories with copies, seconds, the hosts
    whose site templates were learned, and the damaged files left out."""

    records: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    stories: int = 0
    seconds: float = 0.0
    report: str = ""
    sites: int = 0
    left_out: dict[str, str] = field(default_factory=dict)
    """The damaged dump files the run left out (each an error row), and why."""

    @property
    def docs_per_s(self) -> float:
        return self.records / self.seconds if self.seconds > 0 else 0.0


def report_format(path: str) -> str:
    """The report format a path implies: CSV or Parquet by extension, else JSONL."""
    low = path.lower().rstrip("/")
    if low.endswith(".csv"):
        return "csv"
    if low.endswith((".parquet", ".pq")):
        return "parquet"
    return "jsonl"


_PARQUET = (".parquet", ".pq")
# the compressed files Spark reads (Hadoop's codecs, by extension); xz has none
_CODECS = (".gz", ".zst", ".bz2")
_JSONL = (".jsonl", ".json", ".ndjson")
# The files of a local directory that are read: Spark's own reader would take every file
# (a dataset card beside the shards, README.md, would fail as a Parquet file).
_GLOBS = {
    "parquet": "*.{parquet,pq}",
    "jsonl": "*.{" + ",".join(e[1:] + z for e in _JSONL for z in ("", *_CODECS)) + "}",
}


def _is_jsonl(name: str) -> bool:
    low = name.lower()
    return low.removesuffix(next((c for c in _CODECS if low.endswith(c)), "")).endswith(_JSONL)


def _dump_files(path: str) -> tuple[list[str], list[str]]:
    """The Parquet and the JSONL files directly inside the local directory ``path`` (names
    starting with "_" or "." are Spark's and Hadoop's own files, which Spark skips)."""
    names = sorted(
        n
        for n in os.listdir(path)
        if not n.startswith(("_", ".")) and os.path.isfile(os.path.join(path, n))
    )
    return [n for n in names if n.lower().endswith(_PARQUET)], [n for n in names if _is_jsonl(n)]


def _dump_kind(path: str) -> str:
    if path.lower().rstrip("/").endswith(_PARQUET):
        return "parquet"
    if _is_jsonl(path.rstrip("/")):
        _refuse_json_documents([path])
        return "jsonl"
    hint = _unread_hint(os.path.basename(path.rstrip("/")))
    if os.path.isdir(path):
        parquet, jsonl = _dump_files(path)
        unread = sorted(
            n for n in os.listdir(path) if _unread_hint(n) and os.path.isfile(os.path.join(path, n))
        )
        if unread:  # the local engine would read them: leaving them out would lose records
            raise NewscleanError(
                f"{os.path.join(path, unread[0])}: a dump file the Spark engine does not "
                f"read{_unread_hint(unread[0])}; or give the files it reads one by one"
            )
        if parquet and jsonl:
            raise NewscleanError(
                f"{path}: Parquet and JSONL files in one directory: give them as dumps of "
                f"their own ({path.rstrip('/')}/*.parquet {path.rstrip('/')}/*.jsonl ...)"
            )
        if parquet:
            return "parquet"
        if jsonl:
            _refuse_json_documents([os.path.join(path, n) for n in jsonl[:3]])
            return "jsonl"
        inside = [
            d
            for d in sorted(os.listdir(path))
            if os.path.isdir(os.path.join(path, d)) and any(_dump_files(os.path.join(path, d)))
        ]
        if inside:
            hint = (
                "; it reads the files directly inside a directory, and "
                f"{os.path.join(path, inside[0])} holds dump files: give that"
            )
    raise NewscleanError(
        f"{path}: the Spark engine reads JSONL (.jsonl, .jsonl.gz, .jsonl.zst, .jsonl.bz2) "
        f"and Parquet (.parquet) dumps{hint}"
    )


def _unread_hint(name: str) -> str:
    """Why the Spark engine does not read a file named as a dump (what to do), or "".

    >>> _unread_hint("a.jsonl.xz").partition(":")[0], _unread_hint("a.jsonl.bz2")
    ('; Hadoop has no codec for this compression', '')
    >>> _unread_hint("pages.tar.gz")
    '; a zip or tar archive is read by the local engine (or extract it)'
    """
    if name.startswith(("_", ".")) or _is_jsonl(name):
        return ""
    named = kind_from_name(name)
    if named == "csv":
        return "; a CSV dump is read by the local engine (or write it as Parquet)"
    if named == "jsonl":  # compressed with a codec Hadoop has not: xz, lz4
        return (
            "; Hadoop has no codec for this compression: the local engine reads it (or "
            "recompress it with gzip or zstd)"
        )
    if named == "warc":
        return "; a WARC file is read by the local engine"
    if named == "archive":
        return "; a zip or tar archive is read by the local engine (or extract it)"
    return ""


_FIRST_LINE = 1 << 16


def _first_line(path: str) -> bytes:
    """The first non-blank line of a file (plain, gzip or Zstandard; 64 kB at most), or
    b""."""
    with open(path, "rb") as fh:
        stream = decompressed(fh)
        for line in iter(lambda: stream.readline(_FIRST_LINE), b""):
            if line.strip():
                return line
    return b""


def _local_files(path: str) -> list[str]:
    """The local dump files the input ``path`` reads (itself, or the dump files of a
    directory), in their order, as absolute paths; [] for a remote path."""
    if os.path.isfile(path):
        return [os.path.abspath(path)]
    if not os.path.isdir(path):
        return []
    parquet, jsonl = _dump_files(path)
    return [os.path.abspath(os.path.join(path, n)) for n in (parquet or jsonl)]


def _damaged_zstd(paths: Sequence[str]) -> dict[str, str]:
    """The local Zstandard files of these inputs that are cut short or damaged, with why:
    Spark's codec ends quietly where a cut frame's data stops, and the records after would be
    lost without a word (:func:`~newsclean.dumps.compression.zstd_damage` reads only
    headers)."""
    damaged = {}
    for path in paths:
        for name in _local_files(path):
            with open(name, "rb") as fh:
                why = zstd_damage(fh) if is_zstd(fh.peek(4)[:4]) else None
            if why:
                damaged[name] = why
    return damaged


def _damaged(path: str, why: str) -> str:
    return (
        f"{path}: {why}: the Spark engine leaves out a damaged local dump file (up to "
        f"{_MAX_LEFT_OUT} in a run), not this one; repair or leave out the file, or run the "
        "local engine, which reports what it can read and the damage as an error row"
    )


_MAX_LEFT_OUT = 32
"""Damaged files a run leaves out at most (each costs a new start of the reading job)."""
_LEFT_OUT = (
    "; the Spark engine left the file out, none of its records were read (the local engine "
    "reads those before the damage)"
)


def _refuse_json_documents(paths: list[str]) -> None:
    """NewscleanError when one of these local files is a JSON document (an array, a
    pretty-printed object) rather than JSON lines: Spark reads a JSON dump line by line, and
    would report every line of it as an error."""
    for path in paths:
        if not os.path.isfile(path):
            continue  # a remote path, or a directory Spark lists itself
        try:
            line = _first_line(path)
        except (EOFError, OSError, zlib.error, DumpError):
            continue  # a damaged file (reading it reports it), or no zstandard here
        # a first line longer than was read is cut: only an array's "[" tells then
        cut = len(line) >= _FIRST_LINE and not line.endswith(b"\n")
        if line.lstrip()[:1] == b"[" if cut else opens_document(line):
            raise NewscleanError(
                f"{path}: a JSON document, not JSON lines: the Spark engine reads JSON lines "
                "(write them with jq -c '.[]' or jq -c .), the local engine reads both"
            )


def _as_dict(rec: DumpRecord) -> dict[str, Any]:
    """A record of the local reader as the dict the Spark stages carry."""
    return {
        "id": rec.id,
        "url": rec.url,
        "date": rec.date,
        "fetched": rec.fetched,
        "raw": rec.raw,
        "html": bool(rec.html),
        "error": rec.error,
    }


def parse_json_line(line: bytes, origin: str, fields: Fields) -> dict[str, Any]:
    """One JSONL line as a record dict (``id, url, date, fetched, raw, html, error``), parsed by the
    local reader (:func:`newsclean.dumps.jsonl.parse_line`).  A line that is not UTF-8 is
    still parsed; the bytes of its text go undecoded to the encoding stage."""
    return _as_dict(parse_line(line, origin, fields.options()))


def _dump_record(rec: dict[str, Any]) -> DumpRecord:
    """A parsed record as the local reader's :class:`~newsclean.dumps.DumpRecord`."""
    return DumpRecord(
        rec["id"],
        rec["origin"],
        raw=rec.get("raw"),
        url=rec.get("url"),
        date=rec.get("date"),
        html=rec.get("html"),
        error=rec.get("error"),
        fetched=rec.get("fetched"),
    )


_PARSED = (
    "seq long, origin string, id string, url string, date string, fetched string, "
    "text string, blob binary, "
    "html boolean, error string, host string, keys array<string>"
)
"""A parsed record: its raw content as ``text`` (or ``blob``, bytes that are not UTF-8), its
``host``, and the line ``keys`` of a text page site profiles are learned from."""


def _parsed_frame(
    pdf: pd.DataFrame, recs: list[dict[str, Any]], *, learn: bool, max_bytes: int
) -> pd.DataFrame:
    import pandas as pd

    texts, blobs, hosts, keys = [], [], [], []
    for rec in recs:
        raw = rec.get("raw")
        texts.append(raw if isinstance(raw, str) else None)
        blobs.append(raw if isinstance(raw, bytes) else None)
        hosts.append(host_of(rec.get("url")))
        found = page_keys(_dump_record(rec), max_bytes) if learn and not rec["error"] else None
        keys.append(list(found[1]) if found is not None else None)
    return pd.DataFrame(
        {
            "seq": pdf["seq"].to_numpy(),
            "origin": list(pdf["origin"]),
            "id": [r["id"] for r in recs],
            "url": [r.get("url") for r in recs],
            "date": [r.get("date") for r in recs],
            "fetched": [r.get("fetched") for r in recs],
            "text": texts,
            "blob": blobs,
            "html": pd.Series([bool(r.get("html")) for r in recs], dtype="bool"),
            "error": [r.get("error") for r in recs],
            "host": hosts,
            "keys": keys,
        }
    )


def _parse_json_batches(
    batches: Iterator[pd.DataFrame], *, fields: Fields, max_bytes: int, learn: bool
) -> Iterator[pd.DataFrame]:
    """``(seq, origin, line)`` JSONL lines to parsed records (blank lines dropped)."""
    for pdf in batches:
        pdf = pdf[[bool(line.strip()) for line in pdf["line"]]]
        recs = []
        for line, origin in zip(pdf["line"], pdf["origin"], strict=True):
            line = bytes(line)
            if len(line) > max_bytes:
                rec = {"id": origin, "error": f"too large: line longer than {max_bytes} bytes"}
            else:
                rec = parse_json_line(line, origin, fields)
            rec["origin"] = origin
            recs.append(rec)
        yield _parsed_frame(pdf, recs, learn=learn, max_bytes=max_bytes)


def _parse_row_batches(
    batches: Iterator[pd.DataFrame],
    *,
    fields: Fields,
    max_bytes: int,
    learn: bool,
    hint: Sequence[str] | None = None,
) -> Iterator[pd.DataFrame]:
    """``(seq, origin, f_id, f_url, f_date, f_fetched, f_title, f_html, f_text)`` Parquet rows
    to parsed records, by the local reader's :func:`~newsclean.dumps.parquet.row_record` (a
    binary text column as bytes, for the encoding stage; ``hint``: the file's columns when
    none holds the text)."""
    options = fields.options(max_bytes=max_bytes)
    for pdf in batches:
        recs = []
        for origin, i, u, d, f, title, h, t in zip(
            pdf["origin"],
            pdf["f_id"],
            pdf["f_url"],
            pdf["f_date"],
            pdf["f_fetched"],
            pdf["f_title"],
            pdf["f_html"],
            pdf["f_text"],
            strict=True,
        ):
            row = {
                fields.id: opt_str(i),
                fields.url: opt_str(u),
                fields.date: opt_str(d),
                fields.fetched: opt_str(f),
                fields.title: opt_str(title),
                fields.html: _text_value(h),
                fields.text: _text_value(t),
            }
            rec = _as_dict(row_record(row, origin, options, hint))
            rec["origin"] = origin
            recs.append(rec)
        yield _parsed_frame(pdf, recs, learn=learn, max_bytes=max_bytes)


def _text_value(value: Any) -> str | bytes | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    return None


def _site_profiles(parsed: DataFrame, max_pages: int = MAX_PAGES_PER_HOST) -> DataFrame:
    """``(host, pages, lines)``: the site profiles ``learn_site_profiles`` learns from the
    same records -- the line keys of the first ``max_pages`` text pages of each host (input
    order), hosts with at least 3 such pages, lines on at least two of them."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    learner = SiteLearner(max_pages=max_pages)
    pages = (
        parsed.filter(F.col("keys").isNotNull())
        .select("host", "seq", "keys")
        .withColumn("nth", F.row_number().over(Window.partitionBy("host").orderBy("seq")))
        .filter(F.col("nth") <= learner.max_pages)
    )
    hosts = (
        pages.groupBy("host")
        .agg(F.count("*").alias("pages"))
        .filter(F.col("pages") >= learner.min_pages)
    )
    lines = (
        pages.join(hosts.select("host"), "host")
        .select("host", F.explode("keys").alias("key"))
        .groupBy("host", "key")
        .count()
        .filter(F.col("count") > 1)
        .groupBy("host")
        .agg(F.map_from_entries(F.collect_list(F.struct("key", "count"))).alias("lines"))
    )
    return hosts.join(lines, "host", "left")


_CLEANED = (
    "seq long, id string, origin string, url string, date string, ok boolean, body string, "
    "agency string, title string, encoding string, error string"
)


def _clean_batches(
    batches: Iterator[pd.DataFrame], *, lang: str | None, max_bytes: int
) -> Iterator[pd.DataFrame]:
    """Parsed records (with their host's site profile: ``pages``, ``lines``) to cleaned
    records, by the local run's own :func:`~newsclean.batch.clean_record`."""
    import pandas as pd

    for pdf in batches:
        out: dict[str, list[Any]] = {
            k: [] for k in ("body", "agency", "title", "encoding", "error", "ok", "date")
        }
        for row in pdf.itertuples(index=False):
            raw: str | bytes | None = None
            if isinstance(row.text, str):
                raw = row.text
            elif isinstance(row.blob, bytes | bytearray | memoryview):
                raw = bytes(row.blob)
            rec = {
                "id": row.id,
                "origin": row.origin,
                "raw": raw,
                "url": opt_str(row.url),
                "date": opt_str(row.date),
                "fetched": opt_str(row.fetched),
                "html": bool(row.html),
                "error": opt_str(row.error),
            }
            sites = {}
            if row.host is not None and not pd.isna(row.pages):
                lines = dict(row.lines) if row.lines is not None else {}
                sites[row.host] = SiteProfile(
                    host=row.host, pages=int(row.pages), lines=dict(sorted(lines.items()))
                )
            options = CleanOptions(lang=lang, max_bytes=max_bytes, sites=sites)
            done = clean_record(_dump_record(rec), options)
            art = done.article
            out["ok"].append(art is not None)
            out["error"].append(done.error)
            out["date"].append(parse_date(done.date))  # the dump's, else the page's: as locally
            out["body"].append(dedup_text(art)[0] if art is not None else None)
            out["agency"].append(art.agency if art is not None else None)
            out["title"].append(art.title if art is not None else None)
            out["encoding"].append(art.encoding.codec if art is not None and art.encoding else None)
        yield pd.DataFrame(
            {
                "seq": pdf["seq"].to_numpy(),
                "id": list(pdf["id"]),
                "origin": list(pdf["origin"]),
                "url": [opt_str(v) for v in pdf["url"]],  # an all-null column is NaN
                "date": out["date"],
                "ok": pd.Series(out["ok"], dtype="bool"),
                **{k: out[k] for k in ("body", "agency", "title", "encoding", "error")},
            }
        )


def _numbered(df: DataFrame, dump_index: int, path: str) -> DataFrame:
    """``df`` (rows of file dumps) with ``seq``, its input order over all dumps, and
    ``origin``, ``<file>:<row number in the file>``.

    Rows are ordered by file name, then by their place in the file: the start of the file
    split that holds them, then their order in the split (consecutive ids within a task).
    Counting the rows of every split (a small table) gives each row its number in the file
    without moving the rows."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    keyed = df.select(
        "*",
        F.col("_metadata.file_path").alias("file"),
        F.col("_metadata.file_block_start").alias("block"),
        F.monotonically_increasing_id().alias("mono"),
    ).drop("_metadata")
    # Row ids are positions within a task: computed once, so that the split counts and the
    # rows agree.
    keyed = materialize(keyed)
    splits = keyed.groupBy("file", "block").agg(
        F.min("mono").alias("mono0"), F.count("*").alias("rows")
    )
    in_file = Window.partitionBy("file").orderBy("block")
    splits = splits.select(
        "file",
        "block",
        "mono0",
        (F.sum("rows").over(in_file) - F.col("rows")).alias("before"),
        F.dense_rank().over(Window.orderBy("file")).alias("file_rank"),
    )
    line = F.col("before") + F.col("mono") - F.col("mono0")
    seq = (F.lit(dump_index) * F.lit(1 << 16) + F.col("file_rank")) * F.lit(1 << 32) + line
    if os.path.isfile(path):
        name = F.lit(path)  # a dump given as one file: named as given
    else:
        name = F.regexp_replace(F.col("file"), "^file:(//)?", "")
    origin = F.concat(name, F.lit(":"), (line + 1).cast("string"))
    return keyed.join(F.broadcast(splits), ["file", "block"]).select(
        "*", seq.alias("seq"), origin.alias("origin")
    )


def _reader(spark: SparkSession, path: str, kind: str) -> Any:
    """``spark.read``, taking only the dump files of a local directory."""
    if os.path.isdir(path):
        return spark.read.option("pathGlobFilter", _GLOBS[kind])
    return spark.read


def _sources(path: str, files: list[str], left_out: dict[str, str]) -> list[str]:
    """What Spark reads for the input ``path`` (its local ``files``): ``[path]``, or those
    files but the ones left out ([] when nothing is left)."""
    if not any(f in left_out for f in files):
        return [path]
    return [f for f in files if f not in left_out]


@dataclass(frozen=True, slots=True)
class _DumpRead:
    """One input dump to read: as given (``path``), the files Spark reads for it
    (``sources``), its place among the inputs, and how its records are parsed."""

    path: str
    sources: list[str]
    index: int
    fields: Fields
    max_bytes: int
    learn: bool


def _read_jsonl(spark: SparkSession, dump: _DumpRead) -> DataFrame:
    from pyspark.sql import functions as F

    lines = (
        _reader(spark, dump.path, "jsonl")
        .text(dump.sources)
        .select(F.col("value").cast("binary").alias("line"), F.col("_metadata"))
    )
    parse = functools.partial(
        _parse_json_batches, fields=dump.fields, max_bytes=dump.max_bytes, learn=dump.learn
    )
    return (
        _numbered(lines, dump.index, dump.path)
        .select("seq", "origin", "line")
        .mapInPandas(parse, _PARSED)
    )


def _field(df: DataFrame, name: str, *, binary: bool = False) -> Any:
    """The column ``name`` (dotted: a nested field, else a literal dotted name) as text; a
    timestamp as ISO 8601 with its UTC offset, so that no session time zone shifts it; with
    ``binary``, a binary column as its bytes (left to the encoding stage)."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import BinaryType, TimestampType

    head = name.split(".")[0]
    if head not in df.columns:
        return F.lit(None).cast("string")
    try:
        col = F.col(name)
        kind = df.select(col).schema[0].dataType
    except Exception:  # a dotted name that is not a nested field: a literal column name
        col = F.col(f"`{name}`")
        kind = df.select(col).schema[0].dataType
    if isinstance(kind, TimestampType):
        return F.date_format(col, "yyyy-MM-dd'T'HH:mm:ssXXX")
    if binary and isinstance(kind, BinaryType):
        return col
    return col.cast("string")


def _read_parquet(spark: SparkSession, dump: _DumpRead) -> DataFrame:
    from pyspark.sql import functions as F

    fields = dump.fields
    rows = _reader(spark, dump.path, "parquet").parquet(*dump.sources)
    cols = rows.select(
        F.col("_metadata"),
        _field(rows, fields.id).alias("f_id"),
        _field(rows, fields.url).alias("f_url"),
        _field(rows, fields.date).alias("f_date"),
        _field(rows, fields.fetched).alias("f_fetched"),
        _field(rows, fields.title).alias("f_title"),
        _field(rows, fields.html, binary=True).alias("f_html"),
        _field(rows, fields.text, binary=True).alias("f_text"),
    )
    return (
        _numbered(cols, dump.index, dump.path)
        .select(
            "seq",
            "origin",
            "f_id",
            "f_url",
            "f_date",
            "f_fetched",
            "f_title",
            "f_html",
            "f_text",
        )
        .mapInPandas(
            functools.partial(
                _parse_row_batches,
                fields=fields,
                max_bytes=dump.max_bytes,
                learn=dump.learn,
                hint=textless_columns(rows.columns, fields.options()),
            ),
            _PARSED,
        )
    )


def run_spark_dedupe(
    inputs: Sequence[str],
    report_path: str,
    *,
    fmt: str | None = None,
    threshold: float | None = None,
    lang: str | None = None,
    fields: Fields | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    site_templates: bool = True,
    spark: SparkSession | None = None,
    master: str | None = None,
) -> SparkRunSummary:
    """De-duplicate the JSONL or Parquet dumps ``inputs`` on Spark and write the report.

    ``report_path`` is the report's directory (JSONL, CSV or Parquet part files, in input
    order; ``fmt`` or the extension chooses; an existing report there is replaced).
    ``site_templates`` learns each host's template lines from the dumps first and
    strips them (``newsclean dedupe --site-templates``, the default).  ``spark`` is the
    session to use (default: the active one, else a new one on ``master``: see
    :func:`~newsclean.spark.spark_session`).  Returns counts by status (``unique``,
    ``canonical``, ``duplicate``, ``error``), as the local ``newsclean dedupe`` summary.

    A local dump file that cannot be read to its end is left out (the reading job is
    started again without it) and reported as one error row after the rows of its dump;
    ``SparkRunSummary.left_out`` names them.  A damaged remote file, or more than 32 damaged
    files, stops the run with :class:`~newsclean.errors.DumpError`.
    """
    require_pyspark()
    start = time.perf_counter()
    if not inputs:
        raise NewscleanError("no dump to read")
    fmt = fmt or report_format(report_path)
    if fmt not in ("jsonl", "csv", "parquet"):
        raise NewscleanError(f"unknown report format {fmt!r} (choose from jsonl, csv, parquet)")
    fields = fields or Fields()
    for path in inputs:
        if "://" not in path and not os.path.exists(path):
            raise NewscleanError(f"{path}: no such file or directory")
    spark = spark or spark_session(master)
    left_out = _damaged_zstd(inputs)
    while True:
        try:
            summary = _dedupe_dumps(
                spark,
                inputs,
                report_path,
                fmt,
                threshold,
                lang,
                fields,
                max_bytes,
                site_templates,
                left_out,
            )
            break
        except Exception as exc:
            failed = _failed_file(exc)
            if failed is not None and _leaves_out(failed[0], inputs, left_out):
                left_out[failed[0]] = failed[1]  # and read again without it
                continue
            reason = read_failure(exc)
            if reason is None:
                raise
            raise DumpError(reason) from exc
    summary.left_out = left_out
    summary.seconds = time.perf_counter() - start
    return summary


def _leaves_out(path: str, inputs: Sequence[str], left_out: dict[str, str]) -> bool:
    """Whether the run can go on without the damaged file ``path``: a local file of one of
    the inputs, not already left out, and fewer than :data:`_MAX_LEFT_OUT` of them."""
    if path in left_out or len(left_out) >= _MAX_LEFT_OUT:
        return False
    return any(path in _local_files(p) for p in inputs)


def _dedupe_dumps(
    spark: SparkSession,
    inputs: Sequence[str],
    report_path: str,
    fmt: str,
    threshold: float | None,
    lang: str | None,
    fields: Fields,
    max_bytes: int,
    site_templates: bool,
    left_out: dict[str, str],
) -> SparkRunSummary:
    """:func:`run_spark_dedupe` once its arguments are checked and its session is up; the
    files ``left_out`` are not read, each is an error row instead (after the rows of its
    dump)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    parts = []
    failed: list[tuple[int, str, str]] = []
    for index, path in enumerate(inputs):
        read = _read_jsonl if _dump_kind(path) == "jsonl" else _read_parquet
        files = _local_files(path)
        sources = _sources(path, files, left_out)
        if sources:
            dump = _DumpRead(path, sources, index, fields, max_bytes, site_templates)
            parts.append(read(spark, dump))
        for name in files:
            if name in left_out:
                failed.append((index, name, left_out[name]))
    if not parts:
        parts.append(spark.createDataFrame([], _PARSED))
    parsed = functools.reduce(lambda a, b: a.unionByName(b), parts)
    if site_templates:
        parsed = materialize(parsed)  # read twice: to learn the profiles, to clean
        profiles = materialize(_site_profiles(parsed))
        sites = profiles.count()
        parsed = parsed.join(profiles, "host", "left")
    else:
        sites = 0
        parsed = parsed.select(
            "*",
            F.lit(None).cast("long").alias("pages"),
            F.lit(None).cast("map<string,bigint>").alias("lines"),
        )
    records = parsed.mapInPandas(
        functools.partial(_clean_batches, lang=lang, max_bytes=max_bytes), _CLEANED
    )
    if failed:
        records = records.unionByName(_left_out_rows(spark, failed, inputs))
    # A later record reusing an id fails (the first keeps it), as in the local run.
    by_id = Window.partitionBy("id").orderBy("seq")
    records = records.select(
        "*",
        F.row_number().over(by_id).alias("nth"),
        F.first("origin").over(by_id).alias("first_origin"),
    )
    reused = F.col("nth") > 1
    records = records.select(
        "seq",
        "id",
        "origin",
        "url",
        "date",
        (F.col("ok") & ~reused).alias("ok"),
        "body",
        "agency",
        "title",
        "encoding",
        F.when(reused, F.concat(F.lit("duplicate id: the id is already used by "), "first_origin"))
        .otherwise(F.col("error"))
        .alias("error"),
    )
    records = materialize(records)
    docs = records.filter("ok").select("seq", "id", "body", "date", "agency")
    clustered = dedupe_dataframe(
        docs,
        id_col="id",
        text_col="body",
        date_col="date",
        agency_col="agency",
        order_col="seq",
        chrome=False,
        threshold=threshold,
    ).select("seq", "cluster_id", "canonical_id", "similarity", "cluster_size", "match", "reason")
    rows = records.join(clustered, "seq", "left")
    status = (
        F.when(~F.col("ok"), "error")
        .when(F.col("cluster_size") == 1, "unique")
        .when(F.col("id") == F.col("canonical_id"), "canonical")
        .otherwise("duplicate")
    )
    linked = LINKED_REASON.split("{}")  # the reason of a copy joined through others
    report = rows.select(
        "seq",
        "id",
        "origin",
        "url",
        "date",
        status.alias("status"),
        F.when(F.col("ok"), F.col("cluster_id")).alias("cluster"),
        F.when(F.col("ok"), F.col("canonical_id")).alias("canonical"),
        F.when(F.col("ok"), F.col("similarity")).alias("similarity"),
        F.when(F.col("match") == "duplicate", F.col("reason"))
        .when(F.col("match") == "linked", F.concat(F.lit(linked[0]), "reason", F.lit(linked[1])))
        .alias("reason"),
        F.when(F.col("ok"), F.col("encoding")).alias("encoding"),
        F.when(F.col("ok"), F.col("agency")).alias("agency"),
        F.when(F.col("ok"), F.col("title")).alias("title"),
        "error",
        F.lit(False).alias("indexed_before"),
    )
    report = materialize(report)
    _write(report.orderBy("seq").select(*REPORT_COLUMNS), report_path, fmt)
    summary = SparkRunSummary(report=report_path, sites=sites)
    for row in report.groupBy("status").count().collect():
        summary.statuses[row["status"]] = int(row["count"])
    summary.records = sum(summary.statuses.values())
    summary.stories = (
        report.filter(F.col("status") == "canonical").select("cluster").distinct().count()
    )
    return summary


def _left_out_rows(
    spark: SparkSession, failed: list[tuple[int, str, str]], inputs: Sequence[str]
) -> DataFrame:
    """The error rows of the files left out (dump index, file, why), each after the rows of
    its dump; named as the file's rows would be (as given, or its absolute path when read
    from a directory)."""
    rows = []
    for k, (index, name, why) in enumerate(failed):
        seq = (index * (1 << 16) + (1 << 16) - 1) * (1 << 32) + k
        origin = inputs[index] if os.path.isfile(inputs[index]) else name
        error = why + _LEFT_OUT
        rows.append((seq, origin, origin, None, None, False, None, None, None, None, error))
    return spark.createDataFrame(rows, _CLEANED)


def _failed_file(exc: BaseException) -> tuple[str, str] | None:
    """The dump file a failed Spark job could not read to its end, and why, as a report's
    error (``"unreadable: <the Java exception>"``); None when ``exc`` is another failure,
    or a Parquet file whose column types differ from its directory's (no damage: a usage
    matter, told by :func:`read_failure`).

    >>> _failed_file(RuntimeError("[FAILED_READ_FILE.NO_HINT] Encountered error while "
    ...     "reading file file:///d/a.jsonl.gz.  SQLSTATE: KD001\\n"
    ...     "Caused by: java.io.EOFException: Unexpected end of input"))
    ('/d/a.jsonl.gz', 'unreadable: java.io.EOFException: Unexpected end of input')
    """
    failed = _FAILED_READ.search(str(exc))
    if failed is None or failed.group(1) == "PARQUET_COLUMN_DATA_TYPE_MISMATCH":
        return None
    cause = _CAUSE.search(str(exc), failed.end())
    why = ": ".join(filter(None, cause.groups())) if cause else "the Spark job failed reading it"
    return _local_path(failed.group(2)), f"unreadable: {why}"


def _local_path(uri: str) -> str:
    """The path of a ``file:`` URI Spark names (``file:///d/a%20b.gz``: ``/d/a b.gz``); other
    URIs as they are.

    >>> _local_path("file:///d/a%20b.jsonl.gz"), _local_path("s3a://bucket/a.jsonl.gz")
    ('/d/a b.jsonl.gz', 's3a://bucket/a.jsonl.gz')
    """
    if not uri.startswith("file:"):
        return uri
    return urllib.parse.unquote(re.sub(r"^file:(//)?", "", uri))


# What Spark says when a task cannot read a dump file, and the exception under it.
_FAILED_READ = re.compile(
    r"(?:\[FAILED_READ_FILE\.(\w+)\] )?Encountered error while reading file (\S+?)\.?\s"
    r"(?:(.*?)\s*SQLSTATE)?"
)
_CAUSE = re.compile(r"Caused by: ([\w.$]+)(?:: ([^\r\n]*))?")


def read_failure(exc: BaseException) -> str | None:
    """What went wrong when ``exc`` is a Spark job that failed reading a dump file (a
    truncated or corrupt gzip or Zstandard file, a damaged Parquet file, a Parquet file of a
    directory whose column types differ from the others'), else None.

    >>> reason = read_failure(RuntimeError("[FAILED_READ_FILE.NO_HINT] Encountered error "
    ...     "while reading file file:///d/a.jsonl.gz.  SQLSTATE: KD001\\n"
    ...     "Caused by: java.io.EOFException: Unexpected end of input"))
    >>> reason.partition(": the Spark engine")[0]
    '/d/a.jsonl.gz: cannot be read (java.io.EOFException: Unexpected end of input)'
    >>> read_failure(ValueError("bad settings")) is None
    True
    """
    text = str(exc)
    failed = _FAILED_READ.search(text)
    if failed is None:
        return None
    kind, path, detail = failed.group(1), _local_path(failed.group(2)), failed.group(3)
    if kind == "PARQUET_COLUMN_DATA_TYPE_MISMATCH" and detail:
        return (
            f"{path}: {detail.rstrip('.')}: Spark reads the Parquet files of a directory with "
            "one schema, and this file's differs; give it as a dump of its own (each dump is "
            "read with its own), or run the local engine"
        )
    cause = _CAUSE.search(text, failed.end())
    why = f" ({': '.join(filter(None, cause.groups()))})" if cause else ""
    return _damaged(path, "cannot be read" + why)


def _write(df: DataFrame, path: str, fmt: str) -> None:
    writer = df.write.mode("overwrite")
    if fmt == "csv":
        # RFC 4180, as the local report: a quote inside a field doubled, CRLF line ends,
        # values as they are (Spark trims their blanks by default).
        options = {
            "header": "true",
            "emptyValue": "",
            "escape": '"',
            "lineSep": "\r\n",
            "ignoreLeadingWhiteSpace": "false",
            "ignoreTrailingWhiteSpace": "false",
        }
        writer.options(**options).csv(path)
    elif fmt == "parquet":
        writer.parquet(path)
    else:
        writer.option("ignoreNullFields", False).json(path)
