"""WARC reader: documents, non-documents, HTTP details, and truncation found at every cut."""

from __future__ import annotations

import bz2
import gzip
import lzma
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from dumpgen import STORY_AR, STORY_EN, html_page, http_response, warc_file, warc_record, warcinfo
from newsclean.dumps import DumpRecord, read_warc
from newsclean.dumps.warc import undo_http_encodings

PAGE_EN = html_page("Rail yards to become parks", STORY_EN).encode()
PAGE_AR = html_page("توسيع الميناء", STORY_AR, charset="windows-1256").encode("cp1256")


def _records(gz: bool = False) -> list[bytes]:
    return [
        warcinfo(),
        warc_record(b"GET /a HTTP/1.1\r\n\r\n", rtype="request", content_type="application/http"),
        warc_record(
            http_response(PAGE_EN), uri="https://a.example/parks", record_id="<urn:uuid:1>"
        ),
        warc_record(
            http_response(PAGE_AR, content_type="text/html; charset=windows-1256"),
            uri="https://b.example/port",
            record_id="<urn:uuid:2>",
        ),
        warc_record(
            http_response(b"\x89PNG\r\n\x1a\n", content_type="image/png"),
            uri="https://a.example/x.png",
        ),
        warc_record(
            b"",
            rtype="revisit",
            uri="https://a.example/parks",
            extra=[("WARC-Refers-To", "<urn:uuid:1>")],
        ),
        warc_record(
            http_response(b"not found", status="404 Not Found"), uri="https://a.example/gone"
        ),
        warc_record(PAGE_EN, rtype="resource", content_type="text/html", uri="file:///saved.html"),
    ]


def _write(tmp_path: Path, data: bytes, name: str = "crawl.warc") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("gz", [False, True])
def test_documents_and_reasons(tmp_path: Path, gz: bool) -> None:
    path = _write(tmp_path, warc_file(_records(), gz=gz), "crawl.warc.gz" if gz else "crawl.warc")
    recs = list(read_warc(path))
    assert [r.url for r in recs] == [
        "https://a.example/parks",
        "https://b.example/port",
        "https://a.example/x.png",
        "https://a.example/parks",
        "https://a.example/gone",
        "file:///saved.html",
    ]
    en, ar, png, revisit, gone, resource = recs
    assert en.ok and en.raw == PAGE_EN and en.html is True and en.id == "<urn:uuid:1>"
    # WARC-Date is when the page was fetched, not published: a fallback for the page's date
    assert en.date is None and en.fetched == "2024-05-01T10:00:00Z"
    assert ar.raw == PAGE_AR and ar.content_type == "text/html; charset=windows-1256"
    assert png.error == "not HTML: Content-Type image/png"
    assert revisit.error is not None and revisit.error.startswith("revisit record")
    assert gone.error == "HTTP status: 404 Not Found"
    assert resource.ok and resource.raw == PAGE_EN
    offsets = [int(r.origin.rsplit("@", 1)[1]) for r in recs]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)
    with open(path, "rb") as fh:  # origins are real record (or gzip member) offsets
        for rec, off in zip(recs, offsets, strict=True):
            fh.seek(off)
            head = fh.read(400)
            if gz:
                head = zlib.decompressobj(31).decompress(head)
            assert head.startswith(b"WARC/1.1"), rec.origin


def test_chunked_and_compressed_payloads_are_decoded(tmp_path: Path) -> None:
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(PAGE_EN), PAGE_EN)
    recs = [
        warc_record(http_response(chunked, headers=[("Transfer-Encoding", "chunked")])),
        warc_record(http_response(gzip.compress(PAGE_EN), headers=[("Content-Encoding", "gzip")])),
        warc_record(
            http_response(gzip.compress(PAGE_EN)[:40], headers=[("Content-Encoding", "gzip")])
        ),
        warc_record(http_response(b"x", headers=[("Content-Encoding", "compress")])),
    ]
    out = list(read_warc(_write(tmp_path, warc_file(recs))))
    assert out[0].raw == PAGE_EN and out[1].raw == PAGE_EN
    assert out[2].error == "bad content encoding: gzip stream is truncated"
    assert out[3].error == "bad content encoding: 'compress' is not supported"


