"""Dump readers: directories, JSONL (plain, gzip, stdin), kind detection, stable ids."""

from __future__ import annotations

import bz2
import contextlib
import gzip
import io
import json
import lzma
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dumpgen import STORY_AR, STORY_EN, jsonl, text_dump
from newsclean.dumps import (
    DumpOptions,
    detect_kind,
    read_directory,
    read_dump,
    read_dumps,
    read_jsonl,
)
from newsclean.dumps.directory import _read_up_to, read_raw_file
from newsclean.dumps.jsonl import parse_line, read_jsonl_stream
from newsclean.errors import DumpError

# -- directories ---------------------------------------------------------------------------------


def test_directory_reads_every_file_as_bytes_in_stable_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "page.html").write_text("<html><body>x</body></html>")
    (tmp_path / "a.txt").write_bytes(STORY_AR.encode("cp1256"))
    (tmp_path / "c.noext").write_bytes(b"plain")
    (tmp_path / ".hidden").write_text("skip")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("skip")
    (tmp_path / "README.md").write_text("describes the dump")
    (tmp_path / "b" / "README.txt").write_text("describes the pages beside it")
    recs = list(read_directory(str(tmp_path)))
    base = str(tmp_path).replace("\\", "/")
    assert [r.id for r in recs] == [f"{base}/a.txt", f"{base}/b/page.html", f"{base}/c.noext"]
    assert all(r.origin == r.id and isinstance(r.raw, bytes) for r in recs)
    assert recs[0].raw == STORY_AR.encode("cp1256")  # left to the encoding stage


def test_directory_ids_follow_the_path_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "dump").mkdir()
    (tmp_path / "dump" / "x.txt").write_text("t")
    monkeypatch.chdir(tmp_path)
    assert [r.id for r in read_dump("dump/")] == ["dump/x.txt"]
    assert [r.id for r in read_dump("./dump")] == ["dump/x.txt"]
    monkeypatch.chdir(tmp_path / "dump")
    assert [r.id for r in read_dump(".")] == ["x.txt"]


def test_directory_exclude_patterns(tmp_path: Path) -> None:
    for name in ("keep.txt", "skip.json", "sub/also.json", "sub/keep2.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("t")
    recs = read_directory(str(tmp_path), DumpOptions(exclude=("*.json",)))
    assert [Path(r.id).name for r in recs] == ["keep.txt", "keep2.txt"]


def test_directory_gzip_files_are_decompressed_and_damage_reported(tmp_path: Path) -> None:
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(b"<p>story</p>"))
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(STORY_EN.encode())[:-12])
    recs = list(read_directory(str(tmp_path)))
    assert recs[0].raw == b"<p>story</p>"
    assert recs[1].raw is None and recs[1].error is not None
    assert recs[1].error.startswith("truncated gzip")


def test_directory_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # a sparse 50 MB file: created instantly
        fh.truncate(50 * 1024 * 1024)
    (tmp_path / "small.txt").write_text("ok")
    recs = list(read_directory(str(tmp_path)))
    assert recs[0].error == "too large: 52428800 bytes (limit 10000000, see --max-bytes)"
    assert recs[1].raw == b"ok"


def test_directory_gzip_bomb_is_capped(tmp_path: Path) -> None:
    (tmp_path / "bomb.gz").write_bytes(gzip.compress(b"\0" * 2_000_000))
    (rec,) = read_directory(str(tmp_path), DumpOptions(max_bytes=100_000))
    assert rec.error is not None and rec.error.startswith("too large")


def test_unreadable_file_is_a_record_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    (rec,) = read_directory(str(tmp_path))
    assert rec.error is not None and rec.error.startswith("unreadable")


# -- JSONL ---------------------------------------------------------------------------------------


