"""Where an alias can start: a word-level pre-filter for :meth:`Registry.find`.

Every alias the registry's patterns match is made of whole words: it starts right after a
non-word character (in Arabic script, possibly after one proclitic letter: ``ورويترز``) and
ends before one, and its words are separated by non-word characters (spaces, hyphens,
dots).  So where an alias occurs, the text has a word (a maximal run of ``\\w`` characters)
equal to the alias's first word, its *head*, or to a proclitic letter plus the head; and, for
an alias of several words, the next word of the text is the alias's second word.

:class:`AliasStarts` checks that condition cheaply before any trie pattern runs:

1. one table lookup (``bytes.translate`` for a text of the first 256 code points, numpy over
   the UTF-16 units of any other) turns the text into one byte per character: a space for a
   non-word character (a newline for a newline), a byte of its own for each letter used by
   some head, one shared byte for every other word character; the words of the text are then
   the tokens of ``bytes.split()``, and one set intersection with the heads (written the
   same way) tells which heads occur at all (many articles: none, and the search ends there);
2. each word found (that is an alias alone, or whose second word was found too) has a small
   bytes pattern starting with a space and the word, so the regex engine jumps from one
   occurrence of that literal to the next, checks the second word, and yields the position
   the trie pattern is to be tried at.

:meth:`AliasStarts.encode_unfolded` writes a text the same way without folding it first
(through the folding tables), so ``extract_source`` can tell that no alias occurs in an
article without building its folded text.

The positions it yields are a superset of those where a trie pattern matches, so trying the
pattern only there gives the same matches as scanning every position (the tests check this
against the full scan on random texts).

>>> starts = AliasStarts.build([["رويترز"], ["the associated press", "ap"]], clitic_groups={0})
>>> starts.positions("\\nan ap story and the press, the associated press, ورويترز")
[[49], [3, 27]]
>>> starts.positions("\\nnothing to see") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import numpy.typing as npt

from .fold import code_tables

__all__ = ["CLITICS", "AliasStarts", "word_table"]

#: Arabic proclitic letters an alias may follow without a space (``و ف ب ل``).
CLITICS = "وفبل"

_WORD_RUN = re.compile(r"\w+")
_CODEPOINTS = 0x110000
# bytes that bytes.split() does not split on: codes of word characters
_CODES = bytes(b for b in range(256) if not bytes([b]).isspace())
_SPACE = ord(" ")
_NEWLINE = ord("\n")  # kept apart from the other non-word characters (line starts)
# markers of the encoding of an unfolded text (whitespace bytes no character is written as)
_GONE = b"\x0b"  # a character folding deletes
_STEPS = b"\x0c"  # a character folding maps by its neighbours


@cache
def word_table(size: int = _CODEPOINTS) -> npt.NDArray[np.bool_]:
    """Which of the first ``size`` code points the regex engine counts as word characters
    (``\\w``); built once per size, by the regex engine itself, so the two always agree."""
    every = np.arange(size, dtype=np.uint32).tobytes()
    table = np.zeros(size, dtype=np.bool_)
    for m in _WORD_RUN.finditer(every.decode("utf-32-le", "surrogatepass")):
        table[m.start() : m.end()] = True
    return table


@dataclass(slots=True)
class _Head:
    """The aliases (keys) of one script group that start with the word ``head``."""

    group: int
    clitic: bool  # the group allows a proclitic letter before the alias
    whole: bool = False  # some alias is this word alone
    seconds: set[str] = field(default_factory=set)  # second words of the longer aliases


class AliasStarts:
    """The heads of every alias key, by script group, and their locator patterns.

    Build it with :meth:`build` from the folded keys of each group (the order of
    :meth:`Registry.find`'s patterns); ``clitic_groups`` are the groups whose pattern allows
    a proclitic letter before the alias.
    """

    __slots__ = (
        "_byte_locators",
        "_codes",
        "_cue_lines",
        "_last",
        "_latin1",
        "_locators",
        "_needs",
        "_raw16",
        "_raw_deleted",
        "_raw_latin1",
        "_raw_steps",
        "_tokens",
        "_vocab",
        "_wide",
        "groups",
        "heads",
    )

    def __init__(self, groups: int, heads: dict[str, _Head]) -> None:
        self.groups = groups
        self.heads = heads
        words: dict[str, list[str]] = {h: [h] for h in heads}
        for h, info in heads.items():
            if info.clitic:
                for c in CLITICS:
                    words.setdefault(c + h, []).append(h)
        # one byte per character: each letter of a word its own byte (shared only if there
        # are more letters than bytes: then a token may stand for several words, never for
        # none of the words it spells), any other word character _CODES[0], the rest a space
        letters = sorted({c for w in words for c in w})
        # a BMP head is found in UTF-16 units (a character beyond the BMP, two surrogates,
        # becomes two spaces: a word holding one is no head anyway)
        self._wide = any(ord(c) > 0xFFFF for c in letters)
        word = word_table() if self._wide else word_table(0x10000)
        codes = np.where(word, np.uint8(_CODES[0]), np.uint8(_SPACE)).astype(np.uint8)
        for i, c in enumerate(letters):
            codes[ord(c)] = _CODES[1 + i % (len(_CODES) - 1)]
        codes[_NEWLINE] = _NEWLINE
        self._codes = codes
        self._latin1 = codes[:256].tobytes()
        # the same for an unfolded text: each character folded first (code_tables)
        fold_latin1, self._raw_deleted, self._raw_steps, fold16 = code_tables()
        self._raw_latin1 = bytes(self._latin1[b] for b in fold_latin1)
        raw16 = codes[:0x10000].take(fold16)
        raw16[fold16 == 0xFFFF] = _GONE[0]
        raw16[fold16 == 0xFFFE] = _STEPS[0]
        self._raw16 = raw16
        self._cue_lines: dict[frozenset[str], re.Pattern[bytes]] = {}
        self._last: tuple[bytes, list[bytes]] | None = None  # the last text's words
        vocab: dict[bytes, set[str]] = {}
        for w, hs in words.items():
            vocab.setdefault(self.encode(w), set()).update(hs)
        self._vocab = {k: tuple(sorted(v)) for k, v in vocab.items()}
        # a word whose heads all start longer aliases only is looked for only if one of
        # their second words is a word of the text too
        self._needs: dict[bytes, frozenset[bytes] | None] = {}
        for k, names in self._vocab.items():
            infos = [self.heads[h] for h in names]
            self._needs[k] = (
                None
                if any(info.whole or not info.seconds for info in infos)
                else frozenset(self.encode(s) for info in infos for s in info.seconds)
            )
        self._tokens = frozenset(vocab).union(*filter(None, self._needs.values()))
        self._locators: dict[str, re.Pattern[str]] = {}
        self._byte_locators: dict[bytes, tuple[re.Pattern[bytes], tuple[int, ...]]] = {}

    @classmethod
    def build(
        cls, groups: Sequence[Sequence[str]], *, clitic_groups: Collection[int] = ()
    ) -> AliasStarts | None:
        """The pre-filter for these keys, or None if some key does not start with a word
        character (then the full scan is the only safe search)."""
        heads: dict[str, _Head] = {}
        for g, keys in enumerate(groups):
            for key in keys:
                runs = _WORD_RUN.findall(key)
                if not runs or not key.startswith(runs[0]):
                    return None
                head = heads.setdefault(runs[0], _Head(g, g in clitic_groups))
                if head.group != g:  # the group is chosen by the first letter: never
                    return None
                if len(runs) == 1:
                    head.whole = True
                else:
                    head.seconds.add(runs[1])
        return cls(len(groups), heads)

    def encode(self, text: str) -> bytes:
        """``text`` as one byte per character (see :class:`AliasStarts`): its words are the
        tokens of ``bytes.split()``."""
        try:
            return text.encode("latin-1").translate(self._latin1)
        except UnicodeEncodeError:
            pass
        if self._wide:
            cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            return self._codes.take(cps).tobytes()
        units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
        return self._codes.take(units).tobytes()

    def encode_unfolded(self, text: str) -> bytes | None:
        """:meth:`encode` of ``"\\n" + fold(text).folded``, computed from ``text`` without
        building the folded text (each character looked up in the folding table and then in
        this one), or None if folding ``text`` needs the steps (a capital sigma, a character
        beyond the BMP) or a head has a letter beyond the BMP."""
        if self._wide:
            return None
        try:
            raw = text.encode("latin-1")
        except UnicodeEncodeError:
            pass
        else:
            if any(b in raw for b in self._raw_steps):
                return None
            return b"\n" + raw.translate(self._raw_latin1, self._raw_deleted)
        units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
        encoded = self._raw16.take(units).tobytes()
        if _STEPS in encoded:
            return None
        if _GONE in encoded:
            encoded = encoded.translate(None, _GONE)
        return b"\n" + encoded

    def may_start(self, encoded: bytes) -> bool:
        """False if no alias can start in the text ``encoded`` (see :meth:`encode`)."""
        return bool(self._words_in(encoded))

    def line_starts_with(self, encoded: bytes, words: frozenset[str]) -> bool:
        """Whether a line of the text ``encoded`` (see :meth:`encode`; a text that starts
        with a newline) may start with one of ``words`` (words of word characters only)
        after non-word characters; False means certainly not."""
        pat = self._cue_lines.get(words)
        if pat is None:
            if not words:
                return False
            alts = b"|".join(
                re.escape(w) for w in sorted({self.encode(w) for w in words}, key=len, reverse=True)
            )
            # the last newline before the word and then spaces only: "[ \n]*" would try
            # every newline of a long run of blank lines (quadratic on a page of markup)
            pat = self._cue_lines[words] = re.compile(rb"\n *+(?:" + alts + rb")(?![^ \n])")
        return pat.search(encoded) is not None

    def heads_in(self, text: str) -> set[str]:
        """The heads that occur in ``text`` as a word, or as a proclitic letter and a word
        (a few more if letters share a byte, see :meth:`encode`), leaving out those that start
        longer aliases only when none of their second words occurs."""
        return {h for w in self._words_in(self.encode(text)) for h in self._vocab[w]}

    def _words_in(self, encoded: bytes) -> list[bytes]:
        """The encoded words of the text that can start an alias in it: words of heads
        (or proclitic letters and heads) whose alias is the head alone or whose second word
        is a word of the text too."""
        last = self._last
        if last is not None and last[0] is encoded:  # may_start, then Registry.find
            return last[1]
        found = self._tokens.intersection(encoded.split())
        vocab, needs = self._vocab, self._needs
        words = [
            w
            for w in found
            if w in vocab and ((second := needs[w]) is None or not second.isdisjoint(found))
        ]
        self._last = (encoded, words)
        return words

    def byte_locator(self, word: bytes) -> tuple[re.Pattern[bytes], tuple[int, ...]]:
        """The pattern of the encoded ``word`` (see :meth:`encode`) as a whole word that can
        start an alias, and the groups of the heads it stands for.  It starts with a space
        and the word, so the regex engine jumps between occurrences of that literal; then,
        unless one of its heads alone is an alias, it checks that one of their second words
        follows."""
        found = self._byte_locators.get(word)
        if found is not None:
            return found
        heads = [self.heads[h] for h in self._vocab[word]]
        if any(info.whole or not info.seconds for info in heads):
            right = rb"(?![^ ])"
        else:
            seconds = sorted({self.encode(s) for info in heads for s in info.seconds})
            alts = b"|".join(re.escape(s) for s in sorted(seconds, key=len, reverse=True))
            right = rb"(?= +(?:" + alts + rb")(?![^ ]))"
        groups = tuple(sorted({info.group for info in heads}))
        found = self._byte_locators[word] = (re.compile(b" " + re.escape(word) + right), groups)
        return found

    def locator(self, head: str) -> re.Pattern[str]:
        """The pattern of the positions where ``head`` is a word (or a proclitic letter and
        a word) that can start an alias, in the text itself (for a text :meth:`encode`
        writes with more units than characters): the head literal first; then the word
        boundaries and, unless the head alone is an alias, one of the second words after
        non-word characters."""
        pat = self._locators.get(head)
        if pat is not None:
            return pat
        info = self.heads[head]
        h = re.escape(head)
        left = rf"(?<!\w{h})"
        if info.clitic:
            left = rf"(?:{left}|(?<=\W[{CLITICS}]{h}))"
        if info.whole or not info.seconds:
            right = r"(?!\w)"
        else:
            seconds = "|".join(re.escape(s) for s in sorted(info.seconds, key=len, reverse=True))
            right = rf"(?=\W+(?:{seconds})(?!\w))"
        pat = self._locators[head] = re.compile(h + left + right)
        return pat

    def positions(self, scan: str, encoded: bytes | None = None) -> list[list[int]] | None:
        """Per group, the sorted positions where its pattern can match in ``scan`` (the
        non-word character before the alias or its proclitic), or None when there are none.

        ``scan`` must not start with a word character (``Registry.find`` prefixes a newline);
        ``encoded`` is :meth:`encode` of it if already known.
        """
        if encoded is None:
            encoded = self.encode(scan)
        found = self._words_in(encoded)
        if not found:
            return None
        out: list[set[int]] = [set() for _ in range(self.groups)]
        if len(encoded) == len(scan):  # one byte per character: the offsets are the text's
            flat = encoded.replace(b"\n", b" ")  # the locators start with a space
            for word in found:
                pat, groups = self.byte_locator(word)
                starts = [m.start() for m in pat.finditer(flat)]
                for g in groups:
                    out[g].update(starts)
        else:  # characters beyond the BMP, two UTF-16 units each
            for head in {h for w in found for h in self._vocab[w]}:
                add = out[self.heads[head].group].add
                for m in self.locator(head).finditer(scan):
                    s = m.start()
                    add(s - 2 if scan[s - 1] in CLITICS else s - 1)
        if not any(out):
            return None
        return [sorted(p) for p in out]
