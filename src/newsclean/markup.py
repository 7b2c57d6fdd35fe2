"""Markup left in scraped text: HTML tags and character references.

Scrapers often keep a little of the page in the text they save: ``&quot;`` and ``&#8220;``
where the page had quotes, ``<p>`` and ``<br>`` where it had paragraphs.  Two copies of
one story, one saved with its markup and one without, then differ in words a reader never
sees (``quot``, ``p``, ``br``).  :func:`strip_markup` undoes it, and says what it did:

- the **elements whose content is never text** (``<script>``, ``<style>``...) go with
  their content, and so do comments;
- a **block tag** (``<p>``, ``<br>``, ``<h1>``, ``<li>``...) becomes a line break, so a
  page saved on one line gets its paragraphs back;
- an **inline tag** (``<a href=...>``, ``<b>``, ``<span>``...) is deleted;
- a **character reference** ending with ``;`` (``&amp;``, ``&#8220;``, ``&#x627;``) is
  decoded by :func:`html.unescape`; what a pass gives (text escaped twice, a tag written
  ``&lt;p&gt;``) is read again, so that the result has no markup left and a second call
  changes nothing.

Only the names of HTML elements count as tags, so ``x<y and y>z`` or ``<<quoted>>`` stay,
and an ampersand not followed by a reference (``AT&T``, ``R&D``) stays too.

>>> strip_markup("<p>Talks &amp; deals</p><p>Second <b>point</b>.</p>")
MarkupResult(text='\\nTalks & deals\\n\\nSecond point.\\n', tags=6, references=1)
>>> unmarkup("if x<y and y>z, AT&T")
'if x<y and y>z, AT&T'
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

__all__ = ["BLOCK_ELEMENTS", "SKIP_ELEMENTS", "MarkupResult", "strip_markup", "unmarkup"]

#: Elements whose content is never text (dropped with it).
SKIP_ELEMENTS = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "head", "math"}
)
#: Elements that start a new line.
BLOCK_ELEMENTS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "legend", "li", "main", "nav",
        "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "ul",
    }
)  # fmt: skip
#: Elements that sit inside a line (their tags are deleted).
INLINE_ELEMENTS = frozenset(
    {
        "a", "abbr", "audio", "b", "bdi", "bdo", "big", "body", "button", "center", "cite",
        "code", "col", "colgroup", "data", "del", "dfn", "em", "embed", "font", "html",
        "i", "img", "input", "ins", "kbd", "label", "link", "mark", "meta", "nobr",
        "object", "param", "picture", "q", "s", "samp", "select", "small", "source",
        "span", "strike", "strong", "sub", "sup", "textarea", "time", "title", "track",
        "tt", "u", "var", "video", "wbr",
    }
)  # fmt: skip

_NAMES = "|".join(sorted(BLOCK_ELEMENTS | INLINE_ELEMENTS, key=lambda n: (-len(n), n)))
# a tag of a known element: its name, then attributes (no "<" or ">" inside, bounded)
_TAG = re.compile(rf"</?({_NAMES})(?=[\s/>])[^<>]{{0,2000}}>", re.I)
# where a comment or a skipped element opens (its content goes with it, up to the closing)
_SKIP_OPEN = re.compile(
    r"<!--|<({})\b[^<>]{{0,2000}}>".format("|".join(sorted(SKIP_ELEMENTS))), re.I
)
_SKIP_CLOSE = {name: re.compile(rf"</{name}\s*>", re.I) for name in SKIP_ELEMENTS}
# a reference that ends with ";" (html.unescape alone would also read "&amp" or "&copy"
# without it, and so change names such as "AT&T" or "&copy2024")
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# markup is read again while a pass changes the text ("&amp;quot;", or "<b<i>>" whose inner
# tag hid the outer one); each change shortens the text, the cap bounds contrived nestings
_PASSES = 16


@dataclass(frozen=True, slots=True)
class MarkupResult:
    """Text without its leftover markup, and how many tags (comments and skipped
    elements included) and character references were taken out."""

    text: str
    tags: int
    references: int


def drop_skipped(text: str, opening: re.Pattern[str] = _SKIP_OPEN) -> tuple[str, int]:
    """``text`` with its comments and :data:`SKIP_ELEMENTS` (each with its content, up to
    its closing tag) replaced by a space, and how many were.  ``opening`` finds where one
    opens: ``<!--``, or a skipped element's name as group 1.  An element or comment that
    is never closed stays as it is.

    One regular expression with a lazy ``.*?`` up to the closing tag says the same, but
    scans to the end of the text again for every unclosed opening: quadratic on
    ``"<script>"`` repeated (a minute for 300 KB).  Here a name found unclosed once is not
    looked for again: nothing after a later opening can close it either.

    >>> drop_skipped("a<script>x</script>b<!-- c -->d<style>e")
    ('a b d<style>e', 2)
    """
    parts: list[str] = []
    pos = start = dropped = 0
    unclosed: set[str] = set()
    while (m := opening.search(text, start)) is not None:
        name = (m.group(1) or "--").lower()
        if name in unclosed:
            start = m.end()
            continue
        if name == "--":
            close = text.find("-->", m.end())
            stop = close + 3 if close >= 0 else -1
        else:
            found = _SKIP_CLOSE[name].search(text, m.end())
            stop = found.end() if found is not None else -1
        if stop < 0:
            unclosed.add(name)
            start = m.end()
            continue
        parts += (text[pos : m.start()], " ")
        pos = start = stop
        dropped += 1
    if not dropped:
        return text, 0
    parts.append(text[pos:])
    return "".join(parts), dropped


def _tag(m: re.Match[str]) -> str:
    return "\n" if m.group(1).lower() in BLOCK_ELEMENTS else ""


def _decode_references(text: str) -> tuple[str, int]:
    """``text`` with its character references decoded, and how many were (a name that
    is not a reference, ``&foo;``, stays as it is)."""
    decoded = 0

    def one(m: re.Match[str]) -> str:
        nonlocal decoded
        out = html.unescape(m.group(0))
        decoded += out != m.group(0)
        return out

    return _REFERENCE.sub(one, text), decoded


def strip_markup(text: str) -> MarkupResult:
    """``text`` with its HTML tags removed and its character references decoded (see the
    module docstring for what counts as either).

    >>> strip_markup("Tottenham bid &#163;8m for Forest duo").text
    'Tottenham bid £8m for Forest duo'
    >>> strip_markup("&amp;quot;Yes&amp;quot;").text
    '"Yes"'
    """
    if "<" not in text and "&" not in text:  # most texts: two scans in C
        return MarkupResult(text, 0, 0)
    tags = refs = 0
    for _ in range(_PASSES):
        n = 0
        if "<" in text:
            text, skipped = drop_skipped(text)
            text, removed = _TAG.subn(_tag, text)
            n = skipped + removed
            tags += n
        if "&" in text:
            text, decoded = _decode_references(text)
            refs += decoded
            n += decoded
        if not n:  # a pass that changes nothing: the text is left as it is
            break
    return MarkupResult(text, tags, refs)


def unmarkup(text: str) -> str:
    """:func:`strip_markup`, the text only.

    >>> unmarkup("<h1>Pact signed</h1>Ministers met.")
    '\\nPact signed\\nMinisters met.'
    """
    if "<" not in text and "&" not in text:
        return text
    return strip_markup(text).text
