"""Main-content extraction from HTML pages (trafilatura) and the clean-up after it.

The page is parsed once.  trafilatura extracts the main text in its fast mode (measured
on the dev set: more accurate than its default mode, and a quarter faster).  The same tree
is flattened to a naive text dump (:func:`html_to_dump`) and read by the text-mode
classifier (:mod:`newsclean.chrome`); when the two disagree strongly, trafilatura's
precision mode is run too and kept when the reading corroborates it or when the fast text
is much too short (only then, or when the precision mode finds nothing, does it call
trafilatura's fallback extractors, readability and jusText, which cost as much again),
and the reading itself wins when it holds the whole extraction and much more, or goes on
with the article after where the extraction stopped (see :func:`_choose`).  Then the
clean-up removes what trafilatura leaves behind, each removal with its reason:

* the headline when it opens the text (it is reported in ``ChromeResult.title``);
* lines of punctuation only (``.``, ``|``, ``***``);
* chrome phrases of the lexicons (end-of-message markers such as "نهاية الرسالة",
  "Leave a comment", share and follow prompts, "Read also" links, copyright lines...),
  and the agency credit line when the source stage found one;
* bare URLs and e-mail addresses;
* the captions of a slide show, found by their counters (``1/12 ...``, ``2/12 ...``);
* everything after a comment form, copyright or end-of-message line that comes after
  the first half of the text (a comment section or a footer).

When trafilatura finds nothing, the text-mode reading of the dump is the answer.

>>> page = ("<html><head><title>Pact signed</title></head><body><nav>Home | World</nav>"
...         "<article><h1>Pact signed</h1><p>The two ministers signed the agreement on "
...         "Monday in the capital, officials said.</p><p>It covers training and the "
...         "exchange of information.</p><p>.</p><p>Leave a comment</p></article></body></html>")
>>> print(html_to_text(page))
The two ministers signed the agreement on Monday in the capital, officials said.
It covers training and the exchange of information.
>>> res = extract_html(page)
>>> res.title, [(r.reason, r.text) for r in res.removed]
('Pact signed', [('title', 'Pact signed'), ('punctuation', '.'), ('lexicon', 'Leave a comment')])
"""

from __future__ import annotations

import html as _html
import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.core import bare_extraction
from trafilatura.utils import load_html

from .article import ChromeResult, RemovedLine
from .chrome import (
    WORD_CHAR,
    Decision,
    credit_line,
    date_line,
    decide,
    gallery_slides,
    kept_text,
)
from .chrome_lexicon import END_CATEGORIES, default_lexicon, line_key
from .dates import parse_date
from .markup import BLOCK_ELEMENTS, SKIP_ELEMENTS, drop_skipped

#: How htmldate writes the date it finds (read back by :func:`~newsclean.dates.parse_date`)
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"

__all__ = [
    "extract_html",
    "html_to_dump",
    "html_to_text",
    "looks_like_html",
    "markup_to_dump",
    "page_dump",
    "source_text",
]

#: Agreement (token F1) between trafilatura's fast extraction and the text-mode reading
#: of the dump below which the precision mode is run as a second opinion.
AGREEMENT = 0.8
#: The precision extraction replaces the fast one only when the text-mode reading agrees
#: with it this much, and by this margin more than with the fast one.
CORROBORATED = 0.7
MARGIN = 0.1
#: The extraction is "much too short" below this share of the reading's words.
SHORT = 0.3
#: The reading replaces an extraction it contains (this share of its tokens) when the
#: extraction covers less than ``SUBSET_COVER`` of the reading.
SUBSET = 0.95
SUBSET_COVER = 0.4
#: ... or when the reading's article goes on after the extraction's last line, with
#: ``CUT_SHORT_LINES`` prose lines or more and at least ``CUT_SHORT`` of the extraction's
#: words (the extraction stopped early).
CUT_SHORT = 0.5
CUT_SHORT_LINES = 3
#: A comment form / copyright / end marker cuts the rest only after this share of the text.
TAIL_CUT_AFTER = 0.5
MAX_LEXICON_WORDS = 80
TITLE_LINES = 3  # the headline is looked for among the first lines of the text
_BARE_LINK = re.compile(r"(?:https?://|www\.)\S+$|[\w.+-]+@[\w-]+\.[\w.]+$", re.I)

