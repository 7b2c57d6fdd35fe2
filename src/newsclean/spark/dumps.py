"""``newsclean dedupe --engine spark``: JSONL or Parquet dumps in, the de-duplication report out.

:func:`run_spark_dedupe` does on Spark what the local ``newsclean dedupe`` does in one process:

1. read every record of the dumps, in input order (dumps in the order given, files of a
   dump by name, lines or rows in file order): JSONL lines are read as raw bytes and parsed
   like the local reader (the text from the HTML field when there is one, else the text
   field; a missing id is derived from the origin ``<file>:<line>``; a line that is not a JSON
   object, or has no text, is an error record); Parquet rows the same way, from columns;
2. clean every record with :func:`newsclean.clean` (``mapInPandas``); records that fail
   (binary or empty content, no article text) are reported with the reason, like a later
   record reusing an id;
3. cluster the clean articles with :func:`~newsclean.spark.dedupe_dataframe` (the text
   :func:`~newsclean.dedup.features.dedup_text` gives -- an HTML page's body, a text dump
   without its sure chrome lines --, the date and the credited agency, as the local run);
4. write one report row per record, in input order, with the columns of the local report
   (``id, origin, url, status, cluster, canonical, similarity, encoding, agency, title,
   error, indexed_before``), as JSONL, CSV or Parquet -- a directory of part files, as Spark
   writes on a cluster.

>>> report_format("out.csv"), report_format("out/"), report_format("r.parquet")
('csv', 'jsonl', 'parquet')
>>> parse_json_line(b'{"id": "a", "text": "One."}', "d.jsonl:1", Fields())["raw"]
'One.'
>>> parse_json_line(b'not json', "d.jsonl:2", Fields())["error"]
'invalid JSON: Expecting value (column 1)'
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..dedup.features import dedup_text
from ..errors import NewscleanError
from ..html import looks_like_html
from ..pipeline import clean
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
    "status",
    "cluster",
    "canonical",
    "similarity",
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


@dataclass(slots=True)
class SparkRunSummary:
    """What a run did: records, counts by status, stories with copies, seconds."""

    records: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    stories: int = 0
    seconds: float = 0.0
    report: str = ""

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


def _dump_kind(path: str) -> str:
    low = path.lower().rstrip("/")
    if low.endswith((".parquet", ".pq")):
        return "parquet"
    if low.endswith((".jsonl", ".jsonl.gz", ".json", ".json.gz", ".ndjson", ".ndjson.gz")):
        return "jsonl"
    if os.path.isdir(path):
        names = os.listdir(path)
        if any(n.endswith((".parquet", ".pq")) for n in names):
            return "parquet"
        if any(".json" in n or ".ndjson" in n for n in names):
            return "jsonl"
    raise NewscleanError(
        f"{path}: the Spark engine reads JSONL (.jsonl, .jsonl.gz) and Parquet (.parquet) dumps"
    )


_MISSING = object()


def _get(obj: dict[str, Any], name: str) -> Any:
    if name in obj:
        return obj[name]
    value: Any = obj
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _scalar(value: Any) -> str | None:
    if value is _MISSING or value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, int | float):
        return str(value)
    return None


def _record(
    origin: str,
    fields: Fields,
    doc_id: Any,
    url: Any,
    date: Any,
    html: Any,
    text: Any,
) -> dict[str, Any]:
    """A record's values, or its error, from raw field values (``_MISSING`` when absent)."""
    out: dict[str, Any] = {
        "id": _scalar(doc_id) or origin,
        "url": _scalar(url),
        "date": _scalar(date),
        "raw": None,
        "html": False,
        "error": None,
    }
    if isinstance(html, str):
        out["raw"], out["html"] = html, True
    elif isinstance(text, str):
        out["raw"] = text
    else:
        present = next(
            (
                (f, v)
                for f, v in ((fields.text, text), (fields.html, html))
                if v is not _MISSING and v is not None
            ),
            None,
        )
        if present is not None:
            out["error"] = f"bad text field: field {present[0]!r} is not a string"
        else:
            out["error"] = (
                f"no text: no {fields.text!r} or {fields.html!r} field "
                "(set --text-field / --html-field)"
            )
    return out


def parse_json_line(line: bytes, origin: str, fields: Fields) -> dict[str, Any]:
    """One JSONL line as a record dict (``id, url, date, raw, html, error``).  A line that
    is not UTF-8 is still parsed; the bytes of its text go undecoded to the encoding stage."""
    escaped = False
    try:
        obj = json.loads(line)
    except UnicodeDecodeError:
        escaped = True
        try:
            obj = json.loads(line.decode("utf-8", "surrogateescape"))
        except ValueError as exc:
            return _failed(origin, "invalid JSON", exc)
    except RecursionError:
        return {"id": origin, "error": "invalid JSON: nested too deeply"}
    except ValueError as exc:
        return _failed(origin, "invalid JSON", exc)
    if not isinstance(obj, dict):
        return {"id": origin, "error": f"not an object: the line is a JSON {type(obj).__name__}"}
    rec = _record(
        origin,
        fields,
        _get(obj, fields.id),
        _get(obj, fields.url),
        _get(obj, fields.date),
        _get(obj, fields.html),
        _get(obj, fields.text),
    )
    raw = rec["raw"]
    if escaped and isinstance(raw, str) and any("\udc80" <= ch <= "\udcff" for ch in raw):
        with contextlib.suppress(UnicodeEncodeError):
            rec["raw"] = raw.encode("utf-8", "surrogateescape")
    return rec


