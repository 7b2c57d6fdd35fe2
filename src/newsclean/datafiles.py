"""The line-oriented data files under ``data/``: ``[section]`` headers, then one entry per
line; blank lines and ``#`` comments are skipped.

The day words of the near-duplicate engine (``data/dedup/day_words.txt``) and the month
names, date cues and relative stamps of :mod:`newsclean.dates` (``data/dates/``) are read
here, so that each reports a bad line the same way.  (The chrome lexicons, whose entries
carry their own syntax and errors with line numbers, have their parser in
:mod:`newsclean.chrome_lexicon`.)

>>> read_sections("# days\\n[relative]\\ntoday\\n\\n[weekday]\\nMonday", "dedup/day_words.txt")
{'relative': ['today'], 'weekday': ['Monday']}
"""

from __future__ import annotations

from collections.abc import Collection

__all__ = ["read_entries", "read_sections"]


def read_entries(text: str) -> list[str]:
    """The entries of a data file without sections: its lines, stripped, blank lines and
    ``#`` comments skipped (the phrase lists of ``data/dedup/``).

    >>> read_entries("# markers\\nUPDATE\\n\\n latest ")
    ['UPDATE', 'latest']
    """
    return [ln for raw in text.splitlines() if (ln := raw.strip()) and not ln.startswith("#")]


def read_sections(
    text: str, name: str, known: Collection[str] | None = None
) -> dict[str, list[str]]:
    """The entries of each ``[section]`` of a data file's ``text``, stripped, in order.

    ``name`` names the file in errors: an entry before any section, and (when ``known``
    is given) a section not in ``known``, are a ``ValueError``.

    >>> read_sections("[weekday]\\nMonday", "f.txt", known=("relative",))
    Traceback (most recent call last):
    ValueError: f.txt: unknown section [weekday]
    """
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            if known is not None and section not in known:
                raise ValueError(f"{name}: unknown section {line}")
            current = out.setdefault(section, [])
        elif current is None:
            raise ValueError(f"{name}: {line!r} is outside a section")
        else:
            current.append(line)
    return out