_SKIP, _BLOCK = SKIP_ELEMENTS, BLOCK_ELEMENTS
_TITLE_OPEN = re.compile(r"<title[^<>]*>", re.I)
_TITLE_CLOSE = re.compile(r"</title>", re.I)
_TAG_RE = re.compile(r"<[^<>]+>")  # no "<" inside: "<<<<..." is read in linear time


def looks_like_html(text: str) -> bool:
    """True when ``text`` looks like an HTML document rather than a text dump.

    >>> looks_like_html("<!DOCTYPE html><html>")
    True
    """
    head = text[:2048]
    if "<" not in head:  # every marker starts with "<", which lower-casing never makes
        return False
    head = head.lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    return "<body" in head or "<head" in head


def html_to_dump(tree: HtmlElement) -> str:
    """A naive text dump of a parsed page: one line per block element or ``<br>``, the
    content of scripts, styles and the head dropped, whitespace collapsed.

    This is the kind of text :func:`~newsclean.strip_chrome` is made for.

    >>> from lxml.html import fromstring
    >>> print(html_to_dump(fromstring("<div><p>One <b>two</b></p><script>x</script>three</div>")))
    One two
    three
    """
    parts: list[str] = []
    walker = etree.iterwalk(tree, events=("start", "end"))  # iterative: no recursion limit
    for event, el in walker:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _SKIP:
                walker.skip_subtree()
                continue
            if tag in _BLOCK:
                parts.append("\n")
            if el.text:
                parts.append(el.text)
        else:
            if tag in _BLOCK:
                parts.append("\n")
            if el.tail and el is not tree:
                parts.append(el.tail)
    lines = "".join(parts).split("\n")
    return "\n".join(" ".join(ln.split()) for ln in lines if ln.strip())


_DROP_OPEN = re.compile(r"<({})\b|<!--".format("|".join(sorted(SKIP_ELEMENTS))), re.I)
_BLOCK_TAG_RE = re.compile(r"</?(?:{})\b[^<>]*>".format("|".join(sorted(_BLOCK))), re.I)


def page_dump(html: str | bytes) -> str:
    """The naive text dump of a whole page (footer included), e.g. for the source stage,
    which must see the agency credit before the clean-up drops it.

    >>> page_dump("<html><body><p>Story.</p><footer>Source: AFP</footer></body></html>")
    'Story.\\nSource: AFP'
    """
    if isinstance(html, bytes):
        from .encoding import decode

        html = decode(html)
    if not html.strip():
        return ""
    try:
        tree = load_html(html)
    except (ValueError, TypeError):
        tree = None
    return html_to_dump(tree) if tree is not None else markup_to_dump(html)


def markup_to_dump(html: str) -> str:
    """A naive text dump made with regular expressions, for markup the parser cannot read
    (nesting deeper than libxml2 accepts): block tags become line breaks, others vanish.

    >>> markup_to_dump("<div><div><p>Deep &amp; nested</p></div></div><script>x</script>")
    'Deep & nested'
    """
    text = drop_skipped(html, _DROP_OPEN)[0]
    text = _BLOCK_TAG_RE.sub("\n", text)
    text = _html.unescape(_TAG_RE.sub("", text))
    return "\n".join(" ".join(ln.split()) for ln in text.split("\n") if ln.strip())


