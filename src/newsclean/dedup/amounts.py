"""Amounts written different ways: the value a run of normalized words gives.

Copies of one wire story write its figures their own way: ``12,000`` or ``12 ألف``,
``4.4 مليار`` or ``4 مليارات و400 مليون``, ``1.2 million`` or ``1,200,000``, ``$2.5bn`` or
``2.5 billion``, ``410,000`` or ``4.1 lakh``, ``five`` or ``5``.  Normalization makes
punctuation a blank, so ``4.4`` and ``1,500`` reach the engine as two digit words each.
:func:`amounts` reads such runs back as the amounts they give, so that the check that
keeps template look-alikes apart ("numbers differ") can tell the same amount written two
ways from another figure.  The scale words are in ``data/dedup/number_scales.txt``, the
number words in ``data/dedup/number_words.txt``.

>>> amounts(normalize("بلغت 4.4 مليار دولار").split())
(Fraction(4400000000, 1),)
>>> amounts(normalize("بلغت 4 مليارات و400 مليون دولار").split())
(Fraction(4400000000, 1),)
>>> amounts("rose 1 500 to 2 5bn".split())
(Fraction(1500, 1), Fraction(2500000000, 1))
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from ..datafiles import read_sections
from ..normalize import normalize

__all__ = ["Amount", "amount_spans", "amount_word", "amounts", "number_scales", "number_words"]

_WAW = "\u0648"  # Arabic "and", written fused with the next word ("و400", "وملايين")
_GLUED = re.compile(r"([0-9]+)([^\W\d_]+)")  # "2bn", "5m"
_LEADING_JUNK = re.compile(r"[^\W\d_]{1,2}(?=[0-9])")  # "â" in "â89m" (from "Â£89m")


def _values_by_word(name: str) -> dict[str, int]:
    """The words of the data file ``data/dedup/{name}``, normalized, and the value of
    the ``[section]`` each stands in."""
    path = resources.files("newsclean").joinpath(f"data/dedup/{name}")
    sections = read_sections(path.read_text("utf-8"), f"dedup/{name}")
    out: dict[str, int] = {}
    for value, words in sections.items():
        if not value.isdigit():
            raise ValueError(f"dedup/{name}: [{value}] is not a number")
        for word in words:
            out[normalize(word)] = int(value)
    return out


@cache
def number_scales() -> dict[str, int]:
    """The scale words of ``data/dedup/number_scales.txt``, normalized, and their values.

    >>> number_scales()["million"], number_scales()["مليارات"]
    (1000000, 1000000000)
    """
    return _values_by_word("number_scales.txt")


@cache
def number_words() -> dict[str, int]:
    """The number words of ``data/dedup/number_words.txt``, normalized, and their values.

    >>> number_words()["seven"], number_words()["تسعه"]
    (7, 9)
    """
    return _values_by_word("number_words.txt")


class _Part(NamedTuple):
    """A word as a part of an amount: a fused Arabic "and" before it (``joined``), its
    ``digits`` (and how many were written: ``size``) or the value of a number ``word``,
    the ``scale`` it names or has glued on ("2bn"); ``opaque``: digits in a word that is
    none of these ("3pm", a mojibake "â89m"), an amount of its own."""

    joined: bool = False
    digits: int | None = None
    size: int = 0
    word: int | None = None
    scale: int | None = None
    opaque: bool = False


class Amount(NamedTuple):
    """An amount read in a run of words: the words ``start:stop``, its ``value``, and
    whether digits or number words write it (else scale words only: "millions")."""

    start: int
    stop: int
    value: Fraction
    digits: bool
    words: bool = False


@lru_cache(maxsize=1 << 16)
def _part(word: str) -> _Part | None:
    """What ``word`` brings to an amount, or None when it is no part of one (memoized: a
    text's words are mostly the words of the texts before it)."""
    scales, numbers = number_scales(), number_words()
    joined = False
    if word[:1] == _WAW and len(word) > 1:
        rest = word[1:]
        if rest.isdigit() or rest in scales or rest in numbers:
            joined, word = True, rest
    if not word.isdigit() and _LEADING_JUNK.match(word):
        word = _LEADING_JUNK.sub("", word, count=1)  # letters of a mojibake before digits: "â89m"
    if word.isdigit():
        return _Part(joined, int(word), len(word))
    glued = _GLUED.fullmatch(word)
    if glued is not None and glued.group(2) in scales:
        digits = glued.group(1)
        return _Part(joined, int(digits), len(digits), scale=scales[glued.group(2)])
    if word in scales:
        return _Part(joined, scale=scales[word])
    if word in numbers:
        return _Part(joined, word=numbers[word])
    digits = "".join(ch for ch in word if "0" <= ch <= "9")
    if digits:
        return _Part(joined, int(digits), len(digits), opaque=True)
    return None


def amount_word(word: str) -> bool:
    """Whether ``word`` is a part of an amount (digits, a number word or a scale word).

    >>> amount_word("4"), amount_word("و400"), amount_word("مليار"), amount_word("dollars")
    (True, True, True, False)
    """
    return _part(word) is not None


def amounts(words: list[str]) -> tuple[Fraction, ...]:
    """The values of the :func:`amount_spans` of ``words``, sorted.

    >>> amounts(normalize("12,000 زائر و12 ألف زائر ومليون و200 ألف").split())
    (Fraction(12000, 1), Fraction(12000, 1), Fraction(1200000, 1))
    >>> amounts("410 000 people or 4 1 lakh".split())
    (Fraction(410000, 1), Fraction(410000, 1))
    """
    return tuple(sorted(a.value for a in amount_spans(words)))


def amount_spans(words: list[str]) -> list[Amount]:
    """The amounts the normalized ``words`` give, in order: digits with thousands groups
    (``1 500`` is 1,500: a group of three digits after one of at most three) or a decimal
    part (``4 4`` is 4.4), number words (``five``, ``تسعة``; ``تسعة وعشرون`` is 29), each
    times the scale word after it (``12 الف``; a scale alone is one of it: ``مليون``), and
    an amount followed by a smaller one added to it when that one is joined by a fused
    "and" or has a scale of its own (``4 مليارات و400 مليون``, ``الف و500``, ``2 million
    300 thousand``).  Other words end an amount.

    >>> [(a.start, a.stop, int(a.value)) for a in amount_spans("a 1 500 b 2 million".split())]
    [(1, 3, 1500), (4, 6, 2000000)]
    """
    out: list[Amount] = []
    total: Fraction | None = None  # the amount being read
    total_start = 0
    total_digits = False
    scale_of_total = 0  # the scale of its last part (0: none yet)
    number: Fraction | None = None  # a number read, waiting for its scale
    number_start = 0
    number_digits = False
    number_words = False  # a number word wrote the number
    total_words = False
    number_joined = False  # the number came after a fused "and" ("و400")
    digits_len = 0  # digits of the number as written, for a group or decimals (0: none)
    stop = 0  # one past the last word read into the amount

    def close_number(scale: int = 1) -> None:
        nonlocal total, total_start, total_digits, total_words, scale_of_total, number, digits_len
        if number is None:
            return
        value = number * scale
        if (
            total is not None
            and scale_of_total > 1
            and value < scale_of_total
            and (number_joined or scale > 1)
        ):
            total += value  # "4 مليارات و400 مليون": a smaller part of the same amount
            total_digits = total_digits or number_digits
            total_words = total_words or number_words
        else:
            if total is not None:
                out.append(Amount(total_start, number_start, total, total_digits, total_words))
            total, total_start = value, number_start
            total_digits, total_words = number_digits, number_words
        scale_of_total = scale
        number, digits_len = None, 0

    def close_all() -> None:
        nonlocal total, scale_of_total
        close_number()
        if total is not None:
            out.append(Amount(total_start, stop, total, total_digits, total_words))
        total, scale_of_total = None, 0

    for i, word in enumerate(words):
        part = _part(word)
        if part is None:
            close_all()
            continue
        if part.opaque:
            close_all()
            number, number_start, number_digits, stop = Fraction(part.digits or 0), i, True, i + 1
            number_words = False
            close_all()
            continue
        stop = i + 1
        if part.digits is not None:
            if (
                number is not None
                and 0 < digits_len <= 3
                and not part.joined
                and number.denominator == 1
            ):
                if part.size == 3 and digits_len <= 3:
                    number, digits_len = number * 1000 + part.digits, 3  # a thousands group
                else:
                    number += Fraction(part.digits, 10**part.size)  # a decimal part
                    digits_len = 0
            else:
                close_number()
                number, number_start, number_digits = Fraction(part.digits), i, True
                digits_len, number_joined, number_words = part.size, part.joined, False
            if part.scale is not None:
                close_number(part.scale)
        elif part.word is not None:
            value = part.word
            if (
                number is not None
                and not digits_len
                and (
                    (number < 10 and value % 10 == 0 < value)  # "تسعة وعشرون"
                    or (number % 10 == 0 and 0 < value < 10)  # "twenty one"
                )
            ):
                number += value
                continue
            close_number()
            number, number_start, number_digits, digits_len = Fraction(value), i, False, 0
            number_joined, number_words = part.joined, True
        else:  # a scale word
            if number is None:
                number, number_start, number_digits = Fraction(1), i, False
                number_joined, number_words = part.joined, False
            close_number(part.scale or 1)
    close_all()
    return out
