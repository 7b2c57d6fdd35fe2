"""What Spark's Python workers run: the local engine's functions on batches of rows.

Each function takes an iterator of pandas DataFrames (Spark's ``mapInPandas`` batches) and
yields DataFrames; the settings come bound with :func:`functools.partial`.  They only
translate rows to the local engine's objects and back -- every decision is made by the very
functions :func:`~newsclean.find_duplicates` calls:

===========================  ==========================================================
:func:`prepare_batches`      :func:`~newsclean.dedup.features.prepare` (chrome, normalization,
                             token and line hashes)
:func:`content_batches`      :func:`~newsclean.dedup.templates.content_fingerprints`
:func:`diverse_batches`      :func:`~newsclean.dedup.templates.is_diverse`
:func:`sketch_batches`       :func:`~newsclean.dedup.features.sketch_batch` (shingles,
                             MinHash, winnowing) and :func:`~newsclean.dedup.lsh.band_keys`
:func:`verify_batches`       :func:`~newsclean.dedup.verify.verify`
:func:`explained_batches`    :func:`~newsclean.dedup.verify.explained_by` (cannot-links)
===========================  ==========================================================

They need pandas (the ``spark`` extra), imported when first called.

>>> opt_str(float("nan")), sorted(_u64_set([-1, 5]))
(None, [5, 18446744073709551615])
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ..dedup.clusters import pair_tie
from ..dedup.features import Doc, DocFeatures, _body, prepare, sketch_batch
from ..dedup.lsh import band_keys, lsh_params
from ..dedup.params import DedupParams
from ..dedup.signatures import MinHasher
from ..dedup.templates import content_fingerprints, is_diverse
from ..dedup.verify import Evidence, capped, explained_by, verify
from .codec import pack_doc, pack_features, unpack_doc, unpack_features

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "content_batches",
    "diverse_batches",
    "explained_batches",
    "prepare_batches",
    "similarity_batches",
    "sketch_batches",
    "verify_batches",
]

_PREPARE_CHUNK = 32  # as the local engine: documents tokenized together
_SKETCH_CHUNK = 256  # documents sketched together


def opt_str(value: Any) -> str | None:
    """A pandas cell as ``str | None`` (Spark nulls arrive as None, NaN or pd.NA).

    >>> opt_str(None), opt_str(float("nan")), opt_str("2024-05-01")
    (None, None, '2024-05-01')
    """
    if value is None or type(value).__name__ == "NAType":
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return str(value)


def _u64_set(values: Any) -> set[int]:
    """Spark longs (line hashes stored as signed 64-bit) back to the engine's uint64 ints."""
    if values is None or (isinstance(values, float) and math.isnan(values)):
        return set()
    arr = np.asarray(values, dtype=np.int64)
    return set(arr.view(np.uint64).tolist())


def _as_long(values: npt.NDArray[Any]) -> npt.NDArray[np.int64]:
    """uint64 (or narrower unsigned) values as Spark longs (same bits for uint64)."""
    if values.dtype == np.uint64:
        return values.view(np.int64)
    return values.astype(np.int64)


def prepare_batches(batches: Iterator[pd.DataFrame], *, lang: str | None) -> Iterator[pd.DataFrame]:
    """``(_order, id, text, date, agency, strip)`` rows to ``(_order, id, text, date,
    agency, features, lines)``: the text without its sure chrome lines when ``strip`` (the
    text every later stage reads, so chrome is stripped once), the packed
    :class:`DocFeatures` and the document's distinct non-empty line hashes."""
    import pandas as pd

    for pdf in batches:
        bodies = [
            _body(str(t), bool(s), lang) for t, s in zip(pdf["text"], pdf["strip"], strict=True)
        ]
        # The features of the stripped text are those of the text stripped by prepare().
        items = [
            (str(i), b, opt_str(d), opt_str(a), False)
            for i, b, d, a in zip(pdf["id"], bodies, pdf["date"], pdf["agency"], strict=True)
        ]
        feats: list[DocFeatures] = []
        for lo in range(0, len(items), _PREPARE_CHUNK):
            feats.extend(prepare(items[lo : lo + _PREPARE_CHUNK], lang=lang))
        lines = []
        for f in feats:
            h = np.unique(f.line_hashes)
            lines.append(_as_long(h[h != 0]))
        yield pd.DataFrame(
            {
                "_order": pdf["_order"].to_numpy(dtype=np.int64),
                "id": pdf["id"],
                "text": bodies,
                "date": [f.date for f in feats],  # read into ISO 8601 by prepare()
                "agency": pdf["agency"],
                "features": [pack_features(f) for f in feats],
                "lines": lines,
            }
        )