def test_undo_http_encodings_deflate_variants() -> None:
    raw_deflate = zlib.compressobj(wbits=-15)
    data = raw_deflate.compress(PAGE_EN) + raw_deflate.flush()
    assert undo_http_encodings(data, None, "deflate", limit=10**6) == PAGE_EN
    assert undo_http_encodings(zlib.compress(PAGE_EN), None, "deflate", limit=10**6) == PAGE_EN


def test_oversized_record_is_reported_not_read(tmp_path: Path) -> None:
    recs = [warc_record(http_response(PAGE_EN * 50)), warc_record(http_response(PAGE_EN))]
    from newsclean.dumps import DumpOptions

    out = list(
        read_warc(_write(tmp_path, warc_file(recs)), DumpOptions(max_bytes=len(PAGE_EN) * 2))
    )
    assert out[0].error is not None and out[0].error.startswith("too large")
    assert out[1].ok


def test_not_a_warc_at_all(tmp_path: Path) -> None:
    (rec,) = read_warc(_write(tmp_path, b"<html>this is not a WARC</html>"))
    assert rec.error is not None and rec.error.startswith("unreadable WARC")
    assert rec.origin.endswith("@0")


@pytest.mark.parametrize(("compress", "fmt"), [(bz2.compress, "bzip2"), (lzma.compress, "xz")])
def test_a_warc_compressed_whole_with_bzip2_or_xz_is_named_with_the_way_out(
    tmp_path: Path, compress: Callable[[bytes], bytes], fmt: str
) -> None:
    (rec,) = read_warc(_write(tmp_path, compress(warc_file(_records())), "crawl.warc.x"))
    assert rec.origin.endswith("crawl.warc.x@0")
    assert rec.error is not None
    assert rec.error.startswith(f"unreadable WARC: the file is compressed with {fmt}")
    assert "then gzip" in rec.error


def test_empty_warc_has_no_records(tmp_path: Path) -> None:
    assert list(read_warc(_write(tmp_path, b""))) == []


def _documents(data: bytes, tmp_path: Path) -> list[DumpRecord]:
    return list(read_warc(_write(tmp_path, data, "cut.warc")))


@pytest.mark.parametrize("gz", [False, True])
def test_truncation_at_any_byte_is_reported_and_loses_no_complete_record(
    tmp_path: Path, gz: bool
) -> None:
    """Cut the file everywhere: complete records stay intact, damage always gets a row."""
    pages = [
        warc_record(
            http_response(html_page(f"Story {i}", STORY_EN).encode()), record_id=f"<urn:uuid:{i}>"
        )
        for i in range(4)
    ]
    members = [gzip.compress(p) if gz else p for p in pages]
    data = b"".join(members)
    ends = [sum(len(m) for m in members[: i + 1]) for i in range(len(members))]
    step = 3 if gz else 11
    for cut in range(1, len(data), step):
        recs = _documents(data[:cut], tmp_path)
        complete = sum(1 for e in ends if e <= cut)
        good = [r for r in recs if r.ok]
        assert [r.id for r in good] == [f"<urn:uuid:{i}>" for i in range(len(good))], cut
        assert len(good) >= complete - 0, cut  # every complete record is read
        damaged = any(e - 4 > cut > s for s, e in zip([0, *ends], ends, strict=False))
        trailer_only = gz and any(e - 12 <= cut < e for e in ends)  # gzip CRC cut: data intact
        if damaged and not trailer_only:
            assert any(not r.ok for r in recs), f"cut at {cut} went unreported"
        assert len(recs) <= len(pages), cut
