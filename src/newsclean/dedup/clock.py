"""Times of day written different ways: the hour and minute a run of normalized words
gives.

Copies of one wire story write its times their own way: ``16:47`` or ``4:47 مساءً``,
``15:00`` or ``3 p.m.``, ``02:47`` or ``2:47am``.  Normalization makes punctuation a
blank, so ``16:47`` reaches the engine as two digit words.  :func:`readings` reads such
runs back as the times they give, so that the check that keeps template look-alikes apart
("numbers differ") can tell one time written two ways from another figure.  The words
that name the half of the day are in ``data/dedup/clock_words.txt``.

>>> readings(normalize("المد عند الساعة 16:47 والجزر").split())
(('time', 16, 47),)
>>> readings(normalize("المد عند 4:47 مساءً والجزر").split())
(('time', 16, 47),)
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import NamedTuple

from ..datafiles import read_sections
from ..normalize import normalize

__all__ = ["Time", "clock_cues", "clock_words", "readings", "times"]

_GLUED = re.compile(r"([0-9]{1,2})([^\W\d_]+)")  # "47am", "3pm"
_HALF_DAY = 12
_DAY = 24
_HOUR = 60


@cache
def _sections() -> dict[str, list[str]]:
    path = resources.files("newsclean").joinpath("data/dedup/clock_words.txt")
    known = ("am", "pm", "before")
    return read_sections(path.read_text("utf-8"), "dedup/clock_words.txt", known)


@cache
def clock_words() -> dict[tuple[str, ...], str]:
    """The words of ``data/dedup/clock_words.txt`` that name the half of the day,
    normalized, as tuples of words, and the half (``"am"`` or ``"pm"``) each names.

    >>> clock_words()[("p", "m")], clock_words()[("مساء",)]
    ('pm', 'pm')
    """
    return {
        tuple(normalize(word).split()): half
        for half, words in _sections().items()
        if half != "before"
        for word in words
    }


@cache
def clock_cues() -> frozenset[str]:
    """The words of ``data/dedup/clock_words.txt`` that put a time after them, normalized.

    >>> normalize("الساعة") in clock_cues()
    True
    """
    return frozenset(normalize(word) for word in _sections().get("before", []))


def _half(words: list[str], i: int) -> tuple[str | None, int]:
    """The half of the day named by the words at ``i`` and how many words name it."""
    marks = clock_words()
    for size in (2, 1):
        half = marks.get(tuple(words[i : i + size]))
        if half is not None and i + size <= len(words):
            return half, size
    return None, 0


def _hour(hour: int, half: str | None) -> int:
    if half == "pm" and hour < _HALF_DAY:
        return hour + _HALF_DAY
    if half == "am" and hour == _HALF_DAY:
        return 0
    return hour


class Time(NamedTuple):
    """A time of day read in a run of words: the words ``start:stop``, its ``hour``
    (0-24) and ``minute``; ``marked``: a word names the half of the day or stands before
    it as a time's (``4 47 مساء``, ``الساعه 16 47``), so its digits are no decimal figure
    (``16 47`` alone may be 16.47)."""

    start: int
    stop: int
    hour: int
    minute: int
    marked: bool = True


def times(words: list[str]) -> list[Time]:
    """The times of day the normalized ``words`` give, in order: an hour of one or two
    digits and two digits of minutes (``16 47``), or an hour with a word of
    :func:`clock_words` after it (``4 47 مساء``, ``3 p m``, ``2 47am``, ``3pm``).

    >>> times("at 3 p m or 15 00 and 2 47am".split())
    [Time(start=1, stop=4, hour=15, minute=0, marked=True), \
Time(start=5, stop=7, hour=15, minute=0, marked=False), \
Time(start=8, stop=10, hour=2, minute=47, marked=True)]
    """
    marks = clock_words()
    out: list[Time] = []
    i, n = 0, len(words)
    while i < n:
        word = words[i]
        glued = _GLUED.fullmatch(word)
        if glued is not None and (glued.group(2),) in marks:  # "3pm"
            hour = int(glued.group(1))
            if hour <= _HALF_DAY:
                out.append(Time(i, i + 1, _hour(hour, marks[(glued.group(2),)]), 0))
            i += 1
            continue
        if not (word.isdigit() and len(word) <= 2 and int(word) <= _DAY):
            i += 1
            continue
        hour = int(word)
        nxt = words[i + 1] if i + 1 < n else ""
        minute_glued = _GLUED.fullmatch(nxt)
        if minute_glued is not None:  # "2 47am"
            minutes, mark = minute_glued.groups()
            half = marks.get((mark,))
            if half is not None and len(minutes) == 2 and int(minutes) < _HOUR:
                out.append(Time(i, i + 2, _hour(hour, half), int(minutes)))
                i += 2
                continue
        if len(nxt) == 2 and nxt.isdigit() and int(nxt) < _HOUR:
            half, size = _half(words, i + 2)
            cued = i > 0 and words[i - 1] in clock_cues()
            marked = half is not None or cued
            out.append(Time(i, i + 2 + size, _hour(hour, half), int(nxt), marked))
            i += 2 + size
            continue
        half, size = _half(words, i + 1) if hour <= _HALF_DAY else (None, 0)
        if half is not None:  # "4 مساء", "3 p m"
            out.append(Time(i, i + 1 + size, _hour(hour, half), 0))
            i += 1 + size
            continue
        i += 1
    return out


def readings(words: list[str]) -> tuple[tuple[str, int, int] | tuple[str, str], ...]:
    """What the normalized ``words`` give, sorted: ``("time", hour, minute)`` for each of
    their :func:`times`, ``("number", digits)`` for each other word with digits.

    >>> readings("at 3 p m or 15 00 and 2 47am".split())
    (('time', 15, 0), ('time', 15, 0), ('time', 2, 47))
    >>> readings("rose 1 2 percent".split())
    (('number', '1'), ('number', '2'))
    """
    out: list[tuple[str, int, int] | tuple[str, str]] = []
    in_time = [False] * len(words)
    for t in times(words):
        out.append(("time", t.hour, t.minute))
        in_time[t.start : t.stop] = [True] * (t.stop - t.start)
    for word, timed in zip(words, in_time, strict=True):
        if not timed and any(ch.isdigit() for ch in word):
            out.append(("number", "".join(ch for ch in word if ch.isdigit())))
    return tuple(sorted(out, key=repr))
