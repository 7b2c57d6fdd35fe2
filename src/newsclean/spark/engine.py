"""dedupe_dataframe: the local engine's de-duplication as a Spark job, with identical clusters.

The stages are those of :func:`newsclean.find_duplicates` (see :mod:`newsclean.dedup.engine`),
each made distributed, and each calling the local engine's own functions on the documents
(:mod:`newsclean.spark.tasks`):

=================  ==============================================================================
features           ``mapInPandas``: chrome stripping, normalization, token and line hashes
site templates     ``groupBy`` line hash: lines on ``template_min_docs`` documents; the first
                   documents (input order) holding each (a window); their content fingerprints
                   (``mapInPandas``); the diversity check per line.  The confirmed lines (a
                   site's menus and footers: few) are broadcast to the next stage
sketches           ``mapInPandas``: shingles without template lines, MinHash signatures, LSH band
                   keys, winnowed passage fingerprints
LSH candidates     ``groupBy`` band key: every pair of a bucket of up to 64 documents, each member
                   with the bucket's first document in a larger one (as ``lsh.band_pairs``)
passages           ``groupBy`` fingerprint: pairs of its holders (up to 16: all pairs; up to
                   4,096: with the first), shared fingerprints counted per pair
verification       each candidate pair joined with its two documents, ``verify`` in ``mapInPandas``
cannot-links       conflicting pairs joined with the copies both have in common (``covers``)
clusters           connected components (large-star / small-star), components holding a
                   cannot-link split by the local union-find (:mod:`newsclean.spark.components`)
canonical copy     ``groupBy`` cluster: the smallest rank (date, agency credit, length, order)
cluster ids        clusters numbered by their first document in input order (sorted, then
                   ``zipWithIndex``): the numbers of ``find_duplicates``
similarity         the member's evidence against the canonical copy, verified when it joined
                   through others
=================  ==============================================================================

Everything that depends on the corpus as a whole or on input order is reproduced exactly:
input order is the ``_order`` of every row, so the template samples, the "first document"
of large buckets, the order in which copies are joined, the canonical tie-break and the
cluster numbers are those of the local engine.  Nothing per document is collected to the
driver.

>>> output_columns()
('cluster_id', 'canonical_id', 'similarity', 'cluster_size', 'match', 'reason')
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..dedup.engine import make_params
from ..dedup.lsh import MAX_BUCKET
from ..dedup.params import DedupParams
from ..dedup.passages import MAX_COMMON, MAX_POSTINGS
from ..dedup.templates import SAMPLE
from ..dedup.verify import RELATIVE_CONFLICTS
from ..errors import NewscleanError
from . import tasks
from .components import connected_components, split_blocked
from .session import materialize, require_pyspark

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame

__all__ = ["SparkDedupStats", "dedupe_dataframe", "output_columns"]

_OUT = ("cluster_id", "canonical_id", "similarity", "cluster_size", "match", "reason")
_DOC_COLS = ("id", "text", "date", "agency", "doc")

BROADCAST_ROWS = 2_000_000
"""Pairs (or other rows) up to this many are broadcast to the documents' tasks."""


def output_columns() -> tuple[str, ...]:
    """The columns :func:`dedupe_dataframe` adds."""
    return _OUT


