"""Ordinals that number an item of a series: the "third" of "Third Saudi relief plane
lands in Aden", "الثالثة" of "وصول الطائرة الإغاثية السعودية الثالثة".

Templated wire items of a series (relief flights, convoys, rounds of talks, sessions of
a council) share most of their words; the headline's ordinal is what tells one item from
the next.  :func:`ordinals` reads the ordinals of a run of normalized words: the words of
``data/dedup/ordinal_words.txt``, an Arabic unit ordinal followed by "عشر" / "عشرة" (ten
more), the Arabic article on digits ("ال15") and English digits with an ordinal suffix
("15th").  An ordinal right after a month word is part of the month's name ("كانون
الثاني", "ربيع الثاني"), not an item's number.

>>> sorted(ordinals(normalize("وصول الطائرة الإغاثية السعودية الحادية عشرة").split()))
[11]
>>> sorted(ordinals("the 15th convoy and the second".split()))
[2, 15]
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache

from ..normalize import normalize  # noqa: F401 (the examples use it)
from .amounts import _values_by_word

__all__ = ["ordinal_teens", "ordinal_words", "ordinals"]

_ARTICLE_DIGITS = re.compile(r"(?:ال|لل|وال|بال)([0-9]{1,3})")  # "ال15", "وال16"
_SUFFIXED = re.compile(r"([0-9]{1,3})(?:st|nd|rd|th)")  # "15th"
_TENS = frozenset({"عشر", "عشره"})
_UNITS_ONLY = 1  # "الحادي" numbers only as a unit of "الحادي عشر"
_TEEN = 10


@cache
def ordinal_words() -> dict[str, int]:
    """The words of ``data/dedup/ordinal_words.txt``, normalized, and their values.

    >>> ordinal_words()["الثالثه"], ordinal_words()["third"]
    (3, 3)
    """
    return _values_by_word("ordinal_words.txt")


def ordinals(words: list[str], months: Collection[str] = ()) -> frozenset[int]:
    """The values of the ordinals among the normalized ``words`` (none right after a word
    of ``months``: "كانون الثاني" is January).

    >>> sorted(ordinals(normalize("اجتماع في كانون الثاني").split(), {"كانون"}))
    []
    """
    table = ordinal_words()
    out: set[int] = set()
    for i, word in enumerate(words):
        if i and words[i - 1] in months:
            continue
        value = table.get(word)
        if value is None and word[:1] == "و":
            value = table.get(word[1:])  # "والثالثة"
        if value is not None:
            teen = i + 1 < len(words) and words[i + 1] in _TENS and value < _TEEN
            if teen:
                out.add(value + _TEEN)
            elif value != _UNITS_ONLY:
                out.add(value)
            continue
        match = _ARTICLE_DIGITS.fullmatch(word) or _SUFFIXED.fullmatch(word)
        if match is not None:
            out.add(int(match.group(1)))
    return frozenset(out)


def ordinal_teens(words: list[str]) -> dict[int, int]:
    """The Arabic ordinals of the teens among the normalized ``words`` ("الرابعة عشرة"
    is 14, where "عشرة" alone reads as the number 10), by the index of their first word.

    >>> ordinal_teens(normalize("جلسته الرابعة عشرة اليوم").split())
    {1: 14}
    """
    table = ordinal_words()
    out: dict[int, int] = {}
    for i in range(len(words) - 1):
        value = table.get(words[i])
        if value is not None and value < _TEEN and words[i + 1] in _TENS:
            out[i] = value + _TEEN
    return out