def content_batches(
    batches: Iterator[pd.DataFrame], *, k: int, window: int
) -> Iterator[pd.DataFrame]:
    """``(_order, features, cands)`` to ``(_order, fp)``: the passage fingerprints of each
    document outside its template-candidate lines ``cands``."""
    import pandas as pd

    for pdf in batches:
        out = []
        for blob, cands in zip(pdf["features"], pdf["cands"], strict=True):
            f = unpack_features(bytes(blob), "", "")
            out.append(content_fingerprints(f, _u64_set(cands), k=k, window=window).tobytes())
        yield pd.DataFrame({"_order": pdf["_order"].to_numpy(dtype=np.int64), "fp": out})


def diverse_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """``(h, fps)`` to ``(h, template)``: whether the sampled documents holding line ``h``
    are different texts (then ``h`` is a site-template line)."""
    import pandas as pd

    for pdf in batches:
        verdicts = [
            is_diverse([np.frombuffer(bytes(b), dtype=np.uint32) for b in fps])
            for fps in pdf["fps"]
        ]
        yield pd.DataFrame({"h": pdf["h"].to_numpy(dtype=np.int64), "template": verdicts})


def sketch_batches(
    batches: Iterator[pd.DataFrame],
    *,
    params: DedupParams,
    lang: str | None,
    templates: Any = None,
) -> Iterator[pd.DataFrame]:
    """Prepared documents to their sketches, without the site-template lines
    ``templates`` (a Spark broadcast of the line hashes, or None): ``doc`` (the
    :func:`~newsclean.spark.codec.pack_doc` blob), LSH ``bands`` keys, passage fingerprints
    ``fps`` and their number ``n_fp``, the shingle-set ``size`` and the ``kept`` tokens
    outside template lines (the canonical choice's length)."""
    import pandas as pd

    p = params
    hasher = MinHasher(p.num_perm, p.seed)
    bands, rows = lsh_params(p.lsh_threshold, p.num_perm)
    lines: frozenset[int] = frozenset()
    if templates is not None:
        lines = frozenset(np.asarray(templates.value, dtype=np.uint64).tolist())
    for pdf in batches:
        feats = [
            unpack_features(
                bytes(blob), str(i), str(t), date=opt_str(d), agency=opt_str(a), lang=lang
            )
            for blob, i, t, d, a in zip(
                pdf["features"], pdf["id"], pdf["text"], pdf["date"], pdf["agency"], strict=True
            )
        ]
        docs: list[Doc] = []
        for lo in range(0, len(feats), _SKETCH_CHUNK):
            chunk = feats[lo : lo + _SKETCH_CHUNK]
            sketches = sketch_batch(chunk, lines, hasher, k=p.k, window=p.window)
            docs.extend(Doc(f, s) for f, s in zip(chunk, sketches, strict=True))
        if docs:
            sigs = np.stack([d.sketch.signature for d in docs])
            keys = _as_long(band_keys(sigs, bands, rows))
        else:
            keys = np.zeros((0, bands), dtype=np.int64)
        yield pd.DataFrame(
            {
                "_order": pdf["_order"].to_numpy(dtype=np.int64),
                "id": pdf["id"],
                "text": pdf["text"],
                "date": pdf["date"],
                "agency": pdf["agency"],
                "doc": [pack_doc(d) for d in docs],
                "bands": list(keys),
                "fps": [_as_long(d.sketch.fingerprints) for d in docs],
                "n_fp": [int(d.sketch.fingerprints.size) for d in docs],
                "size": [d.sketch.size for d in docs],
                "kept": [int(np.count_nonzero(d.sketch.keep)) for d in docs],
            }
        )