@dataclass
class SparkDedupStats:
    """Counts and stage times of one :func:`dedupe_dataframe` run (filled when ``stats`` is
    given): documents, template lines, candidate pairs by source, verified and duplicate
    pairs, conflicts, cannot-links, components split for a cannot-link, clusters, seconds."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def _col_or_null(name: str | None, cast: str = "string") -> Column:
    from pyspark.sql import functions as F

    return F.col(name).cast(cast) if name else F.lit(None).cast(cast)


def _check_input(
    df: DataFrame,
    text_col: str,
    id_col: str,
    date_col: str | None,
    agency_col: str | None,
    order_col: str | None,
) -> None:
    from pyspark.sql import functions as F
    from pyspark.sql.types import IntegralType, StringType

    names = set(df.columns)
    for what, name in (
        ("text_col", text_col),
        ("id_col", id_col),
        ("date_col", date_col),
        ("agency_col", agency_col),
        ("order_col", order_col),
    ):
        if name is not None and name not in names:
            raise NewscleanError(f"{what}={name!r}: no such column (columns: {sorted(names)})")
    clash = names & set(_OUT) | names & {"_order"}
    if clash:
        raise NewscleanError(f"the input already has output columns {sorted(clash)}: rename them")
    if not isinstance(df.schema[text_col].dataType, StringType):
        raise NewscleanError(
            f"text column {text_col!r} must be a string column, "
            f"not {df.schema[text_col].dataType.simpleString()}"
        )
    if order_col and not isinstance(df.schema[order_col].dataType, IntegralType):
        raise NewscleanError(
            f"order column {order_col!r} must hold integers, "
            f"not {df.schema[order_col].dataType.simpleString()}"
        )
    # One aggregation finds a missing id or text, or a repeated id.
    per_id = df.groupBy(F.col(id_col).alias("id")).agg(
        F.count("*").alias("n"), F.max(F.col(text_col).isNull().cast("int")).alias("no_text")
    )
    bad = (
        per_id.filter(F.col("id").isNull() | (F.col("n") > 1) | (F.col("no_text") == 1))
        .orderBy(F.col("id").isNotNull(), F.col("no_text").desc())
        .limit(1)
        .collect()
    )
    if bad:
        row = bad[0]
        if row["id"] is None:
            raise NewscleanError(f"a document has no id (column {id_col!r} is null)")
        if row["no_text"]:
            raise NewscleanError(f"a document has no text (id {row['id']!r})")
        raise NewscleanError(f"duplicate document id {row['id']!r}")
    if order_col:
        dup = df.groupBy(order_col).count().filter(F.col("count") > 1).limit(1).collect()
        if dup:
            raise NewscleanError(f"duplicate order value ({order_col}) {dup[0][order_col]!r}")


def _side(docs: DataFrame, prefix: str, key: str) -> DataFrame:
    """The document columns renamed ``prefix*``, keyed by ``key`` (its order)."""
    from pyspark.sql import functions as F

    return docs.select(
        F.col("_order").alias(key),
        F.col("_order").alias(prefix + "order"),
        *[F.col(c).alias(prefix + c) for c in _DOC_COLS],
    )


def _attach(rows: DataFrame, docs: DataFrame, sides: list[tuple[str, str]]) -> DataFrame:
    """``rows`` (unique) with the documents their ``(key, prefix)`` columns name.

    When the rows are few enough to broadcast, each side is a scan of the documents
    against the broadcast rows and only the matched documents move (to meet their
    partner); otherwise the documents are shuffled to the rows, once per side."""
    from pyspark.sql import functions as F

    rows = materialize(rows)
    if rows.count() > BROADCAST_ROWS:
        out = rows
        for key, prefix in sides:
            out = out.join(_side(docs, prefix, key), key)
        return out
    cols = rows.columns
    parts = [_side(docs, prefix, key).join(F.broadcast(rows), key) for key, prefix in sides]
    out = parts[0]
    for part in parts[1:]:
        out = out.join(part, cols)
    return out


def _doc_cols(prefix: str) -> list[str]:
    return [prefix + "order", *[prefix + c for c in _DOC_COLS]]


def _templates(feats: DataFrame, p: DedupParams) -> DataFrame | None:
    """``(h)``: the site-template lines of the corpus, as ``find_templates`` finds them
    (None when template detection is off): lines on ``template_min_docs`` documents whose
    first documents (in input order) hold different texts outside candidate lines."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    if p.template_min_docs < 2:
        return None
    lines = feats.select("_order", F.explode("lines").alias("h"))
    cand = lines.groupBy("h").count().filter(F.col("count") >= p.template_min_docs).select("h")
    held = lines.join(cand, "h")
    first = Window.partitionBy("h").orderBy("_order")
    sample = (
        held.withColumn("rank", F.row_number().over(first))
        .filter(F.col("rank") <= SAMPLE)
        .select("h", "_order")
    )
    sampled_docs = sample.select("_order").distinct()
    doc_cands = (
        held.join(sampled_docs, "_order").groupBy("_order").agg(F.collect_list("h").alias("cands"))
    )
    content = (
        feats.join(doc_cands, "_order")
        .select("_order", "features", "cands")
        .mapInPandas(
            functools.partial(tasks.content_batches, k=p.k, window=p.window),
            "_order long, fp binary",
        )
    )
    return (
        sample.join(content, "_order")
        .groupBy("h")
        .agg(F.collect_list("fp").alias("fps"))
        .mapInPandas(tasks.diverse_batches, "h long, template boolean")
        .filter("template")
        .select("h")
    )