def test_jsonl_fields_and_derived_ids(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(
        jsonl(
            [
                {"id": "n1", "text": STORY_EN, "url": "https://a.example/1", "date": "2024-05-01"},
                {"text": STORY_AR},
                {"id": 17, "html": "<p>frag</p>", "text": "ignored"},
            ]
        )
    )
    recs = list(read_jsonl(str(path)))
    base = str(path).replace("\\", "/")
    assert [r.id for r in recs] == ["n1", f"{base}:2", "17"]
    assert [r.origin for r in recs] == [f"{base}:1", f"{base}:2", f"{base}:3"]
    assert recs[0].url == "https://a.example/1" and recs[0].date == "2024-05-01"
    assert recs[0].raw == STORY_EN and recs[0].html is False
    assert recs[2].raw == "<p>frag</p>" and recs[2].html is True  # the HTML field wins


def test_jsonl_custom_and_nested_fields() -> None:
    opts = DumpOptions(id_field="uid", text_field="body", url_field="meta.link")
    line = json.dumps({"uid": "u", "body": "b", "meta": {"link": "https://x.example/"}}).encode()
    rec = parse_line(line, "f:1", opts)
    assert (rec.id, rec.raw, rec.url) == ("u", "b", "https://x.example/")


def test_jsonl_fetch_time_field() -> None:
    """The crawl time is a field of its own (``fetched``; --fetched-field names another),
    kept apart from the publication date, on failed records too; a number is read as text."""
    line = json.dumps({"text": "x", "date": "2024-05-01", "fetched": "2024-05-03T01:00:00Z"})
    rec = parse_line(line.encode(), "f:1")
    assert (rec.date, rec.fetched) == ("2024-05-01", "2024-05-03T01:00:00Z")
    opts = DumpOptions(fetched_field="crawl.ts")
    rec = parse_line(json.dumps({"text": "x", "crawl": {"ts": 1714698000}}).encode(), "f:2", opts)
    assert rec.fetched == "1714698000" and rec.date is None
    failed = parse_line(json.dumps({"body": "x", "crawl": {"ts": "t"}}).encode(), "f:3", opts)
    assert failed.error is not None and failed.fetched == "t"
    assert parse_line(b'{"text": "x"}', "f:4").fetched is None


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (b'{"text": "x"', "invalid JSON: Expecting ',' delimiter (column 13)"),
        (b"[1, 2]", "not an object: the line is an array"),
        (
            b'{"title": "no body"}',
            "no text: no 'text' or 'html' field (set --text-field / --html-field; it has 'title')",
        ),
        (b'{"text": null}', "no text: no 'text' or 'html' field (set --text-field / --html-field)"),
        (b'{"text": ["a"]}', "bad text field: field 'text' is an array, not a string"),
        (b'{"text": 3}', "bad text field: field 'text' is a number, not a string"),
        (b"[" * 100_000, "invalid JSON: nested too deeply"),
    ],
)
def test_jsonl_bad_lines_are_records_with_reasons(line: bytes, error: str) -> None:
    rec = parse_line(line, "d.jsonl:7")
    assert rec.error == error
    assert rec.raw is None and rec.origin == "d.jsonl:7"


def test_jsonl_bad_line_keeps_its_id_when_it_has_one() -> None:
    rec = parse_line(b'{"id": "keep-me", "body": "x"}', "d.jsonl:3")
    assert rec.id == "keep-me" and rec.error is not None


def test_jsonl_line_that_is_not_utf8_keeps_its_bytes_for_the_decoder() -> None:
    text = "خبر عاجل عن الميناء"
    line = b'{"id": "cp", "text": "' + text.encode("cp1256") + b'"}'
    rec = parse_line(line, "d.jsonl:1")
    assert rec.error is None
    assert rec.raw == text.encode("cp1256")


def test_jsonl_blank_lines_are_not_records_but_count_for_line_numbers() -> None:
    data = io.BytesIO(b'\n  \n{"text": "a"}\r\n\n{"text": "b"}')
    recs = list(read_jsonl_stream(data, "s"))
    assert [r.origin for r in recs] == ["s:3", "s:5"]


def test_jsonl_overlong_line_is_skipped_without_reading_it_whole() -> None:
    data = io.BytesIO(b'{"text": "' + b"x" * 5000 + b'"}\n{"text": "after"}\n')
    recs = list(read_jsonl_stream(data, "s", DumpOptions(max_bytes=1000)))
    assert recs[0].error == "too large: line longer than 1000 bytes (see --max-bytes)"
    assert recs[1].raw == "after" and recs[1].origin == "s:2"


