"""Site templates learned from the dump (per host, from text pages with URLs) and stripped."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from dumpgen import WORDS, jsonl
from newsclean.cli import main
from newsclean.dumps import DumpRecord
from newsclean.sites import SiteLearner, host_of, learn_site_profiles, page_keys

TEMPLATE = "The Zorblax almanac tells farmers when the rains arrive in Lower Vemmering."


def _body(seed: int) -> str:
    """Four sentences of prose, different on every page."""
    rng = random.Random(seed)
    return "\n".join(
        "The {} of the {} said on Monday that the {} would reopen the {} before the {}.".format(
            *rng.sample(WORDS, 5)
        )
        for _ in range(4)
    )


def _page(seed: int) -> str:
    """A text dump: the site's almanac line (its template) between the paragraphs."""
    lines = _body(seed).split("\n")
    return "\n".join([*lines[:2], TEMPLATE, *lines[2:]])


def test_host_of() -> None:
    assert host_of("https://www.News.Example/a/b") == "news.example"
    assert host_of("http://[::1") is None and host_of(None) is None and host_of("") is None


def test_learner_caps_pages_and_needs_three() -> None:
    learner = SiteLearner(max_pages=4)
    for i in range(10):
        learner.add("a.example", ["menu", f"line {i}"])
    learner.add("b.example", ["menu"])
    learner.add("b.example", ["menu"])
    profiles = learner.profiles()
    assert list(profiles) == ["a.example"]
    assert profiles["a.example"].pages == 4 and profiles["a.example"].lines == {"menu": 4}


def test_learner_pruning_keeps_template_lines() -> None:
    learner = SiteLearner(max_keys=50)
    for i in range(40):
        learner.add("a.example", ["menu", "footer", f"unique {i} a", f"unique {i} b"])
    assert learner._keys <= 50 + 4
    assert learner.profiles()["a.example"].lines == {"footer": 40, "menu": 40}


def test_page_keys_only_text_pages_with_a_host() -> None:
    assert page_keys(DumpRecord("a", "o", raw="x\ny", url=None), 100) is None
    assert (
        page_keys(DumpRecord("a", "o", raw="<p>x</p>", url="http://h.example/", html=True), 100)
        is None
    )
    assert (
        page_keys(DumpRecord("a", "o", raw="<html><body>x", url="http://h.example/"), 100) is None
    )
    found = page_keys(DumpRecord("a", "o", raw=b"Menu\n\nStory.", url="http://h.example/"), 100)
    assert found == ("h.example", ("menu", "story"))


def test_learn_site_profiles_in_workers_equals_in_process() -> None:
    recs = [
        DumpRecord(f"r{i}", f"d:{i}", raw=_page(i), url=f"https://z.example/{i}") for i in range(30)
    ]
    one = learn_site_profiles(recs, workers=1)
    two = learn_site_profiles(recs, workers=2)
    assert one == two and one["z.example"].pages == 30


@pytest.mark.parametrize("kind", ["jsonl", "parquet", "dir"])
def test_dedupe_strips_the_template_lines_of_each_host(tmp_path: Path, kind: str) -> None:
    """From a JSONL or Parquet dump, or from the JSONL shards in a directory."""
    pages = [
        {"id": f"z{i}", "url": f"https://zorblax.example/{i}", "text": _page(i)} for i in range(8)
    ]
    pages += [
        {"id": f"o{i}", "url": f"https://other.example/{i}", "text": _page(100 + i)}
        for i in range(2)
    ]
    dump = tmp_path / f"d.{kind}"
    if kind == "jsonl":
        dump.write_bytes(jsonl(pages))
    elif kind == "dir":
        dump.mkdir()
        (dump / "part-0.jsonl").write_bytes(jsonl(pages[:5]))
        (dump / "part-1.jsonl").write_bytes(jsonl(pages[5:]))
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(pages), dump)
    kept = {}
    for flag in ("--site-templates", "--no-site-templates"):
        out = tmp_path / f"k{flag}.jsonl"
        res = CliRunner().invoke(
            main, ["dedupe", str(dump), "--keep", "all", "--out", str(out), "-o", "/dev/null", flag]
        )
        assert res.exit_code == 0, res.output
        kept[flag] = {d["id"]: d["text"] for d in map(json.loads, out.read_text().splitlines())}
        learned = "site templates learned for 1 host" in res.stderr
        assert learned is (flag == "--site-templates")
    for doc_id, text in kept["--site-templates"].items():
        has_template = TEMPLATE in text
        assert has_template is doc_id.startswith("o"), doc_id  # other.example: too few pages
        assert (
            _body(int(doc_id[1:]) + (100 if doc_id.startswith("o") else 0)).split("\n")[0] in text
        )
    assert all(TEMPLATE in t for t in kept["--no-site-templates"].values())


def test_directories_and_stdin_are_not_read_twice(tmp_path: Path) -> None:
    d = tmp_path / "scrape"
    d.mkdir()
    for i in range(5):
        (d / f"{i}.txt").write_text(_page(i))
    res = CliRunner().invoke(main, ["dedupe", str(d), "-", "-o", "/dev/null"], input=b"")
    assert res.exit_code == 0 and "site templates" not in res.stderr
