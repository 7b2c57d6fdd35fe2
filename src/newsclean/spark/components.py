"""Clusters in Spark: connected components, then the cannot-links of the local engine.

The local engine (:mod:`newsclean.dedup.clusters`) joins verified copies strongest first
and refuses a join when a *cannot-link* (a pair rejected for negative evidence: a new lead,
conflicting numbers or names, dates far apart) runs between the two groups.  That greedy
pass looks sequential, but it never crosses a connected component of the copy graph: an
edge joins two groups of one component, and a cannot-link between two components can never
be tested.  So the same result is computed in two distributed steps:

1. :func:`connected_components` -- the components of the copy graph, by the
   large-star / small-star algorithm (Kiveris et al., "Connected Components in MapReduce
   and Beyond", 2014): every round is a few joins and aggregations; the graph converges to
   stars centred on each component's smallest node, in O(log^2 n) rounds;
2. :func:`split_blocked` -- the components that hold a cannot-link (few: most copies of a
   story agree) are each handed whole to one task, which runs the local engine's own
   :func:`~newsclean.dedup.clusters.cluster` on the component's edges and cannot-links.
   Every other component is a cluster as it is.

Nothing is collected to the driver; each round is checkpointed so that the plan does not
grow with the number of rounds.  :func:`split_component` is the per-component step:

>>> split_component([(0.9, 10, 11, 5), (0.8, 11, 12, 3), (0.7, 12, 13, 1)], [(10, 13)])
{10: 10, 11: 10, 12: 10, 13: 13}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..dedup.clusters import cluster
from .session import materialize

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["connected_components", "split_blocked", "split_component"]

MAX_ROUNDS = 100
"""Large-star / small-star rounds before giving up (a graph of 2**50 nodes needs fewer)."""


def split_component(
    edges: Iterable[tuple[float, int, int, int]], cannot: Iterable[tuple[int, int]]
) -> dict[int, int]:
    """The local engine's union-find over one component: ``edges`` are ``(score, i, j,
    tie)`` verified copies between document orders with the pair's
    :func:`~newsclean.dedup.clusters.pair_tie` key, ``cannot`` the cannot-links.  Returns
    each node's cluster label, the smallest order in its cluster."""
    edge_list = list(edges)
    nodes = sorted({n for _, i, j, _ in edge_list for n in (i, j)})
    index = {n: k for k, n in enumerate(nodes)}
    ties = {(index[i], index[j]): t for _, i, j, t in edge_list}
    # Orders and local indexes sort alike, so edges are applied in the same order.
    uf = cluster(
        len(nodes),
        [(s, index[i], index[j]) for s, i, j, _ in edge_list],
        [(index[i], index[j]) for i, j in cannot if i in index and j in index],
        lambda i, j: ties[(i, j)],
    )
    smallest: dict[int, int] = {}
    out: dict[int, int] = {}
    for k, n in enumerate(nodes):  # nodes ascend: the first of a group is its smallest
        out[n] = smallest.setdefault(uf.find(k), n)
    return out


def _split_groups(rows: pd.DataFrame) -> pd.DataFrame:
    """``applyInPandas`` body: one blocked component's edges and cannot-links (``cannot``
    rows) in, labels out."""
    import pandas as pd

    edges, cannot = rows[~rows["cannot"]], rows[rows["cannot"]]
    labels = split_component(
        zip(
            edges["score"].tolist(),
            edges["i"].tolist(),
            edges["j"].tolist(),
            edges["tie"].tolist(),
            strict=True,
        ),
        zip(cannot["i"].tolist(), cannot["j"].tolist(), strict=True),
    )
    return pd.DataFrame({"node": list(labels), "label": list(labels.values())}, dtype="int64")


def _large_star(e: DataFrame) -> DataFrame:
    """Every node links its larger neighbours to the smallest node of its neighbourhood."""
    from pyspark.sql import functions as F

    both = e.select("u", "v").unionByName(e.select(F.col("v").alias("u"), F.col("u").alias("v")))
    low = both.groupBy("u").agg(F.least(F.min("v"), F.col("u")).alias("m"))
    return (
        both.join(low, "u")
        .filter(F.col("v") > F.col("u"))
        .select(F.col("v").alias("u"), F.col("m").alias("v"))
        .distinct()
    )


