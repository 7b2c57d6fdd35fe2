"""Main-content extraction from HTML pages (trafilatura) and the clean-up after it.

Placeholder of the foundation skeleton; issue #3 fills it in.

>>> html_to_text("<html><body><article><p>Hello world, this is the story.</p>"
...              "</article></body></html>")
'Hello world, this is the story.'
"""

from __future__ import annotations

import trafilatura

from .article import ChromeResult

__all__ = ["extract_html", "html_to_text", "looks_like_html"]


def looks_like_html(text: str) -> bool:
    """True when ``text`` looks like an HTML document rather than a text dump.

    >>> looks_like_html("<!DOCTYPE html><html>")
    True
    """
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    return "<body" in head or "<head" in head


def extract_html(html: str | bytes, *, url: str | None = None) -> ChromeResult:
    """Extract the main text of an HTML page, with the title when one is found."""
    if isinstance(html, bytes):
        from .encoding import decode

        html = decode(html)
    text = trafilatura.extract(html, url=url, include_comments=False) or ""
    return ChromeResult(text=text)


def html_to_text(html: str | bytes, *, url: str | None = None) -> str:
    """The clean article text of an HTML page."""
    return extract_html(html, url=url).text