def test_jsonl_gzip_is_detected_by_content(tmp_path: Path) -> None:
    path = tmp_path / "dump.data"  # no telling extension
    path.write_bytes(gzip.compress(jsonl([{"id": "g", "text": "gz"}])))
    assert detect_kind(str(path)) == "jsonl"
    assert [r.raw for r in read_dump(str(path))] == ["gz"]


def test_jsonl_truncated_gzip_keeps_what_was_read_and_says_where_it_stopped(tmp_path: Path) -> None:
    lines = [{"id": f"r{i}", "text": f"{STORY_EN} {i}"} for i in range(200)]
    data = gzip.compress(jsonl(lines))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    recs = list(read_jsonl(str(path)))
    good = [r for r in recs if r.ok]
    bad = [r for r in recs if not r.ok]
    assert good and [r.id for r in good] == [f"r{i}" for i in range(len(good))]
    assert len(bad) <= 2  # the cut line (invalid JSON) and the truncation itself
    assert bad[-1].error is not None and bad[-1].error.startswith("truncated gzip")
    assert "nothing after line" in bad[-1].error


def test_jsonl_corrupt_gzip_is_reported(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(jsonl([{"text": STORY_EN * 20}])))
    data[len(data) // 2] ^= 0xFF
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(bytes(data))
    recs = list(read_jsonl(str(path)))
    assert recs[-1].error is not None and recs[-1].error.startswith(
        ("corrupt gzip", "invalid JSON")
    )


@pytest.mark.parametrize(("fmt", "compress"), [("bzip2", bz2.compress), ("xz", lzma.compress)])
def test_jsonl_bzip2_and_xz_are_read_and_their_damage_named(
    tmp_path: Path, fmt: str, compress: Callable[[bytes], bytes]
) -> None:
    lines = [{"id": f"r{i}", "text": f"{STORY_EN} {i}"} for i in range(200)]
    data = compress(jsonl(lines))
    whole = tmp_path / "dump.data"  # the first bytes tell, not the name
    whole.write_bytes(data)
    assert detect_kind(str(whole)) == "jsonl"
    assert [r.id for r in read_dump(str(whole))] == [f"r{i}" for i in range(200)]
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(data[: len(data) // 2])
    recs = list(read_jsonl(str(cut)))
    good = [r for r in recs if r.ok]
    assert [r.id for r in good] == [f"r{i}" for i in range(len(good))]
    assert recs[-1].error is not None
    assert recs[-1].error.startswith(f"truncated {fmt}: the compressed data ends")
    assert "nothing after line" in recs[-1].error
    damaged = bytearray(data)
    damaged[200:240] = b"x" * 40  # early: bzip2 would take damage near its end for a cut
    cut.write_bytes(bytes(damaged))
    recs = list(read_jsonl(str(cut)))
    assert recs[-1].error is not None and recs[-1].error.startswith(f"corrupt {fmt}: ")


def test_compressed_files_of_a_directory_are_decompressed_whatever_the_format(
    tmp_path: Path,
) -> None:
    page = b"<p>story</p>"
    (tmp_path / "a.html.bz2").write_bytes(bz2.compress(page))
    (tmp_path / "b.html.xz").write_bytes(lzma.compress(page))
    (tmp_path / "c.html.xz").write_bytes(lzma.compress(page * 1000)[:-30])
    (tmp_path / "d.jsonl.xz").write_bytes(lzma.compress(jsonl([{"id": "j", "text": "in xz"}])))
    recs = list(read_directory(str(tmp_path)))
    assert [r.raw for r in recs[:2]] == [page, page]
    assert recs[2].error is not None and recs[2].error.startswith("truncated xz")
    assert [(r.id, r.raw) for r in recs[3:]] == [("j", "in xz")]
    (tmp_path / "e.html.bz2").write_bytes(bz2.compress(b"\0" * 200_000))
    capped = read_directory(str(tmp_path), DumpOptions(max_bytes=1000))
    (bomb,) = [r for r in capped if r.id.endswith("e.html.bz2")]
    assert bomb.error is not None and bomb.error.startswith("too large")


def test_stdin_is_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(b'{"id": "s", "text": "from stdin"}\n')))
    monkeypatch.setattr("sys.stdin", stdin)
    assert detect_kind("-") == "jsonl"
    (rec,) = read_dump("-")
    assert (rec.id, rec.raw, rec.origin) == ("s", "from stdin", "<stdin>:1")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(st.binary(max_size=40), st.text(max_size=40).map(str.encode)), max_size=30)
)
def test_every_non_blank_line_gives_exactly_one_record(lines: list[bytes]) -> None:
    """... unless the first one opens a JSON document (an array, a pretty-printed object):
    then its records are numbered from 1, and only an empty array gives none."""
    lines = [ln.replace(b"\n", b" ").replace(b"\r", b" ") for ln in lines]
    data = b"\n".join(lines)
    recs = list(read_jsonl_stream(io.BytesIO(data), "h"))
    filled = [ln for ln in lines if ln.strip(b" \t\x0b\x0c")]
    head = filled[0].removeprefix(b"\xef\xbb\xbf").strip() if filled else b""
    if head[:1] == b"[" or head == b"{" or (head[:1] == b"{" and head[-1:] in (b",", b"{", b"[")):
        assert [r.origin for r in recs] == [f"h:{n}" for n in range(1, len(recs) + 1)]
        empty = False
        with contextlib.suppress(ValueError):
            empty = json.loads(data) == []
        assert bool(recs) is not empty
    else:
        assert len(recs) == len(filled)
    assert len({r.origin for r in recs}) == len(recs)