class _Docs:
    """Documents of one batch, unpacked once each (a document recurs across pairs)."""

    def __init__(self, pdf: pd.DataFrame, lang: str | None) -> None:
        self.pdf = pdf
        self.lang = lang
        self.cache: dict[int, Doc] = {}

    def get(self, row: int, prefix: str) -> Doc:
        pdf = self.pdf
        order = int(pdf[prefix + "order"].iat[row])
        doc = self.cache.get(order)
        if doc is None:
            doc = unpack_doc(
                bytes(pdf[prefix + "doc"].iat[row]),
                str(pdf[prefix + "id"].iat[row]),
                str(pdf[prefix + "text"].iat[row]),
                date=opt_str(pdf[prefix + "date"].iat[row]),
                agency=opt_str(pdf[prefix + "agency"].iat[row]),
                lang=self.lang,
            )
            self.cache[order] = doc
        return doc


def cap_group(pdf: pd.DataFrame, *, params: DedupParams, lang: str | None) -> pd.DataFrame:
    """``applyInPandas`` body: the candidate pairs ``(i, j)`` of one document ``j`` (with
    both documents, as :func:`verify_batches` gets them) that it is verified against,
    :func:`~newsclean.dedup.verify.capped` (the local engine's
    :func:`~newsclean.dedup.engine.cap_candidates`)."""
    import pandas as pd

    pdf = pdf.sort_values("a_order", kind="stable").reset_index(drop=True)
    docs = _Docs(pdf, lang)
    sets = [
        (docs.get(r, "b_").sketch.shingle_set, docs.get(r, "a_").sketch.shingle_set)
        for r in range(len(pdf))
    ]
    keep = np.array(capped(sets, params.min_containment, params.max_candidates), dtype=bool)
    return pd.DataFrame(
        {
            "i": pdf["a_order"].to_numpy(dtype=np.int64)[keep],
            "j": pdf["b_order"].to_numpy(dtype=np.int64)[keep],
        }
    )


def verify_batches(
    batches: Iterator[pd.DataFrame], *, params: DedupParams, lang: str | None
) -> Iterator[pd.DataFrame]:
    """Candidate pairs ``(i, j)`` with both documents (columns ``a_*`` for ``i``, ``b_*``
    for ``j``; ``i`` comes first in input order, as in the local engine) to their evidence:
    ``duplicate``, ``conflict`` and its ``kind``, the order of the side with a new ``lead``
    and its span ``lo:hi``, the ``score`` (rounded: ``sim``), the ``tie`` key of the pair
    (:func:`~newsclean.dedup.clusters.pair_tie`) and the ``reason``."""
    import pandas as pd

    for pdf in batches:
        docs = _Docs(pdf, lang)
        cols: dict[str, list[Any]] = {
            k: []
            for k in (
                "duplicate",
                "conflict",
                "kind",
                "lead",
                "lo",
                "hi",
                "own",
                "fig_a",
                "fig_b",
                "score",
                "sim",
                "tie",
            )
        }
        reasons = []
        for r in range(len(pdf)):
            a, b = docs.get(r, "a_"), docs.get(r, "b_")
            ev = verify(a, b, params)
            cols["duplicate"].append(ev.duplicate)
            cols["conflict"].append(ev.conflict)
            cols["kind"].append(ev.kind)
            lead = None
            if ev.lead_side:
                lead = int(pdf["a_order"].iat[r] if ev.lead_side == a.id else pdf["b_order"].iat[r])
            cols["lead"].append(lead)
            cols["lo"].append(ev.lead_span[0])
            cols["hi"].append(ev.lead_span[1])
            cols["own"].append(ev.new_lead)
            figures = ev.numbers[0] if ev.kind == "figures" and ev.numbers else ("", "")
            cols["fig_a"].append(figures[0])
            cols["fig_b"].append(figures[1])
            cols["score"].append(ev.score)
            cols["sim"].append(round(ev.score, 4))
            cols["tie"].append(pair_tie(a.sketch.shingles, b.sketch.shingles))
            reasons.append(ev.reason)
        yield pd.DataFrame(
            {
                "i": pdf["a_order"].to_numpy(dtype=np.int64),
                "j": pdf["b_order"].to_numpy(dtype=np.int64),
                **{k: pd.Series(v, dtype=_DTYPES[k]) for k, v in cols.items()},
                "reason": reasons,
            }
        )


