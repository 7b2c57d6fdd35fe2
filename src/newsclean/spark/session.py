"""Getting a SparkSession: the active one (``spark-submit``, a notebook), or a local one.

>>> require_pyspark.__name__
'require_pyspark'
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from ..errors import NewscleanError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["materialize", "require_pyspark", "spark_session", "submitted"]


def submitted() -> bool:
    """Whether this process was launched by ``spark-submit`` (or the ``pyspark`` shell),
    which starts the JVM first and hands the Python driver its gateway."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def require_pyspark() -> None:
    """Raise a clear :class:`~newsclean.NewscleanError` when the ``spark`` extra is missing."""
    try:
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise NewscleanError(
            f"the Spark engine needs pyspark, pandas and pyarrow ({exc.name or exc} is missing): "
            "pip install 'newsclean[spark]'"
        ) from exc


def spark_session(
    master: str | None = None,
    *,
    app_name: str = "newsclean",
    shuffle_partitions: int | None = None,
    driver_memory: str | None = None,
    quiet: bool = True,
    conf: dict[str, str] | None = None,
) -> SparkSession:
    """The active SparkSession, or a new one.

    Wherever a session is already running (a notebook) that session is returned as it is.
    Under ``spark-submit`` the new session takes spark-submit's master, addresses and
    Python.  Otherwise a session is started on ``master`` (default ``local[*]``: every
    core of this machine), with the Python workers running this interpreter.
    ``shuffle_partitions``, ``driver_memory`` and ``conf`` set the matching Spark settings
    of a new session; ``quiet`` keeps Spark's log to errors.
    """
    require_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = SparkSession.builder.appName(app_name)
    master = master or os.environ.get("MASTER")
    if master:
        builder = builder.master(master)
    settings: dict[str, str] = {"spark.ui.showConsoleProgress": "false"}
    if not submitted():
        # A session of this process: local unless told otherwise, and the workers run the
        # interpreter (and the packages) of the driver.  Under spark-submit, its master,
        # addresses and Python (spark.pyspark.python, PYSPARK_PYTHON) are left as given.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        if master is None or master.startswith("local"):
            settings["spark.driver.host"] = "127.0.0.1"
            settings["spark.driver.bindAddress"] = "127.0.0.1"
    if shuffle_partitions:
        settings["spark.sql.shuffle.partitions"] = str(shuffle_partitions)
    if driver_memory:
        settings["spark.driver.memory"] = driver_memory
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:
        raise NewscleanError(
            f"cannot start Spark ({type(exc).__name__}: {str(exc).splitlines()[0][:300]}); "
            "the Spark engine needs Java 17 or later (JAVA_HOME)"
        ) from exc
    if quiet:
        spark.sparkContext.setLogLevel("ERROR")
    return spark


def materialize(df: DataFrame) -> DataFrame:
    """Compute ``df`` now and cut its lineage: checkpointed to the checkpoint directory when
    one is set (``spark.checkpoint.dir`` or ``SparkContext.setCheckpointDir``: reliable,
    survives lost executors), else kept by the executors (memory, then local disk).  Later
    stages read the result instead of recomputing it, and their query plans do not grow
    with every stage before (each join of a stage's output would otherwise repeat its whole
    plan)."""
    if df.sparkSession.sparkContext.getCheckpointDir():
        return df.checkpoint(eager=True)
    return df.localCheckpoint(eager=True)