def test_jsonl_zstd_is_read_frame_after_frame_and_a_cut_stream_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zstandard

    lines = [json.dumps({"id": str(i), "text": f"story {i} " * 40}).encode() for i in range(300)]
    half = len(lines) // 2
    frames = [
        zstandard.ZstdCompressor().compress(b"\n".join(part) + b"\n")
        for part in (lines[:half], lines[half:])
    ]
    path = tmp_path / "dump.jsonl.zst"
    path.write_bytes(b"".join(frames))
    assert detect_kind(str(path)) == "jsonl"
    recs = list(read_jsonl(str(path)))
    assert [r.id for r in recs] == [str(i) for i in range(300)]
    # a stream cut inside its last frame: what was read, then one record saying so
    cut = tmp_path / "cut.jsonl.zst"
    cut.write_bytes(frames[0] + frames[1][: len(frames[1]) // 2])
    recs = list(read_jsonl(str(cut)))
    assert all(r.error is None for r in recs[:half]) and len(recs) >= half + 1
    assert recs[-1].error is not None and recs[-1].error.startswith("truncated zstd:")
    damaged = tmp_path / "damaged.jsonl.zst"
    data = bytearray(frames[0])
    data[40:80] = b"x" * 40
    damaged.write_bytes(bytes(data))
    (last,) = list(read_jsonl(str(damaged)))[-1:]
    assert last.error is not None and "corrupt zstd" in last.error
    monkeypatch.setitem(sys.modules, "zstandard", None)
    with pytest.raises(DumpError, match=r"pip install 'newsclean\[zstd\]'"):
        list(read_jsonl(str(path)))


def test_zstd_damage_finds_every_cut_from_the_frame_headers_alone() -> None:
    """``zstd_damage`` walks frame and block headers: a file cut anywhere but between two
    frames is truncated, a skippable frame (seekable-format indexes) is passed over, bytes
    that start no frame are corruption; frames with and without content size and checksum."""
    import io
    import random

    import zstandard

    from newsclean.dumps.compression import zstd_damage

    rng = random.Random(5)
    text = b"".join(b"story %d of the day\n" % rng.randrange(10**6) for _ in range(20000))
    streamed = io.BytesIO()
    with zstandard.ZstdCompressor(write_checksum=True).stream_writer(
        streamed, closefd=False
    ) as writer:  # no content size, several blocks
        for i in range(0, len(text), 50000):
            writer.write(text[i : i + 50000])
    frames = [
        zstandard.ZstdCompressor(write_content_size=False).compress(text[:5000]),
        zstandard.ZstdCompressor(level=19).compress(text[5000:9000]),
        streamed.getvalue(),
    ]
    skippable = (0x184D2A5E).to_bytes(4, "little") + (3).to_bytes(4, "little") + b"idx"
    data = frames[0] + skippable + frames[1] + frames[2]
    assert zstd_damage(io.BytesIO(data)) is None
    bounds = {len(frames[0]), len(frames[0]) + len(skippable)}
    bounds.add(max(bounds) + len(frames[1]))
    for cut in range(1, len(data), 7):
        why = zstd_damage(io.BytesIO(data[:cut]))
        assert (why is None) == (cut in bounds), cut
        assert why is None or why.startswith("truncated zstd:")
    garbage = zstd_damage(io.BytesIO(data + b"{}\n"))
    assert garbage is not None and garbage.startswith("corrupt zstd: no Zstandard frame")


# -- JSON documents -------------------------------------------------------------------------------


def test_a_pretty_printed_article_is_one_record(tmp_path: Path) -> None:
    """news-please writes one pretty-printed JSON file per article."""
    article = {
        "title": "Port expands",
        "maintext": STORY_EN,
        "url": "https://a.example/1",
        "date_publish": "2024-05-01 08:00:00",
        "date_download": "2024-05-02 10:00:00",
    }
    path = tmp_path / "a.json"
    path.write_text(json.dumps(article, indent=4))
    opts = DumpOptions(
        text_field="maintext", date_field="date_publish", fetched_field="date_download"
    )
    (rec,) = read_dump(str(path), options=opts)
    label = str(path).replace("\\", "/")
    assert (rec.id, rec.origin, rec.raw, rec.url) == (
        f"{label}:1",
        f"{label}:1",
        f"Port expands\n\n{STORY_EN}",  # the headline above the body, as in a text dump
        article["url"],
    )
    assert (rec.date, rec.fetched) == ("2024-05-01 08:00:00", "2024-05-02 10:00:00")


def test_a_title_field_goes_above_the_text_of_a_text_field() -> None:
    def raw(obj: dict[str, object], **fields: str) -> object:
        return parse_line(json.dumps(obj).encode(), "f:1", DumpOptions(**fields)).raw

    assert raw({"title": "Port opens", "text": "Body."}) == "Port opens\n\nBody."
    assert raw({"headline": "Port opens", "text": "Body."}, title_field="headline") == (
        "Port opens\n\nBody."
    )
    # already there (spacing aside), not a string, or HTML (which has its own <title>): as is
    assert raw({"title": "Port  opens", "text": "Port opens\nBody."}) == "Port opens\nBody."
    assert raw({"title": 5, "text": "Body."}) == "Body."
    assert raw({"title": "Port opens", "html": "<p>Body.</p>"}) == "<p>Body.</p>"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # an array: its items, numbered from 1 (an item that is no object says so)
        (
            b'[{"text": "a"},\n {"text": "b"}, 5]',
            [("h:1", "a"), ("h:2", "b"), ("h:3", "not an object: the array's item is a number")],
        ),
        (b"\xef\xbb\xbf[\n]\n", []),  # a BOM, an empty array: no record
        # objects pretty-printed one after another (jq . output)
        (b'\n{\n  "text": "a"\n}\n{\n  "text": "b"\n}\n', [("h:1", "a"), ("h:2", "b")]),
        # a document that does not parse: one record saying where (blank lines counted)
        (
            b'\n{\n  "text": "a"\n  "id": 1\n}',
            [("h:1", "invalid JSON: Expecting ',' delimiter (line 4, column 3)")],
        ),
        # a line that is a whole object is a JSON line, whatever follows
        (
            b'{"text": "a"}\n{\n',
            [
                ("h:1", "a"),
                (
                    "h:2",
                    "invalid JSON: Expecting property name enclosed in double quotes (column 1)",
                ),
            ],
        ),
    ],
)
def test_json_documents(data: bytes, expected: list[tuple[str, str]]) -> None:
    got = [(r.origin, r.raw or r.error) for r in read_jsonl_stream(io.BytesIO(data), "h")]
    assert got == expected


