"""The persistent index: re-runs add nothing and keep cluster ids, later crawls are
de-duplicated against earlier ones, bad index files stop the run cleanly, and a run killed
with SIGKILL and run again ends exactly like an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dumpgen import CHROME_AR, CHROME_EN, STORY_AR, STORY_EN, STORY_EN_2, WORDS, jsonl, text_dump
from newsclean.cli import main
from newsclean.crawl_index import CrawlIndex
from newsclean.dedup import DuplicateIndex, SQLiteStore
from newsclean.dedup.features import DocFeatures
from newsclean.errors import IndexStoreError

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def story(seed: int) -> str:
    """A distinct story of six prose sentences."""
    import random

    rng = random.Random(seed)
    return "\n\n".join(
        "The {} of the {} said on {} that the {} would reopen the {} before the {}.".format(
            *rng.sample(WORDS, 2),
            rng.choice(["Monday", "Tuesday", "Friday"]),
            *rng.sample(WORDS, 3),
        )
        for _ in range(6)
    )


@pytest.fixture
def day1(tmp_path: Path) -> Path:
    path = tmp_path / "day1.jsonl"
    path.write_bytes(
        jsonl(
            [
                {"id": "d1-ar", "text": text_dump(STORY_AR, CHROME_AR)},
                {"id": "d1-ar-copy", "text": text_dump(STORY_AR, CHROME_AR)},
                {"id": "d1-en", "text": text_dump(STORY_EN, CHROME_EN)},
                {"id": "d1-bad"},
            ]
        )
    )
    return path


def test_rerun_adds_nothing_and_keeps_cluster_ids(day1: Path, tmp_path: Path) -> None:
    index = tmp_path / "news.db"
    first, second = tmp_path / "r1.jsonl", tmp_path / "r2.jsonl"
    assert run("dedupe", str(day1), "--index", str(index), "-o", str(first)).exit_code == 0
    with CrawlIndex(index) as idx:
        size = len(idx)
    res = run("dedupe", str(day1), "--index", str(index), "-o", str(second))
    assert res.exit_code == 0
    assert "3 records indexed before, 3 articles indexed in all" in res.stderr
    with CrawlIndex(index) as idx:
        assert len(idx) == size == 3
    a, b = rows(first), rows(second)
    assert len(a) == len(b) == 4
    keys = ("id", "status", "cluster", "canonical", "similarity", "reason")
    assert [[r[k] for k in keys] for r in a] == [[r[k] for k in keys] for r in b]
    assert a[1]["reason"] == "identical text"  # kept in the index with the story
    assert [r["reason"] for r in (a[0], a[2], a[3])] == [None, None, None]
    assert [r["indexed_before"] for r in a] == [False] * 4
    assert [r["indexed_before"] for r in b] == [
        True,
        True,
        True,
        False,
    ]  # the error row is not indexed
    assert a[0]["status"] == "canonical" and a[1]["status"] == "duplicate"


def test_a_later_crawl_is_deduplicated_against_the_index(day1: Path, tmp_path: Path) -> None:
    index = tmp_path / "news.db"
    assert run("dedupe", str(day1), "--index", str(index), "-o", os.devnull).exit_code == 0
    day2 = tmp_path / "day2.jsonl"
    day2.write_bytes(
        jsonl(
            [
                {"id": "d2-en-copy", "text": text_dump(STORY_EN, CHROME_EN)},
                {"id": "d2-new", "text": text_dump(STORY_EN_2, CHROME_EN)},
            ]
        )
    )
    out = tmp_path / "r.jsonl"
    res = run("dedupe", str(day2), "--index", str(index), "-o", str(out))
    assert res.exit_code == 0
    copy, new = rows(out)
    assert copy["status"] == "duplicate" and copy["canonical"] == "d1-en"
    assert copy["indexed_before"] is False
    assert new["status"] == "unique" and new["cluster"] not in (0, 1)
    assert "story with copies" in res.stderr and "d1-en" in res.stderr


def test_without_index_the_same_run_gives_the_same_stories(day1: Path, tmp_path: Path) -> None:
    out_a, out_b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert run("dedupe", str(day1), "-o", str(out_a)).exit_code == 0
    assert (
        run("dedupe", str(day1), "--index", str(tmp_path / "i.db"), "-o", str(out_b)).exit_code == 0
    )
    keys = ("id", "status", "canonical", "reason")
    assert [[r[k] for k in keys] for r in rows(out_a)] == [
        [r[k] for k in keys] for r in rows(out_b)
    ]


def _one_line(res: Result) -> str:
    assert res.exit_code == 1, res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in res.stderr, res.stderr
    return lines[0]


def test_bad_index_files_stop_the_run_with_one_line(day1: Path, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(os.urandom(4096))
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    db.close()
    out = tmp_path / "r.jsonl"
    cases = {
        garbage: "file is not a database",
        other: "not a newsclean index",
        tmp_path: "is a directory",
        tmp_path / "missing-dir" / "x.db": "unable to open database file",
    }
    for path, reason in cases.items():
        line = _one_line(run("dedupe", str(day1), "--index", str(path), "-o", str(out)))
        assert line.startswith("Error: ") and reason in line, line
        assert not out.exists()
    assert garbage.stat().st_size == 4096


def _settings(path: Path) -> dict[str, object]:
    con = sqlite3.connect(path)
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'settings'").fetchone()
        return dict(json.loads(row[0]))
    finally:
        con.close()


def test_an_index_is_run_with_its_own_settings(day1: Path, tmp_path: Path) -> None:
    # built through the API with other signature settings and threshold: the CLI takes them
    path = tmp_path / "i.db"
    with DuplicateIndex(SQLiteStore(path), num_perm=32, threshold=0.8) as idx:
        idx.add("x", STORY_EN)
    res = run("dedupe", str(day1), "--index", str(path), "-o", str(tmp_path / "r.jsonl"))
    assert res.exit_code == 0 and "warning" not in res.stderr, res.stderr
    assert _settings(path)["num_perm"] == 32 and _settings(path)["threshold"] == 0.8
    by_id = {r["id"]: r for r in rows(tmp_path / "r.jsonl")}
    assert by_id["d1-en"]["canonical"] == "x"  # found through the index's 32 permutations
    # -t changes the threshold from this run on, with a warning; a run without -t keeps it
    res = run("dedupe", str(day1), "--index", str(path), "-t", "0.6", "-o", os.devnull)
    assert res.exit_code == 0
    assert f"{path} was used with threshold 0.8: this run's articles are decided at 0.6" in (
        res.stderr
    )
    res = run("dedupe", str(day1), "--index", str(path))  # the listing says why
    assert res.exit_code == 0 and "warning" not in res.stderr
    assert _settings(path)["threshold"] == 0.6
    canonical = [ln for ln in res.stdout.splitlines() if ln.lstrip().startswith("canonical")]
    assert canonical and all(ln.endswith(")") and "  (" in ln for ln in canonical), res.stdout
    # signature settings cannot change: the stored signatures were computed with them
    with pytest.raises(IndexStoreError, match=r"built with other settings \(num_perm: index 32"):
        DuplicateIndex(SQLiteStore(path), num_perm=64)


def test_a_corrupt_index_is_reported(day1: Path, tmp_path: Path) -> None:
    path = tmp_path / "i.db"
    assert run("dedupe", str(day1), "--index", str(path), "-o", os.devnull).exit_code == 0
    data = bytearray(path.read_bytes())
    for i in range(200, len(data), 97):  # damage every page
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    line = _one_line(run("dedupe", str(day1), "--index", str(path), "-o", os.devnull))
    assert line.startswith("Error: ")


def test_an_engine_failure_on_one_article_leaves_no_trace(
    day1: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = DuplicateIndex.add

    def flaky(self: DuplicateIndex, doc: object, *args: object, **kw: object) -> object:
        if getattr(doc, "id", None) == "d1-ar-copy":
            real(self, doc, *args, **kw)  # type: ignore[arg-type]  # written, then it fails
            raise ValueError("engine bug")
        return real(self, doc, *args, **kw)  # type: ignore[arg-type]

    real_batch = DuplicateIndex.add_batch

    def flaky_batch(self: DuplicateIndex, features: list[DocFeatures]) -> object:
        found = real_batch(self, features)  # written, then it fails: rolled back, one by one
        if any(f.id == "d1-ar-copy" for f in features):
            raise ValueError("engine bug")
        return found

    monkeypatch.setattr(DuplicateIndex, "add", flaky)
    monkeypatch.setattr(DuplicateIndex, "add_batch", flaky_batch)
    path, out = tmp_path / "i.db", tmp_path / "r.jsonl"
    assert run("dedupe", str(day1), "--index", str(path), "-o", str(out)).exit_code == 0
    by_id = {r["id"]: r for r in rows(out)}
    assert by_id["d1-ar-copy"]["status"] == "error"
    assert by_id["d1-ar-copy"]["error"] == "internal error: de-duplication: ValueError: engine bug"
    assert by_id["d1-en"]["status"] == "unique"
    monkeypatch.setattr(DuplicateIndex, "add", real)
    monkeypatch.setattr(DuplicateIndex, "add_batch", real_batch)
    with CrawlIndex(path) as idx:
        assert sorted(idx.ids()) == ["d1-ar", "d1-en"]
        assert idx.story("d1-ar-copy") is None


# -- SIGKILL ------------------------------------------------------------------------------------


def _crawl(path: Path, n: int) -> None:
    """n articles: distinct stories, every fifth a copy of an earlier one."""
    docs = []
    for i in range(n):
        seed = i - 7 if i % 5 == 4 else i
        docs.append({"id": f"a{i:05d}", "text": story(seed) + f"\n\nFiled by desk {WORDS[i % 7]}."})
    path.write_bytes(jsonl(docs))


def _indexed(index: Path) -> int:
    try:
        with sqlite3.connect(f"file:{index}?mode=ro", uri=True, timeout=0.2) as db:
            return int(db.execute("SELECT COUNT(*) FROM docs").fetchone()[0])
    except sqlite3.Error:
        return 0


def _command(dump: Path, index: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "newsclean", "dedupe", str(dump), "--index", str(index),
            "-o", str(out), "-q", "--index-batch", "16"]  # fmt: skip


@pytest.mark.slow
def test_killed_runs_resume_to_exactly_the_uninterrupted_result(tmp_path: Path) -> None:
    dump = tmp_path / "crawl.jsonl"
    _crawl(dump, 600)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

    clean_index, clean_out = tmp_path / "clean.db", tmp_path / "clean.jsonl"
    subprocess.run(_command(dump, clean_index, clean_out), env=env, check=True, timeout=600)
    expected = rows(clean_out)

    index, out = tmp_path / "killed.db", tmp_path / "killed.jsonl"
    kills = 0
    for target in (150, 400):  # kill twice, at different points
        proc = subprocess.Popen(_command(dump, index, out), env=env)
        deadline = time.monotonic() + 300
        while _indexed(index) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        assert not out.exists()  # the report appears whole or not at all
    assert kills == 2, "the runs finished before they could be killed"
    done_before = _indexed(index)
    assert 0 < done_before < len(expected)
    subprocess.run(_command(dump, index, out), env=env, check=True, timeout=600)
    got = rows(out)

    keys = ("id", "origin", "status", "cluster", "canonical", "similarity")
    assert [[r[k] for k in keys] for r in got] == [[r[k] for k in keys] for r in expected]
    assert sum(bool(r["indexed_before"]) for r in got) == done_before
    assert _indexed(index) == _indexed(clean_index) == len(expected)  # nothing lost or doubled
    assert sum(r["status"] == "duplicate" for r in got) > 0


def test_only_a_listing_reads_the_members_for_the_canonical_reasons(
    day1: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # with an index, a story's reason reads every member back from the file: a run that
    # writes a report (-o) does not print reasons and must not pay for them
    def refuse(self: CrawlIndex, cluster: int) -> str:
        raise AssertionError("canonical_reason read without a listing")

    path = tmp_path / "i.db"
    with monkeypatch.context() as m:
        m.setattr(CrawlIndex, "canonical_reason", refuse)
        res = run("dedupe", str(day1), "--index", str(path), "-o", str(tmp_path / "r.jsonl"))
        assert res.exit_code == 0, res.output
    res = run("dedupe", str(day1), "--index", str(path))  # the listing prints them
    assert res.exit_code == 0 and "  canonical  " in res.stdout and "  (" in res.stdout


def test_an_index_from_before_the_reasons_gains_them_for_new_articles(
    day1: Path, tmp_path: Path
) -> None:
    index = tmp_path / "news.db"
    assert run("dedupe", str(day1), "--index", str(index), "-o", os.devnull).exit_code == 0
    with sqlite3.connect(index) as db:  # the story table of an index written before
        db.execute("ALTER TABLE story_of DROP COLUMN reason")
    day2 = tmp_path / "day2.jsonl"
    day2.write_bytes(jsonl([{"id": "d2-en-copy", "text": text_dump(STORY_EN, CHROME_EN)}]))
    out = tmp_path / "r.jsonl"
    res = run("dedupe", str(day1), str(day2), "--index", str(index), "-o", str(out))
    assert res.exit_code == 0, res.output
    by_id = {r["id"]: r for r in rows(out)}
    assert by_id["d1-ar-copy"]["status"] == "duplicate"
    assert by_id["d1-ar-copy"]["reason"] is None  # indexed before the reasons were kept
    assert by_id["d2-en-copy"]["status"] == "duplicate"
    assert by_id["d2-en-copy"]["reason"] == "identical text"


def test_a_new_canonical_copy_gives_the_old_one_its_reason(tmp_path: Path) -> None:
    from newsclean import clean

    body = text_dump(STORY_EN, CHROME_EN)
    with CrawlIndex(tmp_path / "news.db") as idx:
        idx.add(clean(body, id="late", date="2024-05-03"))
        idx.add(clean(body + "\n\nShare this story", id="later", date="2024-05-04"))
        assert idx.story("late").reason is None and idx.story("later").reason == "identical text"
        idx.add(clean(body, id="first", date="2024-05-01"))  # earlier: the canonical copy now
        assert idx.story("first").canonical == "first" and idx.story("first").reason is None
        assert idx.story("late").reason == "identical text"
        assert idx.story("later").reason == "identical text"
