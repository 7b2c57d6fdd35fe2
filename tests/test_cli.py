"""The command line: dedupe over every dump kind, report formats, keep, stdin, exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

import newsclean
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

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def copies_dir(tmp_path: Path) -> Path:
    """A scraped directory: one Arabic story three times (two encodings), two other stories."""
    d = tmp_path / "scrape"
    (d / "site-b").mkdir(parents=True)
    (d / "a.txt").write_bytes(text_dump(STORY_AR, CHROME_AR).encode("utf-8"))
    (d / "site-b" / "copy.txt").write_bytes(text_dump(STORY_AR, CHROME_AR).encode("cp1256"))
    (d / "z_copy.txt").write_bytes(text_dump(STORY_AR, CHROME_AR).encode("utf-8"))
    (d / "en.txt").write_text(text_dump(STORY_EN, CHROME_EN))
    (d / "en2.txt").write_text(text_dump(STORY_EN_2, CHROME_EN))
    return d


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_dedupe_directory_lists_the_copies(copies_dir: Path) -> None:
    res = run("dedupe", str(copies_dir))
    assert res.exit_code == 0
    base = str(copies_dir)
    lines = res.stdout.splitlines()
    assert lines[0].startswith("story ") and "3 copies" in lines[0]
    assert lines[1].split()[:2] == ["canonical", f"{base}/a.txt"]
    # why: the three copies tie on every rule (no date, no credit, same text): a.txt came first
    why = "no date known, no agency credit, as long as the next copy; the first to arrive"
    assert lines[1].endswith(f"  ({why})")
    # each copy with its similarity and why it is a copy
    assert sorted([*ln.split()[:2], ln.split("  (")[-1]] for ln in lines[2:]) == [
        ["1.00", f"{base}/site-b/copy.txt", "identical text)"],
        ["1.00", f"{base}/z_copy.txt", "identical text)"],
    ]
    assert "5 records from 1 dump" in res.stderr
    assert "1 story with copies (3 articles)" in res.stderr


def test_readme_quick_start_command() -> None:
    """`newsclean dedupe seeds/` from the repository root, as the README runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "newsclean", "dedupe", "seeds/"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    n_files = sum(1 for p in (ROOT / "seeds").rglob("*") if p.is_file() and p.name != "README.md")
    assert f"{n_files} records from 1 dump" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_report_has_one_row_per_record_with_every_column(copies_dir: Path, tmp_path: Path) -> None:
    (copies_dir / "empty.txt").write_bytes(b"")
    out = tmp_path / "report.jsonl"
    res = run("dedupe", str(copies_dir), "-o", str(out))
    assert res.exit_code == 0 and res.stdout == ""
    rows = _rows(out)
    assert len(rows) == 6
    assert all(tuple(r) == COLUMNS for r in rows)
    by_id = {str(r["id"]).rsplit("/", 1)[-1]: r for r in rows}
    assert by_id["a.txt"]["status"] == "canonical"
    assert by_id["copy.txt"]["status"] == by_id["z_copy.txt"]["status"] == "duplicate"
    assert by_id["copy.txt"]["canonical"] == by_id["a.txt"]["id"]
    assert by_id["copy.txt"]["cluster"] == by_id["a.txt"]["cluster"]
    assert by_id["copy.txt"]["encoding"] == "cp1256"
    assert isinstance(by_id["copy.txt"]["similarity"], float)
    assert by_id["copy.txt"]["reason"] == by_id["z_copy.txt"]["reason"] == "identical text"
    assert [by_id[n]["reason"] for n in ("a.txt", "en.txt", "empty.txt")] == [None] * 3
    assert by_id["en.txt"]["status"] == by_id["en2.txt"]["status"] == "unique"
    assert by_id["en.txt"]["cluster"] != by_id["en2.txt"]["cluster"]
    assert by_id["empty.txt"]["status"] == "error" and by_id["empty.txt"]["cluster"] is None
    assert by_id["empty.txt"]["error"] == "empty: the record has no text"
    assert all(r["indexed_before"] is False for r in rows)


