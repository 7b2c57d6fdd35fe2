"""Where things are in an article text: lines, title, first body line, lead, tail.

A credit means different things in different places: ``(Reuters)`` closing the last line is
a footer credit, in the middle of a sentence it is a mention; ``ذكرت وكالة ...`` frames the
story only in its first sentence.  :func:`layout` computes these zones once per text with
plain string scans (no per-alias work).

>>> lay = layout("Headline here\\n\\nCAIRO (Reuters) - Body text goes on. More.\\nReuter")
>>> lay.body_line, lay.text[slice(*lay.first_sentence)]
(2, 'CAIRO (Reuters) - Body text goes on.')
>>> lay.zone(lay.line_span(3)[0])
'tail'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..lang import UNSPACED_SCRIPTS, script_class

__all__ = ["Layout", "first_sentence", "layout"]

#: Chinese and Japanese sentence ends (no space follows them).
CJK_STOPS = "。！？"
# a sentence end: a stop followed by a space (after closing quotes), or a Chinese or
# Japanese one
_SENT_END = re.compile(r"[.!?؟](?=[\s\"'»”’)\]]*(?:\s|$))|" + f"[{CJK_STOPS}]" + r"[”」』）)]*")
# characters of the scripts without spaces between words: two of them count as a word
_UNSPACED = re.compile(script_class(*UNSPACED_SCRIPTS))
_ABBREV = frozenset(
    [
        "mr",
        "ms",
        "mrs",
        "dr",
        "st",
        "jr",
        "sr",
        "gen",
        "col",
        "lt",
        "sgt",
        "gov",
        "sen",
        "rep",
        "inc",
        "co",
        "corp",
        "ltd",
        "vs",
        "no",
        "nr",
        "prof",
        "mme",
        "art",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "bzw",
        "ca",
        "dipl",
        "u.s",
        "u.k",
        "u.n",
    ]
)
_WORD = re.compile(r"\S+")
_FINAL_PUNCT = ".!?؟…\"»”'。！？」』"
_QUOTES = "\"»”'」』"
_STOPS = ".!?؟…。！？"


@dataclass(frozen=True, slots=True)
class Layout:
    """Line offsets and the zones of one text (all offsets into ``text``)."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    body_line: int
    head_end: int
    tail_start: int
    first_sentence: tuple[int, int]
    lead_zone: tuple[int, int]

    def line_of(self, pos: int) -> int:
        """Index of the line containing offset ``pos``."""
        return max(0, bisect_right(self.starts, pos) - 1)

    def line_span(self, index: int) -> tuple[int, int]:
        return self.starts[index], self.ends[index]

    def zone(self, pos: int) -> str:
        """``"head"`` (title lines and first body line), ``"tail"`` or ``"middle"``."""
        if pos >= self.tail_start:
            return "tail"
        if pos < self.head_end:
            return "head"
        return "middle"

    def is_title_line(self, index: int) -> bool:
        """True for a line above the first body line (headline, kicker, category)."""
        return index < self.body_line


def _looks_like_body(line: str) -> bool:
    head = line[:400]
    words = len(head.split())
    if not head.isascii():
        words += len(_UNSPACED.findall(head)) // 2
    if words >= 20:
        return True
    stripped = line.rstrip()
    if not stripped or stripped[-1] not in _FINAL_PUNCT or words < 6:
        return False
    # a closing quote ends a sentence only after a stop: '... he said: "We will win."' is
    # a body line, the headline 'Bank holds rates…"Too early to be sure"' is not
    unquoted = stripped.rstrip(_QUOTES)
    return unquoted == stripped or unquoted[-1:] in _STOPS


def sentence_end(text: str, start: int, limit: int) -> int:
    """End offset (exclusive) of the sentence that starts at ``start`` (at most ``limit``)."""
    for m in _SENT_END.finditer(text, start, limit):
        if m.start() - start < 15:
            continue
        if text[m.start()] in CJK_STOPS:
            return m.end()
        word = text[max(start, m.start() - 6) : m.start()].split()[-1:] or [""]
        token = word[0].lower().lstrip("(\"'«")
        if len(token) == 1 or token in _ABBREV:
            continue
        return m.end()
    return limit


def layout(text: str) -> Layout:
    """Compute the :class:`Layout` of ``text``."""
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for line in text.split("\n"):
        starts.append(pos)
        ends.append(pos + len(line))
        pos += len(line) + 1
    nonempty = [i for i in range(len(starts)) if text[starts[i] : ends[i]].strip()]
    # the first body line: skip mastheads, menus, breadcrumbs, headlines, dates (naive dumps
    # can have dozens of such short lines above the story)
    body = nonempty[0] if nonempty else 0
    for i in nonempty[:40]:
        if _looks_like_body(text[starts[i] : ends[i]]):
            body = i
            break
    line_start = starts[body]
    while line_start < ends[body] and text[line_start].isspace():
        line_start += 1
    body_end = ends[body]
    first_end = sentence_end(text, line_start, min(body_end, line_start + 600))
    # the lead zone: the first two non-empty lines from the body line (capped)
    later = [i for i in nonempty if i > body][:1]
    lead_end = ends[later[0]] if later else body_end
    lead_end = min(lead_end, line_start + 1500)
    n = len(text)
    tail_start = min(max(n - 1500, (n * 3) // 5), n)
    if nonempty and nonempty[-1] > body:  # the last line is the tail, however long it is
        tail_start = min(tail_start, starts[nonempty[-1]])
    head_end = min(body_end, line_start + 400)
    return Layout(
        text,
        tuple(starts),
        tuple(ends),
        body,
        head_end,
        tail_start,
        (line_start, first_end),
        (line_start, lead_end),
    )


def first_sentence(text: str) -> tuple[int, int]:
    """``layout(text).first_sentence`` alone: only the lines down to the first body line
    are looked at (the lead cue of a text without any alias needs nothing else).

    >>> text = "Headline here\\n\\nCAIRO (Reuters) - Body text goes on. More.\\nReuter"
    >>> first_sentence(text) == layout(text).first_sentence
    True
    """
    n = len(text)
    first: tuple[int, int] | None = None  # the first non-empty line
    body: tuple[int, int] | None = None
    pos = seen = 0
    while True:
        end = text.find("\n", pos)
        end = n if end < 0 else end
        line = text[pos:end]
        if line.strip():
            first = first or (pos, end)
            seen += 1
            if _looks_like_body(line):
                body = (pos, end)
                break
            if seen == 40:
                break
        if end >= n:
            break
        pos = end + 1
    line_start, body_end = body or first or (0, n if text.find("\n") < 0 else text.find("\n"))
    while line_start < body_end and text[line_start].isspace():
        line_start += 1
    return line_start, sentence_end(text, line_start, min(body_end, line_start + 600))