def _group_pairs(rows: DataFrame, key: str, value: Column, all_pairs: int, most: int) -> DataFrame:
    """``(a, b)`` values of the rows sharing ``key`` (groups sorted by value): every pair
    in a group of up to ``all_pairs`` rows, each row with the first in a group of up to
    ``most`` rows, none in a larger one -- the rule of ``lsh.band_pairs`` and
    ``passages.passage_pairs``, with one shuffle."""
    from pyspark.sql import functions as F

    groups = (
        rows.groupBy(key)
        .agg(F.array_sort(F.collect_list(value)).alias("d"))
        .select("d", F.size("d").alias("m"))
        .filter((F.col("m") >= 2) & (F.col("m") <= most))
    )
    pairs = F.expr(
        f"IF(m <= {all_pairs}, "
        "flatten(transform(sequence(0, m - 2), x -> "
        "transform(slice(d, x + 2, m - x - 1), y -> named_struct('a', d[x], 'b', y)))), "
        "transform(slice(d, 2, m - 1), y -> named_struct('a', d[0], 'b', y)))"
    )
    return groups.select(F.explode(pairs).alias("p")).select("p.a", "p.b")


def _lsh_pairs(docs: DataFrame) -> DataFrame:
    """``lsh.band_pairs`` over the band keys, empty documents' pairs dropped afterwards."""
    from pyspark.sql import functions as F

    keys = docs.select(
        F.explode("bands").alias("key"),
        F.struct("_order", (F.col("size") > 0).alias("ne")).alias("v"),
    )
    pairs = _group_pairs(keys, "key", F.col("v"), MAX_BUCKET, 1 << 62)
    return pairs.filter(F.col("a.ne") & F.col("b.ne")).select(
        F.col("a._order").alias("i"), F.col("b._order").alias("j")
    )


def _passage_pairs(docs: DataFrame, p: DedupParams) -> DataFrame:
    """``passages.passage_pairs`` and the engine's containment estimate filter."""
    from pyspark.sql import functions as F

    fps = docs.select(F.explode("fps").alias("fp"), "_order")
    pairs = _group_pairs(fps, "fp", F.col("_order"), MAX_POSTINGS, MAX_COMMON)
    sizes = docs.select("_order", "n_fp")
    shared = (
        pairs.groupBy(F.col("a").alias("i"), F.col("b").alias("j"))
        .agg(F.count("*").alias("shared"))
        .filter(F.col("shared") >= p.min_shared_passages)
        .join(sizes.select(F.col("_order").alias("i"), F.col("n_fp").alias("n_i")), "i")
        .join(sizes.select(F.col("_order").alias("j"), F.col("n_fp").alias("n_j")), "j")
    )
    # The same float expression as the local engine: (0.5 * min_containment) * smaller.
    factor = 0.5 * p.min_containment
    return shared.filter(F.col("shared") >= F.lit(factor) * F.least("n_i", "n_j")).select("i", "j")


def _cap(
    pairs: DataFrame, docs: DataFrame, p: DedupParams, lang: str | None
) -> tuple[DataFrame, int]:
    """``pairs`` without those the local engine's ``cap_candidates`` drops: a document
    ``j`` with more than ``max_candidates`` earlier candidates is verified against the most
    similar (its pairs joined with both documents and decided in one ``applyInPandas``
    group); also how many pairs were dropped.  Most collections have no such document,
    and then this is one aggregation."""
    from pyspark.sql import functions as F

    if p.max_candidates <= 0:
        return pairs, 0
    heavy = pairs.groupBy("j").count().filter(F.col("count") > p.max_candidates).select("j")
    heavy = materialize(heavy)
    if heavy.isEmpty():
        return pairs, 0
    many = materialize(pairs.join(heavy, "j"))
    light = pairs.join(heavy, "j", "left_anti").select("i", "j")
    full = _attach(many.select("i", "j"), docs, [("i", "a_"), ("j", "b_")])

    def cap_group(pdf):  # type: ignore[no-untyped-def]  # (a partial would make Spark warn)
        return tasks.cap_group(pdf, params=p, lang=lang)

    kept = (
        full.select(*_doc_cols("a_"), *_doc_cols("b_"), F.col("b_order").alias("_j"))
        .groupBy("_j")
        .applyInPandas(cap_group, "i long, j long")
    )
    kept = materialize(kept)
    dropped = many.count() - kept.count()
    return materialize(light.unionByName(kept)), dropped