_DTYPES = {
    "duplicate": "bool",
    "conflict": "bool",
    "kind": "object",
    "lead": "Int64",
    "lo": "int64",
    "hi": "int64",
    "own": "int64",
    "fig_a": "object",
    "fig_b": "object",
    "score": "float64",
    "sim": "float64",
    "tie": "int64",
}


def explained_batches(
    batches: Iterator[pd.DataFrame], *, k: int, lang: str | None
) -> Iterator[pd.DataFrame]:
    """Conflicting pairs ``(i, j)`` with a common copy ``z`` (columns ``z_*``), the lead
    side ``x`` and the other ``y`` (columns ``x_*``, ``y_*``) and the conflict (``kind``,
    ``own``, span ``lo:hi``, figures ``fig_a``/``fig_b``) to ``(i, j, covered)``: whether
    ``z`` explains the conflict (:func:`~newsclean.dedup.verify.explained_by`), so that it
    is dropped, as the local engine drops it."""
    import pandas as pd

    for pdf in batches:
        docs = _Docs(pdf, lang)
        covered = []
        for r in range(len(pdf)):
            fig_a, fig_b = str(pdf["fig_a"].iat[r] or ""), str(pdf["fig_b"].iat[r] or "")
            ev = Evidence(
                False,
                reason="",
                kind=str(pdf["kind"].iat[r]),
                new_lead=int(pdf["own"].iat[r]),
                lead_span=(int(pdf["lo"].iat[r]), int(pdf["hi"].iat[r])),
                numbers=((fig_a, fig_b),) if fig_a else (),
            )
            z, x, y = docs.get(r, "z_"), docs.get(r, "x_"), docs.get(r, "y_")
            covered.append(explained_by(z, x, y, ev, k))
        yield pd.DataFrame(
            {
                "i": pdf["i"].to_numpy(dtype=np.int64),
                "j": pdf["j"].to_numpy(dtype=np.int64),
                "covered": pd.Series(covered, dtype="bool"),
            }
        )


def similarity_batches(
    batches: Iterator[pd.DataFrame], *, params: DedupParams, lang: str | None
) -> Iterator[pd.DataFrame]:
    """Members not verified against their canonical copy (joined through other copies):
    ``verify(canonical, member)`` as the local engine does, to ``(_order, sim, reason)``."""
    import pandas as pd

    for pdf in batches:
        docs = _Docs(pdf, lang)
        sims, reasons = [], []
        for r in range(len(pdf)):
            ev = verify(docs.get(r, "a_"), docs.get(r, "b_"), params)
            sims.append(round(ev.score, 4))
            reasons.append(ev.reason)
        yield pd.DataFrame(
            {
                "_order": pdf["b_order"].to_numpy(dtype=np.int64),
                "sim": pd.Series(sims, dtype="float64"),
                "reason": reasons,
            }
        )
