"""Zip and tar archives read as the directories they pack: members in order, dumps inside
them, what is skipped, and every member that cannot be read accounted for."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from dumpgen import (
    STORY_AR,
    STORY_EN,
    dedupe_report,
    html_page,
    http_response,
    jsonl,
    warc_file,
    warc_record,
)
from newsclean.cli import main
from newsclean.dumps import DumpOptions, detect_kind, read_archive, read_directory, read_dump

CSV = b"id,text\nc1,First row text.\nc2,Second row text.\n"


def _files() -> dict[str, bytes]:
    return {
        "pages/b.html": f"<html><body><p>{STORY_EN}</p></body></html>".encode(),
        "pages/a.txt": STORY_AR.encode("cp1256"),  # left to the encoding stage
        "pages/c.html.gz": gzip.compress(b"<p>compressed page</p>"),
        "data/records.jsonl": jsonl([{"id": "j1", "text": "one"}, {"id": "j2", "text": "two"}]),
        "data/rows.csv": CSV,
    }


def _zip(path: Path, files: dict[str, bytes], *, extra: dict[str, bytes] | None = None) -> str:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("pages/", b"")  # a directory entry
        for name, data in {**files, **(extra or {})}.items():
            z.writestr(name, data)
    return str(path)


def _tar(path: Path, files: dict[str, bytes], mode: str = "w:gz") -> str:
    with tarfile.open(path, mode) as t:  # type: ignore[call-overload]
        for name, data in files.items():
            info = tarfile.TarInfo(f"./{name}")
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return str(path)


def _expected(label: str) -> list[tuple[str, bytes | str | None]]:
    files = _files()
    return [
        (f"{label}/pages/b.html", files["pages/b.html"]),
        (f"{label}/pages/a.txt", files["pages/a.txt"]),
        (f"{label}/pages/c.html.gz", b"<p>compressed page</p>"),
        (f"{label}/data/records.jsonl:1", "one"),
        (f"{label}/data/records.jsonl:2", "two"),
        (f"{label}/data/rows.csv:1", "First row text."),
        (f"{label}/data/rows.csv:2", "Second row text."),
    ]


@pytest.mark.parametrize("fmt", ["zip", "tar.gz", "tar.bz2", "tar.xz", "tar"])
def test_members_are_read_in_order_with_the_dumps_inside(tmp_path: Path, fmt: str) -> None:
    name = tmp_path / f"news.{fmt}"
    if fmt == "zip":
        path = _zip(name, _files())
    else:
        path = _tar(name, _files(), "w" if fmt == "tar" else f"w:{fmt.split('.')[1]}")
    assert detect_kind(path) == "archive"
    recs = list(read_archive(path))
    assert [(r.origin, r.raw) for r in recs] == _expected(path)
    assert all(r.ok for r in recs)
    assert [r.id for r in recs][-4:] == ["j1", "j2", "c1", "c2"]


def test_skipped_members_and_members_read_as_errors(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("x.txt", "nested")
    path = _zip(
        tmp_path / "news.zip",
        {"a.txt": b"kept"},
        extra={
            "__MACOSX/._a.txt": b"resource fork",
            ".hidden/b.txt": b"hidden",
            "docs/README.md": b"the archive's card",
            "big.txt": b"x" * 2000,
            "nested.zip": inner.getvalue(),
            "skip-me.log": b"excluded",
        },
    )
    recs = list(read_archive(path, DumpOptions(max_bytes=1000, exclude=("*.log",))))
    got = [(r.origin.removeprefix(path + "/"), r.raw, r.error) for r in recs]
    assert got == [
        ("a.txt", b"kept", None),
        ("big.txt", None, "too large: 2000 bytes (limit 1000, see --max-bytes)"),
        (
            "nested.zip",
            None,
            "unreadable ARCHIVE: an archive inside an archive: extract it to read it",
        ),
    ]


@pytest.mark.parametrize("fmt", ["zip", "tar.gz"])
def test_parquet_and_warc_members_are_read_from_a_temporary_file(tmp_path: Path, fmt: str) -> None:
    """A Parquet or WARC member gives its records, named after the member, as the file
    extracted would (the temporary copy leaves nothing behind); a damaged one is reported."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pytest.importorskip("fastwarc")
    shard = io.BytesIO()
    pq.write_table(pa.table({"id": ["p1", "p2"], "text": [STORY_EN, STORY_AR]}), shard)
    crawl = warc_file(
        [
            warc_record(
                http_response(html_page("Parks", STORY_EN).encode()), uri="https://a.example/p"
            )
        ]
    )
    files = {
        "shards/train.parquet": shard.getvalue(),
        "crawl.warc": crawl,
        "cut.parquet": shard.getvalue()[:-40],
    }
    name = tmp_path / f"data.{fmt}"
    path = _zip(name, files) if fmt == "zip" else _tar(name, files)
    recs = list(read_archive(path))
    got = [(r.origin.removeprefix(path + "/"), r.id, r.ok) for r in recs]
    assert got[:3] == [
        ("shards/train.parquet:1", "p1", True),
        ("shards/train.parquet:2", "p2", True),
        ("crawl.warc@0", recs[2].id, True),
    ]
    assert recs[2].url == "https://a.example/p"
    (cut,) = recs[3:]
    assert cut.origin == f"{path}/cut.parquet:1" and cut.error is not None
    assert cut.error.startswith("unreadable Parquet")
    # the same records as the files extracted, but for their names
    (tmp_path / "train.parquet").write_bytes(shard.getvalue())
    plain = list(read_dump(str(tmp_path / "train.parquet")))
    assert [(r.id, r.raw) for r in plain] == [(r.id, r.raw) for r in recs[:2]]
    run = CliRunner().invoke(main, ["clean", f"{path}/shards/train.parquet:2"])
    assert run.exit_code == 0, run.output


