"""Regenerate the byte-level seed files from the text seeds they are derived from.

The committed files in ``seeds/`` are the raw bytes the pipeline reads; this script only
documents (and can reproduce) how the derived ones were made:

* ``005_isna-cp1256.txt``: the original seed text (``000_...``) saved as windows-1256.
* ``006_isna-ar-meta-lies.html``: the same story as ISNA's Arabic page, saved as
  windows-1256 bytes while its ``<meta charset>`` says ``utf-8``.
* ``007_bawabat-alnil-mojibake.html``: the UTF-8 page ``004_...`` read as windows-1256 by a
  broken crawler and re-saved as UTF-8 (the ``ط§ظ„`` pattern).
* ``011_empty-response.html``: an empty HTTP response body.
* ``012_banner.png``: binary junk, a PNG header followed by pseudo-random bytes (fixed
  seed), as when a scraper saves an image under a page URL.

Run it from anywhere: ``python tools/make_seeds.py`` rewrites those five files, and
``python tools/make_seeds.py --check`` exits non-zero if any committed file differs from
what this script builds.  ``tests/test_seeds.py`` runs the check too.
"""

from __future__ import annotations

import html
import random
import struct
import sys
import zlib
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ORIGINAL = "000_364726c1157b4527.txt"
BAWABAT = "004_bawabat-alnil.html"

_ISNA_PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>{title} - وكالة ايسنا للأنباء</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
</head>
<body class="rtl single single-post">
<header class="site-header">
<div class="logo"><a href="/">وكالة ايسنا للأنباء</a></div>
<nav class="main-menu"><ul>
<li><a href="/">الرئيسية</a></li>
<li><a href="/category/iran/">إيران</a></li>
<li><a href="/category/world/">{category}</a></li>
<li><a href="/category/economy/">اقتصاد</a></li>
<li><a href="/category/culture/">ثقافة</a></li>
<li><a href="/category/sport/">رياضة</a></li>
</ul></nav>
</header>
<main id="content">
<article class="post">
<div class="post-cat"><a href="/category/world/">{category}</a></div>
<h1 class="entry-title">{title}</h1>
<div class="entry-content">
{paragraphs}
<p>{end_marker}</p>
<p>{dot}</p>
<p>{source}</p>
</div>
</article>
<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">{comment_title}</h3>
<form action="/wp-comments-post.php" method="post" id="commentform">
<p class="comment-notes">{comment_notice}</p>
<p><textarea id="comment" name="comment" cols="45" rows="8"></textarea></p>
<p class="form-submit"><input name="submit" type="submit" value="إرسال التعليق"></p>
</form>
</div>
</main>
<a id="go-to-top" href="#">{to_top}</a>
</body>
</html>
"""


def original_text() -> str:
    """The original seed dump as text."""
    return (SEEDS / ORIGINAL).read_bytes().decode("utf-8")


def isna_page() -> str:
    """ISNA's Arabic HTML page of the story, built from the lines of the original dump.

    The dump is: category label, headline, body paragraphs, then six chrome lines (end
    marker, a lone ".", the source line, the comment-form title and notice, back-to-top);
    each goes where ISNA's WordPress theme puts it.
    """
    lines = [ln.strip() for ln in original_text().splitlines() if ln.strip()]
    category, title, *rest = lines
    paragraphs, footer = rest[:-6], rest[-6:]
    end_marker, dot, source, comment_title, comment_notice, to_top = footer
    return _ISNA_PAGE.format(
        title=html.escape(title),
        category=category,
        paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
        end_marker=end_marker,
        dot=dot,
        source=source,
        comment_title=comment_title,
        comment_notice=html.escape(comment_notice),
        to_top=to_top,
    )


def mojibake(text: str) -> str:
    """UTF-8 bytes wrongly decoded as windows-1256 (every byte is defined in cp1256)."""
    return text.encode("utf-8").decode("cp1256")


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def binary_junk(size: int = 4096, seed: int = 20200505) -> bytes:
    """A PNG signature and header chunk, then ``size`` pseudo-random bytes and IEND."""
    ihdr = struct.pack(">IIBBBBB", 320, 100, 8, 2, 0, 0, 0)
    body = random.Random(seed).randbytes(size)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", body)
        + _png_chunk(b"IEND", b"")
    )


def build() -> dict[str, bytes]:
    """The derived seed files, by name, as the raw bytes to commit."""
    bawabat = (SEEDS / BAWABAT).read_bytes().decode("utf-8")
    return {
        "005_isna-cp1256.txt": original_text().encode("cp1256"),
        "006_isna-ar-meta-lies.html": isna_page().encode("cp1256"),
        "007_bawabat-alnil-mojibake.html": mojibake(bawabat).encode("utf-8"),
        "011_empty-response.html": b"",
        "012_banner.png": binary_junk(),
    }


def main(argv: list[str]) -> int:
    files = build()
    if "--check" in argv:
        stale = [n for n, data in files.items() if (SEEDS / n).read_bytes() != data]
        for name in stale:
            print(f"differs from what make_seeds.py builds: {name}", file=sys.stderr)
        return 1 if stale else 0
    for name, data in files.items():
        (SEEDS / name).write_bytes(data)
        print(f"wrote {name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