def _title_element(html: str) -> str | None:
    """The content of the first ``<title>`` element, if it is closed.  Found in two
    searches: a lazy ``<title>(.*?)</title>`` scans to the end again for every unclosed
    opening (30 s on ``"<title>"`` repeated over 200 KB); when the first one is not closed,
    no later one is.

    >>> _title_element("<head><TITLE>Pact signed | Site</title></head>")
    'Pact signed | Site'
    """
    opened = _TITLE_OPEN.search(html)
    if opened is None:
        return None
    closed = _TITLE_CLOSE.search(html, opened.end())
    return html[opened.end() : closed.start()] if closed is not None else None


def _titles(html: str, tree: HtmlElement) -> list[str]:
    """Headline candidates: og:title, the first <h1>, the <title> (site name cut off)."""
    out: list[str] = []
    for meta in tree.iterfind(".//meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in (
            "og:title",
            "twitter:title",
        ):
            content = " ".join((meta.get("content") or "").split())
            if content:
                out.append(content)
    h1 = next(tree.iterfind(".//h1"), None)
    if h1 is not None:
        text = " ".join(h1.text_content().split())
        if text:
            out.append(text)
    inner = _title_element(html[:200_000])
    if inner is not None:
        title = " ".join(_html.unescape(_TAG_RE.sub(" ", inner)).split())
        if title:
            out.append(title)
            for sep in (" | ", " - ", " – ", " — ", " :: "):
                if sep in title:
                    out.append(title.rsplit(sep, 1)[0].strip())
    return out


#: A text as :func:`_bag` gives it: its lower-cased tokens with their counts, and their number.
_Bag = tuple[Counter[str], int]


def _bag(text: str) -> _Bag:
    """The text's lower-cased tokens with their counts, and their number."""
    bag = Counter(text.lower().split())
    return bag, sum(bag.values())


def _agreement(a: _Bag, b: _Bag) -> float:
    """Token-bag F1 of two texts given as :func:`_bag` (1.0 when both are empty)."""
    (ca, na), (cb, nb) = a, b
    if not na or not nb:
        return 1.0 if na == nb else 0.0
    common = sum((ca & cb).values())
    return 2 * common / (na + nb)


def _trafilatura(
    tree: HtmlElement, url: str | None, *, precision: bool, fallback: bool = False
) -> str:
    """trafilatura's main text of the parsed page: its fast mode, or with ``precision``
    its precision mode; with ``fallback`` it compares its text with readability's and
    jusText's and takes theirs when it is better (trafilatura's default, not fast, mode)."""
    try:
        doc = bare_extraction(
            tree,
            url=url,
            fast=not fallback,
            favor_precision=precision,
            include_comments=False,
            with_metadata=False,
        )
    except (ValueError, TypeError, RecursionError):
        return ""
    text = getattr(doc, "text", None) if doc is not None else None
    return text if isinstance(text, str) else ""


def _is_title(line: str, titles: list[str]) -> bool:
    return any(line == t or (len(line) > 15 and (t.startswith(line) or line in t)) for t in titles)


