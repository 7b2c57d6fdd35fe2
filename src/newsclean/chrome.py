"""Strip site chrome (menus, labels, comment forms, footers) from naive text dumps.

A naive text dump is a page flattened to one line per block: the article paragraphs sit
between menus, category labels, share prompts, comment forms and footers.  Every line is
classified with evidence that can be read back:

1. **hard evidence** -- a phrase of the chrome lexicons (``data/chrome/<lang>.txt``), a
   line of punctuation only, a line the site prints on many pages (a
   :class:`~newsclean.site.SiteProfile`), or the agency credit line found by the source
   stage (``credit=``);
2. **text density** -- a content line reads like prose: it is long enough, ends like a
   sentence, and a good share of its words are function words of its language
   (``data/stopwords/<lang>.txt``);
3. **position and shape** -- the article is one dense run of such lines; what lies
   before it (the header zone: menus, breadcrumbs, bylines) and after it (the footer
   zone: related lists, comment forms, copyright) is chrome, and so are runs of short
   lines (menus) inside it;
4. **repetition** -- prose lines at an edge of the run that the page prints again
   outside it, two or more, are a teaser block shown twice (a ticker in the header and
   the footer), not the article's paragraphs (reason ``teaser``).

The main run is the maximum-sum segment of per-line weights (prose lines weigh their
length, the rest a small or, for hard evidence, large penalty).  The headline is the
title-like line just before the run; it stays in the text when it sits right above the
body.  The kept lines are returned in order; where the input separated them by blank lines
the output puts one blank line, otherwise one newline (see ``docs/chrome.md``).

>>> dump = "\\n".join([
...     "Home", "World", "Politics",
...     "Ministers sign defence pact",
...     "The two ministers signed the agreement on Monday in the capital, officials said.",
...     "It covers training, the exchange of information and joint exercises at sea.",
...     "Leave a comment", "Back to top"])
>>> print(strip_chrome(dump))
Ministers sign defence pact
The two ministers signed the agreement on Monday in the capital, officials said.
It covers training, the exchange of information and joint exercises at sea.
>>> [(r.text, r.reason) for r in strip_chrome_explain(dump).removed][-2:]
[('Leave a comment', 'lexicon'), ('Back to top', 'lexicon')]
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate, chain, compress, islice, pairwise, repeat
from operator import add, eq, ge, getitem, gt, ne, not_
from typing import Any, NamedTuple

import numpy as np

from .article import ChromeResult, RemovedLine
from .chrome_lexicon import (
    _FOLD as _FOLD_TABLE,
)
from .chrome_lexicon import (
    BOUNDARY_CATEGORIES,
    EDGE,
    END_CATEGORIES,
    INSIDE_CATEGORIES,
    Lexicon,
    PhraseHit,
    default_lexicon,
    dotless_i,
    line_key,
    token,
)
from .dates import read_date_line, read_relative
from .lang import CHAR_LANGS, cased_stopwords, guess_language, scripts_of, stop_share

__all__ = ["strip_chrome", "strip_chrome_explain"]

# -- weights of the main-run search (in words of prose) ----------------------------------
SENTENCE_WORDS = 5  # a prose line ends like a sentence and has at least this many words
LONG_WORDS = 20  # ... or has at least this many (unpunctuated paragraphs)
MIN_STOP_SHARE = 0.12  # share of function words a prose line needs (languages with a list)
W_OTHER = -3.0  # a short line
RUN_FACTOR = 4.0  # from the second non-prose line in a row, each costs this many times more
W_LIST = -1.0  # an enumerated list item: costs little, never a barrier
W_UNPUNCTUATED = 0.3  # weight per word of a long line that does not end like a sentence
MID_WORDS = 10  # a line this long may be prose (a candidate for the density test)
W_QUANTITY = 2.0  # a line of a list of quantities (a recipe's ingredients)
W_MID = -0.5  # a line of 10+ words that does not read as prose (headline, caption...)
W_HARD = -6.0  # a lexicon, punctuation or template line
W_BOUNDARY = -30.0  # a line after which articles rarely go on (related list, newsletter)
W_END = -1e9  # a line the article never spans (comment form, copyright, end marker)
SHORT_TEXT_LINES = 2  # a text this short is kept unless a line is chrome on its own
INNER_RUN = 3  # non-prose lines in a row inside the article that are dropped as a menu
TITLE_LOOKBACK = 6  # non-empty lines before the article searched for the headline
# forum threads (:func:`_thread_posts`): metadata lines that frame each post, posts beside
# the article run, and how long a metadata line may be
THREAD_KEYS = 2
THREAD_POSTS = 2
THREAD_RATIO = 8  # the run's words over a post's (the median): more is an article
THREAD_GAP = 10  # lines of a frame looked at, nearest the post
THREAD_POST_LINES = 80  # a post longer than this is none
THREAD_META_WORDS = 8
THREAD_META_CHARS = 60
TITLE_KEEP_GAP = 0  # non-chrome lines allowed between the body and a headline kept in it
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 3, 30

_LAST = slice(-1, None)
# A run of whitespace inside a line other than one space is collapsed to one space (a
# text gets this only when :func:`_odd_spaces` finds such a run in it).
# A run of whitespace other than one space (never a line break: lines are split on them).
_SPACE_RUN = re.compile(r" [^\S\n]+|[^\S\n ][^\S\n]*")
#: The whitespace characters that can sit inside a line (``str.isspace``, less the line
#: breaks of ``str.splitlines``), other than the space: ASCII ones, and the others.
_ASCII_SPACES = ("\t", "\x1f")
_OTHER_SPACES = ("\xa0", "\u1680", *map(chr, range(0x2000, 0x200B)), "\u202f", "\u205f", "\u3000")
_SENT_END = frozenset(".!?;:…。！？؟۔।။")
_CLOSERS = "\"'”’»)]】」』›“‘"  # (“ and ‘ close a German quote: „...“)
WORD_CHAR = re.compile(r"\w")
_DIGIT_IN = re.compile(r"\d")
# Characters a punctuation-only line is made of (a fast pre-test before the regex).
_PUNCT = "".join(chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum()) + (
    " \t\u00a0\u200b\ufeff\u00b7\u2022\u2013\u2014\u2026\u00ab\u00bb\u201c\u201d\u2018\u2019"
    "\u060c\u061b\u061f\u06d4\u3001\u3002\uff0c\uff01\uff1f\u25ba\u25b6\u2192\u00a9\u00ae\u2122"
)
# Runs of characters other than those of scripts written without spaces between words.
_NOT_DENSE = re.compile(
    r"[^\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+"
)
# ... and other than those of the Southeast Asian scripts (Thai, Lao, Burmese, Khmer), whose
# words are longer: a word is a few letters and their vowel and tone marks, each a code point
_NOT_SEA = re.compile(r"[^\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+")
#: Code points of a Southeast Asian script (marks included) that count as one word.
SEA_CHARS_PER_WORD = 5.0

#: Languages that do not end sentences with punctuation: long lines count as sentences.
UNPUNCTUATED_LANGS = frozenset({"th", "lo", "km"})
MAX_LEXICON_WORDS = 80  # longer lines are never looked up in the lexicons
LEXICON_MARGIN = 6  # lines before the article that are looked up in the lexicons
INNER_PROSE_WORDS = 40  # longer prose lines inside the article are not looked up
STOP_SAMPLE_WORDS = 24  # the function-word share of a line is measured on its first words
STOP_SAMPLE_LINES = 12  # the language is voted on the first words of this many long lines
VOTE_WORDS = 96  # ... and on at most this many words
SURE_PROSE_WORDS = 30  # a sentence this long is prose without the function-word test
LANG_SAMPLE = 1000  # characters from the middle of the dump that tell its writing system
#: Languages written without spaces between words: their size counts characters.
DENSE_LANGS = frozenset({"zh", "ja", "th", "my", "lo", "km"})

# Line kinds (bit 0 set: a line of the text, prose or a list item; a gallery caption
# counts as one where the article run is searched, so a slide show inside an article does
# not split it, but it is not kept).
_KIND_OTHER, _KIND_PROSE, _KIND_HARD, _KIND_LIST, _KIND_GALLERY = 0, 1, 2, 3, 5
_TEXT_BIT = bytes(k & 1 for k in range(256))  # kind -> 1 for a line of the text
_SMALL_PAGE = 40  # pages of at most this many lines find the article without numpy
_UNSEEN = object()
_UNCHECKED, _SHALLOW, _CHECKED = 0, 1, 2  # how far a line was looked up in the lexicon
_MEMO_SIZE = 200_000  # lexicon answers remembered per lexicon (cleared when full)
_BYLINE_WORDS = frozenset(
    ["by", "von", "par", "por", "de", "di", "door", "av", "af", "przez", "от", "بواسطة", "بقلم"]
)
# Two or more path separators: a breadcrumb ("Home > News > Story", "الرئيسية/محليات/...")
_TWO_SEPS = re.compile(r"[>»›|/][^\n]*[>»›|/]")
_BREADCRUMB = re.compile(r"(?:\s[>»›|/]\s|[^\s/]/[^\s/]).*(?:\s[>»›|/]\s|[^\s/]/[^\s/])")
# A breadcrumb has a path separator (a cheap pre-test: one character class).
_SEPARATOR = re.compile(r"[>»›|/]")
# (a vulgar fraction opens a quantity: "½ cup (113g) butter")
_FRACTIONS = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
_LIST_START = frozenset("0123456789-•*·▪●◦‣–—" + _FRACTIONS)
_ODD_START = frozenset(_LIST_START) | frozenset(_PUNCT)
_LIST_ITEM = re.compile(r"(?:\d{1,2}[.)]|[-•*·▪●◦‣–—])\s+\w")
# A slide counter opening a line: "3/12 Caption", "- 3 / 12", "3 of 12", "3 de 12".
_COUNTER = re.compile(
    r"(?:[-•*·▪●◦‣–—]\s*)?(\d{1,3}) ?(?:/|of|de|von|sur|di|van|z|из) ?(\d{1,3})(?!\S)"
)
INLINE_LINKS = 3  # headlines under an inline "Read also" heading, prose on both sides
INLINE_BLOCKS = 3  # such headings, each over its headlines, one after another
INLINE_GAP = 12  # lines between two parts of the article looked up for such blocks
ECHO_ITEMS = 3  # short lines above the article that the article speaks of: a list
ECHO_MAX = 25
ECHO_WORDS = 10
ECHO_LETTERS = 4
ECHO_SHARE = 0.6
ECHO_LOWER = 0.4  # of them open with a small letter or a digit ("2 eggs", "masking tape")
COLON_ITEMS = 3  # punctuated items after a line closing with a colon that make a list
COLON_ITEM_WORDS = 15
_ITEM_ENDS = frozenset(",;，；،؛")
_COLONS = (":", "：")
# an item "label: value" whose value holds a figure ("Konut: yüzde 85,5", "Wait: 5.5 years")
_KEY_VALUE_SHAPE = r"[^\n:：\d]{1,40}[:：][^\n\d]{0,12}\d"
_KEY_VALUE = re.compile(_KEY_VALUE_SHAPE)
# a line closing with a colon, then one closing with an item's comma ("...:" then "...,")
# or one of those items
_COLON_TAIL = (
    r"[ \t\r]*\n(?:[^\n]*[" + "".join(sorted(_ITEM_ENDS)) + r"][ \t\r]*(?:\n|$)"
    r"|" + _KEY_VALUE_SHAPE + ")"
)
# (one pattern per colon: a literal first character keeps the search fast)
_COLON_ITEM = re.compile(":" + _COLON_TAIL)
_WIDE_COLON_ITEM = re.compile("：" + _COLON_TAIL)
COLON_INTRO_WORDS = 3  # a sentence introduces "label: value" items, not a card's heading
COLON_INTRO_CHARS = 6  # (in Chinese or Japanese, characters)
QUANTITY_LINES = 4  # lines opening with a quantity that make a list (a recipe's ingredients)
QUANTITY_WORDS = 8  # words of such a line at the most
QUANTITY_GAP = 3  # short lines allowed between two of them (group headings, "Salt and pepper")
QUANTITY_GAP_WORDS = 6
QUANTITY_TAIL = 2  # short lines after the last quantity that close the list
QUANTITY_HEAD = 2  # headings right before the first ("Ingredients", "For the dough:")
QUANTITY_HEAD_WORDS = 4
_LEADING_INT = re.compile(r"\d+")
INTRO_LINES = 15  # short lines a paragraph closing with a colon introduces (a list, code)
INTRO_LINE_WORDS = 12
INTRO_MIN_WORDS = 3  # ... and a short line closing with a colon that introduces them
TABLE_ROWS = 3  # rows of a table flattened one cell per line, between two paragraphs
TABLE_CELL_WORDS = 6  # words of a cell at the most (a figure: TABLE_FIGURE_WORDS)
TABLE_FIGURE_WORDS = 3
TABLE_MAX_COLUMNS = 6
GALLERY_SLIDES = 3  # counters k/N, k+1/N, k+2/N ... in a row: a slide show's captions
GALLERY_GAP = 4  # lines allowed between two slides (credits, alt texts)
LISTING_ITEMS = 4  # dated items at a regular step that make a listing (more stories, comments)
LISTING_STEP = 8  # lines per item of a listing at the most
LISTING_AFTER = 3  # prose lines of the article run before the listing's first date
STAMP_WORDS = 8  # a date line (a listing item's date, author and time) has at most this many words
DATE_LINE_WORDS = 16  # the page's date line (with a byline, a cue, an update) at the most
DATE_LINE_ABOVE = 3  # lines above the headline where the date line is read
DATE_LINE_BODY = 2  # first lines of the body where a short date line is still read
RELATIVE_STAMP_WORDS = 5  # a relative time stamp ("منذ 3 ساعات", "2 hours ago") at the most
RELATIVE_WORDS_ALONE = 3  # ... and one without a number ("منذ ساعتين", "an hour ago")
DATE_LINE_LEAD = 3  # words before an uncued date in a longer line ("By Jane Doe", a weekday)
# a year or a numeric date: "Tuesday November 19, 2019", "19.11.2019", "Le 05/02/2020 à 12:01"
_STAMP = re.compile(r"(?<!\d)(?:(?:19|20)\d\d|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})(?!\d)")


class _Doc:
    """Per-line features of one dump, as parallel lists (index = non-empty line)."""

    __slots__ = (
        "checked",
        "dense",
        "idx",
        "kind",
        "lang",
        "lines",
        "n_words",
        "reason",
        "rule",
        "sent",
        "size",
        "weight",
    )

    def __init__(self) -> None:
        self.idx: list[int] = []
        self.lines: list[str] = []
        self.lang: str | None = None
        self.n_words: list[int] = []
        self.checked: list[int] = []
        self.size: list[float] = []
        self.sent: list[bool] = []
        self.kind = bytearray()
        self.weight = array("d")
        self.reason: list[str] = []
        self.rule: list[str] = []
        self.dense = False


def _lexicon_for(site: Any, lexicon: Lexicon | None) -> Lexicon:
    lex = lexicon if lexicon is not None else default_lexicon()
    if site is None:
        return lex
    site_lex = getattr(site, "lexicon", None)
    if isinstance(site_lex, Lexicon) and len(site_lex):
        lex = lex | site_lex
    return lex


_TOKENS: dict[str, str] = {}
_HEADS: dict[str, tuple[str, bool]] = {}
_TOKEN_EDGE = EDGE + ":："
_EDGE_SPACE = EDGE + " "  # a last word of punctuation only ("... (غيتي) &") has no key
_CACHE_SIZE = 200_000  # raw words remembered with their key (cleared when full)


def _token(word: str) -> str:
    """The lexicon key of a raw word (memoized: first and last words repeat a lot).

    >>> _token("Comments:"), _token("(2024)"), _token("أيضاً")
    ('comments', '0', 'ايضا')
    """
    tok = _TOKENS.get(word)
    if tok is None:
        if len(_TOKENS) > _CACHE_SIZE:
            _TOKENS.clear()
        low = word.lower()
        w = low.strip(_TOKEN_EDGE) if low not in _COLONS else ":"
        tok = _TOKENS[word] = token(w if w.isascii() else dotless_i(w).translate(_FOLD_TABLE))
    return tok


def _head(word: str) -> tuple[str, bool]:
    """The key of a line's first raw word, and whether a colon was stuck to it ("Source:"
    reads as the two words ``source :``)."""
    known = _HEADS.get(word)
    if known is None:
        if len(_HEADS) > _CACHE_SIZE:
            _HEADS.clear()
        colon = word[-1:] in _COLONS and len(word) > 1
        known = _HEADS[word] = (_token(word[:-1] if colon else word), colon)
    return known


#: The line breaks of ``str.splitlines`` other than ``\\n``.
_OTHER_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def _split_lines(text: str) -> list[str]:
    """``text.splitlines()``; a non-ASCII text whose only line break is ``\\n`` is split on
    it (``splitlines`` asks the Unicode database about every non-ASCII character, while
    looking for the nine other breaks is nine fast scans).

    >>> _split_lines("سطر\\nline\\n"), _split_lines("a\\r\\nb")
    (['سطر', 'line'], ['a', 'b'])
    """
    if text.isascii() or any(map(text.__contains__, _OTHER_BREAKS)):
        return text.splitlines()
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()  # a final line break ends the last line, it does not start one
    return lines


def _odd_spaces(text: str) -> bool:
    """Whether ``text`` has a run of whitespace inside a line that is not one space (the
    lines then get their whitespace normalized).  ``str.isascii`` is free; most texts
    need only the three ASCII tests.

    >>> _odd_spaces("one two"), _odd_spaces("one  two"), _odd_spaces("one\u1680two")
    (False, True, True)
    """
    if "  " in text or any(map(text.__contains__, _ASCII_SPACES)):
        return True
    return not text.isascii() and any(map(text.__contains__, _OTHER_SPACES))


def _lexicon_candidates(
    lex: Lexicon,
    lines: list[str],
    n_words: list[int],
    deep: list[bool],
    scripts: frozenset[str] | None = None,
) -> list[int]:
    """Indexes of the lines a lexicon phrase could match: a cheap pre-test on the first
    words (whole-line and prefix phrases), the last word (suffix phrases) and distinctive
    words found as substrings (contains phrases: notices, not looked for in the ``deep``
    lines, prose well inside the article, and only in Latin script and ``scripts``, the
    writing systems of the page's language, when known); only those lines get a full key.
    ``n_words`` are the word counts of the ``lines``.  A line that passes one test is not
    put to the next ones (the answer is the union)."""
    first_words, pairs, pair_heads = lex.first_words, lex.first_pairs, lex.pair_heads
    raw_ends, suffix_max = lex.raw_ends, lex.suffix_max_words
    hits: list[int] = []
    scan: list[int] = []
    for k, line in enumerate(lines):
        count = n_words[k]
        if count > MAX_LEXICON_WORDS:
            continue
        first, _, rest = line.partition(" ")
        known = _HEADS.get(first)
        head, colon = known if known is not None else _head(first)
        if head in first_words or (
            head in pair_heads
            and (rest or colon)
            and f"{head} {':' if colon else _token(rest.partition(' ')[0])}" in pairs
        ):
            hits.append(k)
        elif raw_ends and count <= suffix_max and line.rstrip(_EDGE_SPACE).endswith(raw_ends):
            # suffix phrases are labels: only lines of a few words can match them
            hits.append(k)
        elif not deep[k]:
            scan.append(k)
    if scan:
        hits += _needle_lines(lex, [lines[k] for k in scan], scan, scripts)
    return sorted(set(hits))


def _needle_lines(
    lex: Lexicon, lines: list[str], ids: list[int], scripts: frozenset[str] | None
) -> list[int]:
    """The ``ids`` of the ``lines`` holding a needle (a distinctive word of a contains
    phrase): the anchors of the needles are looked for in the lower-cased joined lines
    first (one loop in C), and only a needle found there line by line."""
    joined = dotless_i("\n".join(lines).lower())
    lows: list[str] = []
    found: list[int] = []
    present = map(joined.__contains__, lex.anchors_for(scripts))
    for needle in compress(lex.needles_for(scripts), present):
        if needle.pattern is None or needle.pattern.search(joined):
            lows = lows or joined.split("\n")
            anchor = needle.anchor
            for j, low in zip(ids, lows, strict=True):
                if anchor in low and needle.found_in(low):
                    found.append(j)
    return found


def _sentence_ends(lines: list[str]) -> list[bool]:
    """Whether each line ends like a sentence (closing quotes and brackets aside); a
    line cut short with an ellipsis does not."""
    tails = list(map(str.rstrip, lines, repeat(_CLOSERS)))
    ends = map(_SENT_END.__contains__, map(getitem, tails, repeat(_LAST)))
    return list(map(gt, ends, map(str.endswith, tails, repeat(("...", "…")))))


#: A line holding the source stage's credit is dropped when what is left of it without the
#: credit is at most this many words and not a sentence (a topic list, a date, a desk).
CREDIT_REST_WORDS = 4
_SENTENCE_CLOSE = (".", "!", "?", "؟", "。", "！", "？")


def credit_line(line: str, credit: str) -> bool:
    """Whether ``line``, which holds the source stage's ``credit``, is a credit line to
    drop rather than a paragraph that opens with a dateline or closes with a credit: what
    is left without the credit is punctuation, or a few words (every two letters of a
    script written without spaces count as one) that are not a sentence.

    >>> credit_line("Source: AFP", "Source: AFP"), credit_line("(واس).", "(واس)")
    (True, True)
    >>> credit_line("المصدر : وكالة ايسنا للأنباء.", "وكالة ايسنا للأنباء")
    True
    >>> credit_line("Kaynak: DHA ve AA  Konular: Türkiye", "Kaynak: DHA ve AA")
    True
    >>> credit_line("WASHINGTON (Reuters) - Stocks fell.", "WASHINGTON (Reuters) -")
    False
    >>> line = "新华社北京11月28日电（记者张三）国务院总理28日主持召开国务院常务会议。"
    >>> credit_line(line, "新华社北京11月28日电")
    False
    """
    rest = line.replace(credit, " ", 1).strip()
    words = [w for w in rest.split() if WORD_CHAR.search(w)]
    if not words:
        return True
    if len(words) + len(_NOT_DENSE.sub("", rest)) / 2.0 > CREDIT_REST_WORDS:
        return False
    return len(words) < 2 or not rest.endswith(_SENTENCE_CLOSE)


def _candidates(size: list[float], sents: list[bool]) -> list[int]:
    """Lines long enough to be prose: ``MID_WORDS`` words, or a sentence of five."""
    return [
        j
        for j, (sz, se) in enumerate(zip(size, sents, strict=True))
        if sz >= MID_WORDS or (se and sz >= SENTENCE_WORDS)
    ]


def _features(
    raw_lines: list[str],
    lang: str | None,
    site: Any,
    credit: str | None,
    *,
    normalize_space: bool = True,
    sample: str = "",
    text: str = "",
) -> _Doc:
    """Per-line shape and density, computed list by list (one pass per feature) for speed;
    the lexicon is consulted later, only around the article (:func:`_apply_lexicon`).
    When ``lang`` is None it is guessed from ``sample`` (writing system) and the words of
    the long lines (function-word vote)."""
    doc = _Doc()
    # map() over str methods keeps these per-line passes in C
    stripped = list(map(str.strip, raw_lines))
    if "" in stripped:
        doc.idx = list(compress(range(len(stripped)), stripped))
        lines = list(compress(stripped, stripped))
    else:
        doc.idx, lines = list(range(len(stripped))), stripped
    if normalize_space and lines:
        # every run of whitespace inside a (stripped) line becomes one space: one
        # substitution over the joined lines, touching only the runs that are not already
        # a single space
        lines = _SPACE_RUN.sub(" ", "\n".join(lines)).split("\n")
    doc.lines = lines
    n = len(lines)
    doc.n_words = n_words = list(map(add, map(str.count, lines, repeat(" ")), repeat(1)))
    # only lines of five words or more can be sentences (the prose candidates)
    big = list(compress(range(n), map(ge, n_words, repeat(SENTENCE_WORDS))))
    big_sent = _sentence_ends([lines[j] for j in big])
    sents = [False] * n
    for j in compress(big, big_sent):
        sents[j] = True
    cand = [j for j, se in zip(big, big_sent, strict=True) if se or n_words[j] >= MID_WORDS]
    heads: dict[int, list[str]] = {}
    if lang is None:
        # the function-word vote reads the first words of the first long lines
        total = 0
        for j in cand[:STOP_SAMPLE_LINES]:
            heads[j] = ws = lines[j].lower().split(" ", STOP_SAMPLE_WORDS)
            total += len(ws)
            if total >= VOTE_WORDS:
                break
        words = list(islice(chain.from_iterable(heads.values()), VOTE_WORDS))
        lang = guess_language(sample, words)
    doc.lang = lang
    doc.dense = lang in DENSE_LANGS
    size: list[float] = n_words
    if doc.dense:
        # words are not spaced: every two Chinese or Japanese characters count as a word,
        # every SEA_CHARS_PER_WORD code points of Thai, Lao, Burmese or Khmer (a headline
        # of 45 Thai code points is about 10 words, not 23: not a paragraph)
        dense = list(map(len, map(_NOT_DENSE.sub, repeat(""), lines)))
        if lang in CHAR_LANGS:
            size = [c + d / 2.0 for c, d in zip(n_words, dense, strict=True)]
        else:
            sea = map(len, map(_NOT_SEA.sub, repeat(""), lines))
            size = [
                c + (d - e) / 2.0 + e / SEA_CHARS_PER_WORD
                for c, d, e in zip(n_words, dense, sea, strict=True)
            ]
        sents = _sentence_ends(lines)
    if lang in UNPUNCTUATED_LANGS:
        sents = [sz >= LONG_WORDS / 2 for sz in size]
    if doc.dense or lang in UNPUNCTUATED_LANGS:
        cand = _candidates(size, sents)
    doc.sent, doc.size = sents, size
    doc.kind = kind = bytearray(n)  # _KIND_OTHER
    doc.reason = [""] * n
    doc.rule = [""] * n
    doc.weight = weight = array("d", [W_OTHER]) * n
    doc.checked = [_UNCHECKED] * n
    # density: long enough, ends like a sentence, enough function words
    stops = cased_stopwords(lang) if lang else frozenset()
    share = stop_share(lang, MIN_STOP_SHARE)
    if not _density(doc, cand, heads, stops, lang in CHAR_LANGS, share) and stops:
        # no line has the function words of the guessed language: the guess is wrong or
        # the language has no list, so decide on shape alone
        _density(doc, cand, heads, frozenset(), False, share)
    # lines that start like a list item or with punctuation (a cheap pre-test in C)
    firsts = map(getitem, lines, repeat(0))
    numbered: list[int] = []
    for j in compress(range(n), map(_ODD_START.__contains__, firsts)):
        ln = lines[j]
        listed = ln[0] in _LIST_START  # a digit or a bullet: a list item or a slide counter
        if listed:
            numbered.append(j)
        if listed and kind[j] != _KIND_PROSE and _LIST_ITEM.match(ln):
            # enumerated list items ("1. Finland", "- item") are part of the text they sit in
            kind[j], weight[j] = _KIND_LIST, W_LIST
        elif n_words[j] <= 3 and not ln.strip(_PUNCT) and not WORD_CHAR.search(ln):
            _mark(doc, j, "punctuation", "no letters or digits", W_HARD)
    if not text or _colon_items(text):  # (few pages have one: a cheap test)
        for j in colon_list(lines, n_words, kind):
            kind[j], weight[j] = _KIND_LIST, W_LIST
    if len(numbered) >= QUANTITY_LINES:
        for j in quantity_list(lines, n_words, kind, numbered):
            # the quantities weigh for the text they sit in (a list of ingredients ends
            # where the recipe's steps begin); the lines between them like list items
            kind[j] = _KIND_LIST
            weight[j] = W_QUANTITY if lines[j][0].isnumeric() else W_LIST
    gaps = _between_paragraphs(kind)  # runs of other lines between two paragraphs
    tables = flat_table(lines, n_words, kind, gaps)
    for j in introduced_lines(lines, n_words, kind, gaps):
        # what a paragraph closing with a colon introduces, up to the next paragraph
        kind[j], weight[j] = _KIND_LIST, W_LIST
    for j in tables:
        # a data table of the article: its cells belong to it like a list's items
        kind[j], weight[j], doc.reason[j], doc.rule[j] = _KIND_LIST, W_LIST, "", ""
    if len(numbered) >= GALLERY_SLIDES:
        for j, rule in gallery_slides(lines, numbered).items():
            # a slide show's captions: dropped, but they do not split the article run
            kind[j], weight[j], doc.reason[j], doc.rule[j] = _KIND_GALLERY, W_LIST, "gallery", rule
    # a photo's caption closing with its credit: "... © Julian Stratenschulte/dpa", "...
    # STEPHANE MAHE / REUTERS" (searched in the text as given: no join of the lines)
    for raw in _credit_lines(text) if text else ():
        j = bisect_left(doc.idx, raw)  # the raw line's index among the non-empty ones
        if (
            j < n
            and doc.idx[j] == raw
            and n_words[j] <= CAPTION_WORDS
            and kind[j] != _KIND_HARD
            and _captioned(lines[j])
        ):
            _mark(doc, j, "caption", "a photo's caption, closing with its credit", W_MID)
    if credit and credit.strip():
        credit = credit.strip()
        for j in [j for j, ln in enumerate(lines) if credit in ln]:
            if credit_line(lines[j], credit):
                _mark(doc, j, "source-line", f"the credit found by the source stage: {credit!r}")
    if site is not None:
        host = getattr(site, "host", None) or "the site"
        for j, ln in enumerate(lines):
            if kind[j] != _KIND_HARD:
                count = site.template_count_key(line_key(ln), n_words[j])
                if count:
                    _mark(doc, j, "site-template", f"on {count} of {site.pages} pages of {host}")
    return doc


def _captioned(line: str) -> bool:
    """Whether ``line`` is a photo's caption closing with its credit: a few words of the
    caption, then the credit (a line that opens with "©" is a copyright notice).

    >>> _captioned("Ein Junge liest in einer Grundschule. © Julian Stratenschulte/dpa")
    True
    >>> _captioned("© نبض الخبر 2020 - جميع الحقوق محفوظة")
    False
    """
    m = _PHOTO_CREDIT_END.search(line, max(0, len(line) - _CREDIT_TAIL))
    return m is not None and line.count(" ", 0, m.start()) >= CAPTION_LEAD_WORDS


def _credit_lines(joined: str) -> list[int]:
    """The numbers of the lines of ``joined`` that may close with a photo's credit: they
    hold a "©" or end with " / AGENCY" in capitals.  Both are searched in the whole text
    (in C: a plain "©" and a plain "/", then a check at each), and only the few places
    found are mapped to lines.

    >>> _credit_lines("Port at dawn. JOHN SMITH / AFP\\n12 / 05\\n© dpa\\na / b")
    [0, 2]
    """
    at: list[int] = []
    pos = joined.find("©")
    while pos >= 0:
        at.append(pos)
        pos = joined.find("©", pos + 1)
    pos = joined.find("/")  # a single character is found much faster than " / "
    while pos >= 0:
        if joined.startswith(" / ", pos - 1):
            end = joined.find("\n", pos)
            if _SLASH_CREDIT.match(joined, pos - 1, len(joined) if end < 0 else end):
                at.append(pos)
        pos = joined.find("/", pos + 1)
    return sorted({joined.count("\n", 0, p) for p in at})


#: Words the headline of a linked story has at least ("Read also" over one link line).
LINK_WORDS = 4
#: Words a caption has at most (a photo's caption with its credit at the end), and at
#: least before the credit.
CAPTION_WORDS = 45
CAPTION_LEAD_WORDS = 4
_CREDIT_TAIL = 60
# the end of a caption: "© Belga.", "© Sylvain Cherkaoui pour JA", "JEAN-PHILIPPE KSIAZEK /
# AFP", "STEPHANE MAHE / REUTERS": a copyright sign and a name, or a photographer and an
# agency in capitals
_SLASH_CREDIT = re.compile(r" / [A-ZÀ-Þ][A-ZÀ-Þ\-]{1,15}\.?[ \t]*$")
_PHOTO_CREDIT_END = re.compile(
    r"(?:©\s*[^\W\d_][^©.!?]{1,45}|[A-ZÀ-Þ][A-ZÀ-Þ'’\- ]{3,40}\s/\s[A-ZÀ-Þ][A-ZÀ-Þ\-]{1,15})\.?\s*$"
)


def _colon_items(text: str) -> bool:
    """Whether ``text`` may hold a :func:`colon_list`: a line closing with a colon, then an
    item closing with a comma or holding a figure after its label."""
    if _COLON_ITEM.search(text):
        return True
    return "：" in text and _WIDE_COLON_ITEM.search(text) is not None


def colon_list(lines: list[str], n_words: list[int], kind: bytearray) -> list[int]:
    """The lines of a list a sentence introduces with a colon, its items punctuated like an
    enumeration ("Key facts:", "capacity: 40,000 tonnes,", "96 storage rooms,", "120 new
    jobs."): the list's bullets were lost in the dump, but not its commas.  The items
    (``COLON_ITEMS`` or more, of at most ``COLON_ITEM_WORDS`` words, each closing with a
    comma or a semicolon, the last one also with a full stop; the first with a comma or a
    semicolon) and the line that introduces them belong to the text like a list.  So do
    items of the form "label: figure" ("Konut: yüzde 85,5", "一般申請者平均輪候時間：5.5年")
    under a sentence that introduces them (:func:`_introduces`; a recipe card's "Servings:
    4" has none).

    >>> lines = ["Key facts about the plant:", "capacity of 40,000 tonnes,", "96 rooms,",
    ...          "120 new jobs.", "Building took 22 months."]
    >>> colon_list(lines, [len(x.split()) for x in lines], bytearray(5))
    [0, 1, 2, 3]
    >>> lines = ["The yearly change by group was as follows:", "Housing: 85.5%",
    ...          "Education: 76.8%", "Health: 52.1%", "Economists expect a further fall."]
    >>> colon_list(lines, [len(x.split()) for x in lines], bytearray(5))
    [0, 1, 2, 3]
    >>> colon_list(["Nutrition:", *lines[1:]], [1, 2, 2, 2, 5], bytearray(5))
    []
    """
    out: list[int] = []
    n = len(lines)
    for j in compress(range(n - 1), map(str.endswith, lines, repeat(_COLONS))):
        pairs = lines[j + 1][-1] not in _ITEM_ENDS
        if pairs and not (_KEY_VALUE.match(lines[j + 1]) and _introduces(lines[j])):
            continue  # (the first item closes with a comma or holds a figure: cheap tests)
        if n_words[j] > COLON_ITEM_WORDS or kind[j] == _KIND_HARD:
            continue
        k, items = j + 1, 0
        while k < n and n_words[k] <= COLON_ITEM_WORDS and kind[k] != _KIND_HARD:
            if _KEY_VALUE.match(lines[k]) if pairs else lines[k][-1] in _ITEM_ENDS:
                items += 1
                k += 1
                continue
            if not pairs and lines[k][-1] in ".。":
                k += 1
            break
        if items and k - j - 1 >= COLON_ITEMS:
            out.extend(range(j, k))
    return out


def _introduces(line: str) -> bool:
    """Whether ``line`` (closing with a colon) is a sentence that introduces a list of
    figures ("The yearly change by group was as follows:"), not a heading of two words
    ("Nutrition:", "Details:") over a card of figures."""
    if line.count(" ") + 1 >= COLON_INTRO_WORDS:
        return True
    return len(line) >= COLON_INTRO_CHARS and _NOT_DENSE.sub("", line) == line[:-1]


def quantity_list(
    lines: list[str], n_words: list[int], kind: bytearray, numbered: list[int]
) -> list[int]:
    """The lines of a list of quantities (a recipe's ingredients: "250 g weiche Butter",
    "2 tbsp olive oil", with "Für den Belag:" or "Salt and pepper" between them), which
    belong to the text like an enumerated list.  ``numbered`` are the lines that open with
    a digit or a bullet.  A quantity line opens with a number, has two to
    ``QUANTITY_WORDS`` words and does not end like a sentence; ``QUANTITY_LINES`` or more of
    them, at most ``QUANTITY_GAP`` short lines apart, make a list, with up to
    ``QUANTITY_HEAD`` headings right before the first and ``QUANTITY_TAIL`` short lines
    after the last -- unless their numbers count up one by one (a ranking or a "most
    read" list: "1 ...", "2 ...", "3 ...").

    >>> lines = ["Ingredients", "2 tbsp olive oil", "1 large onion, chopped",
    ...          "For the sauce", "400 g tomatoes", "3 garlic cloves", "Method"]
    >>> quantity_list(lines, [len(x.split()) for x in lines], bytearray(7), [1, 2, 4, 5])
    [0, 1, 2, 3, 4, 5, 6]
    >>> ranked = ["1 Man held after crash", "2 Council votes on budget", "3 Storm closes roads",
    ...           "4 Shop owner fined"]
    >>> quantity_list(ranked, [4, 5, 4, 4], bytearray(4), [0, 1, 2, 3])
    []
    """
    qty = [
        j
        for j in numbered
        if lines[j][0].isnumeric()
        and 2 <= n_words[j] <= QUANTITY_WORDS
        and kind[j] not in (_KIND_PROSE, _KIND_HARD)
        and lines[j][-1] not in _SENT_END
    ]
    out: list[int] = []
    group: list[int] = []

    def close() -> None:
        if len(group) < QUANTITY_LINES:
            return
        firsts = [int(m.group()) for j in group if (m := _LEADING_INT.match(lines[j]))]
        steps = sum(b == a + 1 for a, b in pairwise(firsts))
        if steps * 2 >= len(group):
            return  # counting up: a ranking, not quantities
        lo, hi = group[0], group[-1]
        # with up to QUANTITY_HEAD headings right before the first ("Zutaten", "Für den
        # Hefeteig:")
        for _ in range(QUANTITY_HEAD):
            h = lo - 1
            if h < 0 or kind[h] in (_KIND_PROSE, _KIND_HARD) or n_words[h] > QUANTITY_HEAD_WORDS:
                break
            lo = h
        # and up to QUANTITY_TAIL short lines after the last ("Salt and pepper", "Method")
        for _ in range(QUANTITY_TAIL):
            t = hi + 1
            if t >= len(lines) or kind[t] in (_KIND_PROSE, _KIND_HARD):
                break
            if n_words[t] > QUANTITY_GAP_WORDS:
                break
            hi = t
        out.extend(j for j in range(lo, hi + 1) if kind[j] != _KIND_HARD)

    for j in qty:
        if group:
            gap = range(group[-1] + 1, j)
            if len(gap) <= QUANTITY_GAP and all(
                n_words[g] <= QUANTITY_GAP_WORDS and kind[g] != _KIND_HARD for g in gap
            ):
                group.append(j)
                continue
            close()
        group = [j]
    close()
    return out


def _cell_class(line: str, words: int) -> str:
    """A flattened table cell's class: ``"N"`` a figure (at most ``TABLE_FIGURE_WORDS``
    words, no more letters than digits: "42,5", "+21%", "3 215"), ``"P"`` punctuation
    only ("-", "%": an empty cell), ``"D"`` a label with a digit ("Ward 21", "عيار 24",
    "6 TOPS"), else ``"T"`` a label.

    >>> [_cell_class(x, len(x.split())) for x in ("+21%", "عيار 24", "–", "Potatoes")]
    ['N', 'D', 'P', 'T']
    """
    if not WORD_CHAR.search(line):
        return "P"
    if not _DIGIT_IN.search(line):
        return "T"
    if words <= TABLE_FIGURE_WORDS:
        letters = sum(map(str.isalpha, line))
        if letters <= sum(map(str.isdigit, line)):
            return "N"  # mostly a figure ("+21%", "3 215"), not a label ("عيار 24")
    return "D"  # a label with a figure in it ("6 TOPS", "ab 109 Euro", "Zero 4")


def _table_shape(classes: str) -> int:
    """The length of the table at the start of ``classes`` (the cell classes of a run of
    short lines, see :func:`_cell_class`), or 0: a header row of labels (optional), then
    ``TABLE_ROWS`` or more rows of one width (2 to ``TABLE_MAX_COLUMNS`` cells) whose
    columns each hold figures only or labels only (an empty cell fits both), one column of
    figures at least.

    >>> _table_shape("TTT" + "TNN" * 5 + "T")
    18
    >>> _table_shape("TNTN")  # two rows: no table
    0
    >>> _table_shape("TTTTTTT")  # no figures: a menu
    0
    """
    best = _spec_table(classes)
    labels = classes.replace("D", "T")
    if labels.count("N") < TABLE_ROWS:
        return best  # (a menu, a list of headlines: no figures)
    classes = labels
    for width in range(2, TABLE_MAX_COLUMNS + 1):
        for head in (0, width):
            if head and "N" in classes[:head]:
                continue
            rows = 0
            columns = [""] * width
            for r in range((len(classes) - head) // width):
                row = classes[head + r * width : head + (r + 1) * width]
                merged = [c + x if x != "P" else c for c, x in zip(columns, row, strict=True)]
                if any("N" in m and "T" in m for m in merged):
                    break
                columns, rows = merged, r + 1
            if rows >= TABLE_ROWS and any("N" in c for c in columns):
                best = max(best, head + rows * width)
    return best


def _spec_table(classes: str) -> int:
    """The length of a table of labels with figures in them at the start of ``classes``
    (a comparison of products: "Modell", "SoC", "RAM", then "Orion 5", "RK3588S", "8 /
    16 GByte" ...), or 0: a header row of labels, no figure among them (2 to
    ``TABLE_MAX_COLUMNS`` cells; a product's name may hold a digit: "Spec", "M3", "M4"),
    then ``TABLE_ROWS`` or more rows of its width that each hold a figure.

    >>> _spec_table("TTT" + "TDN" * 3 + "T"), _spec_table("TDD" + "TNN" * 3)
    (12, 12)
    >>> _spec_table("TTT" + "TTT" * 3), _spec_table("TNT" + "TDN" * 3)  # no figures; no header
    (0, 0)
    """
    best = 0
    for width in range(2, TABLE_MAX_COLUMNS + 1):
        head = classes[:width]
        if len(classes) < width * (TABLE_ROWS + 1) or "T" not in head or set(head) - {"T", "D"}:
            continue
        rows = 0
        while (row := classes[width * (rows + 1) : width * (rows + 2)]) and len(row) == width:
            if "N" not in row and "D" not in row:
                break
            rows += 1
        if rows >= TABLE_ROWS:
            best = max(best, width * (rows + 1))
    return best


def introduced_lines(
    lines: list[str],
    n_words: list[int],
    kind: bytearray,
    gaps: list[tuple[int, int]] | None = None,
) -> list[int]:
    """The short lines between a paragraph that closes with a colon and the next paragraph
    ("Quiver uses the first value it finds in this order:", then "Flags passed with --env",
    "Variables exported in the current shell", ..., then prose again): a list, a command or
    a few lines of code the paragraph introduces, whose bullets and boxes the dump lost.
    At most ``INTRO_LINES`` lines of at most ``INTRO_LINE_WORDS`` words each.  The colon
    may also close a short line of its own (``INTRO_MIN_WORDS`` words or more) right after
    the paragraph: "Uydunun öne çıkan özellikleri şöyle:", then the items.

    >>> lines = ["Quiver reads the settings in this order:", "Flags on the command line",
    ...          "The shell's environment", "The .env file", "Values set here win over the "
    ...          "others, whatever the order of the files."]
    >>> introduced_lines(lines, [len(x.split()) for x in lines], bytearray([1, 0, 0, 0, 1]))
    [1, 2, 3]
    """
    out: list[int] = []
    for j, k in _between_paragraphs(kind) if gaps is None else gaps:
        first = j
        if not _opens_list(lines[j - 1]):
            # a short line of its own may close the paragraph: "Uydunun öne çıkan
            # özellikleri şöyle:" (its features are as follows), then the items
            if k - j < 2 or n_words[j] < INTRO_MIN_WORDS or kind[j] == _KIND_HARD:
                continue
            if not _opens_list(lines[j]):
                continue
            first = j + 1
        if k - first > INTRO_LINES or max(n_words[first:k]) > INTRO_LINE_WORDS:
            continue
        out.extend(m for m in range(j, k) if kind[m] != _KIND_HARD)
    return out


def _opens_list(line: str) -> bool:
    """Whether ``line`` closes with a colon and is no label ("WATCH | Workers rally outside
    city hall:", "VIDEO: ...", "LISTEN to the interview:")."""
    if line[-1] not in _COLONS or "|" in line:
        return False
    first = line.split(" ", 1)[0]
    return not (len(first) >= 3 and first.isupper())


#: ``kind`` bytes as "1" for a prose line and "0" for any other (see _between_paragraphs).
_PROSE_BITS = bytes.maketrans(
    bytes(range(256)), bytes(ord("1") if b == _KIND_PROSE else ord("0") for b in range(256))
)
_GAP = re.compile(rb"(?<=1)0+(?=1)")


def _between_paragraphs(kind: bytearray) -> list[tuple[int, int]]:
    """The runs ``[j, k)`` of lines that are not prose with a prose line on both sides
    (found on the kinds as bytes: a page has thousands of lines and few such runs).

    >>> _between_paragraphs(bytearray([0, 1, 0, 0, 1, 1, 0, 1, 0]))
    [(2, 4), (6, 7)]
    """
    bits = kind.translate(_PROSE_BITS)
    return [m.span() for m in _GAP.finditer(bits)]


def flat_table(
    lines: list[str],
    n_words: list[int],
    kind: bytearray,
    gaps: list[tuple[int, int]] | None = None,
) -> list[int]:
    """The lines of a table the dump flattened one cell per line between two paragraphs of
    the text ("The results were as follows:", then "Candidate", "Party", "Votes", "Faiez
    Jacobs", "Independent", "3,412" ...): a data table of the article, which belongs to it
    like a list and does not split it.  See :func:`_table_shape` for the shape; a widget's
    table (currency rates, standings) sits under a heading, not between paragraphs.

    >>> lines = ["Prices rose again in October, the survey of 40 markets shows:", "Product",
    ...          "Price", "Change", "Potatoes", "42.5", "+4%", "Cabbage", "38.9", "+21%",
    ...          "Carrots", "47.3", "+13%", "Traders blame the cost of transport."]
    >>> flat_table(lines, [len(x.split()) for x in lines], bytearray([1] + [0] * 12 + [1]))
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    """
    out: list[int] = []
    head = 3 * TABLE_MAX_COLUMNS  # a table's first rows, header included, hold two figures
    # (a table at the article's end needs no joining: only runs between two paragraphs)
    for j, k in _between_paragraphs(kind) if gaps is None else gaps:
        if lines[j - 1].endswith(_COLONS):
            # introduced by the paragraph before it, the table may end in chrome
            k = next((m for m in range(j, k) if n_words[m] > TABLE_CELL_WORDS), k)
        if k - j < 2 * TABLE_ROWS or max(n_words[j:k]) > TABLE_CELL_WORDS:
            continue
        top = min(k, j + head)
        classes = "".join(map(_cell_class, lines[j:top], n_words[j:top]))
        if classes.count("N") >= 2:
            classes += "".join(map(_cell_class, lines[top:k], n_words[top:k]))
            out.extend(range(j, j + _table_shape(classes)))
    return out


def gallery_slides(lines: list[str], ids: Iterable[int] | None = None) -> dict[int, str]:
    """The captions of a slide show among ``lines`` (only ``ids`` are looked at when
    given): lines opening with a slide counter, ``GALLERY_SLIDES`` or more of them whose
    counters run ``k/N, k+1/N, k+2/N ...`` with at most ``GALLERY_GAP`` lines between two
    (credits, alt texts).  A photo gallery flattened into the page prints each caption
    after its counter; an article's own numbers (dates ``06/08``, fractions ``3/4 cup``, a
    counter repeated ``1 / 5``, ``1 / 5``) do not count up like that.  Returns the index of
    each caption line with its rule.

    >>> found = gallery_slides(["1/3 Crowds fill the square", "Photo: AP",
    ...                         "2/3 Police arrive at noon", "3/3 Night falls", "06/08"])
    >>> sorted(found), found[2]
    ([0, 2, 3], 'slide 2 of 3: the captions of a slide show (3 slides in a row)')
    """
    chains: dict[int, list[tuple[int, int]]] = {}  # slide count -> open chain [(line, k)]
    found: dict[int, str] = {}

    def close(chain: list[tuple[int, int]], count: int) -> None:
        if len(chain) >= GALLERY_SLIDES:
            for j, k in chain:
                found[j] = (
                    f"slide {k} of {count}: the captions of a slide show "
                    f"({len(chain)} slides in a row)"
                )

    for j in range(len(lines)) if ids is None else ids:
        if lines[j][:1] not in _LIST_START:
            continue  # a counter opens with a digit or a bullet (a test without the regex)
        m = _COUNTER.match(lines[j])
        if m is None:
            continue
        k, count = int(m[1]), int(m[2])
        if not 1 <= k <= count or count < GALLERY_SLIDES:
            continue
        chain = chains.get(count)
        if chain and k == chain[-1][1] + 1 and j - chain[-1][0] <= GALLERY_GAP + 1:
            chain.append((j, k))
            continue
        if chain:
            close(chain, count)
        chains[count] = [(j, k)]
    for count, chain in chains.items():
        close(chain, count)
    return found


def _density(
    doc: _Doc,
    cand: list[int],
    heads: dict[int, list[str]],
    stops: frozenset[str],
    char_stops: bool,
    min_share: float,
) -> int:
    """Mark the prose lines among ``cand`` (long enough, sentence-like, with function
    words) and weigh every candidate; returns the number of prose lines."""
    size, sents, lines = doc.size, doc.sent, doc.lines
    kind, weight = doc.kind, doc.weight
    found = 0
    for j in cand:
        sz, se = size[j], sents[j]
        prose = sz >= LONG_WORDS or (se and sz >= SENTENCE_WORDS)
        if prose and stops and not (se and sz >= SURE_PROSE_WORDS):
            if char_stops:
                body = lines[j]
                share = sum(body.count(c) for c in stops) / max(len(body), 1)
                prose = share >= min_share / 2
            else:
                ws = heads.get(j) or lines[j].split(" ", STOP_SAMPLE_WORDS)
                prose = sum(map(stops.__contains__, ws)) >= min_share * len(ws)
        if prose:
            found += 1
            kind[j] = _KIND_PROSE
            weight[j] = sz if se else sz * W_UNPUNCTUATED
        else:
            kind[j] = _KIND_OTHER
            weight[j] = W_MID
    return found


def _hit_weight(hit: PhraseHit, n_words: int) -> float:
    """Weight of a lexicon line.  An end category (comment form, copyright...) ends the
    article, except a one-word label ("Email", "Comments"): those also sit in share bars and
    headers, so they only weigh like a related-list heading.  The same holds for inline
    "Read also: ..." links, which are common inside articles."""
    if hit.category in INSIDE_CATEGORIES:
        return W_MID  # a caption inside the article: removed, but no barrier
    if hit.category in END_CATEGORIES:
        return W_END if n_words > 1 and " " in hit.phrase.strip(". ") else W_BOUNDARY
    if hit.category in BOUNDARY_CATEGORIES:
        # a list heading ("Related articles") is a boundary; an inline link line
        # ("Read also: <headline>") sits inside articles and is only chrome itself
        return W_HARD if hit.phrase.endswith("...") else W_BOUNDARY
    return W_HARD


def _mark(doc: _Doc, j: int, reason: str, rule: str, weight: float = W_HARD) -> None:
    doc.kind[j], doc.reason[j], doc.rule[j], doc.weight[j] = _KIND_HARD, reason, rule, weight


def _apply_lexicon(
    doc: _Doc,
    lex: Lexicon,
    lo: int,
    hi: int,
    inside: tuple[int, int] = (0, 0),
    keep: list[bool] | None = None,
) -> list[int]:
    """Look the lines ``lo <= j < hi`` up in the lexicon; returns the lines it marked.

    Long prose lines strictly ``inside`` the article run are skipped: only notices could
    match them, and those sit at its edges.  With ``keep`` (the decision made), only the
    removed lines are looked up: a mark on a kept line would change nothing."""
    a, b = inside
    kind, n_words, checked = doc.kind, doc.n_words, doc.checked
    lo, hi = max(lo, 0), min(hi, len(doc.lines))
    span: Iterable[int] = range(lo, hi)
    if keep is not None:
        span = compress(span, map(not_, keep[lo:hi]))
    lo_deep, hi_deep = a + LEXICON_MARGIN, b - LEXICON_MARGIN
    if a + 1 < b - 1:  # the run has lines strictly inside it
        todo = [
            j
            for j in span
            if checked[j] != _CHECKED
            and not (a < j < b - 1 and kind[j] == _KIND_PROSE and n_words[j] > INNER_PROSE_WORDS)
        ]
    else:
        todo = [j for j in span if checked[j] != _CHECKED]
    # prose deep in the run gets the cheap tests only (no notices): looked up again in full
    # if a later run puts it near an edge, where a newsletter call may end the article
    deep_of = [(j, lo_deep <= j < hi_deep and kind[j] == _KIND_PROSE) for j in todo]
    deep_of = [(j, d) for j, d in deep_of if not (d and checked[j] == _SHALLOW)]
    if not deep_of:
        return []
    for j, d in deep_of:
        checked[j] = _SHALLOW if d else _CHECKED
    todo = [j for j, _ in deep_of]
    changed: list[int] = []
    lines = doc.lines
    # breadcrumbs: short non-prose lines with two path separators
    crumbs = [j for j in todo if kind[j] == _KIND_OTHER and n_words[j] <= 25]
    if crumbs:
        # pre-test on the joined lines: two separators on one line
        joined = "\n".join([lines[j] for j in crumbs])
        starts: list[int] = []
        for m in _TWO_SEPS.finditer(joined):
            starts = starts or list(accumulate([len(lines[j]) + 1 for j in crumbs], initial=0))
            j = crumbs[bisect_right(starts, m.start()) - 1]
            ln = lines[j]
            if "://" not in ln and _BREADCRUMB.search(ln):
                _mark(doc, j, "breadcrumb", "path of sections separated by / > » or |")
                changed.append(j)
    # Lines seen before (site chrome repeats across the pages of a dump) are answered
    # from the lexicon's memo; the others go through the pre-test and the full match.
    # Prose well inside the article (away from its edges) is not searched for notices,
    # so its answer is neither taken from the memo nor remembered.
    memo = lex.memo.setdefault(doc.lang, {})
    if len(memo) > _MEMO_SIZE:
        memo.clear()
    marks: dict[int, _Mark] = {}
    fresh: list[int] = []
    fresh_deep: list[bool] = []
    for j, d in deep_of:
        if d:
            fresh.append(j)
            fresh_deep.append(True)
            continue
        known = memo.get(lines[j], _UNSEEN)
        if known is _UNSEEN:
            fresh.append(j)
            fresh_deep.append(False)
        elif known is not None:
            marks[j] = known
    if fresh:
        fresh_lines = [lines[j] for j in fresh]
        fresh_words = [n_words[j] for j in fresh]
        scripts = scripts_of(doc.lang)
        found: dict[int, _Mark | None] = {}
        for k in _lexicon_candidates(lex, fresh_lines, fresh_words, fresh_deep, scripts):
            j = fresh[k]
            hit = lex.match_key(line_key(lines[j]), n_words[j], lang=doc.lang)
            found[j] = None if hit is None else _hit_mark(hit)
        # answers for the lines not deep in the article are remembered
        for k in compress(range(len(fresh)), map(not_, fresh_deep)):
            memo[fresh_lines[k]] = found.get(fresh[k])
        for j, mark in found.items():
            if mark is not None:
                marks[j] = mark
    reason, rule, weight = doc.reason, doc.rule, doc.weight
    for j, mark in marks.items():
        if kind[j] != _KIND_HARD and kind[j] != _KIND_GALLERY:
            kind[j], reason[j], rule[j] = _KIND_HARD, mark[0], mark[1]
            weight[j] = mark[2] if n_words[j] > 1 else mark[3]
            changed.append(j)
    return changed


#: What marking a line with a phrase hit writes: reason, rule, and the weight of a line of
#: several words and of one word (the lexicon memo remembers it per line).
_Mark = tuple[str, str, float, float]


def _hit_mark(hit: PhraseHit) -> _Mark:
    """The :data:`_Mark` of a phrase hit.

    >>> _hit_mark(default_lexicon().match("Leave a comment"))[:2]
    ('lexicon', 'en:comment_form:Leave a comment')
    """
    reason = "source-line" if hit.category == "credit" else "lexicon"
    return reason, hit.rule, _hit_weight(hit, 2), _hit_weight(hit, 1)


def _article_run(doc: _Doc) -> tuple[int, int, float]:
    """The article: the maximum-sum run ``[start, end)`` of the line weights, and its sum.

    Runs of non-prose lines are made heavy barriers first: from the second line in a row
    each costs ``RUN_FACTOR`` times more (a subheading or caption inside an article
    costs little, a menu of twenty links a lot).  A line is heavy when it and the line
    before are not prose, and the maximum-sum segment comes from the prefix sums (best end
    minus the lowest prefix sum before it).  Vectorized with numpy; a short page (most
    generated and many real ones) takes the same steps in plain Python, which is faster
    there than numpy's per-call cost and gives the same floats (sums in the same order).
    """
    n = len(doc.kind)
    if not n:
        return 0, 0, 0.0
    if n <= _SMALL_PAGE:
        return _article_run_small(doc)
    text = np.frombuffer(doc.kind, dtype=np.uint8) & 1  # prose or a list item
    weight = np.frombuffer(doc.weight, dtype=np.float64).copy()
    heavy = (text[1:] | text[:-1]) == 0  # the second non-prose line in a row and beyond
    # a heavy line costs RUN_FACTOR times its weight, and at least RUN_FACTOR short lines
    weight[1:] = np.where(heavy, np.minimum(weight[1:], W_OTHER) * RUN_FACTOR, weight[1:])
    prefix = np.empty(n + 1)
    prefix[0] = 0.0
    np.cumsum(weight, out=prefix[1:])
    gains = prefix[1:] - np.minimum.accumulate(prefix[:-1])
    end = int(gains.argmax())
    best = float(gains[end])
    if best <= 0:
        return 0, 0, 0.0
    start = int(prefix[: end + 1].argmin())
    return start, end + 1, best


def _article_run_small(doc: _Doc) -> tuple[int, int, float]:
    """:func:`_article_run` of a short page, without numpy."""
    weight = doc.weight.tolist()
    text = doc.kind.translate(_TEXT_BIT)  # 1: prose or a list item
    run = text.find(b"\0\0")  # a run of non-prose lines: from its second line on, heavy
    while run >= 0:
        end = text.find(b"\1", run)
        end = len(text) if end < 0 else end
        # (a conditional expression: min() is a slow call for two floats)
        heavy = weight[run + 1 : end]
        weight[run + 1 : end] = [(W_OTHER if w > W_OTHER else w) * RUN_FACTOR for w in heavy]
        run = text.find(b"\0\0", end)
    best, end, start = 0.0, -1, 0
    total = low = 0.0  # prefix sum before line j, and its lowest value up to there
    low_at = 0
    for j, w in enumerate(weight):
        if total < low:
            low, low_at = total, j
        total += w
        if end < 0 or total - low > best:
            best, end, start = total - low, j, low_at
    if best <= 0:
        return 0, 0, 0.0
    return start, end + 1, best


def _is_breadcrumb(line: str) -> bool:
    """Whether ``line`` reads as a path of sections ("Home > World > Story").

    >>> _is_breadcrumb("Home > World > Story"), _is_breadcrumb("Ministers sign pact")
    (True, False)
    """
    return _SEPARATOR.search(line) is not None and _BREADCRUMB.search(line) is not None


def _is_title_like(doc: _Doc, j: int) -> bool:
    if doc.kind[j] == _KIND_HARD or doc.kind[j] == _KIND_GALLERY:
        return False
    size = doc.size[j]
    line = doc.lines[j]
    if not TITLE_MIN_WORDS <= size <= TITLE_MAX_WORDS:
        return False
    if line.rstrip(_CLOSERS).endswith((".", ":", ",")):
        return False
    if line.partition(" ")[0].lower() in _BYLINE_WORDS or _is_breadcrumb(line):
        return False
    digits = _digit_count(line)
    if digits * 6 > len(line):
        return False  # a date, time or counter
    # "منذ 3 ساعات", "an hour ago": a time stamp, which holds a number or is a few words
    # ("منذ ساعتين"); looked up last and only then: it costs the most
    if size > RELATIVE_STAMP_WORDS or (not digits and doc.n_words[j] > RELATIVE_WORDS_ALONE):
        return True
    return read_relative(line) is None


def _digit_count(line: str) -> int:
    """How many characters of ``line`` are digits (``str.isdigit``); an ASCII line has
    its digits deleted from its bytes in one C call.

    >>> _digit_count("12:30 GMT"), _digit_count("١٢ مارس ²")
    (4, 3)
    """
    if line.isascii():
        return len(line) - len(line.encode().translate(None, b"0123456789"))
    return sum(map(str.isdigit, line))


def _find_title(doc: _Doc, start: int, text: str) -> int | None:
    """Index (in ``doc``) of the headline among the title-like lines just before the run.

    Closer and longer is better, and a line printed twice on the page (the headline is
    often repeated in the breadcrumb, the page title or a teaser) is preferred.
    """
    best, best_score = None, 0.0
    seen = 0
    j = start - 1
    while j >= 0 and seen < TITLE_LOOKBACK:
        if doc.kind[j] != _KIND_HARD:
            seen += 1
            if _is_title_like(doc, j):
                score = min(doc.size[j], 15.0) - 2.0 * seen
                if doc.lines.count(doc.lines[j]) > 1:
                    score += 8.0
                if best is None or score > best_score:
                    best, best_score = j, score
        j -= 1
    return best


class Decision:
    """The outcome for one dump: the line features, the article run and the kept lines
    (the record :func:`strip_chrome_explain` explains and HTML mode reads)."""

    __slots__ = (
        "doc",
        "end",
        "inner",
        "keep",
        "lang",
        "lex",
        "raw_lines",
        "score",
        "start",
        "title_j",
    )

    def __init__(self, raw_lines: list[str], doc: _Doc, lang: str | None, lex: Lexicon) -> None:
        self.raw_lines, self.doc, self.lang, self.lex = raw_lines, doc, lang, lex
        self.start = self.end = 0
        self.score = 0.0
        self.keep: list[bool] = []
        self.title_j: int | None = None
        self.inner: dict[int, int] = {}

    def prose_after(self, lines: Iterable[str]) -> tuple[int, int]:
        """Lines and words of the article's prose that follow the last of ``lines``
        (stripped lines of the dump, e.g. those another extractor kept) in the article
        run, up to the first line that is neither a kept prose line nor a dropped chrome
        line (an advert label between two paragraphs): how far the article goes on after
        where that extractor stopped.  ``(0, 0)`` when none of ``lines`` is in the run.

        >>> dec = decide("Menu\\nThe board approved the plan on Monday after a long debate."
        ...              "\\nAdvertisement\\nThe vote was close, and the opposition asked "
        ...              "for a recount.", None, None, None, None)
        >>> dec.prose_after(["The board approved the plan on Monday after a long debate."])
        (1, 11)
        """
        doc, keep = self.doc, self.keep
        found = set(lines)
        run = range(self.end - 1, self.start - 1, -1)
        last = next((j for j in run if doc.lines[j] in found), None)
        if last is None:
            return 0, 0
        count = words = 0
        for j in range(last + 1, self.end):
            if keep[j] and doc.kind[j] == _KIND_PROSE:
                count += 1
                words += doc.n_words[j]
            elif keep[j] or doc.kind[j] != _KIND_HARD:
                break
        return count, words


def decide(
    text: str, lang: str | None, site: Any, credit: str | None, lexicon: Lexicon | None
) -> Decision:
    """Read a dump: line evidence, the article run, the headline and the kept lines.

    >>> dec = decide("Menu\\nThe board approved the plan on Monday after a long debate.",
    ...              None, None, None, None)
    >>> dec.keep, dec.lang
    ([False, True], 'en')
    """
    if site is not None and not callable(getattr(site, "template_count_key", None)):
        raise TypeError(f"site must be a newsclean.site.SiteProfile, not {type(site).__name__}")
    raw_lines = _split_lines(text)
    lex = _lexicon_for(site, lexicon)
    spaced = _odd_spaces(text)
    mid = len(text) // 2
    sample = text[max(0, mid - LANG_SAMPLE // 2) : mid + LANG_SAMPLE // 2]
    doc = _features(raw_lines, lang, site, credit, normalize_space=spaced, sample=sample, text=text)
    dec = Decision(raw_lines, doc, doc.lang, lex)
    n = len(doc.lines)
    start, end, score = _article_run(doc)
    # The lexicon is consulted on the run and the lines before it, where the headline is
    # looked for (and the run found again) until stable.  Lexicon lines only weigh less
    # than before, so lines marked outside the run cannot move it (its first and last
    # lines are prose, whose weight no neighbour changes): lines after it, or all lines
    # of a text without an article, need no look-up (the explanation looks them up).
    listed = False
    for _ in range(4):
        if score > 0:
            lo, hi = start - LEXICON_MARGIN, end
            back = doc.kind.rfind(_KIND_PROSE, max(0, start - INLINE_GAP), start)
            if back >= 0:
                # prose a little before the run: the lines between may be an inline "Read
                # also" block (its heading looked up, the run may span it)
                lo = min(lo, back + 1)
        elif n <= SHORT_TEXT_LINES:
            lo, hi = 0, n
        else:
            break
        marked = _apply_lexicon(doc, lex, lo, hi, (start, end))
        inline = _inline_related(doc, marked)  # before the run moves past them
        moved = inline or any(start <= j < end for j in marked)
        if score > 0 and _repeated_edges(doc, start, end):
            moved = True  # teasers printed again outside the run: they leave it
        if score > 0 and not doc.dense and _echoed_list(doc, start, end):
            moved = True  # a list the article speaks of, between its intro and its body
        if score > 0 and not listed:
            listed = True  # looked for once, in the first run (the widest)
            if _dated_listing(doc, start, end):
                moved = True  # a listing of dated teasers or comments after the article
        if not moved:
            break
        start, end, score = _article_run(doc)
    if score > 0:
        end = _closing_sentence(doc, lex, start, end)
    dec.start, dec.end, dec.score = start, end, score
    dec.keep = keep = [False] * n
    if score <= 0 and n <= SHORT_TEXT_LINES:
        # one or two lines: too little context to call anything chrome but hard evidence
        dec.keep = [k != _KIND_HARD for k in doc.kind]
        return dec
    if score > 0:
        kind = doc.kind
        keep[start:end] = map(ne, kind[start:end], repeat(_KIND_HARD))
        if _KIND_GALLERY in kind:
            for j in compress(range(start, end), map(eq, kind[start:end], repeat(_KIND_GALLERY))):
                keep[j] = False
        dec.inner = _drop_inner_runs(doc, keep, start, end)
        _thread_posts(doc, keep, start, end)
        _pull_quotes(doc, keep, start, end)
        title_j = _find_title(doc, start, text)
        if title_j is not None:
            # the headline belongs to the text when it sits right above the body (only
            # chrome lines between); separated by a dek, byline or date it is only reported
            between = sum(1 for k in range(title_j + 1, start) if kind[k] != _KIND_HARD)
            keep[title_j] = between <= TITLE_KEEP_GAP
        elif _is_title_like(doc, start) and end - start > 1:
            title_j = start
        dec.title_j = title_j
    return dec


_QUOTES = "\"'«»“”„‘’「」"
PULL_QUOTE_CHARS = 20  # a pull quote repeats at least this much of a paragraph
PULL_QUOTE_WORDS = 5  # ... in this many words (a subheading quoting a phrase has fewer)


def _pull_quotes(doc: _Doc, keep: list[bool], start: int, end: int) -> None:
    """Drop the pull quotes of the article ``[start, end)``: a kept line in quotes whose
    words (``PULL_QUOTE_WORDS`` or more) another, longer kept line of the article holds
    ("«المدن لا تختنق فجأة، بل تختنق بقرارات صغيرة»" printed again in large type near the
    paragraph that says it).

    >>> doc = _features(["The council met on Monday. Cities do not choke all at once, it "
    ...                  "said in a statement.", '"Cities do not choke all at once"',
    ...                  "The mayor agreed and promised a plan before the summer."],
    ...                 "en", None, None)
    >>> keep = [True, True, True]
    >>> _pull_quotes(doc, keep, 0, 3)
    >>> keep, doc.reason[1]
    ([True, False, True], 'pull-quote')
    """
    lines = doc.lines
    for j in range(start, end):
        line = lines[j]
        if not keep[j] or not (line[0] in _QUOTES or line[-1] in _QUOTES):
            continue
        core = line.strip(_QUOTES + " .…")
        if len(core) < PULL_QUOTE_CHARS or doc.n_words[j] < PULL_QUOTE_WORDS:
            continue  # ("'We've been here before'": a subheading quoting the text)
        for m in range(start, end):
            if m != j and keep[m] and len(lines[m]) > len(line) and core in lines[m]:
                keep[j] = False
                doc.reason[j] = "pull-quote"
                doc.rule[j] = f"repeats line {doc.idx[m]} of the article"
                break


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=8192)  # menu and post lines recur across the pages of a site
def _meta_key(line: str) -> str | None:
    """What a post's metadata line has in common with the same line of the other posts of a
    thread: a short line as it is ("Quote", "Like", "Member"), or, with a figure in it, its
    first word ("Joined Jun 12, 2019", "Messages 87", "#3", "Mar 2, 2024"); None for a line
    of more than ``THREAD_META_WORDS`` words.

    >>> _meta_key("Joined: Wed Jan 21, 2015 12:12 pm"), _meta_key("Quote this Post")
    ('joined:#', 'quote this post')
    """
    if len(line) > THREAD_META_CHARS:
        return None  # (a quick bound before splitting)
    words = line.split()
    if not words or len(words) > THREAD_META_WORDS:
        return None
    if _DIGIT.search(line) is None:
        return line.strip().lower()
    return _DIGIT.sub("#", words[0].lower()).rstrip("#") + "#"


def _thread_posts(doc: _Doc, keep: list[bool], start: int, end: int) -> None:
    """Keep the other posts of a forum thread whose one post is the article run
    ``[start, end)``.

    A thread prints the same metadata around every post: the poster's name, "Joined ...",
    "Messages 87", the date, "#3", "Quote", "Like".  When ``THREAD_KEYS`` or more such lines
    (:func:`_meta_key`; not chrome phrases) stand both right before and right after the
    run, the run is a post if the page has ``THREAD_POSTS`` more: stretches of text with
    prose, each between two runs of non-prose lines that hold ``THREAD_KEYS`` of the lines
    around the run, found one after the other from the run on (both ways).  Each is kept
    from its first to its last prose line, chrome lines aside.  An article's comments do
    not count: the lines before the article, its byline and date, are not those around
    each comment, nor is a share bar printed above and below it; and where they are (a
    blog platform's own post menu), the article is more than ``THREAD_RATIO`` times as
    long as the median comment (a run that holds frames itself is several posts already).
    """
    kind, lines = doc.kind, doc.lines
    n = len(lines)
    if end >= n or start == 0 or kind[end] == _KIND_PROSE or kind[start - 1] == _KIND_PROSE:
        return

    def frame(j: int, step: int) -> tuple[set[str], int]:
        """The keys of the run of non-prose lines from ``j`` on (``step`` +1 or -1; the
        ``THREAD_GAP`` lines nearest ``j``) and the first line past it."""
        keys: set[str] = set()
        near = j + step * THREAD_GAP  # past it only the run's end is looked for
        while 0 <= j < n and kind[j] != _KIND_PROSE:
            if j != near and (kind[j] != _KIND_HARD or ":comment_form:" in doc.rule[j]):
                # (a post's "Reply" is a phrase near the run and a plain line farther off:
                # its key counts either way; a share bar's does not)
                if (key := _meta_key(lines[j])) is not None:
                    keys.add(key)
            elif j == near:
                while 0 <= j < n and kind[j] != _KIND_PROSE:
                    j += step
                break
            j += step
        return keys, j

    after, ahead = frame(end, 1)
    if len(after) < THREAD_KEYS:
        return
    before, back = frame(start - 1, -1)
    framing = before & after
    if len(framing) < THREAD_KEYS:
        return
    # a post ends at such lines, or at those that close the run ("Like", "Quote")
    closing = before | after
    spans: list[tuple[int, int]] = []
    for j, step in ((ahead, 1), (back, -1)):
        # the posts one after the other: prose, then a frame of the thread's keys
        while 0 <= j < n:
            first = last = j
            k = j
            while 0 <= k < n and abs(k - j) < THREAD_POST_LINES:
                if kind[k] == _KIND_PROSE:
                    last = k
                    k += step
                    continue
                keys, k = frame(k, step)
                if len(keys & closing) >= THREAD_KEYS:
                    break
            else:
                break  # no frame closes it: the page's end, not a post
            spans.append((min(first, last), max(first, last) + 1))
            j = k
    if len(spans) < THREAD_POSTS:
        return
    # an article far longer than the posts is followed by comments or teasers
    sizes = sorted(sum(doc.n_words[a:b]) for a, b in spans)
    if sum(doc.n_words[start:end]) > THREAD_RATIO * sizes[len(sizes) // 2]:
        k, inside = start, False
        while k < end and not inside:
            if kind[k] == _KIND_PROSE:
                k += 1
                continue
            keys, past = frame(k, 1)
            inside = past < end and len(keys & framing) >= THREAD_KEYS
            k = past
        if not inside:
            return  # no frame inside the run either: one article
    for a, b in spans:
        for j in range(a, b):
            if kind[j] != _KIND_HARD:
                keep[j] = True


_LINK_KINDS = (_KIND_OTHER, _KIND_HARD)  # what follows an inline heading: links, counters


def _inline_related(doc: _Doc, marked: list[int]) -> bool:
    """Make the "Read also" headings among ``marked`` that sit inside the article cost like
    any chrome line, not like the start of a related list; returns whether one changed.

    A heading of its own line with prose before it (or a link line between them: "Bilder aus
    der Region" over "Das könnte Sie auch interessieren"), one to ``INLINE_LINKS`` link
    lines after it (an ad line or two may follow) and prose again is an inline link split
    over lines
    ("اقرأ أيضا.." over its headline; "Also read" over two), not a list the article ends
    at; the link lines are marked too.  Up to ``INLINE_BLOCKS`` such blocks may follow one
    another ("اقرأ أيضًا", a headline, "اقرأ أيضًا", another headline, then prose), and an
    inline label left alone on its line ("Baca Juga:", its headline on the next line) heads
    one like a list's heading.  Phrases between the headlines are a carousel's counters
    ("list 1 of 3"): they weigh like the headlines; and the article's next subheading may
    stand between the block and the text that goes on.

    >>> doc = _features(["The board approved the plan on Monday after a long debate.",
    ...                  "Related articles", "Council elections set for June",
    ...                  "The mayor said work on the new bridge would start in the spring."],
    ...                 "en", None, None)
    >>> marked = _apply_lexicon(doc, _lexicon_for(None, None), 0, 4)
    >>> doc.weight[1] == W_BOUNDARY, _inline_related(doc, marked), doc.weight[1] == W_HARD
    (True, True, True)
    >>> doc.reason[2], doc.rule[2]
    ('link', "a headline under 'Related articles'")
    """
    kind, weight, rule = doc.kind, doc.weight, doc.rule
    n = len(kind)
    changed = False

    def heading(j: int) -> bool:
        # a related list's heading, or an inline label left alone on its line ("Baca
        # Juga:" over the headline it links to)
        if ":related:" not in rule[j]:
            return False
        return weight[j] == W_BOUNDARY or (weight[j] == W_HARD and doc.n_words[j] <= 3)

    for j in marked:
        if not heading(j) or j == 0:
            continue
        # prose right above the heading, or a link line between them ("Bilder aus der
        # Region" over "Das könnte Sie auch interessieren")
        above = j - 1 if kind[j - 1] == _KIND_OTHER and doc.n_words[j - 1] >= LINK_WORDS else j
        if above == 0 or kind[above - 1] != _KIND_PROSE:
            continue
        blocks: list[tuple[int, int]] = []  # (heading, end of its links)
        at = j
        while len(blocks) < INLINE_BLOCKS and at + 2 < n and kind[at + 1] in _LINK_KINDS:
            links, found, marks = at + 1, 0, 0
            while links < n and found < INLINE_LINKS:
                if kind[links] == _KIND_OTHER and doc.n_words[links] >= LINK_WORDS:
                    found += 1
                elif kind[links] == _KIND_HARD and not heading(links) and marks < INLINE_LINKS:
                    marks += 1  # a carousel's counter between the headlines: "list 1 of 3"
                else:
                    break
                links += 1
            if not found:
                break  # a heading ("Latest"), not the headline of a linked story
            blocks.append((at, links))
            if links < n and heading(links):
                at = links  # another "Read also" block right after this one
                continue
            k = links
            while k < n and k <= links + 1 and kind[k] == _KIND_HARD:
                k += 1  # "إعلان", "Advertisement" after the link
            if (
                k + 1 < n
                and kind[k] == _KIND_OTHER
                and not doc.sent[k]
                and kind[k + 1] == _KIND_PROSE
            ):
                k += 1  # the article's next subheading ("مواسم مطر فاشلة"), then its text
            if k < n and kind[k] == _KIND_PROSE:
                if above < j:
                    kind[above], weight[above] = _KIND_GALLERY, W_LIST
                    doc.reason[above], rule[above] = "link", f"a link above {doc.lines[j]!r}"
                for h, end in blocks:
                    weight[h] = W_HARD
                    for m in range(h + 1, end):
                        # removed like a slide's caption, and like one no barrier
                        counter = kind[m] == _KIND_HARD  # "list 1 of 3": its phrase says why
                        kind[m], weight[m] = _KIND_GALLERY, W_LIST
                        if counter:
                            continue
                        doc.reason[m], rule[m] = "link", f"a headline under {doc.lines[h]!r}"
                changed = True
            break
    return changed


def _closing_sentence(doc: _Doc, lex: Lexicon, start: int, end: int) -> int:
    """The end of the article run ``[start, end)``, one line further when the line right
    after it is a short closing paragraph: a sentence of ``SENTENCE_WORDS`` words or more,
    capitalised, that no lexicon phrase marks, but too short to pass the function-word
    test (a six-word Turkish or Finnish sentence may hold no function word at all).

    >>> doc = _features(["Hükümet salı günü yeni bir ekonomi paketi açıkladı ve ayrıntıları "
    ...                  "anlattı.", "Paketin önümüzdeki ay yürürlüğe girmesi bekleniyor.",
    ...                  "Paylaş"], "tr", None, None)
    >>> doc.kind[1] == _KIND_OTHER, _closing_sentence(doc, _lexicon_for(None, None), 0, 1)
    (True, 2)
    """
    if not (
        end < len(doc.lines)
        and doc.kind[end] == _KIND_OTHER
        and doc.sent[end]
        and doc.size[end] >= SENTENCE_WORDS
        and doc.lines[end][:1].isupper()
    ):
        return end
    _apply_lexicon(doc, lex, end, end + 1, (start, end))  # lines after the run are not yet
    return end + 1 if doc.kind[end] == _KIND_OTHER and not doc.reason[end] else end


def _echoed_list(doc: _Doc, start: int, end: int) -> bool:
    """Mark as a list the short lines right above the article run ``[start, end)`` when
    prose stands above them and the article speaks of what they list; returns whether a
    line changed.

    A how-to or a recipe puts its list of tools or ingredients between the intro and the
    steps: ``ECHO_ITEMS`` or more lines of at most ``ECHO_WORDS`` words whose bullets the
    dump lost ("nożyk do tapet lub skrobak", "6 huevos camperos").  Like a menu they are
    short lines in a row, a barrier that cuts the intro off; unlike a menu, or the headlines
    of a related list, ``ECHO_SHARE`` of them name a word (of four letters or more; its
    first five compared, for the inflections) that the article uses too, and
    ``ECHO_LOWER`` of them open with a small letter or a digit (tags, sections and bylines
    are capitalised).  They then weigh like list items and the intro joins the article.

    >>> doc = _features(["How to replace bath sealant without a professional, in one "
    ...                  "afternoon and for less than twenty euros.", "You will need",
    ...                  "sanitary silicone sealant", "a caulking gun", "masking tape",
    ...                  "Cut the old silicone sealant along both edges with a knife.",
    ...                  "Apply masking tape and fill the gap with the caulking gun."],
    ...                 "en", None, None)
    >>> _echoed_list(doc, 5, 7), list(doc.kind[1:5])
    (True, [3, 3, 3, 3])
    """
    kind, lines, n_words = doc.kind, doc.lines, doc.n_words
    j = start - 1
    items: list[int] = []
    while j >= 0 and kind[j] not in (_KIND_PROSE, _KIND_HARD) and len(items) <= ECHO_MAX:
        if n_words[j] > ECHO_WORDS:
            return False
        items.append(j)
        j -= 1
    if j < 0 or kind[j] != _KIND_PROSE or not ECHO_ITEMS <= len(items) <= ECHO_MAX:
        return False
    if all(kind[i] == _KIND_LIST for i in items):
        return False  # already a list
    if not _echoes(lines, items, lines[start:end]):
        return False
    for i in items:
        kind[i], doc.weight[i] = _KIND_LIST, W_LIST
    return True


def _echoes(lines: list[str], items: list[int], article: list[str], digits: bool = True) -> bool:
    """Whether the short lines ``items`` list what the ``article`` lines speak of:
    ``ECHO_LOWER`` of them open with a small letter or a digit (tags, sections and bylines
    are capitalised) and ``ECHO_SHARE`` of them name a word of four letters or more that
    the article uses too (its first five letters compared, for the inflections: "nożyk" is
    "nożykiem" in the steps, "malarska" "malarską", "cebolla" "cebollas").  Without
    ``digits``, only a small letter counts as such an opening (inside an article, a video
    block's "2 hours ago" and "2:03" are no list items)."""
    low = sum(lines[i][0].islower() or (digits and lines[i][0].isdigit()) for i in items)
    if low < ECHO_LOWER * len(items):
        return False
    cut = ECHO_LETTERS + 1
    body = {w.strip(_PUNCT)[:cut] for ln in article for w in ln.lower().split()}
    echoed = 0
    for i in items:
        words = (w.strip(_PUNCT) for w in lines[i].lower().split())
        echoed += any(len(w) >= ECHO_LETTERS and w[:cut] in body for w in words)
    return echoed >= ECHO_SHARE * len(items)


def _repeated_edges(doc: _Doc, start: int, end: int) -> bool:
    """Mark the teaser blocks at the edges of the article run ``[start, end)``; returns
    whether a line changed.

    News pages often print a ticker or a "latest news" box twice, in the header and again
    in the footer: its items (a headline and a lead in one line) read as prose, so the
    copy next to the article joins the run.  Prose lines at an edge of the run that the
    page prints again outside it, two or more (the non-prose lines between them aside:
    the teasers' headlines and dates), are such a block, not the article's first or last
    paragraphs: they weigh like long lines that are not prose, with reason ``teaser``
    when they end up outside the article.  A lone repeated line (a lead also shown as the
    summary) is left alone, and so is a run made only of repeated lines (a page printing
    its article twice).

    >>> doc = _features(["Lead one is here, in a short sentence.", "Teaser two also reads so.",
    ...                  "The article says what happened on Monday in the capital.",
    ...                  "Lead one is here, in a short sentence.", "Teaser two also reads so."],
    ...                 "en", None, None)
    >>> _repeated_edges(doc, 0, 3), doc.reason[:2]
    (True, ['teaser', 'teaser'])
    """
    lines, kind = doc.lines, doc.kind
    # most runs open and close with a paragraph the page prints once: two scans in C
    first, last = start, end - 1
    while first < end and kind[first] != _KIND_PROSE:
        first += 1
    while last > first and kind[last] != _KIND_PROSE:
        last -= 1
    if first >= end or (lines.count(lines[first]) == 1 and lines.count(lines[last]) == 1):
        return False
    outside: dict[str, int] = {}
    for j in chain(range(end, len(lines)), range(start)):
        outside.setdefault(lines[j], j)
    if not outside:
        return False
    n_prose = kind[start:end].count(_KIND_PROSE)
    changed = False
    for edge in (range(start, end), range(end - 1, start - 1, -1)):
        block = []
        for j in edge:
            if kind[j] != _KIND_PROSE:
                continue  # the teasers' headlines and dates between them
            if lines[j] not in outside:
                break
            block.append(j)
        if 2 <= len(block) < n_prose:
            for j in block:
                rule = (
                    f"printed again at line {doc.idx[outside[lines[j]]]}: "
                    "a block of teasers (ticker, latest news) shown twice on the page"
                )
                _demote(doc, j, "teaser", rule)
            changed = True
    return changed


def _demote(doc: _Doc, j: int, reason: str, rule: str) -> None:
    """Make prose line ``j`` weigh like a long line that is not prose, with the ``reason``
    and ``rule`` it is reported with if it ends up outside the article."""
    doc.kind[j], doc.weight[j], doc.reason[j], doc.rule[j] = _KIND_OTHER, W_MID, reason, rule


def _dated_listing(doc: _Doc, start: int, end: int) -> bool:
    """Mark the prose of a dated listing that the article run ``[start, end)`` runs into;
    returns whether a line changed.

    Below the article, many pages list more stories (headline, author, date, lead) or
    comments (name, date, text): each item's lead reads as prose, and the three short
    lines between two leads cost less than a lead weighs, so the list joins the run.  Its
    dates give it away: short lines holding a year or a numeric date, ``LISTING_ITEMS`` or
    more at the same step of 3 to ``LISTING_STEP`` lines (an item has its date, its text
    and one more short line at least: a headline, an author, a Reply link), the first
    inside the run after ``LISTING_AFTER`` of its prose lines (the article).  The prose
    lines from the first date to one step after the last weigh like long lines that are not
    prose, with reason ``listing`` when they end up outside the article.  A dated list
    opening the run (a timeline that is the article) is left alone, and so is a timeline of
    years and events after the story (a step of two lines).

    >>> story = ["The council met on Monday and approved the budget for next year."] * 3
    >>> item = ["Other story", "Jane Roe", "November 19, 2019",
    ...         "The mayor said on Tuesday that the bridge would reopen next week."]
    >>> doc = _features([*story, *item * 4], "en", None, None)
    >>> _dated_listing(doc, 0, len(doc.lines)), doc.reason[6], doc.reason[2]
    (True, 'listing', '')
    """
    lines, kind, n_words = doc.lines, doc.kind, doc.n_words

    def dated(j: int) -> bool:  # a short line, not prose, holding a year or a date
        return (
            n_words[j] <= STAMP_WORDS and kind[j] != _KIND_PROSE and bool(_STAMP.search(lines[j]))
        )

    # the first date lies inside the run, after LISTING_AFTER of its prose lines
    after = start - 1
    for _ in range(LISTING_AFTER):
        after = kind.find(_KIND_PROSE, after + 1, end)
        if after < 0:
            return False
    # (the lines that are not prose picked in C, the date search on the short ones)
    other = compress(range(after + 1, end), map(ne, kind[after + 1 : end], repeat(_KIND_PROSE)))
    dates = [j for j in other if dated(j)]
    if not dates:
        return False
    # after the run, the lines are read only as far as a next item could be
    j = end
    while j < len(lines) and j <= dates[-1] + LISTING_STEP:
        if dated(j):
            dates.append(j)
        j += 1
    changed = False
    a = 0
    while a + LISTING_ITEMS <= len(dates) and dates[a] < end:
        step = dates[a + 1] - dates[a]
        b = a + 1
        while b + 1 < len(dates) and dates[b + 1] - dates[b] == step:
            b += 1
        items = b - a + 1
        if not 3 <= step <= LISTING_STEP or items < LISTING_ITEMS:
            a += 1
            continue
        first, last = dates[a], dates[b]
        rule = (
            f"{items} items dated every {step} lines from line {doc.idx[first]}: "
            "a listing of other stories or comments"
        )
        for j in range(first, min(last + step, len(lines))):
            if kind[j] == _KIND_PROSE:
                _demote(doc, j, "listing", rule)
                changed = True
        a = b
    return changed


#: Lines that end a run of menu lines inside the article: prose, list items, and the
#: headlines of an inline "Read also" block or a slide show, already removed (the
#: article's subheading after such a block is no menu line).
_NOT_MENU = (_KIND_PROSE, _KIND_LIST, _KIND_GALLERY)


def _drop_inner_runs(doc: _Doc, keep: list[bool], start: int, end: int) -> dict[int, int]:
    """Inside the article, a run of ``INNER_RUN`` or more lines that are not prose is a
    menu, a gallery or a link list: drop it (a lone subheading stays), unless it lists what
    the article speaks of (:func:`_echoes`: a how-to's parts under "What I used").  Returns
    the dropped lines with the length of their run."""
    dropped: dict[int, int] = {}
    j = start
    kind = doc.kind
    while j < end:
        if kind[j] in _NOT_MENU:
            j += 1
            continue
        k = j
        while k < end and kind[k] not in _NOT_MENU:
            k += 1
        if (
            k - j >= INNER_RUN
            and k - j <= ECHO_MAX
            and _KIND_HARD not in kind[j:k]
            and all(doc.n_words[m] <= ECHO_WORDS for m in range(j, k))
            and _echoes(
                doc.lines, list(range(j, k)), doc.lines[start:j] + doc.lines[k:end], digits=False
            )
        ):
            j = k  # a list the article speaks of ("Was ich verwendet habe", its parts)
            continue
        if k - j >= INNER_RUN:
            for m in range(j, k):
                if keep[m]:
                    keep[m] = False
                    dropped[m] = k - j
        j = k
    return dropped


def strip_chrome_explain(
    text: str,
    *,
    lang: str | None = None,
    site: Any = None,
    credit: str | None = None,
    lexicon: Lexicon | None = None,
    dated: bool = True,
) -> ChromeResult:
    """Classify each line as content or chrome; return the kept text and the removed lines.

    ``lang`` (ISO 639-1) picks the stopword list; it is guessed when not given.  ``site``
    is a :class:`~newsclean.site.SiteProfile` of the page's host, ``credit`` the agency
    credit text found by the source stage (the line holding it is removed as
    ``source-line``), ``lexicon`` replaces the shipped phrase lexicons.  With ``dated``,
    the page's date line near the headline is read (``published``, ``published_ago``,
    ``dated_by``; :func:`date_line`).

    >>> res = strip_chrome_explain("Share\\n.\\nA short story, told in one long line of text here.")
    >>> res.text
    'A short story, told in one long line of text here.'
    >>> [(r.line_no, r.reason, r.rule) for r in res.removed]
    [(0, 'lexicon', 'en:share:Share'), (1, 'punctuation', 'no letters or digits')]
    """
    _check_text("strip_chrome_explain", text)
    if not text or not text.strip():
        return ChromeResult("", (), lang, None, note="empty input")
    dec = decide(text, lang, site, credit, lexicon)
    doc, keep = dec.doc, dec.keep
    # The decision looked lines up only around the article; for the explanation, the
    # other removed lines are looked up too, so they name their phrase, not just the zone.
    _apply_lexicon(doc, dec.lex, 0, len(doc.lines), keep=keep)
    title_j = dec.title_j
    first = title_j if title_j is not None and title_j < dec.start else dec.start
    removed: list[RemovedLine] = []
    idx, lines, reasons = doc.idx, doc.lines, doc.reason
    for j in compress(range(len(keep)), map(not_, keep)):  # the removed lines
        i, line = idx[j], lines[j]
        if reasons[j]:
            removed.append(RemovedLine(i, line, reasons[j], doc.rule[j]))
        elif j == title_j:
            rule = (
                "headline, reported as the title: a dek, byline or date separates it from the body"
            )
            removed.append(RemovedLine(i, line, "title", rule))
        elif dec.score <= 0:
            removed.append(RemovedLine(i, line, "density", "no line of the page reads as prose"))
        elif j in dec.inner:
            rule = f"run of {dec.inner[j]} short lines inside the article"
            removed.append(RemovedLine(i, line, "menu", rule))
        elif j < first or j < dec.start:
            removed.append(RemovedLine(i, line, "zone", "header: before the article"))
        else:
            removed.append(RemovedLine(i, line, "zone", "footer: after the article"))
    out = kept_text(dec.raw_lines, doc, keep)
    note = "" if out else "no article text: every line is chrome"
    title = doc.lines[title_j] if title_j is not None else None
    found = date_line(dec) if dated else None
    if found is None:
        return ChromeResult(out, tuple(removed), dec.lang, title, note=note)
    evidence = f"date line {idx[found.j]}: {lines[found.j]!r}"
    return ChromeResult(out, tuple(removed), dec.lang, title, note, found.date, evidence, found.ago)


class DateLine(NamedTuple):
    """The page's date line (index in the document) and the date it gives, or the time
    before the fetch a relative stamp gives ("منذ 3 ساعات": 10800.0 seconds)."""

    j: int
    date: str | None = None
    ago: float | None = None


def date_line(dec: Decision) -> DateLine | None:
    """The page's own date line and the publication date it gives, looked for around the
    headline: up to ``DATE_LINE_ABOVE`` lines above it, the lines between it and the body,
    and the body's first ``DATE_LINE_BODY`` lines (around the body's start when no
    headline was found).  A date a cue word marks ("نُشر في", "Published:") comes first;
    else the first date between the headline and the body, then above the headline, then
    in the body's first lines.  A line of more than ``DATE_LINE_WORDS`` words is no date
    line; an uncued date in a line of more than ``STAMP_WORDS`` words must come within
    ``DATE_LINE_LEAD`` words of the line's start or of a separator (a byline's ``|``).
    Dates far from the headline (a site's date of the day in its top bar, the dates of a
    listing) are not read.  With no date in these lines, a short one may give the time
    since publication ("منذ 3 ساعات", "2 hours ago"; :func:`newsclean.dates.read_relative`).

    >>> dec = decide("Home\\nCouncil approves budget\\nالثلاثاء 05 مايو 2020 - 11:42 ص\\n"
    ...              "The council approved the budget on Tuesday after a long debate.",
    ...              None, None, None, None)
    >>> date_line(dec)
    DateLine(j=2, date='2020-05-05', ago=None)
    """
    if dec.score <= 0:
        return None
    doc, start = dec.doc, dec.start
    top = dec.title_j if dec.title_j is not None and dec.title_j <= start else None
    anchor = top if top is not None else start
    n_words, lines, lang = doc.n_words, doc.lines, dec.lang
    between = range(anchor + 1, start) if top is not None else range(0)
    above = range(max(0, anchor - DATE_LINE_ABOVE), anchor)
    body = range(max(start, anchor + 1), min(start + DATE_LINE_BODY, dec.end))
    uncued: DateLine | None = None
    for j in chain(between, above, body):
        if n_words[j] > DATE_LINE_WORDS:
            continue
        on_line = read_date_line(lines[j], lang=lang)
        if on_line is None:
            continue
        if on_line.cued:
            return DateLine(j, on_line.date)
        if uncued is None and (n_words[j] <= STAMP_WORDS or on_line.lead_words <= DATE_LINE_LEAD):
            uncued = DateLine(j, on_line.date)
    if uncued is not None:
        return uncued
    for j in chain(between, above, body):
        if n_words[j] <= STAMP_WORDS:
            ago = read_relative(lines[j])
            if ago is not None:
                return DateLine(j, ago=ago)
    return None


def _check_text(func: str, text: object) -> None:
    """A text dump is a str: bytes are decoded first (:func:`newsclean.decode`), and
    anything else is a ``TypeError`` naming the function and the type given."""
    if not isinstance(text, str):
        hint = " (decode bytes first: newsclean.decode)" if isinstance(text, bytes) else ""
        raise TypeError(f"{func}() needs str, got {type(text).__name__}{hint}")


def kept_text(raw_lines: list[str], doc: _Doc, keep: list[bool]) -> str:
    """Kept lines in order; a blank input line between two kept lines becomes one."""
    if len(doc.idx) == len(raw_lines):  # no blank line in the input
        return "\n".join(compress(doc.lines, keep))
    # the input lines between two kept lines that are not lines of ``doc`` are the blank
    # ones: there is one when more input lines than ``doc`` lines lie between them
    kept = list(compress(range(len(keep)), keep))
    if not kept:
        return ""
    idx, lines = doc.idx, doc.lines
    parts = [lines[kept[0]]]
    for prev, j in pairwise(kept):
        parts.append("\n\n" if idx[j] - idx[prev] > j - prev else "\n")
        parts.append(lines[j])
    return "".join(parts)


def strip_chrome(
    text: str,
    *,
    lang: str | None = None,
    site: Any = None,
    credit: str | None = None,
    lexicon: Lexicon | None = None,
) -> str:
    """The article text of a naive text dump, chrome removed (see :func:`strip_chrome_explain`).

    >>> strip_chrome("Menu\\nThe council approved the budget on Tuesday after a long debate.")
    'The council approved the budget on Tuesday after a long debate.'
    """
    _check_text("strip_chrome", text)
    if not text or not text.strip():
        return ""
    dec = decide(text, lang, site, credit, lexicon)
    return kept_text(dec.raw_lines, dec.doc, dec.keep)
