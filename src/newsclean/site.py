"""Site templates learned from many pages of one site: lines that repeat are chrome.

A news site prints the same menu, labels, share prompts, "popular posts" and footer on
every page.  Over many text dumps of one host those lines repeat while article text does
not, so :meth:`SiteProfile.learn` counts, for every line (by its normalized
:func:`~newsclean.chrome_lexicon.line_key`), on how many pages it occurs.  A line seen on
at least ``min_pages`` pages and on at least ``min_share`` of them is template; long lines
(a paragraph, not a label) must be on at least ``long_share`` of the pages, so that a story
the site published twice does not erase itself.  A profile may also carry site-specific
phrases (same syntax as the lexicon files).

>>> stories = ["A storm hit the coast.", "The mayor resigned.", "Schools reopen today.",
...            "Prices rose again.", "The bridge is closed."]
>>> pages = [f"Menu\\n{story}\\nShare\\n© 2024 Example" for story in stories]
>>> prof = SiteProfile.learn(pages, host="example.com")
>>> prof.template_count("© 2025 Example"), prof.template_count("The mayor resigned.")
(5, 0)
>>> SiteProfile.from_json(prof.to_json()) == prof
True
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .chrome_lexicon import Lexicon, line_key

__all__ = ["SiteProfile"]

_LONG_WORDS = 25
_PRUNE_EVERY = 2000


@dataclass(frozen=True)
class SiteProfile:
    """What one site prints on every page: line keys with the number of pages they are on.

    ``lines`` maps a :func:`~newsclean.chrome_lexicon.line_key` to its page count (only
    keys seen on two or more pages are kept), ``pages`` is the number of pages learned from,
    and ``phrases`` optional site-specific lexicon phrases ``{category: [phrase, ...]}``.
    """

    host: str | None = None
    pages: int = 0
    lines: Mapping[str, int] = field(default_factory=dict)
    phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    min_pages: int = 3
    min_share: float = 0.2
    long_share: float = 0.5

    @classmethod
    def learn(
        cls,
        texts: Iterable[str],
        *,
        host: str | None = None,
        min_pages: int = 3,
        min_share: float = 0.2,
        long_share: float = 0.5,
        phrases: Mapping[str, Iterable[str]] | None = None,
    ) -> SiteProfile:
        """Count on how many of ``texts`` (text dumps of one site) each line occurs.

        Memory stays bounded on big dumps: every ``2000`` pages the keys seen on a single
        page are dropped (a template line is on many pages, so it survives the pruning).

        >>> SiteProfile.learn(["a\\nb", "a\\nc"], min_pages=2).template_count("a")
        2
        """
        counts: dict[str, int] = {}
        pages = 0
        for text in texts:
            pages += 1
            keys = {line_key(ln) for ln in text.splitlines()}
            keys.discard("")
            for k in keys:
                counts[k] = counts.get(k, 0) + 1
            if pages % _PRUNE_EVERY == 0:
                counts = {k: c for k, c in counts.items() if c > 1}
        kept = {k: c for k, c in sorted(counts.items()) if c > 1}
        return cls(
            host=host,
            pages=pages,
            lines=kept,
            phrases={cat: tuple(ps) for cat, ps in (phrases or {}).items()},
            min_pages=min_pages,
            min_share=min_share,
            long_share=long_share,
        )

    def template_count_key(self, key: str, n_words: int) -> int:
        """Pages the line with this key is on when that makes it template, else 0."""
        count = self.lines.get(key, 0)
        if count < self.min_pages:
            return 0
        share = self.long_share if n_words >= _LONG_WORDS else self.min_share
        return count if count >= math.ceil(share * self.pages) else 0

    def template_count(self, line: str) -> int:
        """Pages ``line`` is on when it is part of the site template, else 0."""
        return self.template_count_key(line_key(line), len(line.split()))

    @cached_property
    def lexicon(self) -> Lexicon:
        """The site-specific phrases as a :class:`~newsclean.chrome_lexicon.Lexicon`."""
        return Lexicon.from_phrases(self.phrases, lang=self.host or "site")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "host": self.host,
            "pages": self.pages,
            "min_pages": self.min_pages,
            "min_share": self.min_share,
            "long_share": self.long_share,
            "phrases": {k: list(v) for k, v in self.phrases.items()},
            "lines": dict(self.lines),
        }

    def to_json(self) -> str:
        """The profile as a JSON string (:meth:`from_json` reads it back)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SiteProfile:
        """Inverse of :meth:`to_dict`; raises ``ValueError`` on data that is not a profile."""
        try:
            lines = {str(k): int(v) for k, v in dict(data["lines"]).items()}
            return cls(
                host=data.get("host"),
                pages=int(data["pages"]),
                lines=lines,
                phrases={str(k): tuple(map(str, v)) for k, v in data.get("phrases", {}).items()},
                min_pages=int(data.get("min_pages", 3)),
                min_share=float(data.get("min_share", 0.2)),
                long_share=float(data.get("long_share", 0.5)),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"not a site profile: {exc!r}") from exc

    @classmethod
    def from_json(cls, text: str) -> SiteProfile:
        """Read a profile written by :meth:`to_json`."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not a site profile: invalid JSON ({exc})") from exc
        if not isinstance(data, dict):
            raise ValueError("not a site profile: JSON is not an object")
        return cls.from_dict(data)
