"""newsclean: turn raw web-scraped news into clean, attributed, de-duplicated articles.

>>> import newsclean
>>> art = newsclean.clean("WASHINGTON (Reuters) - The story.".encode())
>>> art.body
'WASHINGTON (Reuters) - The story.'
"""

from .article import (
    Article,
    Attribution,
    ChromeResult,
    EncodingGuess,
    RemovedLine,
    StepReport,
)
from .chrome import strip_chrome, strip_chrome_explain
from .dedup import Cluster, DedupResult, DuplicateIndex, Match, compare, find_duplicates
from .encoding import decode, decode_explain, detect_encoding, fix_mojibake
from .errors import DecodeError, DumpError, IndexStoreError, NewscleanError
from .html import html_to_text
from .pipeline import clean
from .source import extract_source

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Attribution",
    "ChromeResult",
    "Cluster",
    "DecodeError",
    "DedupResult",
    "DumpError",
    "DuplicateIndex",
    "EncodingGuess",
    "IndexStoreError",
    "Match",
    "NewscleanError",
    "RemovedLine",
    "StepReport",
    "__version__",
    "clean",
    "compare",
    "decode",
    "decode_explain",
    "detect_encoding",
    "extract_source",
    "find_duplicates",
    "fix_mojibake",
    "html_to_text",
    "strip_chrome",
    "strip_chrome_explain",
]
