"""CSV and TSV dumps: rows read as JSONL lines are, delimiters, quoted line breaks, bytes
that are not UTF-8, bad rows, damaged files, detection, and the command line over them."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from dumpgen import CHROME_AR, STORY_AR, STORY_EN, STORY_EN_2, report_as_jsonl, text_dump
from newsclean import clean
from newsclean.cli import main
from newsclean.dumps import DumpOptions, detect_kind, read_delimited, read_dump
from newsclean.dumps.jsonl import parse_line


def _csv(rows: list[dict[str, Any]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_rows_are_records_named_by_the_header(tmp_path: Path) -> None:
    """Columns are fields; a cell may hold line breaks and the delimiter (quoted); an empty
    cell is missing; a blank line is no row; rows are numbered from 1 without the header."""
    rows = [
        {"id": "7", "text": STORY_EN, "url": "https://a.example/1", "date": "2024-05-01"},
        {"id": "", "text": STORY_EN_2, "url": "", "date": ""},
    ]
    path = tmp_path / "day.csv"
    path.write_text(_csv(rows) + "\r\n", newline="")
    recs = list(read_delimited(str(path)))
    label = str(path).replace("\\", "/")
    assert [r.origin for r in recs] == [f"{label}:1", f"{label}:2"]
    assert [r.id for r in recs] == ["7", f"{label}:2"]  # no id: the origin
    assert (recs[0].raw, recs[0].url, recs[0].date) == (
        STORY_EN,
        "https://a.example/1",
        "2024-05-01",
    )
    assert "\n\n" in STORY_EN and recs[1].raw == STORY_EN_2 and recs[1].url is None
    # the same row as a JSONL line gives the same record
    line = json.dumps({k: v for k, v in rows[0].items() if v}).encode()
    assert recs[0] == parse_line(line, recs[0].origin, DumpOptions())


def test_delimiters_bom_compression_and_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    """A spreadsheet's semicolons, a TSV's tabs, a byte-order mark, gzip; a cell in
    windows-1256 goes undecoded to the encoding stage, as in a JSONL dump."""
    rows = [{"uid": "a", "headline": "Rain", "body": STORY_EN}]
    semi = tmp_path / "export.csv"
    semi.write_bytes(b"\xef\xbb\xbf" + _csv(rows, ";").encode())
    tsv = tmp_path / "export.tsv.gz"
    tsv.write_bytes(gzip.compress(_csv(rows, "\t").encode()))
    opts = DumpOptions(id_field="uid", text_field="body", title_field="headline")
    for path in (semi, tsv):
        (rec,) = read_dump(str(path), options=opts)
        assert (rec.id, rec.raw) == ("a", "Rain\n\n" + STORY_EN), path
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes(b"id,text\nx," + STORY_AR.split("\n")[0].encode("cp1256") + b"\n")
    (rec,) = read_delimited(str(legacy))
    assert rec.raw == STORY_AR.split("\n")[0].encode("cp1256")  # bytes: the encoding stage's


def test_bad_rows_and_damage_are_records_with_the_reason(tmp_path: Path) -> None:
    """A row with more cells than the header is one error and reading goes on; a row with
    fewer has the rest empty; a quote never closed (or a cell above the size limit) ends the
    file with one record; a file without a text column lists its columns."""
    path = tmp_path / "bad.csv"
    path.write_text(
        f'id,text\na,"{STORY_EN}"\nb,one,two\nc\nd,"{STORY_EN_2}"\ne,"never closed\n{STORY_EN}\n'
    )
    recs = list(read_delimited(str(path)))
    label = str(path).replace("\\", "/")
    assert [r.origin.rsplit(":", 1)[1] for r in recs] == ["1", "2", "3", "4", "5"]
    assert recs[0].error is None and recs[3].error is None and recs[3].raw == STORY_EN_2
    assert recs[1].error is not None and recs[1].error.startswith("bad row: 3 cells where")
    assert recs[2].error is not None and recs[2].error.startswith("no text")
    assert recs[4].origin == f"{label}:5" and recs[4].error == (
        "unreadable CSV: a quote opened in row 5 is never closed: the rest of the file is one "
        "cell, and no row from there on can be read"
    )
    # a quote in an unquoted cell of the last row, on one line, is a character, not damage
    inch = tmp_path / "inch.csv"
    inch.write_text(f'id,text\na,"{STORY_EN}"\nb,The 55" screen sold out in a day.\n')
    assert [r.raw for r in read_delimited(str(inch))][1] == 'The 55" screen sold out in a day.'
    # a cell above the size limit: that row is an error, the next is read
    big = tmp_path / "big.csv"
    big.write_text(f'id,text\na,"{"x" * 5000}"\nb,"{STORY_EN}"\n')
    recs = list(read_delimited(str(big), DumpOptions(max_bytes=len(STORY_EN) + 10)))
    assert recs[0].error is not None and recs[0].error.startswith("too large")
    assert recs[1].error is None and recs[1].raw == STORY_EN
    # a cell the parser will not hold (above the limit of every run: a quote that closes
    # only far away) ends the file
    huge = tmp_path / "huge.csv"
    huge.write_text(f'id,text\na,"{STORY_EN}"\nb,"{"x" * 10_000_100}"\nc,"{STORY_EN}"\n')
    recs = list(read_delimited(str(huge)))
    assert [r.error is None for r in recs] == [True, False]
    assert recs[1].error is not None and recs[1].error.startswith("unreadable CSV: field larger")
    assert recs[1].error.endswith("nothing after row 1 can be read")
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(gzip.compress(_csv([{"id": "a", "text": STORY_EN}] * 50).encode())[:300])
    last = list(read_delimited(str(cut)))[-1]
    assert last.error is not None and last.error.startswith("truncated gzip")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text(_csv([{"title": "Rain", "content": STORY_EN}]))
    (rec,) = read_delimited(str(wrong))
    assert rec.error is not None and "it has 'title', 'content'" in rec.error


def test_csv_is_told_by_its_name_in_directories_too(tmp_path: Path) -> None:
    (tmp_path / "news.csv").write_text(_csv([{"id": "a", "text": STORY_EN}]))
    (tmp_path / "page.txt").write_text(STORY_EN_2)
    assert detect_kind(str(tmp_path / "news.csv")) == "csv"
    assert [r.id for r in read_dump(str(tmp_path))] == [
        "a",
        f"{tmp_path}/page.txt".replace("\\", "/"),
    ]


def test_dedupe_reports_a_csv_dump_as_the_same_jsonl_dump(tmp_path: Path) -> None:
    rows = [
        {"id": "a1", "text": text_dump(STORY_AR, CHROME_AR), "url": "https://a.example/1"},
        {"id": "b1", "text": text_dump(STORY_AR, CHROME_AR), "url": "https://b.example/1"},
        {"id": "e1", "text": STORY_EN, "url": ""},
        {"id": "e2", "text": "", "url": ""},
    ]
    table = tmp_path / "day.csv"
    table.write_text(_csv(rows))
    got = report_as_jsonl(table, rows)
    assert [r["status"] for r in got] == ["canonical", "duplicate", "unique", "error"]
    runner = CliRunner()
    one = runner.invoke(main, ["clean", got[2]["origin"], "--json"])
    assert one.exit_code == 0, one.output
    assert json.loads(one.output)["body"] == clean(STORY_EN).body
    whole = runner.invoke(main, ["clean", str(table)])
    assert whole.exit_code == 1 and "day.csv:ROW" in whole.output
    piped = runner.invoke(
        main, ["dedupe", "-", "--kind", "csv", "-o", "-", "-q"], input=table.read_bytes()
    )
    assert piped.exit_code == 0, piped.output
    rows = [json.loads(line) for line in piped.output.splitlines()]
    assert [r["origin"] for r in rows] == [f"<stdin>:{n}" for n in range(1, 5)]
    assert [r["status"] for r in rows] == [r["status"] for r in got]