def _verify(pairs: DataFrame, docs: DataFrame, p: DedupParams, lang: str | None) -> DataFrame:
    full = _attach(pairs, docs, [("i", "a_"), ("j", "b_")])
    return full.select(*_doc_cols("a_"), *_doc_cols("b_")).mapInPandas(
        functools.partial(tasks.verify_batches, params=p, lang=lang),
        "i long, j long, duplicate boolean, conflict boolean, kind string, lead long, "
        "lo long, hi long, own long, fig_a string, fig_b string, score double, sim double, "
        "tie long, reason string",
    )


def _cannot_links(
    evidence: DataFrame, docs: DataFrame, p: DedupParams, lang: str | None
) -> DataFrame:
    """``engine.cannot_links``: the conflicting pairs, except the relative conflicts (new
    lead, update, borrowed background, lead figures) that a copy of both explains
    (:func:`~newsclean.dedup.verify.explained_by`)."""
    from pyspark.sql import functions as F

    dup = evidence.filter("duplicate").select("i", "j")
    adj = dup.select(F.col("i").alias("u"), F.col("j").alias("v")).unionByName(
        dup.select(F.col("j").alias("u"), F.col("i").alias("v"))
    )
    relative = F.col("kind").isin(*RELATIVE_CONFLICTS) | (
        (F.col("kind") == "figures") & (F.col("fig_a") != "")
    )
    # the lead side x (the second text when the conflict names none, as the local engine
    # takes it) and the other, y
    x = F.when(F.col("lead").isNotNull(), F.col("lead")).otherwise(F.col("j"))
    soft = (
        evidence.filter(F.col("conflict") & relative)
        .select("i", "j", x.alias("x"), "kind", "lo", "hi", "own", "fig_a", "fig_b")
        .withColumn("y", F.col("i") + F.col("j") - F.col("x"))
    )
    common = soft.join(adj.select(F.col("u").alias("i"), F.col("v").alias("z")), "i").join(
        adj.select(F.col("u").alias("j"), F.col("v").alias("z")), ["j", "z"]
    )
    checks = (
        _attach(common, docs, [("z", "z_"), ("x", "x_"), ("y", "y_")])
        .select(
            "i",
            "j",
            "kind",
            "lo",
            "hi",
            "own",
            "fig_a",
            "fig_b",
            *_doc_cols("z_"),
            *_doc_cols("x_"),
            *_doc_cols("y_"),
        )
        .mapInPandas(
            functools.partial(tasks.explained_batches, k=p.k, lang=lang),
            "i long, j long, covered boolean",
        )
    )
    dropped = checks.filter("covered").select("i", "j").distinct()
    return evidence.filter("conflict").select("i", "j").join(dropped, ["i", "j"], "left_anti")


def _rank_key() -> Column:
    """``canonical.rank_key`` as a struct: Spark orders structs field by field, and strings
    by their UTF-8 bytes, which is Python's code-point order."""
    from pyspark.sql import functions as F

    has_date = F.col("date").isNotNull() & (F.col("date") != "")
    has_agency = F.col("agency").isNotNull() & (F.col("agency") != "")
    return F.struct(
        F.when(has_date, 0).otherwise(1).alias("no_date"),
        F.when(has_date, F.col("date")).otherwise("").alias("date"),
        F.when(has_agency, 0).otherwise(1).alias("no_agency"),
        (-F.col("kept")).alias("shorter"),
        F.col("_order").alias("order"),
        F.col("id").alias("id"),
    )


def _number_clusters(canon: DataFrame) -> DataFrame:
    """``(label, cluster_id)``: clusters numbered 0, 1, ... by their first document's input
    order, as ``find_duplicates`` numbers them (a sort and ``zipWithIndex``, which only
    sends the number of rows of each partition to the driver)."""
    from pyspark.sql.types import LongType, StructField, StructType

    ordered = canon.select("label").orderBy("label")
    numbered = ordered.rdd.zipWithIndex().map(lambda row_n: (row_n[0][0], row_n[1]))
    schema = StructType([StructField("label", LongType()), StructField("cluster_id", LongType())])
    return ordered.sparkSession.createDataFrame(numbered, schema)


