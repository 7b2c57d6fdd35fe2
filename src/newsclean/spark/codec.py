"""Documents as Spark column values: numpy arrays packed into ``binary`` cells.

The local engine holds each document as a :class:`~newsclean.dedup.features.Doc` (numpy
arrays in memory).  Between Spark stages a document travels as a few plain columns (id,
text, date, agency, ``strip``) and one ``binary`` blob per stage:

* :func:`pack_features` -- the corpus-independent features :func:`~newsclean.dedup.features.prepare`
  computes (token hashes, line lengths and hashes, prose lines, update markers), kept until
  the site-template lines are known and the documents are sketched;
* :func:`pack_doc` -- what verification reads (the sketch's ordered shingles and kept-token
  mask, the numeric and prose flags, the headline); the sorted shingle set and first
  positions are rebuilt on unpacking with the same function the sketch uses.

Every blob is a little header of array lengths followed by the raw array bytes: no pickle,
decoding is a few ``np.frombuffer`` views.

>>> from newsclean.dedup.features import prepare
>>> f = prepare([("a", "Headline\\nThe minister said on Monday that taxes would fall.")])[0]
>>> g = unpack_features(pack_features(f), "a", f.source)
>>> g.tokens.tolist() == f.tokens.tolist(), g.prose.tolist()
(True, [False, True])
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ..dedup.features import Doc, DocFeatures, Sketch
from ..dedup.passages import unique_first

__all__ = ["pack_doc", "pack_features", "unpack_doc", "unpack_features"]

_U32 = np.dtype("<u4")
_U64 = np.dtype("<u8")
_BOOL = np.dtype(np.bool_)
_EMPTY32 = np.zeros(0, dtype=np.uint32)


def _pack(arrays: Sequence[npt.NDArray[Any]], ints: Sequence[int]) -> bytes:
    """``len(arrays)`` array lengths and ``ints``, then the arrays' bytes."""
    head = struct.pack(f"<{len(arrays) + len(ints)}q", *[a.size for a in arrays], *ints)
    return head + b"".join(np.ascontiguousarray(a).tobytes() for a in arrays)


def _unpack(
    blob: bytes, dtypes: Sequence[np.dtype[Any]], n_ints: int
) -> tuple[list[npt.NDArray[Any]], list[int]]:
    n = len(dtypes)
    head = struct.unpack_from(f"<{n + n_ints}q", blob)
    pos = struct.calcsize(f"<{n + n_ints}q")
    arrays = []
    for size, dtype in zip(head[:n], dtypes, strict=True):
        arrays.append(np.frombuffer(blob, dtype=dtype, count=size, offset=pos))
        pos += size * dtype.itemsize
    if pos != len(blob):
        raise ValueError(f"corrupt document blob: {len(blob)} bytes, expected {pos}")
    return arrays, list(head[n:])


_FEATURE_TYPES = (_U32, _BOOL, _U32, _U64, _BOOL, _BOOL)


def pack_features(f: DocFeatures) -> bytes:
    """The arrays of :class:`DocFeatures` (token hashes included) as one blob."""
    head = np.array(f.head_marker, dtype=bool)
    return _pack((f.tokens, f.numeric, f.line_len, f.line_hashes, f.prose, head), ())


def unpack_features(
    blob: bytes,
    doc_id: str,
    source: str,
    *,
    date: str | None = None,
    agency: str | None = None,
    lang: str | None = None,
    chrome: bool = False,
) -> DocFeatures:
    """The :class:`DocFeatures` of a :func:`pack_features` blob and the document's columns."""
    (tokens, numeric, line_len, line_hashes, prose, head), _ = _unpack(blob, _FEATURE_TYPES, 0)
    return DocFeatures(
        id=doc_id,
        source=source,
        tokens=tokens,
        numeric=numeric,
        line_len=line_len,
        line_hashes=line_hashes,
        prose=prose,
        head_marker=tuple(bool(x) for x in head),
        date=date,
        agency=agency,
        lang=lang,
        chrome=chrome,
    )


_DOC_TYPES = (_BOOL, _U32, _BOOL, _BOOL, _U32, _U64)


def pack_doc(doc: Doc) -> bytes:
    """What verification needs of a sketched document, as one blob: no token hashes and no
    signature, but every line's hash (verification compares headlines: the first line's,
    and the line right above the first paragraph, which may come after a date line).

    >>> from newsclean.dedup.features import prepare, sketch
    >>> from newsclean.dedup.signatures import MinHasher
    >>> f = prepare([("a", "Title\\nOne two three four five six.")])[0]
    >>> d = Doc(f, sketch(f, frozenset(), MinHasher(8), k=3, window=4))
    >>> e = unpack_doc(pack_doc(d), "a", f.source)
    >>> e.sketch.shingles.tolist() == d.sketch.shingles.tolist(), e.sketch.body_start
    (True, 1)
    """
    f, s = doc.features, doc.sketch
    return _pack(
        (f.numeric, f.line_len, f.prose, s.keep, s.shingles, f.line_hashes),
        (s.body_start, int(s.update_marker)),
    )


def unpack_doc(
    blob: bytes,
    doc_id: str,
    source: str,
    *,
    date: str | None = None,
    agency: str | None = None,
    lang: str | None = None,
    chrome: bool = False,
) -> Doc:
    """The :class:`Doc` verification works on, from a :func:`pack_doc` blob and the
    document's columns (the shingle set and first positions rebuilt as the sketch does)."""
    (numeric, line_len, prose, keep, shingles, line_hashes), (body_start, marker) = _unpack(
        blob, _DOC_TYPES, 2
    )
    uniq, first_pos = unique_first(shingles)
    fp: npt.NDArray[np.unsignedinteger[Any]] = first_pos
    if shingles.size < 1 << 16:
        fp = first_pos.astype(np.uint16)
    features = DocFeatures(
        id=doc_id,
        source=source,
        tokens=_EMPTY32,
        numeric=numeric,
        line_len=line_len,
        line_hashes=line_hashes,
        prose=prose,
        date=date,
        agency=agency,
        lang=lang,
        chrome=chrome,
    )
    sketch = Sketch(
        keep=keep,
        shingles=shingles,
        shingle_set=uniq,
        first_pos=fp,
        fingerprints=_EMPTY32,
        signature=_EMPTY32,
        body_start=int(body_start),
        update_marker=bool(marker),
    )
    return Doc(features, sketch)
