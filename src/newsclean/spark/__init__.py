"""newsclean on Apache Spark: the same de-duplication, with clusters identical to the local
engine's (optional extra: ``pip install 'newsclean[spark]'``).

* :func:`dedupe_dataframe` -- cluster the rows of a Spark DataFrame as
  :func:`newsclean.find_duplicates` clusters a list (:mod:`newsclean.spark.engine`);
* :func:`run_spark_dedupe` -- ``newsclean dedupe --engine spark``: JSONL or Parquet dumps
  in, the de-duplication report out (:mod:`newsclean.spark.dumps`);
* :func:`spark_session` -- the active session, or a local one;
* :func:`connected_components` -- large-star / small-star in Spark
  (:mod:`newsclean.spark.components`).

See ``docs/scale.md`` for running on a cluster.

>>> from newsclean.spark import dedupe_dataframe, spark_session
>>> spark = spark_session("local[2]")  # doctest: +SKIP
>>> df = spark.createDataFrame([("a", "Same story."), ("b", "same story"), ("c", "Other.")],
...                            "id string, text string")  # doctest: +SKIP
>>> [(r.id, r.cluster_id, r.canonical_id) for r in
...  dedupe_dataframe(df).orderBy("id").collect()]  # doctest: +SKIP
[('a', 0, 'a'), ('b', 0, 'a'), ('c', 1, 'c')]
"""

from .components import connected_components
from .dumps import Fields, SparkRunSummary, run_spark_dedupe
from .engine import SparkDedupStats, dedupe_dataframe, output_columns
from .session import spark_session

__all__ = [
    "Fields",
    "SparkDedupStats",
    "SparkRunSummary",
    "connected_components",
    "dedupe_dataframe",
    "output_columns",
    "run_spark_dedupe",
    "spark_session",
]