def _failed(origin: str, reason: str, exc: ValueError) -> dict[str, Any]:
    if isinstance(exc, json.JSONDecodeError):
        return {"id": origin, "error": f"{reason}: {exc.msg} (column {exc.colno})"}
    return {"id": origin, "error": f"{reason}: {exc}"}


def _clean_record(rec: dict[str, Any], lang: str | None) -> dict[str, Any]:
    """Clean one parsed record: the article's body, date, agency, title and encoding, or
    the reason it failed (as the local ``newsclean dedupe`` reports it)."""
    out: dict[str, Any] = {
        "ok": False,
        "body": None,
        "agency": None,
        "title": None,
        "encoding": None,
    }
    if rec.get("error"):
        return out
    raw = rec["raw"]
    if rec.get("html") and isinstance(raw, str) and not looks_like_html(raw):
        raw = f"<html><body>{raw}</body></html>"  # an HTML fragment from an HTML field
    try:
        art = clean(raw, url=rec.get("url"), lang=lang, id=rec["id"], date=rec.get("date"))
    except Exception as exc:  # reported as the record's error, as the local CLI does
        rec["error"] = f"internal error: {type(exc).__name__}: {exc}".splitlines()[0][:500]
        return out
    if art.raw_kind == "binary":
        rec["error"] = "not text: " + str(art.meta.get("error") or "no text encoding fits")
    elif art.raw_kind == "empty":
        rec["error"] = "empty: the record has no text"
    elif not art.body.strip():
        rec["error"] = (
            "no article text: no main content found in the HTML page"
            if art.raw_kind == "html"
            else "no article text: every line was removed as site chrome"
        )
    if rec.get("error"):
        return out
    enc = art.encoding
    if enc is not None and enc.replaced:
        rec["error"] = (
            f"undecodable bytes: {enc.replaced} replaced with U+FFFD (decoded as {enc.codec})"
        )
    out.update(
        ok=True,
        body=dedup_text(art)[0],  # what the local run fingerprints (no second chrome pass)
        agency=art.agency,
        title=art.title,
        encoding=enc.codec if enc else None,
    )
    return out


_CLEANED = (
    "seq long, id string, origin string, url string, date string, ok boolean, body string, "
    "agency string, title string, encoding string, error string"
)


def _cleaned_frame(
    seq: Any, recs: list[dict[str, Any]], origins: list[str], lang: str | None
) -> pd.DataFrame:
    import pandas as pd

    cleaned = [_clean_record(r, lang) for r in recs]
    return pd.DataFrame(
        {
            "seq": seq,
            "id": [r["id"] for r in recs],
            "origin": origins,
            "url": [r.get("url") for r in recs],
            "date": [r.get("date") for r in recs],
            "ok": pd.Series([c["ok"] for c in cleaned], dtype="bool"),
            "body": [c["body"] for c in cleaned],
            "agency": [c["agency"] for c in cleaned],
            "title": [c["title"] for c in cleaned],
            "encoding": [c["encoding"] for c in cleaned],
            "error": [r.get("error") for r in recs],
        }
    )


def _clean_json_batches(
    batches: Iterator[pd.DataFrame], *, fields: Fields, lang: str | None, max_bytes: int
) -> Iterator[pd.DataFrame]:
    """``(seq, origin, line)`` JSONL lines to cleaned records (blank lines dropped)."""
    for pdf in batches:
        keep = [bool(line.strip()) for line in pdf["line"]]
        pdf = pdf[keep]
        recs = []
        for line, origin in zip(pdf["line"], pdf["origin"], strict=True):
            line = bytes(line)
            if len(line) > max_bytes:
                recs.append(
                    {"id": origin, "error": f"too large: line longer than {max_bytes} bytes"}
                )
            else:
                recs.append(parse_json_line(line, origin, fields))
        yield _cleaned_frame(pdf["seq"].to_numpy(), recs, list(pdf["origin"]), lang)


def _clean_row_batches(
    batches: Iterator[pd.DataFrame], *, fields: Fields, lang: str | None
) -> Iterator[pd.DataFrame]:
    """``(seq, origin, f_id, f_url, f_date, f_html, f_text)`` Parquet rows to cleaned records."""
    for pdf in batches:
        recs = [
            _record(
                origin,
                fields,
                opt_str(i),
                opt_str(u),
                opt_str(d),
                h if isinstance(h, str) else _MISSING,
                t if isinstance(t, str) else _MISSING,
            )
            for origin, i, u, d, h, t in zip(
                pdf["origin"],
                pdf["f_id"],
                pdf["f_url"],
                pdf["f_date"],
                pdf["f_html"],
                pdf["f_text"],
                strict=True,
            )
        ]
        yield _cleaned_frame(pdf["seq"].to_numpy(), recs, list(pdf["origin"]), lang)


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


