"""Realistic test dumps built in code: articles, HTML pages, JSONL lines and WARC files.

The articles are written for these tests (two invented wire stories, Arabic and English);
the WARC writer builds records byte by byte so that tests can damage them precisely.
"""

from __future__ import annotations

import gzip
import json
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

STORY_AR = "\n\n".join(
    [
        (
            "وقعت وزارة النقل والمواصلات اتفاقية مع شركة موانئ إقليمية لتوسيع ميناء الحاويات "
            "الجنوبي خلال السنوات الثلاث المقبلة."
        ),
        (
            "وقال وزير النقل في مؤتمر صحفي إن المشروع سيضاعف الطاقة الاستيعابية للميناء ويوفر "
            "نحو ألفي فرصة عمل للشباب في المنطقة."
        ),
        (
            "وأضاف أن المرحلة الأولى تشمل تعميق القناة الملاحية وبناء رصيفين جديدين بطول "
            "إجمالي يبلغ ألف ومئتي متر."
        ),
        (
            "وأوضح أن تمويل المشروع يأتي من قرض ميسر ومساهمة من القطاع الخاص، على أن تبدأ "
            "الأعمال في مطلع العام المقبل."
        ),
        (
            "وأشار خبراء اقتصاديون إلى أن التوسعة ستعزز موقع البلاد على خطوط التجارة البحرية "
            "بين آسيا وأوروبا."
        ),
    ]
)

STORY_EN = "\n\n".join(
    [
        (
            "The city council approved a plan on Tuesday to convert three disused rail yards "
            "into public parks and affordable housing."
        ),
        (
            "The mayor said the project would add more than 40 hectares of green space and "
            "about 1,200 homes over the next decade."
        ),
        (
            "Construction of the first park is expected to begin in the spring, once soil "
            "tests on the former freight sidings are complete."
        ),
        (
            "Opposition members questioned the cost estimates and asked for an independent "
            "review of the financing before work starts."
        ),
        (
            "Residents near the largest yard welcomed the decision, saying the site had been "
            "fenced off and neglected for twenty years."
        ),
    ]
)

STORY_EN_2 = "\n\n".join(
    [
        (
            "A regional airline said on Monday it would resume direct flights between the two "
            "capitals after a pause of almost four years."
        ),
        (
            "The carrier plans three weekly flights at first, rising to a daily service in "
            "the summer if demand holds up."
        ),
        (
            "Tourism officials on both sides said the route would help hotels and travel "
            "agencies that lost business during the suspension."
        ),
    ]
)

# nouns the generated stories of the CLI tests are made of (distinct stories from seeds)
WORDS = [
    "harbour",
    "council",
    "budget",
    "river",
    "bridge",
    "school",
    "market",
    "railway",
    "festival",
    "museum",
    "winter",
    "farmers",
    "clinic",
    "library",
    "orchestra",
    "ferry",
    "tunnel",
    "stadium",
    "garden",
    "airport",
    "factory",
    "village",
    "election",
    "court",
    "theatre",
    "drought",
    "harvest",
    "pension",
    "hospital",
    "highway",
    "vaccine",
    "minister",
    "summit",
    "treaty",
]

CHROME_AR = ["الرئيسية", "أخبار محلية", "اترك تعليقاً", "زر الذهاب إلى الأعلى"]
CHROME_EN = ["Home", "World", "Share this article", "Back to top"]


def text_dump(story: str, chrome: Sequence[str] = ()) -> str:
    """A naive text dump of a page: chrome lines around the story."""
    head = list(chrome[: len(chrome) // 2])
    tail = list(chrome[len(chrome) // 2 :])
    return "\n\n".join([*head, story, *tail]) + "\n"


def html_page(title: str, story: str, *, charset: str = "utf-8") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in story.split("\n\n"))
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        f"<footer>© 2024 Example News</footer></body></html>"
    )


def jsonl(records: Iterable[dict[str, object]]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def dedupe_report(*args: str) -> list[dict[str, Any]]:
    """The rows of ``newsclean dedupe ARGS -o -`` (its JSONL report); the run must succeed."""
    from click.testing import CliRunner

    from newsclean.cli import main

    res = CliRunner().invoke(main, ["dedupe", *args, "-o", "-", "-q"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines()]


def report_as_jsonl(dump: Path, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The report of ``dump``, checked equal, row for row, to the report of the same
    records (``rows``, without their missing values) written as JSONL beside it."""
    lines = dump.with_name(dump.name.split(".")[0] + "-as.jsonl")
    lines.write_bytes(jsonl([{k: v for k, v in r.items() if v not in (None, "")} for r in rows]))
    got, want = dedupe_report(str(dump)), dedupe_report(str(lines))
    for row in want:
        row["origin"] = row["origin"].replace(lines.name, dump.name)
    assert got == want
    return got


def http_response(
    body: bytes,
    *,
    status: str = "200 OK",
    content_type: str | None = "text/html; charset=utf-8",
    headers: Sequence[tuple[str, str]] = (),
) -> bytes:
    lines = [f"HTTP/1.1 {status}"]
    if content_type is not None:
        lines.append(f"Content-Type: {content_type}")
    lines += [f"{k}: {v}" for k, v in headers]
    if not any(k.lower() == "transfer-encoding" for k, _ in headers):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def warc_record(
    block: bytes,
    *,
    rtype: str = "response",
    uri: str | None = "https://news.example/a",
    record_id: str | None = None,
    content_type: str = "application/http; msgtype=response",
    date: str = "2024-05-01T10:00:00Z",
    extra: Sequence[tuple[str, str]] = (),
) -> bytes:
    rid = record_id or f"<urn:uuid:{uuid.uuid4()}>"
    head = ["WARC/1.1", f"WARC-Type: {rtype}", f"WARC-Record-ID: {rid}", f"WARC-Date: {date}"]
    if uri is not None:
        head.append(f"WARC-Target-URI: {uri}")
    head += [f"{k}: {v}" for k, v in extra]
    head += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def warcinfo() -> bytes:
    return warc_record(
        b"software: newsclean-tests\r\n",
        rtype="warcinfo",
        uri=None,
        content_type="application/warc-fields",
    )


def warc_file(records: Iterable[bytes], *, gz: bool = False) -> bytes:
    """Concatenated records; with ``gz`` each record is its own gzip member (the convention)."""
    if gz:
        return b"".join(gzip.compress(r) for r in records)
    return b"".join(records)