def _clean(
    text: str, titles: list[str], credit: str | None
) -> tuple[str, list[RemovedLine], str | None]:
    """The clean-up after extraction: returns the kept text, the removed lines (numbered
    in the extracted text) and the headline when it opened the text."""
    lex = default_lexicon()
    lines = [" ".join(ln.split()) for ln in text.split("\n")]
    numbered = [(i, ln) for i, ln in enumerate(lines) if ln]
    removed: list[RemovedLine] = []
    title = None
    for pos, (i, ln) in enumerate(numbered[:TITLE_LINES]):
        if _is_title(ln, titles):
            title = ln
            removed.append(RemovedLine(i, ln, "title", "the page's headline"))
            del numbered[pos]
            break
    total = sum(len(ln.split()) for _, ln in numbered)
    slides = gallery_slides(lines)
    seen = 0
    kept: list[str] = []
    credit = credit.strip() if credit else None
    for pos, (i, ln) in enumerate(numbered):
        n = len(ln.split())
        if not WORD_CHAR.search(ln):
            removed.append(RemovedLine(i, ln, "punctuation", "no letters or digits"))
            continue
        if i in slides:
            removed.append(RemovedLine(i, ln, "gallery", slides[i]))
            continue
        if n == 1 and _BARE_LINK.match(ln):
            removed.append(RemovedLine(i, ln, "link", "a bare URL or e-mail address"))
            continue
        if credit and credit in ln and credit_line(ln, credit):
            rule = f"the credit found by the source stage: {credit!r}"
            removed.append(RemovedLine(i, ln, "source-line", rule))
            continue
        hit = lex.match_key(line_key(ln), n) if n <= MAX_LEXICON_WORDS else None
        if hit is None:
            kept.append(ln)
            seen += n
            continue
        if hit.category in END_CATEGORIES and n > 1 and kept and seen >= TAIL_CUT_AFTER * total:
            rule = f"after {hit.rule}"
            removed.append(RemovedLine(i, ln, "lexicon", hit.rule))
            removed.extend(RemovedLine(k, rest, "zone", rule) for k, rest in numbered[pos + 1 :])
            break
        reason = "source-line" if hit.category == "credit" else "lexicon"
        removed.append(RemovedLine(i, ln, reason, hit.rule))
    return "\n".join(kept), removed, title


_JOINERS = "\u200c\u200d"
_NO_JOINERS = str.maketrans("", "", _JOINERS)


def _restore_joiners(text: str, dump: str) -> str:
    """trafilatura drops invisible characters, among them the zero-width non-joiner that
    Persian words need (``می‌شود`` would become ``میشود``): put back the page's own line
    wherever an extracted line is that line without its joiners."""
    if not any(ch in dump for ch in _JOINERS):
        return text
    originals = {
        ln.translate(_NO_JOINERS): ln for ln in dump.split("\n") if any(ch in ln for ch in _JOINERS)
    }
    lines = text.split("\n")
    return "\n".join(originals.get(" ".join(ln.split()), ln) for ln in lines)


def _containment(a: _Bag, b: _Bag) -> tuple[float, float]:
    """(share of ``a``'s tokens found in ``b``, share of ``b``'s tokens found in ``a``), the
    texts given as :func:`_bag`."""
    (ca, na), (cb, nb) = a, b
    if not na or not nb:
        return 0.0, 0.0
    common = sum((ca & cb).values())
    return common / na, common / nb


def _choose(
    tree: HtmlElement, url: str | None, text: str, reading: str, dec: Decision | None
) -> tuple[str, str]:
    """Pick the main text among trafilatura's fast extraction, its precision extraction
    and the text-mode reading of the dump (``dec``: its decision); returns the text and a
    note saying why."""
    if not reading:
        return text, ""
    note = ""
    bag_reading, bag_text = _bag(reading), _bag(text)
    first = _agreement(bag_text, bag_reading)
    second, bag_second = "", _bag("")
    # trafilatura's fallback extractors (readability, jusText) only when its text is much
    # too short or its precision mode finds nothing: they rescue a page it latched onto a
    # small block of, and cost as much again
    short = bag_text[1] < SHORT * bag_reading[1]
    if first < AGREEMENT:
        second = _trafilatura(tree, url, precision=True, fallback=short)
        if not second.strip() and not short:
            second = _trafilatura(tree, url, precision=True, fallback=True)
        bag_second = _bag(second)
        agree = _agreement(bag_second, bag_reading) if second else 0.0
        if agree >= CORROBORATED and agree >= first + MARGIN:
            text, bag_text = second, bag_second
            note = (
                f"trafilatura precision mode: agrees {agree:.2f} with the text-mode reading "
                f"of the page, the fast mode {first:.2f}"
            )
    if text and short and bag_second[1] > bag_text[1]:
        # trafilatura latched onto a small block of a page with much more prose
        text, note = second, "trafilatura precision mode: the fast text was much too short"
        bag_text = bag_second
    inside, covered = _containment(bag_text, bag_reading)
    if text and inside >= SUBSET and covered < SUBSET_COVER:
        # the reading holds all of the extraction and much more: the extraction stopped
        # early (an article split by a box trafilatura took for the end)
        text = reading
        note = f"text-mode reading: it holds the extraction ({inside:.2f}) and more"
    elif text and inside >= SUBSET and dec is not None:
        # the extraction stopped at a box inside the article (an advert label, a pull
        # quote): the reading's article goes on with prose after its last line
        extracted = [" ".join(ln.split()) for ln in text.split("\n")]
        count, more = dec.prose_after(ln for ln in extracted if ln)
        if count >= CUT_SHORT_LINES and more >= CUT_SHORT * bag_text[1]:
            text = reading
            note = (
                f"text-mode reading: it holds the extraction ({inside:.2f}), and its article "
                f"goes on for {more} words of prose after where the extraction stopped"
            )
    return text, note