def _small_star(e: DataFrame) -> DataFrame:
    """Every node links itself and its smaller neighbours to the smallest of them."""
    from pyspark.sql import functions as F

    down = e.select(
        F.greatest("u", "v").alias("u"), F.least("u", "v").alias("v")
    )  # v < u: u's smaller neighbours
    low = down.groupBy("u").agg(F.min("v").alias("m"))
    linked = down.join(low, "u").select(F.col("v").alias("a"), F.col("m").alias("b"))
    own = low.select(F.col("u").alias("a"), F.col("m").alias("b"))
    out = linked.unionByName(own).filter(F.col("a") != F.col("b"))
    return out.select(F.greatest("a", "b").alias("u"), F.least("a", "b").alias("v")).distinct()


def _is_star_forest(e: DataFrame) -> bool:
    """Whether every node has at most one smaller neighbour and that one has none: then each
    star is a whole component, centred on its smallest node."""
    from pyspark.sql import functions as F

    parents = e.groupBy("u").agg(F.count("*").alias("n"))
    if not parents.filter(F.col("n") > 1).isEmpty():
        return False
    return e.join(parents.select(F.col("u").alias("v")), "v").isEmpty()


def connected_components(edges: DataFrame, *, src: str = "i", dst: str = "j") -> DataFrame:
    """``(node, comp)`` for every node of the undirected graph ``edges`` (columns ``src`` and
    ``dst``, long), ``comp`` being the smallest node of its component.  Self-loops and
    repeated edges are allowed; nodes without edges are not in the output."""
    from pyspark.sql import functions as F

    e = (
        edges.select(F.col(src).cast("long").alias("a"), F.col(dst).cast("long").alias("b"))
        .filter(F.col("a") != F.col("b"))
        .select(F.greatest("a", "b").alias("u"), F.least("a", "b").alias("v"))
        .distinct()
    )
    e = materialize(e)
    for _ in range(MAX_ROUNDS):
        e = materialize(_small_star(_large_star(e)))
        if _is_star_forest(e):
            break
    else:  # pragma: no cover - needs a graph far beyond any corpus
        raise RuntimeError(f"connected components did not converge in {MAX_ROUNDS} rounds")
    leaves = e.select(F.col("u").alias("node"), F.col("v").alias("comp"))
    roots = e.select(F.col("v").alias("node"), F.col("v").alias("comp")).distinct()
    return leaves.unionByName(roots)


def split_blocked(
    edges: DataFrame, cannot: DataFrame, components: DataFrame
) -> tuple[DataFrame, DataFrame]:
    """Cluster labels ``(node, label)`` of every node of ``components``.

    ``edges`` are the verified copies ``(i, j, score, tie)``, ``cannot`` the cannot-links
    ``(i, j)`` and ``components`` the :func:`connected_components` of ``edges``.  A
    component without a cannot-link inside is one cluster (label: its smallest node); one
    with cannot-links is split by :func:`split_component` in one task.  Returns the labels
    and the blocked components ``(comp)``.
    """
    from pyspark.sql import functions as F

    comp_i = components.select(F.col("node").alias("i"), F.col("comp"))
    comp_j = components.select(F.col("node").alias("j"), F.col("comp").alias("comp_j"))
    inside = (
        cannot.join(comp_i, "i")
        .join(comp_j, "j")
        .filter(F.col("comp") == F.col("comp_j"))
        .select("comp", "i", "j")
    )
    blocked = inside.select("comp").distinct()
    blocked_edges = (
        edges.join(comp_i, "i")
        .join(blocked, "comp")
        .select("comp", "i", "j", "score", "tie", F.lit(False).alias("cannot"))
    )
    rows = blocked_edges.unionByName(
        inside.select(
            "comp",
            "i",
            "j",
            F.lit(None).cast("double").alias("score"),
            F.lit(None).cast("long").alias("tie"),
            F.lit(True).alias("cannot"),
        )
    )
    split = rows.groupBy("comp").applyInPandas(_split_groups, "node long, label long")
    whole = components.join(blocked, "comp", "left_anti").select(
        "node", F.col("comp").alias("label")
    )
    return whole.unionByName(split), blocked