def test_csv_and_parquet_reports_match_jsonl(copies_dir: Path, tmp_path: Path) -> None:
    for name in ("r.jsonl", "r.csv", "r.parquet"):
        assert run("dedupe", str(copies_dir), "-o", str(tmp_path / name), "-q").exit_code == 0
    rows = _rows(tmp_path / "r.jsonl")
    with open(tmp_path / "r.csv", newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        csv_rows = list(reader)
    table = pq.read_table(tmp_path / "r.parquet")
    assert tuple(table.column_names) == COLUMNS
    pq_rows = table.to_pylist()
    assert len(csv_rows) == len(pq_rows) == len(rows)
    for j, c, p in zip(rows, csv_rows, pq_rows, strict=True):
        assert j == p
        assert c["id"] == j["id"] and c["status"] == j["status"]
        assert c["cluster"] == ("" if j["cluster"] is None else str(j["cluster"]))


def test_format_without_output_writes_the_report_to_stdout(copies_dir: Path) -> None:
    res = run("dedupe", str(copies_dir), "-f", "csv", "-q")
    assert res.exit_code == 0 and res.stderr == ""
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == 5
    res = run("dedupe", str(copies_dir), "-o", "-")
    assert [json.loads(line)["id"] for line in res.stdout.splitlines()] == [r["id"] for r in rows]


def test_parquet_needs_a_file(copies_dir: Path) -> None:
    res = run("dedupe", str(copies_dir), "-f", "parquet")
    assert res.exit_code == 1
    assert res.stderr.strip() == "Error: a Parquet report needs a file name: use -o REPORT.parquet"


def test_keep_canonical_writes_a_deduplicated_dump(copies_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "clean.jsonl"
    res = run("dedupe", str(copies_dir), "--keep", "canonical", "--out", str(out), "-q")
    assert res.exit_code == 0
    docs = _rows(out)
    assert [Path(str(d["id"])).name for d in docs] == ["a.txt", "en.txt", "en2.txt"]
    assert docs[0]["copies"] == 3 and docs[0]["status"] == "canonical"
    assert docs[1]["text"] == newsclean.clean(text_dump(STORY_EN, CHROME_EN).encode()).body
    assert {"id", "url", "date", "title", "text", "agency", "lang", "cluster"} <= set(docs[0])
    out_all = tmp_path / "all.jsonl"
    assert run("dedupe", str(copies_dir), "--keep", "all", "--out", str(out_all)).exit_code == 0
    kept = {Path(str(d["id"])).name: d for d in _rows(out_all)}
    assert len(kept) == 5
    assert kept["copy.txt"]["status"] == "duplicate"
    assert kept["copy.txt"]["reason"] == "identical text"  # why it is a copy, as the report
    assert kept["a.txt"]["reason"] is None and kept["en.txt"]["reason"] is None


def test_keep_and_out_go_together(copies_dir: Path) -> None:
    res = run("dedupe", str(copies_dir), "--keep", "canonical")
    assert res.exit_code == 2 and "--keep and --out go together" in res.stderr


def test_jsonl_on_stdin_with_custom_fields() -> None:
    data = jsonl(
        [
            {"uid": "x1", "body": STORY_EN, "link": "https://a.example/1"},
            {"uid": "x2", "body": STORY_EN, "link": "https://b.example/2"},
            {"uid": "x3", "body": STORY_EN_2},
        ]
    )
    res = run(
        "dedupe",
        "-",
        "--id-field",
        "uid",
        "--text-field",
        "body",
        "--url-field",
        "link",
        "-o",
        "-",
        input=data,
    )
    assert res.exit_code == 0
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(r["id"], r["status"], r["origin"]) for r in rows] == [
        ("x1", "canonical", "<stdin>:1"),
        ("x2", "duplicate", "<stdin>:2"),
        ("x3", "unique", "<stdin>:3"),
    ]
    assert rows[1]["url"] == "https://b.example/2"


def test_a_jsonl_dump_names_its_fetch_time_field(tmp_path: Path) -> None:
    """--fetched-field: a relative stamp on a page counts back from the record's crawl time,
    which dates a page that gives no date; a dump's publication date still comes first."""
    stamped = "\n".join(["أخبار محلية", "توسيع ميناء الحاويات", "منذ 3 ساعات", STORY_AR])
    dump = tmp_path / "crawl.jsonl"
    dump.write_bytes(
        jsonl(
            [
                {"id": "ago", "text": stamped, "crawl": {"at": "2024-05-03T01:00:00Z"}},
                {"id": "none", "text": STORY_EN, "crawl": {"at": 1714730400}},
                {"id": "dated", "text": STORY_EN_2, "date": "2024-04-30", "crawl": {"at": "x"}},
                {"id": "lost", "body": "no text field", "crawl": {"at": "2024-05-03"}},
            ]
        )
    )
    out = tmp_path / "r.jsonl"
    res = run("dedupe", str(dump), "--fetched-field", "crawl.at", "-o", str(out), "-q")
    assert res.exit_code == 0, res.output
    assert {r["id"]: r["date"] for r in _rows(out)} == {
        "ago": "2024-05-02",  # three hours before 01:00 on May 3
        "none": "2024-05-03T10:00:00Z",  # no date: when it was fetched (a Unix time)
        "dated": "2024-04-30",
        "lost": "2024-05-03",  # an error row still says when
    }
    # without the option the stamp has nothing to count back from
    res = run("dedupe", str(dump), "-o", str(out), "-q")
    assert res.exit_code == 0, res.output
    assert {r["id"]: r["date"] for r in _rows(out)}["ago"] is None
    res = run("clean", f"{dump}:1", "--fetched-field", "crawl.at", "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["date"] == "2024-05-02"


def test_a_news_please_output_tree_is_a_dump(tmp_path: Path) -> None:
    """news-please writes one pretty-printed JSON file per article, in a directory per site:
    named by the field options, its articles are read, dated and de-duplicated."""

    def article(site: str, name: str, text: str, published: str | None) -> None:
        (tmp_path / site).mkdir(exist_ok=True)
        fields = {
            "title": f"Officials announce {name} plans for the coming year",
            "maintext": text,
            "url": f"https://{site}/{name}",
            "date_publish": published,
            "date_download": "2024-05-03 10:00:00",
        }
        (tmp_path / site / f"{name}.json").write_text(json.dumps(fields, indent=4))

    article("a.example", "port", STORY_EN, "2024-05-02 09:00:00")
    article("b.example", "port-copy", STORY_EN, "2024-05-01 18:00:00")
    article("b.example", "rail", STORY_EN_2, None)
    fields = ["--text-field", "maintext", "--date-field", "date_publish"]
    res = run("dedupe", str(tmp_path), *fields, "--fetched-field", "date_download", "-o", "-")
    assert res.exit_code == 0, res.output
    rows = {str(r["url"]): r for r in map(json.loads, res.stdout.splitlines())}
    assert {u: (r["status"], r["date"]) for u, r in rows.items()} == {
        "https://a.example/port": ("duplicate", "2024-05-02T09:00:00"),
        "https://b.example/port-copy": ("canonical", "2024-05-01T18:00:00"),  # the earlier
        "https://b.example/rail": ("unique", "2024-05-03T10:00:00"),  # when it was fetched
    }
    assert str(rows["https://a.example/port"]["origin"]).endswith("a.example/port.json:1")
    title = rows["https://b.example/rail"]["title"]
    assert title == "Officials announce rail plans for the coming year"  # the title field


def test_clean_takes_the_date_and_fetch_time_of_a_raw_page() -> None:
    stamped = "\n".join(["أخبار محلية", "توسيع ميناء الحاويات", "منذ 3 ساعات", STORY_AR])

    def date(*opts: str) -> object:
        res = run("clean", "-", "--json", *opts, input=stamped.encode())
        assert res.exit_code == 0, res.output
        return json.loads(res.stdout)["date"]

    assert date() is None  # a relative stamp, and nothing to count back from
    assert date("--fetched", "2024-05-03T01:00:00Z") == "2024-05-02"
    assert date("--fetched", "2024-05-03T01:00:00Z", "--date", "2024-04-30") == "2024-04-30"
    today = datetime.now(UTC).date()
    assert date("--fetched", "now") in {str(today), str(today - timedelta(days=1))}
    # a page without a date: when it was fetched, as dedupe reports it
    res = run("clean", "-", "--json", "--fetched", "2024-05-03", input=STORY_EN.encode())
    assert json.loads(res.stdout)["date"] == "2024-05-03"
    res = run("clean", "-", "--date", "last tuesday", input=STORY_EN.encode())
    assert res.exit_code == 2 and "'last tuesday' is no date or time" in res.output


def test_copies_are_found_across_dumps_of_different_kinds(copies_dir: Path, tmp_path: Path) -> None:
    page = html_page("Rail yards to become parks", STORY_EN).encode()
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(
        warc_file([warc_record(http_response(page), uri="https://c.example/p")], gz=True)
    )
    lines = tmp_path / "more.jsonl.gz"
    import gzip

    lines.write_bytes(gzip.compress(jsonl([{"id": "j1", "text": text_dump(STORY_AR, CHROME_AR)}])))
    out = tmp_path / "r.jsonl"
    res = run("dedupe", str(copies_dir), str(lines), str(warc), "-o", str(out), "-j", "2")
    assert res.exit_code == 0
    rows = _rows(out)
    assert len(rows) == 7
    j1 = next(r for r in rows if r["id"] == "j1")
    assert j1["status"] == "duplicate" and str(j1["canonical"]).endswith("/a.txt")
    w = rows[-1]
    assert w["url"] == "https://c.example/p" and w["origin"] == f"{warc}@0"
    assert w["status"] != "error"


def test_workers_do_not_change_the_report(copies_dir: Path, tmp_path: Path) -> None:
    for j in ("1", "2"):
        assert (
            run("dedupe", str(copies_dir), "-o", str(tmp_path / f"r{j}.csv"), "-j", j).exit_code
            == 0
        )
    assert (tmp_path / "r1.csv").read_bytes() == (tmp_path / "r2.csv").read_bytes()


def test_kind_is_forced(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(text_dump(STORY_EN))
    res = run("dedupe", str(path), "-o", "-", "-q")
    assert all(json.loads(x)["status"] == "error" for x in res.stdout.splitlines())
    res = run("dedupe", str(path), "--kind", "file", "-o", "-", "-q")
    (row,) = [json.loads(x) for x in res.stdout.splitlines()]
    assert row["status"] == "unique"


def test_duplicate_ids_keep_the_first_and_report_the_second(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(jsonl([{"id": "same", "text": STORY_EN}, {"id": "same", "text": STORY_AR}]))
    res = run("dedupe", str(path), "-o", "-", "-q")
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["unique", "error"]
    assert rows[1]["error"] == f"duplicate id: the id is already used by {path}:1"


def test_a_dump_given_twice_is_refused(tmp_path: Path) -> None:
    # its records would be reported twice, each a "canonical" of the same story
    path = tmp_path / "d.jsonl"
    path.write_bytes(jsonl([{"id": "a", "text": STORY_EN}, {"id": "b", "text": STORY_AR}]))
    res = run("dedupe", str(path), str(path), "-o", "-", "-q")
    assert res.exit_code == 2 and f"{path} is given twice" in res.stderr
    same = os.path.join(str(tmp_path), ".", "d.jsonl")
    res = run("dedupe", str(path), same, "-o", "-", "-q")
    assert res.exit_code == 2 and "are one dump" in res.stderr
    other = tmp_path / "e.jsonl"
    other.write_bytes(jsonl([{"id": "c", "text": STORY_EN}]))
    assert run("dedupe", str(path), str(other), "-o", "-", "-q").exit_code == 0


def test_summary_names_the_largest_stories_and_the_error_reasons(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    recs = [{"id": f"c{i}", "text": STORY_AR} for i in range(4)]
    recs += [{"id": "u", "text": STORY_EN}, {"id": "bad"}]
    path.write_bytes(jsonl(recs) + b"{oops\n")
    res = run("dedupe", str(path), "-o", os.devnull)
    assert res.exit_code == 0
    err = res.stderr
    assert "7 records from 1 dump" in err
    assert "1 unique, 1 canonical, 3 duplicates, 2 errors" in err
    assert "4 copies" in err and "c0" in err
    assert "errors: 1 no text, 1 invalid JSON" in err


def test_quiet_and_no_progress_bar_when_stderr_is_not_a_terminal(copies_dir: Path) -> None:
    res = run("dedupe", str(copies_dir), "-q")
    assert res.stderr == ""
    res = run("dedupe", str(copies_dir))
    assert "\r" not in res.stderr and "docs/s]" not in res.stderr


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal(copies_dir: Path) -> None:
    master, slave = os.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "newsclean", "dedupe", str(copies_dir), "-o", os.devnull]
    for extra, expect_bar in (([], True), (["-q"], False)):
        proc = subprocess.run(
            cmd + extra, stderr=slave, stdout=subprocess.DEVNULL, env=env, timeout=120
        )
        assert proc.returncode == 0
        chunks = []
        os.set_blocking(master, False)
        try:
            while True:
                chunks.append(os.read(master, 65536))
        except (BlockingIOError, OSError):
            pass
        shown = b"".join(chunks).decode(errors="replace")
        assert ("docs" in shown and "\r" in shown) is expect_bar, shown
    os.close(master)
    os.close(slave)


def test_version_and_help() -> None:
    res = run("--version")
    assert res.exit_code == 0 and res.stdout.strip() == f"newsclean {newsclean.__version__}"
    res = run("dedupe", "--help")
    assert res.exit_code == 0
    assert "Examples:" in res.stdout and "newsclean dedupe seeds/" in res.stdout
    assert "--keep" in res.stdout and "--threshold" in res.stdout
    res = run("clean", "--help")
    assert "Examples:" in res.stdout
    assert "Examples:" in run("--help").stdout


# -- could not run: one line, exit 1, nothing written ------------------------------------------


def _one_line_error(res: Result) -> str:
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert "Traceback" not in res.stderr
    return lines[0]


def test_missing_dump(tmp_path: Path) -> None:
    line = _one_line_error(run("dedupe", str(tmp_path / "nope"), "-o", str(tmp_path / "r.jsonl")))
    assert line == f"Error: {tmp_path / 'nope'}: no such file or directory"
    assert not (tmp_path / "r.jsonl").exists()


def test_missing_dump_in_a_real_process(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "newsclean", "dedupe", str(tmp_path / "nope")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"Error: {tmp_path / 'nope'}: no such file or directory"


def test_unwritable_output(copies_dir: Path, tmp_path: Path) -> None:
    line = _one_line_error(
        run("dedupe", str(copies_dir), "-o", str(tmp_path / "no" / "dir" / "r.csv"))
    )
    assert line.startswith("Error: cannot write") and "No such file or directory" in line
    (tmp_path / "a-file").write_text("x")
    line = _one_line_error(run("dedupe", str(copies_dir), "-o", str(tmp_path / "a-file" / "r.csv")))
    assert line.startswith("Error: cannot write") and "Not a directory" in line
    keep = ["--keep", "all", "--out", str(tmp_path / "a-file" / "k.jsonl")]
    line = _one_line_error(run("dedupe", str(copies_dir), "-o", str(tmp_path / "r.csv"), *keep))
    assert "Not a directory" in line and not (tmp_path / "r.csv").exists()
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as root: permissions are not enforced")
        line = _one_line_error(run("dedupe", str(copies_dir), "-o", str(locked / "r.jsonl")))
        assert "Permission denied" in line
        line = _one_line_error(
            run("dedupe", str(copies_dir), "--keep", "all", "--out", str(locked / "k.jsonl"))
        )
        assert "Permission denied" in line
    finally:
        locked.chmod(0o700)


def test_a_run_that_fails_midway_leaves_the_previous_report_intact(
    copies_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "r.jsonl"
    out.write_text("previous report\n")
    from newsclean import cli
    from newsclean.errors import DumpError

    real = cli.read_dumps

    def failing(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        it = real(*args, **kwargs)  # type: ignore[arg-type]
        yield next(it)
        raise DumpError("disk vanished")

    monkeypatch.setattr(cli, "read_dumps", failing)
    line = _one_line_error(
        run(
            "dedupe",
            str(copies_dir),
            "-o",
            str(out),
            "--keep",
            "all",
            "--out",
            str(tmp_path / "k.jsonl"),
        )
    )
    assert line == "Error: disk vanished"
    assert out.read_text() == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.jsonl", "scrape"]


# -- clean ----------------------------------------------------------------------------------------


def test_clean_prints_the_article(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(text_dump(STORY_AR, CHROME_AR).encode("cp1256"))
    res = run("clean", str(path))
    assert res.exit_code == 0
    assert res.stdout.strip() == newsclean.clean(path.read_bytes()).body.strip()
    assert STORY_AR.split("\n")[0] in res.stdout


def test_clean_json_explains_everything(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(text_dump(STORY_AR, CHROME_AR).encode("cp1256"))
    res = run("clean", str(path), "--json")
    data = json.loads(res.stdout)
    assert data["encoding"]["codec"] == "cp1256" and data["encoding"]["evidence"]
    assert {"removed", "attribution", "steps", "body", "title"} <= set(data)
    assert [s["name"] for s in data["steps"]] == [
        "decode",
        "source",
        "extract",
        "normalize",
        "fingerprint",
    ]


def test_clean_stdin_and_url() -> None:
    page = html_page("Rail yards to become parks", STORY_EN).encode()
    res = run("clean", "-", "--url", "https://a.example/parks", "--json", input=page)
    data = json.loads(res.stdout)
    assert data["url"] == "https://a.example/parks" and data["raw_kind"] == "html"
    assert "rail yards" in data["body"]


def test_clean_errors(tmp_path: Path) -> None:
    line = _one_line_error(run("clean", str(tmp_path / "nope.html")))
    assert "no such file or directory" in line
    binary = tmp_path / "x.bin"
    binary.write_bytes(bytes(range(256)) * 20)
    line = _one_line_error(run("clean", str(binary)))
    assert line.startswith(f"Error: {binary}: not text")


def test_clean_one_record_of_a_dump_by_its_origin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = html_page("Port traffic rises", STORY_EN)
    crawl = tmp_path / "crawl.warc"
    crawl.write_bytes(
        warc_file(
            [warcinfo(), warc_record(http_response(page.encode()), uri="https://a.example/p")]
        )
    )
    dump = tmp_path / "day.jsonl"
    dump.write_bytes(jsonl([{"id": "a", "body": STORY_AR, "date": "2024-05-02"}, {"id": "b"}]))
    report = tmp_path / "r.jsonl"
    res = run("dedupe", str(dump), str(crawl), "--text-field", "body", "-o", str(report))
    assert res.exit_code == 0
    rows = _rows(report)
    origins = [str(r["origin"]) for r in rows]
    assert origins[:2] == [f"{dump}:1", f"{dump}:2"] and origins[2].startswith(f"{crawl}@")
    # the JSONL record: its text, its id and its date (--json explains the pipeline)
    res = run("clean", origins[0], "--text-field", "body")
    assert res.exit_code == 0 and res.stdout.split("\n")[0] in STORY_AR
    got = json.loads(run("clean", origins[0], "--text-field", "body", "--json").stdout)
    assert (got["id"], got["date"]) == ("a", "2024-05-02")
    # the WARC record: its URL, and its fetch time for a page that gives no date, as the run
    got = json.loads(run("clean", origins[2], "--json").stdout)
    assert got["url"] == "https://a.example/p" and got["title"] == "Port traffic rises"
    assert got["date"] == rows[2]["date"]
    assert str(got["date"]).startswith("2024-05-01")  # the WARC-Date of warc_record
    # a record that failed: the report's reason; a whole dump or a directory: how to name one
    line = _one_line_error(run("clean", origins[1], "--text-field", "body"))
    assert line == f"Error: {dump}:2: {rows[1]['error']}"
    line = _one_line_error(run("clean", str(dump)))
    assert line == (
        f"Error: {dump}: a JSONL dump of several records: name one of its records as "
        f"{dump}:LINE (the report's origin column)"
    )
    two = tmp_path / "two.warc"
    two.write_bytes(crawl.read_bytes() * 2)
    line = _one_line_error(run("clean", str(two)))
    assert f"{two}: a WARC dump of several records: name one of its records as {two}@OFFSET" in (
        line
    )
    # a dump of one record is that record; a path given another way names the same record
    got = json.loads(run("clean", str(crawl), "--json").stdout)
    assert got["url"] == "https://a.example/p" and got["date"] == rows[2]["date"]
    monkeypatch.chdir(tmp_path)
    got = json.loads(run("clean", "./day.jsonl:1", "--text-field", "body", "--json").stdout)
    assert (got["id"], got["date"]) == ("a", "2024-05-02")
    line = _one_line_error(run("clean", str(tmp_path)))
    assert line == f"Error: {tmp_path}: a directory: name one of its files"
    empty = tmp_path / "empty.json"
    empty.write_text("[]")
    line = _one_line_error(run("clean", str(empty)))
    assert line == f"Error: {empty}: a JSONL dump with no records"


def test_lang_hint_is_an_iso_code(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(jsonl([{"id": "a", "text": STORY_EN}]))
    res = run("dedupe", str(path), "--lang", "arabic", "-o", "-", "-q")
    assert res.exit_code == 2 and "'arabic' is not an ISO 639-1 code" in res.stderr
    res = run("dedupe", str(path), "--lang", "zz", "-o", "-", "-q")
    assert res.exit_code == 0 and "warning: --lang zz: no word lists" in res.stderr
    res = run("dedupe", str(path), "--lang", "EN", "-o", "-", "-q")
    assert res.exit_code == 0 and res.stderr == ""


def test_dump_dates_in_any_form_choose_the_earliest_copy(tmp_path: Path) -> None:
    # RSS pubDate strings and a Unix time: compared as strings, the Unix time would win,
    # then "Mon, 30 Nov"; in time, Sunday evening in New York is the earliest
    dump = tmp_path / "feed.jsonl"
    dates = {
        "mon": "Mon, 30 Nov 2026 08:00:00 +0000",
        "sun-ny": "Sun, 29 Nov 2026 23:30:00 -0500",  # Monday 04:30 UTC
        "unix": 1796018400,  # Monday 06:00 UTC
    }
    records = [
        {"id": i, "text": text_dump(STORY_EN, CHROME_EN), "date": d} for i, d in dates.items()
    ]
    dump.write_bytes(jsonl(records))
    out = tmp_path / "r.jsonl"
    assert run("dedupe", str(dump), "-o", str(out), "-q").exit_code == 0
    assert {r["id"]: r["canonical"] for r in _rows(out)} == dict.fromkeys(dates, "sun-ny")
    assert {r["id"]: r["date"] for r in _rows(out)} == {  # the report's date column, read
        "mon": "2026-11-30T08:00:00Z",
        "sun-ny": "2026-11-30T04:30:00Z",
        "unix": "2026-11-30T06:00:00Z",
    }


def test_a_crawl_chooses_the_earliest_published_copy_not_the_first_fetched(
    tmp_path: Path,
) -> None:
    def page(published: str | None) -> bytes:
        meta = f'<meta property="article:published_time" content="{published}">'
        html = html_page("Port deal signed", STORY_EN)
        return (html.replace("</title>", "</title>" + meta) if published else html).encode()

    crawl = tmp_path / "crawl.warc.gz"
    records = [  # fetched in this order; published in another
        ("https://a.example/1", page("2024-05-02T09:00:00+00:00"), "2024-05-03T08:00:00Z"),
        ("https://b.example/1", page("2024-05-02T10:30:00+02:00"), "2024-05-03T09:00:00Z"),
        ("https://c.example/1", page(None), "2024-05-03T10:00:00Z"),  # no date in its markup
    ]
    crawl.write_bytes(
        warc_file(
            [warc_record(http_response(body), uri=u, date=d) for u, body, d in records], gz=True
        )
    )
    out, kept = tmp_path / "r.jsonl", tmp_path / "kept.jsonl"
    res = run("dedupe", str(crawl), "-o", str(out), "--keep", "all", "--out", str(kept), "-q")
    assert res.exit_code == 0, res.output
    by_url = {r["url"]: r for r in _rows(out)}
    assert {r["canonical"] for r in by_url.values()} == {by_url["https://b.example/1"]["id"]}
    assert {r["url"]: r["date"] for r in by_url.values()} == {
        r["url"]: r["date"] for r in _rows(kept)
    }
    dates = {r["url"]: r["date"] for r in _rows(kept)}
    assert dates == {  # the page's date, else when it was fetched
        "https://a.example/1": "2024-05-02T09:00:00Z",
        "https://b.example/1": "2024-05-02T08:30:00Z",
        "https://c.example/1": "2024-05-03T10:00:00Z",
    }


def test_a_wet_text_dump_is_dated_by_its_date_line_or_relative_stamp(tmp_path: Path) -> None:
    """Common Crawl's WET files are text dumps with a fetch time: a page's date line dates
    it, a relative stamp ("منذ 3 ساعات") counts back from the fetch, else the fetch time."""

    def wet(stamp: str | None, story: str, fetched: str, uri: str) -> bytes:
        head = ["الرئيسية", "أخبار محلية", "توسيع ميناء الحاويات", *([stamp] if stamp else [])]
        text = "\n".join([*head, story]).encode()
        return warc_record(
            text, rtype="conversion", content_type="text/plain", uri=uri, date=fetched
        )

    crawl = tmp_path / "crawl.warc.wet.gz"
    crawl.write_bytes(
        warc_file(
            [
                wet("منذ 3 ساعات", STORY_AR, "2024-05-03T01:00:00Z", "https://a.example/1"),
                wet("۲ روز پیش", STORY_EN, "2024-05-03T10:00:00Z", "https://b.example/1"),
                wet(
                    "الخميس 2 مايو 2024", STORY_EN_2, "2024-05-09T10:00:00Z", "https://c.example/1"
                ),
                wet(
                    None, STORY_AR + "\n\nفقرة أخرى.", "2024-05-03T10:00:00Z", "https://d.example/1"
                ),
            ],
            gz=True,
        )
    )
    out = tmp_path / "r.jsonl"
    res = run("dedupe", str(crawl), "-o", str(out), "-q")
    assert res.exit_code == 0, res.output
    assert {r["url"]: r["date"] for r in _rows(out)} == {
        "https://a.example/1": "2024-05-02",  # three hours before 01:00 on May 3
        "https://b.example/1": "2024-05-01",
        "https://c.example/1": "2024-05-02",  # its date line, not the fetch a week later
        "https://d.example/1": "2024-05-03T10:00:00Z",  # no date: when it was fetched
    }
    # one record cleaned by its origin reads its stamp against the same fetch time
    origin = next(r["origin"] for r in _rows(out) if r["url"] == "https://a.example/1")
    res = run("clean", origin, "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["date"] == "2024-05-02"