def dedupe_dataframe(
    df: DataFrame,
    *,
    text_col: str = "text",
    id_col: str = "id",
    date_col: str | None = None,
    agency_col: str | None = None,
    order_col: str | None = None,
    threshold: float | None = None,
    params: DedupParams | None = None,
    chrome: bool | str = True,
    lang: str | None = None,
    partitions: int | None = None,
    stats: SparkDedupStats | None = None,
    **options: Any,
) -> DataFrame:
    """Cluster the rows of ``df`` into copies of one story, as :func:`newsclean.find_duplicates`.

    ``df`` has a unique string id (``id_col``) and the text (``text_col``); ``date_col``
    and ``agency_col`` (ISO dates, agency ids) feed the canonical choice and the date checks
    as an :class:`~newsclean.Article`'s would.  Rows are in *input order*: ``order_col``
    (unique, sortable) when given, else the DataFrame's own row order.  ``chrome`` strips
    site chrome from the text first (``False``: never; a column name: per row).
    ``threshold``, ``params`` and ``**options`` are the :class:`DedupParams` of
    ``find_duplicates``; ``partitions`` repartitions the documents for the per-document
    stages (default: at least Spark's default parallelism).

    Returns ``df`` with the columns of :func:`output_columns`: ``cluster_id`` (the number
    ``find_duplicates`` gives the cluster), ``canonical_id``, ``similarity`` (to the
    canonical copy; 1.0 for the canonical copy), ``cluster_size``, ``match``
    (``canonical``, ``duplicate``: verified against the canonical copy, ``linked``: joined
    through other copies) and ``reason`` (the verification's reason).  The result is
    materialized (checkpointed) before it is returned; nothing per document is collected to
    the driver.  The clusters, canonical copies and similarities are those of
    ``find_duplicates`` on the same documents in the same order.

    >>> out = dedupe_dataframe(df, threshold=0.5)  # doctest: +SKIP
    >>> out.select("id", "cluster_id", "canonical_id", "similarity").show()  # doctest: +SKIP
    """
    require_pyspark()
    from pyspark.sql import functions as F

    p = make_params(params, threshold, options)
    timer = _Timer(stats)
    _check_input(df, text_col, id_col, date_col, agency_col, order_col)
    spark = df.sparkSession
    order = F.col(order_col).cast("long") if order_col else F.monotonically_increasing_id()
    base = df.withColumn("_order", order)
    if order_col is None:  # row ids are positions in tasks: computed once
        base = materialize(base)
    if isinstance(chrome, str):
        strip = F.coalesce(F.col(chrome).cast("boolean"), F.lit(False))
    else:
        strip = F.lit(bool(chrome))
    items = base.select(
        "_order",
        F.col(id_col).cast("string").alias("id"),
        F.col(text_col).alias("text"),
        _col_or_null(date_col).alias("date"),
        _col_or_null(agency_col).alias("agency"),
        strip.alias("strip"),
    )
    wanted = partitions or spark.sparkContext.defaultParallelism
    if partitions or items.rdd.getNumPartitions() < wanted:
        items = items.repartition(wanted)
    feats = materialize(
        items.mapInPandas(
            functools.partial(tasks.prepare_batches, lang=lang),
            "_order long, id string, text string, date string, agency string, "
            "features binary, lines array<long>",
        )
    )
    timer.count("docs", feats)
    timer.lap("prepare")

    # The template lines are few (a site's menus and footers): their hashes, not
    # documents, go to the driver and back to every task.
    found = _templates(feats, p)
    templates = None
    if found is not None:
        hashes = np.array([row["h"] for row in found.collect()], dtype=np.int64)
        templates = spark.sparkContext.broadcast(hashes.view(np.uint64))
        if stats is not None:
            stats.counts["template_lines"] = int(hashes.size)
    timer.lap("templates")
    docs = materialize(
        feats.mapInPandas(
            functools.partial(tasks.sketch_batches, params=p, lang=lang, templates=templates),
            "_order long, id string, text string, date string, agency string, doc binary, "
            "bands array<long>, fps array<long>, n_fp long, size long, kept long",
        )
    )
    del feats  # the executors drop it once it is unreferenced
    timer.lap("sketch")

    lsh = _lsh_pairs(docs)
    pas = _passage_pairs(docs, p)
    pairs = materialize(lsh.unionByName(pas).distinct())
    timer.count("candidate_pairs", pairs)
    timer.count("candidates_lsh", lsh.distinct())
    timer.count("candidates_passages", pas)
    pairs, dropped = _cap(pairs, docs, p, lang)
    if stats is not None:
        stats.counts["candidates_capped"] = dropped
    timer.lap("candidates")

    evidence = materialize(_verify(pairs, docs, p, lang))
    timer.count("verified_pairs", evidence)
    timer.lap("verify")

    cannot = materialize(_cannot_links(evidence, docs, p, lang))
    edges = evidence.filter("duplicate").select("i", "j", "score", "tie")
    components = connected_components(edges)
    labels, blocked = split_blocked(edges, cannot, components)
    labels = materialize(labels)
    timer.count("duplicate_pairs", edges)
    timer.count("conflicts", evidence.filter("conflict"))
    timer.count("cannot_links", cannot)
    timer.count("split_components", blocked)
    timer.lap("clusters")

    ranked = docs.join(labels.withColumnRenamed("node", "_order"), "_order", "left").select(
        "_order", "id", F.coalesce("label", "_order").alias("label"), _rank_key().alias("rank")
    )
    canon = materialize(
        ranked.groupBy("label").agg(F.min("rank").alias("c"), F.count("*").alias("cluster_size"))
    )
    canon = canon.join(_number_clusters(canon), "label").select(
        "label",
        "cluster_id",
        "cluster_size",
        F.col("c.order").alias("canon"),
        F.col("c.id").alias("canonical_id"),
    )
    timer.count("clusters", canon)
    members = ranked.select("_order", "label").join(canon, "label")
    assigned = _similarity(members, evidence, docs, p, lang)
    out = materialize(base.join(assigned, "_order").drop("_order"))
    if templates is not None:
        templates.unpersist()
    timer.lap("canonical_and_similarity")
    return out


