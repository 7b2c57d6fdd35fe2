"""Charset declarations: the HTTP ``Content-Type`` header, the XML declaration and HTML
``<meta>`` tags — found, and blanked out so that a statistical detector judges the bytes.

Scraped pages lie about their charset often enough (templates copied between sites, proxies
re-encoding without fixing the header) that newsclean treats a declaration as a tie-breaker
only.  :func:`find_declarations` lists every declaration in order of authority (HTTP
header, XML declaration, ``<meta>``); :func:`blank_declarations` overwrites the charset
names with spaces of the same length, so byte offsets do not move.

>>> page = b'<html><head><meta charset="windows-1256"></head>'
>>> find_declarations(page, "text/html; charset=UTF-8")
(('http', 'UTF-8'), ('meta', 'windows-1256'))
>>> blank_declarations(page)
b'<html><head><meta charset="            "></head>'
"""

from __future__ import annotations

import re

__all__ = ["PRESCAN", "blank_declarations", "find_declarations"]

#: How far into the document declarations are looked for (the HTML spec prescans 1024 bytes;
#: scraped pages often carry long <head>s, so we look further).
PRESCAN = 8192
_NAME = rb"""([A-Za-z0-9_.:\-]{1,40})"""
_XML = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']""" + _NAME, re.I)
_META = re.compile(rb"""<meta\b[^>]{0,300}?charset\s*=\s*["']?\s*""" + _NAME, re.I)
_HTTP = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.I)


def find_declarations(data: bytes, content_type: str | None = None) -> tuple[tuple[str, str], ...]:
    """Every declared charset label, as ``(where, label)``, most authoritative first."""
    out: list[tuple[str, str]] = []
    if content_type:
        header = _HTTP.search(content_type)
        if header:
            out.append(("http", header.group(1)))
    head = data[:PRESCAN]
    xml = _XML.search(head)
    if xml:
        out.append(("xml", xml.group(1).decode("ascii")))
    out.extend(("meta", m.group(1).decode("ascii")) for m in _META.finditer(head))
    return tuple(out)


def blank_declarations(data: bytes) -> bytes:
    """``data`` with the charset names of its XML declaration and ``<meta>`` tags blanked."""
    head = data[:PRESCAN]
    spans = [m.span(1) for rx in (_XML, _META) for m in rx.finditer(head)]
    if not spans:
        return data
    buf = bytearray(head)
    for start, end in spans:
        buf[start:end] = b" " * (end - start)
    return bytes(buf) + data[PRESCAN:]
