"""Parquet dumps: rows read as JSONL lines are, nested and binary columns, timestamps, size
limits, damaged files, detection, and the command line over them."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from dumpgen import CHROME_AR, STORY_AR, STORY_EN, STORY_EN_2, report_as_jsonl, text_dump
from newsclean.cli import main
from newsclean.dumps import DumpOptions, detect_kind, read_dump, read_parquet
from newsclean.dumps.jsonl import parse_line
from newsclean.errors import DumpError


def _write(path: Path, columns: dict[str, Any], **kwargs: Any) -> Path:
    pq.write_table(pa.table(columns), path, **kwargs)
    return path


def test_rows_are_records_with_their_fields(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "day.parquet",
        {
            "id": [7, None, 9],
            "text": [STORY_EN, STORY_EN_2, "plain"],
            "html": [None, None, "<p>frag</p>"],
            "url": ["https://a.example/1", None, None],
            "date": [dt.date(2024, 5, 1), None, None],
        },
        row_group_size=2,  # rows of two row groups, numbered on
    )
    recs = list(read_parquet(str(path)))
    label = str(path).replace("\\", "/")
    assert [r.origin for r in recs] == [f"{label}:1", f"{label}:2", f"{label}:3"]
    assert [r.id for r in recs] == ["7", f"{label}:2", "9"]  # no id: the origin
    assert (recs[0].raw, recs[0].html, recs[0].url, recs[0].date) == (
        STORY_EN,
        False,
        "https://a.example/1",
        "2024-05-01",
    )
    assert recs[2].raw == "<p>frag</p>" and recs[2].html is True  # the HTML column wins


def test_a_row_reads_as_the_same_jsonl_line_does(tmp_path: Path) -> None:
    row = {"uid": "u1", "body": STORY_AR, "meta": {"link": "https://x.example/", "n": 3}}
    path = _write(tmp_path / "d.parquet", {k: [v] for k, v in row.items()})
    opts = DumpOptions(id_field="uid", text_field="body", url_field="meta.link")
    (got,) = read_parquet(str(path), opts)
    want = parse_line(json.dumps(row).encode(), got.origin, opts)
    assert got == want


def test_struct_timestamp_and_binary_columns(tmp_path: Path) -> None:
    """A crawl export's shape: the raw bytes of the page (windows-1256 here) in a binary
    column, the fetch time as a timestamp inside a struct."""
    fetched = dt.datetime(2024, 5, 3, 1, 0, tzinfo=dt.UTC)
    path = _write(
        tmp_path / "crawl.parquet",
        {
            "content": pa.array([STORY_AR.encode("cp1256")], pa.binary()),
            "crawl": pa.array([{"at": fetched}], pa.struct([("at", pa.timestamp("s", tz="UTC"))])),
        },
    )
    (rec,) = read_parquet(str(path), DumpOptions(text_field="content", fetched_field="crawl.at"))
    assert rec.raw == STORY_AR.encode("cp1256")  # undecoded: the encoding stage decides
    assert rec.fetched == "2024-05-03T01:00:00+00:00"


def test_bad_rows_are_records_with_the_reason(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "d.parquet",
        {"id": ["big", "none", "num"], "text": ["x" * 50, None, "ok"], "other": [1, 2, 3]},
    )
    recs = list(read_parquet(str(path), DumpOptions(max_bytes=20)))
    assert [r.id for r in recs] == ["big", "none", "num"]
    assert recs[0].error == "too large: the row's text is longer than 20 bytes (see --max-bytes)"
    assert recs[1].error is not None and recs[1].error.startswith("no text")
    assert recs[2].raw == "ok"
    # a file without any of the named columns still gives one record per row
    bare = _write(tmp_path / "bare.parquet", {"body": ["a", "b"]})
    errors = [r.error for r in read_parquet(str(bare))]
    assert (
        errors
        == ["no text: no 'text' or 'html' field (set --text-field / --html-field; it has 'body')"]
        * 2
    )  # the file's columns, to choose from


def test_a_damaged_file_ends_with_one_record_saying_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(b"PAR1" + b"\0" * 100)
    (rec,) = read_parquet(str(junk))
    assert rec.origin.endswith("junk.parquet:1")
    assert rec.error is not None and rec.error.startswith("unreadable Parquet: ")
    # a read that fails after some rows: the rows before it, then where reading stopped
    path = _write(tmp_path / "d.parquet", {"text": ["a", "b", "c"]}, row_group_size=2)
    real = pq.ParquetFile.iter_batches

    def failing(self: pq.ParquetFile, *args: Any, **kwargs: Any) -> Any:
        batches = real(self, *args, **{**kwargs, "batch_size": 2})
        yield next(batches)
        raise OSError("Corrupt snappy compressed data.")

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", failing)
    recs = list(read_parquet(str(path)))
    assert [r.raw for r in recs[:2]] == ["a", "b"]
    assert recs[2].origin.endswith("d.parquet:3")
    assert recs[2].error == (
        "unreadable Parquet: Corrupt snappy compressed data.; nothing after row 2 can be read"
    )


def test_without_pyarrow_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "d.parquet", {"text": ["a"]})
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(DumpError, match=r"pip install 'newsclean\[parquet\]'"):
        list(read_parquet(str(path)))


def test_parquet_is_detected_by_name_and_by_its_magic_bytes(tmp_path: Path) -> None:
    named = _write(tmp_path / "train-00000-of-00002.parquet", {"text": ["a"]})
    unnamed = tmp_path / "export.bin"
    unnamed.write_bytes(named.read_bytes())
    assert detect_kind(str(named)) == detect_kind(str(unnamed)) == "parquet"
    assert [r.raw for r in read_dump(str(unnamed))] == ["a"]


# -- the command line --------------------------------------------------------------------------


def test_dedupe_reports_a_parquet_dump_as_the_same_jsonl_dump(tmp_path: Path) -> None:
    rows = [
        {"id": "a1", "text": text_dump(STORY_AR, CHROME_AR), "url": "https://a.example/1"},
        {"id": "b1", "text": text_dump(STORY_AR, CHROME_AR), "url": "https://b.example/1"},
        {"id": "e1", "text": STORY_EN, "fetched": "2024-05-03T10:00:00Z"},
        {"id": "e2", "text": None},
    ]
    columns = {k: [r.get(k) for r in rows] for k in ("id", "text", "url", "fetched")}
    parquet = _write(tmp_path / "day.parquet", columns)
    got = report_as_jsonl(parquet, rows)
    assert [r["status"] for r in got] == ["canonical", "duplicate", "unique", "error"]
    # one row cleaned by its origin; the whole dump refused with how to name a row
    runner = CliRunner()
    one = runner.invoke(main, ["clean", got[2]["origin"], "--json"])
    assert one.exit_code == 0, one.output
    assert json.loads(one.output)["date"] == "2024-05-03T10:00:00Z"
    whole = runner.invoke(main, ["clean", str(parquet)])
    assert whole.exit_code == 1 and "day.parquet:ROW" in whole.output
