"""Find the wire agency a story is credited to (the agency source line).

Placeholder of the foundation skeleton; issue #4 fills it in.

>>> extract_source("no credit here") is None
True
"""

from __future__ import annotations

from .article import Attribution

__all__ = ["extract_source"]


def extract_source(text: str, *, lang: str | None = None) -> Attribution | None:
    """The agency credited for the story as a whole, or None."""
    return None