def test_a_json_document_is_read_an_item_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """In chunks (tiny here, so that items, numbers and multibyte characters are cut across
    them): memory holds one item, not the document.  An item over the limit is one record
    with the reason, and reading goes on; a document that stops parsing ends with one."""
    monkeypatch.setattr("newsclean.dumps.jsondoc._CHUNK", 7)
    items = [
        {"text": f"خبر رقم {i} \u00e9", "n": 10**i, "ok": i % 2 == 0, "x": None, "f": i / 3}
        for i in range(8)
    ]
    for ascii_only in (False, True):  # characters, or \uXXXX escapes, cut across chunks
        data = json.dumps(items, ensure_ascii=ascii_only, indent=1).encode()
        recs = list(read_jsonl_stream(io.BytesIO(data), "h"))
        assert [r.raw for r in recs] == [o["text"] for o in items]
    big = json.dumps([{"text": "x" * 30}, {"text": "y" * 80}, {"text": "z"}]).encode()
    recs = list(read_jsonl_stream(io.BytesIO(big), "h", DumpOptions(max_bytes=60)))
    assert [(r.origin, r.raw or r.error) for r in recs] == [
        ("h:1", "x" * 30),
        ("h:2", "too large: item longer than 60 bytes (see --max-bytes)"),
        ("h:3", "z"),
    ]
    cut = b'[{"text": "a"}, {"text": "b"}, {"text": "c'
    recs = list(read_jsonl_stream(io.BytesIO(cut), "h"))
    assert [r.raw for r in recs[:2]] == ["a", "b"]
    assert recs[2].origin == "h:3" and recs[2].error is not None
    assert recs[2].error.startswith("invalid JSON: Unterminated string")
    bytes_1256 = b'[{"text": "' + "خبر".encode("cp1256") + b'"}]'
    (rec,) = read_jsonl_stream(io.BytesIO(bytes_1256), "h")
    assert rec.raw == "خبر".encode("cp1256")  # not UTF-8: left to the encoding stage


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries({"text": st.text(min_size=1, max_size=30)}), min_size=1, max_size=8
    ),
    st.sampled_from([None, 1, 4]),
    st.booleans(),
)
def test_any_json_document_gives_its_items(
    items: list[dict[str, str]], indent: int | None, as_array: bool
) -> None:
    if as_array:
        data = json.dumps(items, indent=indent, ensure_ascii=False)
    else:
        data = "\n".join(json.dumps(o, indent=indent or 2, ensure_ascii=False) for o in items)
    recs = list(read_jsonl_stream(io.BytesIO(data.encode("utf-8", "surrogatepass")), "h"))
    if not as_array or indent or data.count("\n") == 0:
        assert [r.origin for r in recs] == [f"h:{n}" for n in range(1, len(items) + 1)]
        assert all(r.error is None for r in recs)


