"""The fault suite: a dump full of bad records. Every record gets a row with a reason, the run
goes on and exits 0, and the report's row count equals the input's record count."""

from __future__ import annotations

import gzip
import json
import os
import zlib
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from dumpgen import (
    CHROME_AR,
    CHROME_EN,
    STORY_AR,
    STORY_EN,
    STORY_EN_2,
    html_page,
    http_response,
    jsonl,
    text_dump,
    warc_file,
    warc_record,
    warcinfo,
)
from newsclean.cli import main
from newsclean.report import COLUMNS

AR_DUMP = text_dump(STORY_AR, CHROME_AR)
EN_DUMP = text_dump(STORY_EN, CHROME_EN)


def _build(tmp: Path) -> tuple[list[str], dict[str, int], dict[str, str]]:
    """Write the faulty dumps; return their paths, the record count of each, expected reasons."""
    counts: dict[str, int] = {}
    reasons: dict[str, str] = {}  # id -> the reason category its row must give

    d = tmp / "scrape"
    d.mkdir()
    (d / "good.txt").write_bytes(AR_DUMP.encode())
    (d / "copy-cp1256.txt").write_bytes(AR_DUMP.encode("cp1256"))
    (d / "page.html").write_bytes(html_page("Rail yards to become parks", STORY_EN).encode())
    (d / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16)
    (d / "empty.txt").write_bytes(b"")
    with open(d / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # a 50 MB file
    broken = STORY_AR.encode()
    (d / "undecodable.txt").write_bytes(broken[:300] + b"\xff\xfe\xc3" + broken[300:])
    (d / "cut.txt.gz").write_bytes(gzip.compress(EN_DUMP.encode() * 5)[:-30])
    (d / "zeros.bin").write_bytes(bytes(4096))
    counts["scrape"] = 9
    base = str(d)
    reasons[f"{base}/image.png"] = "not text"
    reasons[f"{base}/empty.txt"] = "empty"
    reasons[f"{base}/huge.txt"] = "too large"
    reasons[f"{base}/cut.txt.gz"] = "truncated gzip"

    lines = tmp / "lines.jsonl"
    big_line = json.dumps({"id": "huge-line", "text": "x " * 6_000_000}).encode()
    lines.write_bytes(
        jsonl([{"id": "j-good", "text": AR_DUMP, "url": "https://x.example/1"}])
        + b'{"id": "j-bad-json", "text": "unterminated}\n'
        + jsonl([{"id": "j-no-text", "body": EN_DUMP}, {"id": "j-null", "text": None}])
        + b"[1, 2, 3]\n"
        + json.dumps({"id": "j-cp1256", "text": STORY_AR}, ensure_ascii=False).encode("cp1256")
        + b"\n"
        + b"\n   \n"
        + big_line
        + b"\n"
        + jsonl([{"id": "j-en", "text": EN_DUMP}])
        + b'{"id": "j-cut", "te'
    )
    counts["lines.jsonl"] = 9
    reasons.update(
        {
            "j-no-text": "no text",
            "j-null": "no text",
            f"{lines}:5": "not an object",
            f"{lines}:9": "too large",
            f"{lines}:2": "invalid JSON",
            f"{lines}:11": "invalid JSON",
        }
    )

    cut_gz = tmp / "cut.jsonl.gz"
    data = gzip.compress(
        jsonl([{"id": f"g{i}", "text": f"{STORY_EN_2}\n\nUpdate {i}."} for i in range(300)])
    )
    cut_gz.write_bytes(data[: len(data) * 2 // 3])
    counts["cut.jsonl.gz"] = -1  # not knowable in advance: checked separately

    page = html_page("Rail yards to become parks", STORY_EN).encode()
    warc = tmp / "crawl.warc.gz"
    members = [
        warcinfo(),
        warc_record(
            http_response(page), uri="https://w.example/parks", record_id="<urn:uuid:w-good>"
        ),
        warc_record(
            http_response(b"GIF89a" + bytes(64), content_type="image/gif"),
            record_id="<urn:uuid:w-gif>",
        ),
        warc_record(http_response(b"gone", status="404 Not Found"), record_id="<urn:uuid:w-404>"),
        warc_record(b"", rtype="revisit", record_id="<urn:uuid:w-revisit>"),
        warc_record(
            http_response(gzip.compress(page)[:50], headers=[("Content-Encoding", "gzip")]),
            record_id="<urn:uuid:w-badenc>",
        ),
        warc_record(http_response(page * 3), record_id="<urn:uuid:w-cut>"),
    ]
    blob = warc_file(members, gz=True)
    last_member = len(blob) - len(gzip.compress(members[-1]))
    warc.write_bytes(blob[: len(blob) - 300])  # the last record is cut inside its gzip member
    counts["crawl.warc.gz"] = 6
    reasons.update(
        {
            "<urn:uuid:w-gif>": "not HTML",
            "<urn:uuid:w-404>": "HTTP status",
            "<urn:uuid:w-revisit>": "revisit record",
            "<urn:uuid:w-badenc>": "bad content encoding",
            f"{warc}@{last_member}": "truncated record",
        }
    )

    plain = tmp / "plain.warc"
    good = warc_record(
        http_response(html_page("Flights resume", STORY_EN_2).encode()), record_id="<urn:uuid:p1>"
    )
    nxt = warc_record(http_response(page), record_id="<urn:uuid:p2>")
    plain.write_bytes(good + nxt[:60])  # the second record is cut inside its WARC headers
    counts["plain.warc"] = 2
    reasons[f"{plain}@{len(good)}"] = "truncated record"

    return [str(d), str(lines), str(cut_gz), str(warc), str(plain)], counts, reasons


def _complete_lines_of_cut_gzip(path: Path) -> int:
    text = zlib.decompressobj(31).decompress(path.read_bytes())
    return text.count(b"\n")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_every_bad_record_is_reported_and_the_run_goes_on(tmp_path: Path, workers: str) -> None:
    paths, counts, reasons = _build(tmp_path)
    out = tmp_path / "report.jsonl"
    res = CliRunner().invoke(main, ["dedupe", *paths, "-o", str(out), "-j", workers])
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert all(tuple(r) == COLUMNS for r in rows)
    assert len({r["origin"] for r in rows}) == len(rows)  # no record reported twice

    per_dump = Counter(next(p for p in paths if r["origin"].startswith(p)) for r in rows)
    for path in paths:
        expected = counts[Path(path).name]
        if expected >= 0:
            assert per_dump[path] == expected, path
    complete = _complete_lines_of_cut_gzip(tmp_path / "cut.jsonl.gz")
    assert complete + 1 <= per_dump[str(tmp_path / "cut.jsonl.gz")] <= complete + 2
    cut_rows = [r for r in rows if r["origin"].startswith(str(tmp_path / "cut.jsonl.gz"))]
    assert [r["id"] for r in cut_rows[:complete]] == [f"g{i}" for i in range(complete)]
    assert all(r["status"] != "error" for r in cut_rows[:complete])
    assert cut_rows[-1]["status"] == "error" and cut_rows[-1]["error"].startswith("truncated gzip")

    by_key = {r["id"]: r for r in rows} | {r["origin"]: r for r in rows}
    for key, reason in reasons.items():
        row = by_key[key]
        assert row["status"] == "error", key
        assert row["error"].startswith(reason + ":"), (key, row["error"])
    for row in rows:
        if row["status"] == "error":
            category, _, detail = row["error"].partition(": ")
            assert category and detail, row
            assert row["cluster"] is None
        else:
            assert isinstance(row["cluster"], int) and row["canonical"]

    base = str(tmp_path / "scrape")
    story_ar = {
        by_key[k]["cluster"] for k in (f"{base}/good.txt", f"{base}/copy-cp1256.txt", "j-good")
    }
    assert len(story_ar) == 1 and None not in story_ar
    assert by_key[f"{base}/copy-cp1256.txt"]["encoding"] == "cp1256"
    assert by_key["j-cp1256"]["status"] != "error"  # non-UTF-8 JSON line: decoded, not lost
    assert by_key["<urn:uuid:w-good>"]["status"] != "error"
    assert (
        by_key[f"{base}/undecodable.txt"]["status"] != "error"
        or by_key[f"{base}/undecodable.txt"]["error"]
    )
    assert by_key[f"{base}/zeros.bin"]["error"] or by_key[f"{base}/zeros.bin"]["status"] != "error"

    summary = res.stderr
    assert f"{len(rows):,} records from 5 dumps" in summary
    assert "errors:" in summary


def test_fault_run_gives_the_same_report_twice(tmp_path: Path) -> None:
    paths, _, _ = _build(tmp_path)
    outs = []
    for n in ("a", "b"):
        out = tmp_path / f"{n}.csv"
        assert CliRunner().invoke(main, ["dedupe", *paths, "-o", str(out), "-q"]).exit_code == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    paths, _, _ = _build(tmp_path)
    before = set(os.listdir(tmp_path))
    out = tmp_path / "r.parquet"
    keep = tmp_path / "k.jsonl"
    res = CliRunner().invoke(
        main, ["dedupe", *paths, "-o", str(out), "--keep", "canonical", "--out", str(keep)]
    )
    assert res.exit_code == 0
    assert set(os.listdir(tmp_path)) - before == {"r.parquet", "k.jsonl"}


def test_lone_surrogates_and_undecodable_file_names_do_not_break_the_report(
    tmp_path: Path,
) -> None:
    d = tmp_path / "scrape"
    d.mkdir()
    (d / os.fsdecode(b"caf\xe9-latin1-name.txt")).write_text(EN_DUMP)
    lines = tmp_path / "d.jsonl"
    lines.write_bytes(
        b'{"id": "half-emoji-\\ud83d", "text": "broken \\ud83d emoji in a story", '
        b'"url": "https://x.example/\\udc00"}\n'
    )
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"r.{fmt}"
        keep = tmp_path / f"k{fmt}.jsonl"
        res = CliRunner().invoke(
            main,
            ["dedupe", str(d), str(lines), "-o", str(out), "--keep", "all", "--out", str(keep)],
        )
        assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert [r["status"] for r in rows] == ["unique", "unique"]
    assert rows[0]["id"].endswith("caf\ufffd-latin1-name.txt")
    assert rows[1]["id"] == "half-emoji-\ufffd" and rows[1]["url"] == "https://x.example/\ufffd"
    kept = [json.loads(x) for x in (tmp_path / "kjsonl.jsonl").read_text().splitlines()]
    assert "broken \ufffd emoji" in kept[1]["text"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_inside_a_directory_is_reported_not_waited_for(tmp_path: Path) -> None:
    d = tmp_path / "scrape"
    d.mkdir()
    (d / "a.txt").write_text(EN_DUMP)
    os.mkfifo(d / "pipe")
    out = tmp_path / "r.jsonl"
    res = CliRunner().invoke(main, ["dedupe", str(d), "-o", str(out)])
    assert res.exit_code == 0
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert rows[1]["error"] == "unreadable: not a regular file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_pipe_given_as_a_dump_is_read_once_as_jsonl(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "stream"
    os.mkfifo(fifo)
    payload = gzip.compress(jsonl([{"id": "p1", "text": EN_DUMP}, {"id": "p2", "text": EN_DUMP}]))

    def feed() -> None:
        with open(fifo, "wb") as fh:
            fh.write(payload)

    writer = threading.Thread(target=feed)
    writer.start()
    res = CliRunner().invoke(main, ["dedupe", str(fifo), "-o", "-", "-q"])
    writer.join(timeout=30)
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert [(r["id"], r["status"]) for r in rows] == [("p1", "canonical"), ("p2", "duplicate")]
