"""Read a JSON document -- an array of records, or objects one after another -- a record at
a time.

Scrapers write JSON dumps that are not JSON lines: one array of every article (minified on
one line, or pretty-printed), or pretty-printed objects one after another (news-please's
one file per article, ``jq .`` output).  :func:`iter_items` reads such a stream in chunks
and hands over each item as soon as it is parsed, so memory holds one item (at most the
size limit) and a chunk, whatever the size of the document.  A document that stops parsing
ends with :class:`DocumentError` saying where.

>>> import io
>>> [item.value for item in iter_items(b'[{"a": 1},', io.BytesIO(b' {"a": 2}]'), max_bytes=100)]
[{'a': 1}, {'a': 2}]
>>> [item.value for item in iter_items(b"{", io.BytesIO(b'"a": 1\\n}\\n{"a": 2}'), max_bytes=100)]
[{'a': 1}, {'a': 2}]
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

__all__ = ["DocumentError", "Item", "iter_items"]

_CHUNK = 1 << 20
# the longest token a chunk may cut: "false", a "\uXXXX" escape, a number's digits
_CUT = 32
_SPACE = " \t\r\n"
# a lone surrogate from surrogateescape: bytes that were not UTF-8
_ESCAPED = re.compile("[\udc80-\udcff]")
_TOO_LARGE = object()
_STRUCTURE = re.compile(r'["{}\[\]]')
_STRING_BODY = re.compile(r'(?:[^"\\]|\\.)*', re.S)


class DocumentError(Exception):
    """The document cannot be read on: ``reason`` (a short category) and ``detail``."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Item:
    """One value of the document: an array's item (``in_array``) or a top-level value.
    ``escaped``: its text held bytes that are not UTF-8 (as lone surrogates); ``size``: the
    length of its text."""

    value: Any
    escaped: bool
    in_array: bool
    size: int


def _incomplete(exc: json.JSONDecodeError, text: str) -> bool:
    """Whether the parse may have failed only because the text stops (more may come): in a
    string that is not closed, or near the end (a literal, a number or an escape cut:
    ``tr``, ``\\u00``)."""
    return exc.msg.startswith("Unterminated string") or len(text) - exc.pos <= _CUT


def iter_items(
    head: bytes, stream: IO[bytes], *, max_bytes: int, first_line: int = 1
) -> Iterator[Item]:
    """The items of the JSON document that starts with ``head`` and goes on in ``stream``
    (``first_line``: the line ``head`` starts on, for the places errors name).

    Raises :class:`DocumentError` where the document stops parsing or an item is larger
    than ``max_bytes``, after the items before it; read errors of ``stream`` propagate.
    """
    decode = codecs.getincrementaldecoder("utf-8")("surrogateescape").decode
    decoder = json.JSONDecoder()
    buf = decode(head).removeprefix("\ufeff")
    pos = 0
    lines = first_line - 1  # the lines dropped from the front of ``buf``
    eof = False

    def fill() -> bool:
        """Read on into ``buf`` (dropping what was parsed); False at the end."""
        nonlocal buf, pos, lines, eof
        if eof:
            return False
        chunk = stream.read(_CHUNK)
        if pos > _CHUNK:
            lines += buf.count("\n", 0, pos)
            buf, pos = buf[pos:], 0
        if not chunk:
            eof = True
            buf += decode(b"", final=True)
            return False
        buf += decode(chunk)
        return True

    def skip_space() -> None:
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos] in _SPACE:
                pos += 1
            if pos < len(buf) or not fill():
                return

    def skip_value() -> int:
        """Move ``pos`` past the object or array that starts there without holding it:
        reading on and dropping what was read; the number of characters skipped."""
        nonlocal pos
        depth = scanned = 0
        while True:
            m = _STRUCTURE.search(buf, pos)
            if m is None:
                scanned += len(buf) - pos
                pos = len(buf)
                if not fill():
                    raise DocumentError("invalid JSON", f"the document ends inside item {n + 1}")
                continue
            scanned += m.end() - pos
            pos = m.end()
            if m.group() == '"':
                while True:  # to the string's closing quote (its brackets do not count)
                    body = _STRING_BODY.match(buf, pos)
                    assert body is not None  # the pattern matches the empty string
                    scanned += body.end() - pos
                    pos = body.end()
                    if buf[pos : pos + 1] == '"':
                        pos += 1
                        scanned += 1
                        break
                    if not fill():
                        raise DocumentError(
                            "invalid JSON", f"the document ends inside item {n + 1}"
                        )
            elif m.group() in "{[":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return scanned

    skip_space()
    in_array = buf[pos : pos + 1] == "["
    if in_array:
        pos += 1
    n = 0
    while True:
        skip_space()
        if pos >= len(buf):
            if in_array:
                raise DocumentError("invalid JSON", f"the array ends after item {n} unclosed")
            return
        if in_array and buf[pos] == "]":
            pos += 1
            skip_space()
            if pos < len(buf):
                raise DocumentError("invalid JSON", "text after the end of the array")
            return
        while True:
            try:
                value, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                if len(buf) - pos > max_bytes and buf[pos] in "{[":
                    size = skip_value()  # not held: skipped to its end, unparsed
                    value, end = _TOO_LARGE, pos
                    break
                if _incomplete(exc, buf) and fill():
                    continue
                line = lines + buf.count("\n", 0, exc.pos) + 1
                column = exc.pos - buf.rfind("\n", 0, exc.pos)
                raise DocumentError(
                    "invalid JSON", f"{exc.msg} (line {line}, column {column})"
                ) from None
            except RecursionError:
                raise DocumentError("invalid JSON", f"item {n + 1} is nested too deeply") from None
            if end == len(buf) and not isinstance(value, dict | list | str) and fill():
                continue  # a number or a literal the chunk may have cut: read on, parse again
            size = end - pos
            break
        n += 1
        if value is _TOO_LARGE:
            yield Item(None, False, in_array, size)
        else:
            yield Item(value, _ESCAPED.search(buf, pos, end) is not None, in_array, size)
        pos = end
        if in_array:
            skip_space()
            if buf[pos : pos + 1] == ",":
                pos += 1
            elif buf[pos : pos + 1] != "]" and pos < len(buf):
                raise DocumentError("invalid JSON", f"Expecting ',' delimiter after item {n}")