def extract_html(
    html: str | bytes,
    *,
    url: str | None = None,
    credit: str | None = None,
    dated: bool = False,
) -> ChromeResult:
    """Extract the main text of an HTML page, with the headline and the removed lines.

    ``credit`` is the agency credit text found by the source stage: the line holding it is
    removed as ``source-line``.  With ``dated``, the page's publication date is looked for
    in its markup too (``published``; about 1 ms a page).  Line numbers in ``removed``
    index the lines of the text the extractor produced (the dump's lines when the
    text-mode reading was used).

    >>> extract_html("").note
    'empty input'
    >>> extract_html("<html><body><p>.</p></body></html>").text
    ''
    """
    if isinstance(html, (bytearray, memoryview)):
        html = bytes(html)
    if isinstance(html, bytes):
        from .encoding import decode

        html = decode(html)
    if not isinstance(html, str):
        raise TypeError(f"extract_html() needs str or bytes, got {type(html).__name__}")
    if not html or not html.strip():
        return ChromeResult("", note="empty input")
    text, note, titles, lang, dating = _main_text(html, url, dated)
    published, dated_by, ago = dating
    if not text:
        return ChromeResult("", (), lang, None, note, published, dated_by, ago)
    out, removed, title = _clean(text, list(titles), credit)
    if title is None and titles:
        title = titles[0]
    if not out:
        note = note or "no article text: every line is chrome"
    return ChromeResult(out, tuple(removed), lang, title, note, published, dated_by, ago)


class _Dating(NamedTuple):
    """A page's publication date (ISO 8601), where it was found, and the time before the
    fetch a relative stamp gives instead ("منذ 3 ساعات": 10800.0 seconds)."""

    published: str | None = None
    dated_by: str = ""
    ago: float | None = None


_UNDATED = _Dating()


def _dating(tree: HtmlElement, dec: Decision | None) -> _Dating:
    """The date the page's markup gives, else the one its date line near the headline
    gives, read in the page's dump (:func:`newsclean.chrome.date_line` on the text-mode
    reading the extraction makes anyway)."""
    published = _published(tree)
    if published is not None:
        return _Dating(published, "the page's markup")
    found = date_line(dec) if dec is not None else None
    if dec is None or found is None:
        return _UNDATED
    return _Dating(found.date, f"the page's date line {dec.doc.lines[found.j]!r}", found.ago)


def _published(tree: HtmlElement) -> str | None:
    """The publication date the page's markup gives (``article:published_time`` and other
    meta tags, JSON-LD ``datePublished``, ``<time>`` elements: htmldate's quick search, not
    dates guessed from the text), in ISO 8601 (:func:`newsclean.dates.parse_date`).

    >>> from lxml.html import fromstring
    >>> _published(fromstring('<html><head><meta property="article:published_time" '
    ...     'content="2026-11-29T10:00:00+01:00"></head><body><p>Text.</p></body></html>'))
    '2026-11-29T09:00:00Z'
    """
    try:
        found = find_date(
            tree, extensive_search=False, original_date=True, outputformat=_DATE_FORMAT
        )
    except (ValueError, TypeError, OverflowError, RecursionError):
        return None  # a malformed date in the markup: no date rather than a wrong one
    if not isinstance(found, str):
        return None
    # htmldate writes a date without a time as midnight without a zone: it is a day
    return parse_date(found[:10] if found.endswith("T00:00:00") else found)


