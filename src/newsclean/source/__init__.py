"""Find the wire agency a story is credited to (the agency source line).

``extract_source(text)`` returns an :class:`~newsclean.article.Attribution`: the canonical
agency id (from the packaged registry), the agencies it relays (``via``), the exact credit
text (``line``), where it sits (dateline, byline, footer, lead, title, inline), its span, the
dateline city and a confidence.  Modules: :mod:`.registry` (agencies, aliases, one compiled
matcher), :mod:`.prefilter` (where an alias can start), :mod:`.fold` (script/case folding),
:mod:`.cues` (credit phrases from ``data/source_cues.toml``), :mod:`.layout` (title/lead/tail
zones), :mod:`.rules` (credit conventions), :mod:`.extract` (choice and credit chain).

>>> extract_source("no credit here") is None
True
>>> a = extract_source("Başlık\\n\\nMetin burada.  Kaynak: DHA ve AA  Konular: Türkiye")
>>> a.agency, a.via, a.line
('dha', ('aa',), 'Kaynak: DHA ve AA')
"""

from __future__ import annotations

from .extract import MAX_SCAN, default_registry, explain_source, extract_source
from .registry import Agency, Hit, Registry, RegistryError, alias_key

__all__ = [
    "MAX_SCAN",
    "Agency",
    "Hit",
    "Registry",
    "RegistryError",
    "alias_key",
    "default_registry",
    "explain_source",
    "extract_source",
]
