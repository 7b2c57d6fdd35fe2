"""``extract_source``: the agency a story is credited to, through whom, and where it says so.

>>> a = extract_source("WASHINGTON (Reuters) - The Senate voted on Tuesday.")
>>> a.agency, a.where, a.line, a.city
('reuters', 'dateline', 'WASHINGTON (Reuters) -', 'WASHINGTON')
>>> extract_source("The minister told Reuters on Tuesday that talks would go on.") is None
True
>>> extract_source("نص الخبر.\\n\\nالمصدر : وكالة ايسنا للأنباء.").agency
'isna'
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..article import Attribution
from .cues import get_cues
from .fold import Folded, fold
from .layout import Layout, first_sentence, layout
from .registry import Registry
from .rules import Analyzer, Candidate

__all__ = ["MAX_SCAN", "default_registry", "explain_source", "extract_source"]

#: Texts longer than this are searched in their first and last ``MAX_SCAN // 2`` characters
#: only (credit lines sit at the top or the bottom of an article).
MAX_SCAN = 200_000

# The full-width punctuation of Chinese, Japanese and Korean text, read as its ASCII forms
# ("（新华社）", "来源：新华社", "【ワシントン共同】"): one character for one, so offsets and the
# evidence line (cut from the original text) stay the same.
_FULLWIDTH_CHARS = "（）［］【】〔〕：，；／＝－"
_FULLWIDTH = str.maketrans(_FULLWIDTH_CHARS, "()[][]():,;/=-")
_HAS_FULLWIDTH = re.compile(f"[{re.escape(_FULLWIDTH_CHARS)}]")


def _halfwidth(text: str) -> str:
    """``text`` with its full-width brackets, colons, commas, slashes, dashes and equals
    signs as ASCII (the same length).

    >>> _halfwidth("【ワシントン共同】来源：新华社")
    '[ワシントン共同]来源:新华社'
    """
    return text.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text


_WHERE_RANK = {"dateline": 0, "byline": 1, "footer": 2, "lead": 3, "title": 4, "inline": 5}


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The packaged registry, loaded and compiled once per process."""
    return Registry.load()


def _analyze(
    text: str, registry: Registry, lang: str | None, encoded: bytes | None = None
) -> tuple[Folded, tuple[Analyzer, list[Candidate]] | None]:
    folded = fold(text)
    hits = registry.find(folded, encoded=encoded)
    if not hits:
        return folded, None
    cues = get_cues()
    analyzer = Analyzer(folded, hits, layout(text), cues, registry, lang)
    return folded, (analyzer, analyzer.candidates())


def _unfolded(text: str, registry: Registry) -> tuple[bool, bytes | None]:
    """``(nothing, encoded)``, told without folding ``text``: ``nothing`` if it certainly
    credits no agency (no alias can start in it, and no line starts with an "according to"
    cue, the only way :func:`_fuzzy_lead` credits a text without one); ``encoded`` is the
    pre-filter's encoding of the folded text, for :meth:`Registry.find` (None: unknown)."""
    index = registry.prefilter
    if index is None:
        return False, None
    encoded = index.encode_unfolded(text)
    if encoded is None or index.may_start(encoded) or registry.may_occur_unspaced(text):
        return False, encoded
    cues = get_cues()
    first = cues.according_first
    if first is None or _cue_at_line_start(cues.according_word.pattern) is None:
        return False, encoded
    return not index.line_starts_with(encoded, first), encoded


@lru_cache(maxsize=4)
def _cue_at_line_start(according_word: str) -> re.Pattern[str] | None:
    """The sentence-initial cue pattern (``^\\s*cue ... word,``) made to match after any
    newline, or None if it does not start with ``^``."""
    if not according_word.startswith("^"):
        return None
    return re.compile("\n" + according_word[1:])


def _fuzzy_lead(
    text: str,
    registry: Registry,
    lang: str | None,
    lay: Layout | None = None,
    folded: Folded | None = None,
) -> Attribution | None:
    """Fallback: a misspelt agency right after a sentence-initial cue ("به گزارش فارش،").

    ``folded`` (``fold(text)``) lets a text without a cue at any line start skip finding its
    first sentence: the first sentence starts a line (after its indent), and folding maps
    each character of a sentence as it maps it in the whole text, so a cue match in the
    folded sentence is also a match after a newline in ``"\\n" + folded.folded``.
    """
    cues = get_cues()
    if folded is not None:
        anywhere = _cue_at_line_start(cues.according_word.pattern)
        if anywhere is not None and anywhere.search("\n" + folded.folded) is None:
            return None
    s0, s1 = lay.first_sentence if lay is not None else first_sentence(text)
    folded = fold(text[s0:s1])
    m = cues.according_word.match(folded.folded)
    if m is None:
        return None
    found = registry.fuzzy().lookup(m.group("word"), lang or cues.guess_lang(text))
    if found is None:
        return None
    agency_id, key = found
    agency = registry.get(agency_id)
    start, end = folded.span(m.start(), m.end("word"))
    lead = text[s0 + start : s0 + end].strip()
    return Attribution(
        agency=agency_id,
        name=agency.name if agency else agency_id,
        via=(),
        line=lead,
        where="lead",
        span=(s0 + start, s0 + start + len(lead)),
        confidence=0.45,
        rule=f"lead:fuzzy({key})",
    )