def _read_jsonl(
    spark: SparkSession, path: str, index: int, fields: Fields, lang: str | None, max_bytes: int
) -> DataFrame:
    from pyspark.sql import functions as F

    lines = spark.read.text(path).select(
        F.col("value").cast("binary").alias("line"), F.col("_metadata")
    )
    return (
        _numbered(lines, index, path)
        .select("seq", "origin", "line")
        .mapInPandas(
            functools.partial(_clean_json_batches, fields=fields, lang=lang, max_bytes=max_bytes),
            _CLEANED,
        )
    )


def _field(df: DataFrame, name: str) -> Any:
    from pyspark.sql import functions as F

    head = name.split(".")[0]
    if head in df.columns:
        try:
            df.select(F.col(name))
            return F.col(name).cast("string")
        except Exception:  # a dotted name that is not a nested field: a literal column name
            return F.col(f"`{name}`").cast("string")
    return F.lit(None).cast("string")


def _read_parquet(
    spark: SparkSession, path: str, index: int, fields: Fields, lang: str | None
) -> DataFrame:
    from pyspark.sql import functions as F

    rows = spark.read.parquet(path)
    cols = rows.select(
        F.col("_metadata"),
        _field(rows, fields.id).alias("f_id"),
        _field(rows, fields.url).alias("f_url"),
        _field(rows, fields.date).alias("f_date"),
        _field(rows, fields.html).alias("f_html"),
        _field(rows, fields.text).alias("f_text"),
    )
    return (
        _numbered(cols, index, path)
        .select(
            "seq",
            "origin",
            "f_id",
            "f_url",
            "f_date",
            "f_html",
            "f_text",
        )
        .mapInPandas(functools.partial(_clean_row_batches, fields=fields, lang=lang), _CLEANED)
    )


def run_spark_dedupe(
    inputs: Sequence[str],
    report_path: str,
    *,
    fmt: str | None = None,
    threshold: float = 0.5,
    lang: str | None = None,
    fields: Fields | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    spark: SparkSession | None = None,
    master: str | None = None,
) -> SparkRunSummary:
    """De-duplicate the JSONL or Parquet dumps ``inputs`` on Spark and write the report.

    ``report_path`` is the report's directory (JSONL, CSV or Parquet part files, in input
    order; ``fmt`` or the extension chooses; an existing report there is replaced).
    ``spark`` is the session to use (default: the active one under ``spark-submit``, else a
    local one on ``master``).  Returns counts by status (``unique``, ``canonical``,
    ``duplicate``, ``error``), as the local ``newsclean dedupe`` summary.
    """
    require_pyspark()
    from pyspark.sql import Window
    from pyspark.sql import functions as F

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
    parts = []
    for index, path in enumerate(inputs):
        if _dump_kind(path) == "jsonl":
            parts.append(_read_jsonl(spark, path, index, fields, lang, max_bytes))
        else:
            parts.append(_read_parquet(spark, path, index, fields, lang))
    records = functools.reduce(lambda a, b: a.unionByName(b), parts)
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
    ).select("seq", "cluster_id", "canonical_id", "similarity", "cluster_size")
    rows = records.join(clustered, "seq", "left")
    status = (
        F.when(~F.col("ok"), "error")
        .when(F.col("cluster_size") == 1, "unique")
        .when(F.col("id") == F.col("canonical_id"), "canonical")
        .otherwise("duplicate")
    )
    report = rows.select(
        "seq",
        "id",
        "origin",
        "url",
        status.alias("status"),
        F.when(F.col("ok"), F.col("cluster_id")).alias("cluster"),
        F.when(F.col("ok"), F.col("canonical_id")).alias("canonical"),
        F.when(F.col("ok"), F.col("similarity")).alias("similarity"),
        F.when(F.col("ok"), F.col("encoding")).alias("encoding"),
        F.when(F.col("ok"), F.col("agency")).alias("agency"),
        F.when(F.col("ok"), F.col("title")).alias("title"),
        "error",
        F.lit(False).alias("indexed_before"),
    )
    report = materialize(report)
    _write(report.orderBy("seq").select(*REPORT_COLUMNS), report_path, fmt)
    summary = SparkRunSummary(report=report_path)
    for row in report.groupBy("status").count().collect():
        summary.statuses[row["status"]] = int(row["count"])
    summary.records = sum(summary.statuses.values())
    summary.stories = (
        report.filter(F.col("status") == "canonical").select("cluster").distinct().count()
    )
    summary.seconds = time.perf_counter() - start
    return summary


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