def _similarity(
    members: DataFrame, evidence: DataFrame, docs: DataFrame, p: DedupParams, lang: str | None
) -> DataFrame:
    """``(_order, cluster_id, canonical_id, similarity, cluster_size, match, reason)``."""
    from pyspark.sql import functions as F

    is_canon = F.col("_order") == F.col("canon")
    ev = evidence.select(
        F.col("i").alias("lo"),
        F.col("j").alias("hi"),
        F.col("duplicate").alias("ev_dup"),
        F.col("sim").alias("ev_sim"),
        F.col("reason").alias("ev_reason"),
    )
    others = (
        members.filter(~is_canon)
        .select(
            "*",
            F.least("_order", "canon").alias("lo"),
            F.greatest("_order", "canon").alias("hi"),
        )
        .join(ev, ["lo", "hi"], "left")
    )
    direct = others.filter(F.col("ev_sim").isNotNull()).select(
        "_order",
        F.col("ev_sim").alias("similarity"),
        F.when(F.col("ev_dup"), "duplicate").otherwise("linked").alias("match"),
        F.col("ev_reason").alias("reason"),
    )
    missing = others.filter(F.col("ev_sim").isNull()).select(
        F.col("canon").alias("a_key"), F.col("_order").alias("b_key")
    )
    checked = (
        _attach(missing, docs, [("a_key", "a_"), ("b_key", "b_")])
        .select(*_doc_cols("a_"), *_doc_cols("b_"))
        .mapInPandas(
            functools.partial(tasks.similarity_batches, params=p, lang=lang),
            "_order long, sim double, reason string",
        )
        .select(
            "_order", F.col("sim").alias("similarity"), F.lit("linked").alias("match"), "reason"
        )
    )
    canonical = members.filter(is_canon).select(
        "_order",
        F.lit(1.0).alias("similarity"),
        F.lit("canonical").alias("match"),
        F.lit(None).cast("string").alias("reason"),
    )
    sims = canonical.unionByName(direct).unionByName(checked)
    return (
        members.select("_order", "cluster_id", "canonical_id", "cluster_size")
        .join(sims, "_order")
        .select("_order", *_OUT)
    )


class _Timer:
    """Stage times and counts into a :class:`SparkDedupStats`, when one is given (the
    counts are extra Spark jobs, so they are only run then)."""

    def __init__(self, stats: SparkDedupStats | None) -> None:
        self.stats = stats
        self.t = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        if self.stats is not None:
            self.stats.seconds[name] = now - self.t
        self.t = now

    def count(self, name: str, df: DataFrame) -> None:
        if self.stats is not None:
            self.stats.counts[name] = df.count()