@lru_cache(maxsize=4)
def _main_text(
    html: str, url: str | None, dated: bool
) -> tuple[str, str, tuple[str, ...], str | None, _Dating]:
    """The main text before the clean-up: (text, note, headline candidates, language,
    and with ``dated`` the publication date the page gives).

    Memoized for the last few pages: the pipeline's source and extract stages both read
    the same page.  An empty text comes with a note saying why.
    """
    try:
        tree = load_html(html)
    except (ValueError, TypeError) as exc:
        return "", f"not an HTML page: {exc}", (), None, _UNDATED
    if tree is None:
        # the parser refuses fragments and tiny pages ("<p>One sentence.</p>"): read the
        # markup with its tags stripped, as a text dump, rather than return nothing
        dump = markup_to_dump(html)
        dec, reading = _reading(dump)
        if dec is None:
            return "", "not an HTML page: the parser found no document", (), None, _UNDATED
        if not reading.strip():
            note = "the HTML parser found no document, and every line of its markup is chrome"
            return "", note, (), dec.lang, _UNDATED
        note = "the HTML parser found no document (a fragment or a tiny page): tags stripped"
        return _restore_joiners(reading, dump), note, (), dec.lang, _UNDATED
    titles = tuple(_titles(html, tree))
    dump = html_to_dump(tree)
    dec, reading = _reading(dump)
    text = _trafilatura(tree, url, precision=False)
    text, note = _choose(tree, url, text, reading, dec)
    if not text.strip() and not reading:
        # The parser may have given up on the page (libxml2 stops at a nesting depth
        # limit): read the markup with tags stripped instead.
        dump = markup_to_dump(html)
        dec, reading = _reading(dump)
        note = "the HTML parser lost the text: tags stripped from the markup"
    lang = dec.lang if dec is not None else None
    # last: extraction reads the tree as parsed
    dating = _dating(tree, dec) if dated else _UNDATED
    if not text.strip():
        if not reading:
            return "", "no main text found", titles, lang, dating
        text = reading
        note = note or "trafilatura found nothing: text-mode reading of the page"
    return _restore_joiners(text, dump), note, titles, lang, dating


def _reading(dump: str) -> tuple[Decision | None, str]:
    """The text-mode reading of a page's dump: the decision and the kept text (none for
    an empty dump)."""
    if not dump:
        return None, ""
    dec = decide(dump, None, None, None, None)
    return dec, kept_text(dec.raw_lines, dec.doc, dec.keep)


def source_text(html: str, *, url: str | None = None, dated: bool = False) -> str:
    """The text the source stage reads on an HTML page: the headline and the main text
    *before* the clean-up, so that the agency credit line the clean-up removes is still
    there (the extraction is memoized: the extract stage, given the same ``dated``, does
    not pay for it again).

    >>> page = ("<html><body><article><h1>Pact</h1><p>The ministers signed the pact on "
    ...         "Monday, officials said.</p><p>Source: AFP</p></article></body></html>")
    >>> source_text(page).splitlines()[-1]
    'Source: AFP'
    """
    if not html.strip():
        return ""
    text, _, titles, _, _ = _main_text(html, url, dated)
    if titles and not text.startswith(titles[0]):
        return f"{titles[0]}\n{text}"
    return text


def html_to_text(html: str | bytes, *, url: str | None = None) -> str:
    """The clean article text of an HTML page (see :func:`extract_html`)."""
    if not isinstance(html, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"html_to_text() needs str or bytes, got {type(html).__name__}")
    return extract_html(html, url=url).text