def _best(cands: list[Candidate]) -> Candidate:
    return max(cands, key=lambda c: (c.confidence, -_WHERE_RANK[c.where], -c.start))


def _attribution(
    an: Analyzer, best: Candidate, registry: Registry, offset: int, original: str
) -> Attribution:
    """The attribution of the ``best`` candidate; its line is cut from ``original``, the
    analysed text as given (before :func:`_halfwidth`), which starts at ``offset``."""
    if not best.via:
        best = an.with_chain(best)
    via = list(best.via)
    if not via and best.where != "lead":
        for j in an.lead_relays(best.end if best.where == "dateline" else None):
            a, _ = an.resolve(j)
            if a != best.agency and a not in via:
                via.append(a)
    agency = registry.get(best.agency)
    start, end = best.start, best.end
    while start < end and an.text[start].isspace():
        start += 1
    while end > start and an.text[end - 1].isspace():
        end -= 1
    line = original[start:end]
    return Attribution(
        agency=best.agency,
        name=agency.name if agency else best.agency,
        via=tuple(via),
        line=line,
        where=best.where,
        span=(start + offset, end + offset),
        city=best.city,
        confidence=best.confidence,
        rule=best.rule,
    )


def extract_source(
    text: str, *, lang: str | None = None, registry: Registry | None = None
) -> Attribution | None:
    """The agency credited for the story as a whole, or None.

    ``lang`` (ISO 639-1) only breaks ties between agencies sharing an abbreviation; it is
    guessed when omitted.  ``registry`` defaults to the packaged one (:func:`default_registry`).
    Never raises on odd text (empty, huge, no letters, mixed scripts); a non-string raises
    ``TypeError``.

    >>> a = extract_source("Başlık\\n\\nMetin burada.  Kaynak: DHA ve AA  Konular: Türkiye")
    >>> a.agency, a.via, a.line
    ('dha', ('aa',), 'Kaynak: DHA ve AA')
    >>> extract_source("Stoltenberg: İHA kullanıldı.") is None
    True
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_source() needs str, got {type(text).__name__}")
    if not text or text.isspace():  # no copy of the text just to test it
        return None
    reg = registry if registry is not None else default_registry()
    original, text = text, _halfwidth(text)
    if len(text) <= MAX_SCAN:
        nothing, encoded = _unfolded(text, reg)
        if nothing:
            return None
        folded, res = _analyze(text, reg, lang, encoded)
        if res is None or not res[1]:
            return _fuzzy_lead(text, reg, lang, res[0].lay if res else None, folded)
        an, cands = res
        return _attribution(an, _best(cands), reg, 0, original)
    half = MAX_SCAN // 2
    found: list[tuple[Candidate, Analyzer, int]] = []
    for part, offset, keep in (
        (text[:half], 0, ("dateline", "byline", "lead", "title")),
        (text[-half:], len(text) - half, ("footer",)),
    ):
        _, res = _analyze(part, reg, lang)
        if res is None:
            continue
        an, cands = res
        found.extend((c, an, offset) for c in cands if c.where in keep)
    if not found:
        return None
    best, an, offset = max(found, key=lambda t: (t[0].confidence, -_WHERE_RANK[t[0].where]))
    return _attribution(an, best, reg, offset, original[offset : offset + len(an.text)])


def explain_source(
    text: str, *, lang: str | None = None, registry: Registry | None = None
) -> list[str]:
    """Human-readable reasons: every candidate credit and every rejected photo credit.

    >>> explain_source("Photo: AFP")
    ["photo credit ignored: 'AFP'"]
    """
    if not isinstance(text, str) or not text or text.isspace():
        return []
    reg = registry if registry is not None else default_registry()
    text = text[:MAX_SCAN]
    _, res = _analyze(_halfwidth(text), reg, lang)
    if res is None:
        return []
    an, cands = res
    out = list(an.notes)
    out += [
        f"{c.agency} via {list(c.via)} ({c.rule}, {c.confidence}): {text[c.start : c.end]!r}"
        for c in cands
    ]
    return out
