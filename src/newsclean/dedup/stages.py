"""Stages of a story: a suspect arrested, then charged, convicted, sentenced; a person
injured, then dead; a person missing, then found.

An update of a police or court story keeps most of the first version's words and changes
the word that tells where the story stands: "A man has been arrested on suspicion of
attempted murder after ..." becomes "A man has been charged with attempted murder after
...", "اعتقال ..." becomes "إدانة ...".  A copy never moves a story on.  :func:`stages`
reads the stage words of ``data/dedup/story_stages.txt`` in a run of normalized words
(an Arabic word also behind the prefixes و ف ب ل ال), and :func:`stage_change` tells two
openings that name stages of one chain and have none in common.

>>> stages("man arrested after teenager stabbed".split())
{'custody': frozenset({1})}
>>> stage_change("man arrested after teenager stabbed".split(),
...              "man charged after teenager stabbed".split())
('arrested', 'charged')
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

from ..datafiles import read_sections
from ..normalize import normalize
from .shingles import hash_token

__all__ = ["stage_change", "stage_keys", "stage_words", "stages"]

_PREFIXES = ("وال", "فال", "بال", "لل", "ال", "و", "ف", "ب", "ل")


@cache
def stage_words() -> dict[str, tuple[str, int]]:
    """The words of ``data/dedup/story_stages.txt``, normalized, and the ``(chain,
    stage)`` each names.

    >>> stage_words()["charged"], stage_words()["ادين"]
    (('custody', 2), ('custody', 3))
    """
    name = "dedup/story_stages.txt"
    text = resources.files("newsclean").joinpath(f"data/{name}").read_text("utf-8")
    out: dict[str, tuple[str, int]] = {}
    for section, words in read_sections(text, name).items():
        chain, _, stage = section.partition(" ")
        if not chain or not stage.isdigit():
            raise ValueError(f"{name}: [{section}] is not '[chain stage]'")
        for word in words:
            key = normalize(word)
            if key in out and out[key] != (chain, int(stage)):
                raise ValueError(f"{name}: {word!r} is in two stages")
            out[key] = (chain, int(stage))
    return out


@cache
def stage_keys() -> frozenset[int]:
    """The token hashes (:func:`~newsclean.dedup.shingles.hash_token`) of every word that
    names a stage: each word of :func:`stage_words` and each of its forms behind a prefix
    (exactly the words :func:`_lookup` finds).  A run of tokens none of whose hashes is
    here names no stage, and its words need not be read (a hash found here may be another
    word's: the words are read then).

    >>> hash_token("charged") in stage_keys(), hash_token("والاعتقال") in stage_keys()
    (True, True)
    """
    forms: set[str] = set()
    for word in stage_words():
        forms.add(word)
        if len(word) >= _MIN_STEM:
            forms.update(prefix + word for prefix in _PREFIXES)
        if word.startswith("ال") and len(word) - 2 >= _MIN_STEM:
            forms.add("لل" + word[2:])
    return frozenset(hash_token(w) for w in forms)


#: A word behind a prefix names a stage when this many letters or more follow the prefix.
_MIN_STEM = 3


@lru_cache(maxsize=1 << 16)
def _stage_of(word: str) -> tuple[str, int] | None:
    """:func:`_lookup` in :func:`stage_words` (memoized: openings share most words)."""
    return _lookup(word, stage_words())


def _lookup(word: str, table: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    """The stage ``word`` names, itself or (an Arabic word) behind a prefix."""
    found = table.get(word)
    if found is not None or not "\u0600" <= word[:1] <= "\u06ff":
        return found
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM:
            found = table.get(word[len(prefix) :])
            if found is None and prefix == "لل":
                found = table.get("ال" + word[2:])  # "للاعتقال"
            if found is not None:
                return found
    return None


def _named(words: list[str]) -> dict[str, dict[int, str]]:
    """The stages ``words`` name, by chain, each with the first word that names it."""
    out: dict[str, dict[int, str]] = {}
    for word in words:
        found = _stage_of(word)
        if found is not None:
            out.setdefault(found[0], {}).setdefault(found[1], word)
    return out


def stages(words: list[str]) -> dict[str, frozenset[int]]:
    """The stages of each chain that the normalized ``words`` name.

    >>> stages(normalize("أدين رجل بعد اعتقاله").split())
    {'custody': frozenset({3})}
    """
    return {chain: frozenset(named) for chain, named in _named(words).items()}


def stage_change(a: list[str], b: list[str]) -> tuple[str, str] | None:
    """The words of the first chain whose stages the normalized openings ``a`` and ``b``
    both name and share none of (one story moved on: "arrested" / "charged"), or None.

    >>> stage_change("two killed and five injured".split(), "five injured".split()) is None
    True
    """
    na = _named(a)
    if not na:
        return None
    nb = _named(b)
    for chain, sa in na.items():
        sb = nb.get(chain)
        if sb and sa.keys().isdisjoint(sb.keys()):
            return ", ".join(sa.values()), ", ".join(sb.values())
    return None