# -- directories of dumps --------------------------------------------------------------------------


def test_a_directory_reads_the_dumps_among_its_files(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dumpgen import http_response, warc_file, warc_record

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html").write_text("<p>x</p>")
    (tmp_path / "shards").mkdir()
    (tmp_path / "shards" / "0.jsonl.gz").write_bytes(
        gzip.compress(jsonl([{"id": "j", "text": "J"}]))
    )
    pq.write_table(pa.table({"id": ["p"], "text": ["P"]}), tmp_path / "shards" / "1.parquet")
    page = http_response(b"<html><body><p>W</p></body></html>")
    (tmp_path / "shards" / "2.warc.gz").write_bytes(
        warc_file([warc_record(page, uri="https://w.example/")], gz=True)
    )
    (tmp_path / "np").mkdir()
    (tmp_path / "np" / "article.json").write_text(json.dumps({"text": "N"}, indent=2))
    recs = list(read_directory(str(tmp_path), lazy=True))
    base = str(tmp_path).replace("\\", "/")
    origins = [r.origin.removeprefix(base + "/") for r in recs]
    assert origins[:4] == [
        "np/article.json:1",
        "pages/a.html",
        "shards/0.jsonl.gz:1",
        "shards/1.parquet:1",
    ]
    assert origins[4].startswith("shards/2.warc.gz@") and len(recs) == 5
    assert [r.id for r in recs[2:4]] == ["j", "p"]
    assert recs[0].raw == "N" and recs[1].path is not None  # the raw file is read later


def test_a_dump_in_a_directory_that_cannot_be_read_is_one_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fastwarc() -> None:
        raise DumpError("reading WARC files needs FastWARC: pip install 'newsclean[warc]'")

    monkeypatch.setattr("newsclean.dumps.warc._fastwarc", no_fastwarc)
    (tmp_path / "crawl.warc.gz").write_bytes(b"")
    (tmp_path / "page.txt").write_text("text")
    recs = list(read_directory(str(tmp_path)))
    assert [r.error for r in recs] == [
        "unreadable WARC: reading WARC files needs FastWARC: pip install 'newsclean[warc]'",
        None,
    ]


# -- kinds ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("a.jsonl", b"", "jsonl"),
        ("a.ndjson.gz", b"", "jsonl"),
        ("crawl.warc.gz", b"", "warc"),
        ("crawl.warc", b"", "warc"),
        ("unnamed", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("unnamed2", b'\xef\xbb\xbf{"text": 1}\n', "jsonl"),
        ("page.html", b"<html></html>", "file"),
        ("story.txt", "نص".encode(), "file"),
    ],
)
def test_detect_kind(tmp_path: Path, name: str, content: bytes, kind: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert detect_kind(str(path)) == kind


def test_detect_kind_of_a_directory_and_a_missing_path(tmp_path: Path) -> None:
    assert detect_kind(str(tmp_path)) == "dir"
    with pytest.raises(DumpError, match="no such file or directory"):
        detect_kind(str(tmp_path / "missing"))


def test_kind_can_be_forced(tmp_path: Path) -> None:
    path = tmp_path / "looks.jsonl"
    path.write_text(text_dump(STORY_EN))
    assert all(not r.ok for r in read_dump(str(path)))  # read as JSONL: invalid lines
    (rec,) = read_dump(str(path), kind="file")  # forced: one raw document
    assert rec.ok and rec.raw == text_dump(STORY_EN).encode()


def test_read_dumps_chains_in_argument_order(tmp_path: Path) -> None:
    (tmp_path / "one.jsonl").write_bytes(jsonl([{"id": "1", "text": "a"}]))
    (tmp_path / "two.jsonl").write_bytes(jsonl([{"id": "2", "text": "b"}]))
    paths = [str(tmp_path / "two.jsonl"), str(tmp_path / "one.jsonl")]
    assert [r.id for r in read_dumps(paths)] == ["2", "1"]


def test_read_raw_file_reads_whole_files_and_names_what_it_cannot(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(bytes(range(256)) * 1000)  # more than one small read
    assert read_raw_file(str(big), max_bytes=1 << 20) == bytes(range(256)) * 1000
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert read_raw_file(str(empty), max_bytes=10) == b""
    exact = tmp_path / "exact.txt"
    exact.write_bytes(b"x" * 10)
    assert read_raw_file(str(exact), max_bytes=10) == b"x" * 10
    with pytest.raises(DumpError, match="too large: 11 bytes"):
        exact.write_bytes(b"x" * 11)
        read_raw_file(str(exact), max_bytes=10)
    with pytest.raises(DumpError, match="unreadable: not a regular file"):
        read_raw_file(str(tmp_path), max_bytes=10)  # a directory
    with pytest.raises(DumpError, match="unreadable: No such file"):
        read_raw_file(str(tmp_path / "missing"), max_bytes=10)


def test_read_up_to_reads_past_the_size_seen_at_open_up_to_the_limit() -> None:
    # A file that grew after its fstat reads like a pipe: more than ``size`` bytes arrive.
    r, w = os.pipe()
    try:
        os.write(w, b"a" * 60_000)  # under a pipe buffer: no reader is needed
        os.close(w)
        assert _read_up_to(r, 1 << 20, 10) == b"a" * 60_000
    finally:
        os.close(r)
    r, w = os.pipe()
    try:
        os.write(w, b"b" * 5_000)
        os.close(w)
        assert _read_up_to(r, 4_001, 0) == b"b" * 4_001  # stops at the limit
    finally:
        os.close(r)
