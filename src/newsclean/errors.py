"""Exceptions raised by newsclean.  Every one says which input and why.

>>> from newsclean.errors import DecodeError
>>> str(DecodeError("binary data: 38% control bytes"))
'binary data: 38% control bytes'
"""

from __future__ import annotations


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose."""


class DecodeError(NewscleanError, ValueError):
    """Bytes that cannot be turned into text (binary data, not a text encoding)."""


class DumpError(NewscleanError):
    """A dump (directory, JSONL, WARC) that cannot be read at all."""


class IndexStoreError(NewscleanError):
    """A persistent index that is missing, corrupt, or not a newsclean index."""