def _encrypted(data: bytes) -> bytes:
    """``data`` (a zip file of one member) with the member flagged as encrypted."""
    out = bytearray(data)
    local, central = out.find(b"PK\x03\x04"), out.find(b"PK\x01\x02")
    out[local + 6] |= 1
    out[central + 8] |= 1
    return bytes(out)


def test_a_damaged_or_encrypted_zip_member_is_one_error_and_the_others_are_read(
    tmp_path: Path,
) -> None:
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("a.txt", "first member text")
        z.writestr("b.txt", "second member text")
    data = bytearray(stored.getvalue())
    data[data.find(b"first")] ^= 0x20  # a byte of the first member's data: its CRC fails
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(data))
    recs = list(read_archive(str(bad)))
    assert [r.origin.rsplit("/", 1)[1] for r in recs] == ["a.txt", "b.txt"]
    assert recs[0].error is not None and recs[0].error.startswith("unreadable zip member: Bad CRC")
    assert recs[1].raw == b"second member text"
    deflated = io.BytesIO()
    with zipfile.ZipFile(deflated, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", "first member " * 200)
        z.writestr("b.txt", "second member " * 200)
    data = bytearray(deflated.getvalue())
    at = data.find(b"a.txt") + 15  # inside the first member's compressed data
    data[at : at + 20] = bytes(c ^ 0x55 for c in data[at : at + 20])
    bad.write_bytes(bytes(data))
    first, second = read_archive(str(bad))
    assert first.error is not None
    assert first.error.startswith("unreadable zip member: damaged data (Error -3")
    assert second.raw == b"second member " * 200
    one = io.BytesIO()
    with zipfile.ZipFile(one, "w") as z:
        z.writestr("secret.txt", "locked")
    locked = tmp_path / "locked.zip"
    locked.write_bytes(_encrypted(one.getvalue()))
    (rec,) = read_archive(str(locked))
    assert rec.error is not None and rec.error.startswith("unreadable zip member: ")
    assert "encrypted" in rec.error


def test_a_cut_archive_keeps_what_was_read_and_names_where_it_stopped(tmp_path: Path) -> None:
    files = {f"p{i}.txt": f"{STORY_EN} {i}".encode() * 40 for i in range(6)}
    whole = Path(_tar(tmp_path / "whole.tar.gz", files)).read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    recs = list(read_archive(str(cut)))
    good = [r for r in recs if r.ok]
    assert good and [r.origin for r in good] == [f"{cut}/p{i}.txt" for i in range(len(good))]
    last = recs[-1]
    assert last.error is not None and last.error.startswith("unreadable tar: ")
    assert last.error.endswith("and those after it cannot be read")
    zipped = Path(_zip(tmp_path / "whole.zip", files)).read_bytes()
    cut_zip = tmp_path / "cut.zip"
    cut_zip.write_bytes(zipped[: len(zipped) // 2])
    (rec,) = read_archive(str(cut_zip))
    assert rec.origin == f"{cut_zip}/"
    assert rec.error is not None and "a file cut short loses it" in rec.error
    not_tar = tmp_path / "notes.tar"
    not_tar.write_bytes(b"plain text, not a tar archive")
    (rec,) = read_archive(str(not_tar))
    assert rec.error is not None and rec.error.startswith("unreadable tar: ")


def test_7z_and_rar_archives_are_named_as_archives_to_extract(tmp_path: Path) -> None:
    for name, head in [
        ("pages.7z", b"7z\xbc\xaf\x27\x1c\x00\x04"),
        ("pages.rar", b"Rar!\x1a\x07\x00"),
    ]:
        path = tmp_path / name
        path.write_bytes(head + b"\x00" * 64)
        assert detect_kind(str(path)) == "archive"
        (rec,) = read_archive(str(path))
        assert rec.origin == f"{path}/" and rec.error is not None
        assert rec.error.startswith("unreadable archive: a ") and rec.error.endswith("extract it")


def test_names_and_heads(tmp_path: Path) -> None:
    unnamed = tmp_path / "dump.data"
    unnamed.write_bytes(Path(_tar(tmp_path / "x.tar", {"a.txt": b"t"}, "w")).read_bytes())
    assert detect_kind(str(unnamed)) == "archive"  # "ustar" in its first block
    docx = tmp_path / "report.docx"  # a zip file too: told by its name only
    docx.write_bytes(Path(_zip(tmp_path / "y.zip", {"word/document.xml": b"<w/>"})).read_bytes())
    assert detect_kind(str(docx)) == "file"
    assert detect_kind(str(tmp_path / "y.zip")) == "archive"


def test_an_archive_reports_as_the_directory_it_packs(tmp_path: Path) -> None:
    """``newsclean dedupe`` over an archive and over the same files extracted: the same rows,
    the origins aside; and an archive inside a directory dump is read with it."""
    files = {
        f"{name}.txt": text.encode()
        for name, text in [("a", STORY_EN), ("b", STORY_EN + " More."), ("c", STORY_AR)]
    }
    tree = tmp_path / "tree"
    for name, data in files.items():
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_bytes(data)
    path = _zip(tmp_path / "tree.zip", files)
    as_dir = dedupe_report(str(tree))
    as_zip = dedupe_report(path)

    def plain(rows: list[dict[str, object]], prefix: str) -> list[str]:
        return [json.dumps(r, sort_keys=True).replace(prefix, "") for r in rows]

    assert plain(as_zip, path + "/") == plain(as_dir, str(tree) + "/")
    outer = tmp_path / "outer"
    outer.mkdir()
    _zip(outer / "inner.zip", files)
    recs = list(read_directory(str(outer)))
    assert [r.origin for r in recs] == [f"{outer}/inner.zip/{n}" for n in files]


def test_clean_takes_a_member_back_by_its_origin(tmp_path: Path) -> None:
    path = _zip(tmp_path / "news.zip", _files())
    run = CliRunner().invoke(main, ["clean", f"{path}/pages/b.html"])
    assert run.exit_code == 0, run.output
    assert STORY_EN.split(".")[0] in run.output
    run = CliRunner().invoke(main, ["clean", f"{path}/data/records.jsonl:2"])
    assert run.exit_code == 0 and run.output.strip() == "two"
    run = CliRunner().invoke(main, ["clean", path])
    assert run.exit_code == 1 and f"name one of its records as {path}/MEMBER" in run.output
    run = CliRunner().invoke(main, ["clean", f"{path}/pages/missing.html"])
    assert run.exit_code == 1 and "ARCHIVE/MEMBER of a zip or tar archive" in run.output
    unnamed = tmp_path / "dump.data"  # a tar archive told by its first block
    unnamed.write_bytes(Path(_tar(tmp_path / "x.tar", {"a.txt": b"In the tar."}, "w")).read_bytes())
    run = CliRunner().invoke(main, ["clean", f"{unnamed}/a.txt"])
    assert run.exit_code == 0 and run.output.strip() == "In the tar."
