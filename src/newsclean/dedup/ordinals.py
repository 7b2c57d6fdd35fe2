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
from .shingles import hash_token

__all__ = ["first_against", "ordinal_keys", "ordinal_teens", "ordinal_words", "ordinals"]

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
    found = (_value_at(words, i, table, months) for i in range(len(words)))
    return frozenset(v for v in found if v is not None)


def _value_at(
    words: list[str], i: int, table: dict[str, int], months: Collection[str]
) -> int | None:
    """The value of the ordinal ``words[i]`` is (a unit before "عشر" / "عشرة" is a teen;
    "first" and "الحادي" alone are none), or None."""
    if i and words[i - 1] in months:
        return None
    word = words[i]
    value = _looked_up(word, table)
    if value is not None:
        if i + 1 < len(words) and words[i + 1] in _TENS and value < _TEEN:
            return value + _TEEN
        return value if value != _UNITS_ONLY else None
    match = _ARTICLE_DIGITS.fullmatch(word) or _SUFFIXED.fullmatch(word)
    return int(match.group(1)) if match is not None else None


@cache
def ordinal_keys() -> frozenset[int]:
    """The token hashes (:func:`~newsclean.dedup.shingles.hash_token`) of every word that
    :func:`_looked_up` finds: each word of :func:`ordinal_words`, itself and behind a fused
    "و".  The other ordinals hold a digit ("ال15", "15th").  So a run of tokens without a
    digit and without one of these hashes holds no ordinal, and its words need not be read.

    >>> hash_token("third") in ordinal_keys(), hash_token("والثالثه") in ordinal_keys()
    (True, True)
    """
    words = ordinal_words()
    return frozenset(hash_token(w) for word in words for w in (word, "و" + word))


def _looked_up(word: str, table: dict[str, int]) -> int | None:
    """The value of the ordinal ``word``, itself or behind a fused "and" ("والثالثة")."""
    value = table.get(word)
    if value is None and word[:1] == "و":
        value = table.get(word[1:])
    return value


def _is_first(words: list[str], i: int, table: dict[str, int]) -> bool:
    """Whether ``words[i]`` says "first" (an ordinal of value 1 that is no unit of a
    teen: "الحادية عشرة" is 11)."""
    value = _looked_up(words[i], table)
    return value == _UNITS_ONLY and not (i + 1 < len(words) and words[i + 1] in _TENS)


def first_against(
    a: list[str], b: list[str], months: Collection[str] = (), skip: Collection[str] = ()
) -> int | None:
    """The ordinal of the normalized words ``b`` that stands where ``a`` says "first"
    (``first``, ``الاولي``: an ordinal of value 1 that is no unit of a teen), next to the
    same word, one not in ``skip`` (function words: "the first" / "the second largest"
    share only "the"): "المرحله الاولي" / "المرحله الثانيه", "first round" / "second
    round", the first item of a series and another one; None when there is none
    ("للمره الاولي" alone numbers nothing).

    >>> first_against("اطلاق المرحله الاولي من الحمله".split(),
    ...               "اطلاق المرحله الثانيه من الحمله".split())
    2
    >>> first_against("wins for the first time".split(), "second title".split()) is None
    True
    >>> first_against("the first visit".split(), "the second largest".split(), skip={"the"})
    """
    table = ordinal_words()
    firsts = [i for i in range(len(a)) if _is_first(a, i, table)]
    if not firsts:
        return None
    for j in range(len(b)):
        value = _value_at(b, j, table, months)
        if value is None:
            continue
        for i in firsts:
            before = i > 0 and j > 0 and a[i - 1] == b[j - 1] and a[i - 1] not in skip
            after = (
                i + 1 < len(a) and j + 1 < len(b) and a[i + 1] == b[j + 1] and b[j + 1] not in skip
            )
            if before or after:
                return value
    return None


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
