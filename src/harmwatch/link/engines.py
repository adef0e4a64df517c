"""Linkage engines: the same Splink model on DuckDB (default) or on Spark (scale).

An engine takes a feature table (:func:`harmwatch.link.features.feature_table`)
and returns scored pairs (:meth:`LinkEngine.predict`) or clusters
(:meth:`LinkEngine.cluster`: :func:`harmwatch.link.cluster.link_clusters` over the pairs).
Subclasses only say how to reach their database: this is the shape of splink's
own ``DatabaseAPI``. Splink, DuckDB and PySpark are imported lazily.

Running on a Spark cluster
--------------------------
``harmwatch process --engine spark`` (or ``link_pending(store, engine="spark")``)
starts a Spark session with ``spark.jars`` set to Splink's similarity-function
jar (``splink.backends.spark.similarity_jar_location()``). By default it runs
in local mode (``local[2]``). To use a cluster, point the session at its master
and, if needed, give more Spark settings; nothing else changes::

    export HARMWATCH_SPARK_MASTER=spark://head-node:7077   # or yarn, k8s://https://...
    export HARMWATCH_SPARK_CONF="spark.executor.memory=8g,spark.sql.shuffle.partitions=400"
    export HARMWATCH_SPARK_CHECKPOINT=hdfs:///tmp/harmwatch-checkpoints   # shared by all executors
    harmwatch process --engine spark

The similarity jar ships inside the splink wheel and is sent to the executors
through ``spark.jars``, so executors need no extra install; they do need the
same Python (3.11) and ``pyspark`` version as the driver. A program that
already has a session can pass it in: ``SparkEngine(spark=session)`` (the
session must have been built with the jar in ``spark.jars``). The harmwatch
database stays on the driver: only the feature rows of the records being
linked travel to the cluster, and only the scored pairs come back.
"""

from __future__ import annotations

import logging
import os
import tempfile
from abc import ABC, abstractmethod
from typing import Any, ClassVar

from harmwatch.errors import MissingExtra, UserError
from harmwatch.link.model import load_model, settings, threshold

log = logging.getLogger(__name__)

PAIR_COLUMNS = ("unique_id_l", "unique_id_r", "match_probability")


class LinkEngine(ABC):
    """Scores and clusters records with the trained Splink model on one backend."""

    name: ClassVar[str]

    def __init__(self, model: dict[str, Any] | None = None, *, match_threshold: float | None = None) -> None:
        self.model = model if model is not None else load_model()
        self.threshold = match_threshold if match_threshold is not None else threshold(self.model)

    @abstractmethod
    def _db_api(self) -> Any:
        """A fresh splink DatabaseAPI for this backend."""

    def _input(self, table: Any) -> Any:
        """The feature table in a form the backend registers (a pyarrow Table by default)."""
        return table

    def close(self) -> None:  # noqa: B027 - optional hook, most engines hold nothing
        """Release what the engine holds (a Spark session, a DuckDB file)."""

    def __enter__(self) -> LinkEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _linker(self, table: Any) -> Any:
        from splink import Linker

        db = self._db_api()
        sdf = db.register(self._input(table))
        return Linker(sdf, settings(self.model), log_level=logging.WARNING)

    def predict(self, table: Any, *, match_threshold: float | None = None) -> Any:
        """Scored candidate pairs at or above the threshold: a pandas DataFrame of :data:`PAIR_COLUMNS`."""
        import pandas as pd

        if table.num_rows < 2:
            return pd.DataFrame({c: [] for c in PAIR_COLUMNS})
        linker = self._linker(table)
        t = self.threshold if match_threshold is None else match_threshold
        pairs = linker.inference.predict(threshold_match_probability=t, warning_mode="never")
        df = pairs.as_pandas_dataframe()
        return df[list(PAIR_COLUMNS)]

    def cluster(self, table: Any, *, match_threshold: float | None = None) -> Any:
        """Incidents from the pairs at or above the threshold: ``unique_id, cluster_id``.

        Not plain connected components: scores are discounted where a place is
        crowded, an edge needs specific agreement and a cluster must stay one
        event (:func:`harmwatch.link.cluster.density_adjusted`,
        :func:`harmwatch.link.cluster.link_clusters`).
        """
        import pandas as pd

        from harmwatch.link.cluster import Rows, density_adjusted, link_clusters, pairs_of

        if table.num_rows < 2:
            ids = table.column("unique_id").to_pylist()
            return pd.DataFrame({"unique_id": ids, "cluster_id": ids})
        t = self.threshold if match_threshold is None else match_threshold
        pairs = self.predict(table, match_threshold=t)
        rows = Rows(table)
        clusters = link_clusters(rows, density_adjusted(rows, pairs_of(pairs), t))
        return pd.DataFrame({"unique_id": list(clusters), "cluster_id": list(clusters.values())})


class DuckDBEngine(LinkEngine):
    """In-process DuckDB: no server, spills to a temporary directory beyond ``memory_limit``."""

    name = "duckdb"

    def __init__(
        self,
        model: dict[str, Any] | None = None,
        *,
        match_threshold: float | None = None,
        memory_limit: str | None = None,
        threads: int | None = None,
    ) -> None:
        super().__init__(model, match_threshold=match_threshold)
        self.memory_limit = memory_limit or os.environ.get("HARMWATCH_DUCKDB_MEMORY", "6GB")
        self.threads = threads
        self._tmp = tempfile.TemporaryDirectory(prefix="harmwatch-duckdb-")

    def _db_api(self) -> Any:
        import duckdb
        from splink.backends.duckdb import DuckDBAPI

        con = duckdb.connect(":memory:")
        con.execute(f"SET memory_limit = '{self.memory_limit}'")
        con.execute("SET temp_directory = ?", [self._tmp.name])
        con.execute("SET preserve_insertion_order = false")
        if self.threads:
            con.execute(f"SET threads = {int(self.threads)}")
        return DuckDBAPI(connection=con)

    def close(self) -> None:
        self._tmp.cleanup()


class SparkEngine(LinkEngine):
    """Splink's Spark backend; local mode by default, any cluster via ``HARMWATCH_SPARK_MASTER``."""

    name = "spark"

    def __init__(
        self,
        model: dict[str, Any] | None = None,
        *,
        match_threshold: float | None = None,
        spark: Any = None,
        master: str | None = None,
        conf: dict[str, str] | None = None,
    ) -> None:
        super().__init__(model, match_threshold=match_threshold)
        try:
            import pyspark  # noqa: F401
        except ImportError as e:
            raise MissingExtra("pyspark", "spark") from e
        self._own_session = spark is None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self.spark = spark if spark is not None else self._start(master, conf or {})
        # How Splink breaks Spark's lineage between steps (parquet, persist, checkpoint, ...).
        self.break_lineage = os.environ.get("HARMWATCH_SPARK_LINEAGE") or "parquet"

    def _start(self, master: str | None, conf: dict[str, str]) -> Any:
        from pyspark.sql import SparkSession
        from splink.backends.spark import similarity_jar_location

        master = master or os.environ.get("HARMWATCH_SPARK_MASTER") or "local[2]"
        settings = {
            "spark.jars": similarity_jar_location(),
            "spark.ui.enabled": "false",
            "spark.ui.showConsoleProgress": "false",
            "spark.sql.shuffle.partitions": "4" if master.startswith("local") else "200",
            "spark.default.parallelism": "4" if master.startswith("local") else "200",
            "spark.sql.execution.arrow.pyspark.enabled": "true",
            "spark.driver.memory": "2g",
        }
        settings.update(_parse_conf(os.environ.get("HARMWATCH_SPARK_CONF", "")))
        settings.update(conf)
        builder = SparkSession.builder.master(master).appName("harmwatch-link")
        for key, value in settings.items():
            builder = builder.config(key, value)
        spark = builder.getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        checkpoint = os.environ.get("HARMWATCH_SPARK_CHECKPOINT")
        if not checkpoint:
            self._tmp = tempfile.TemporaryDirectory(prefix="harmwatch-spark-")
            checkpoint = self._tmp.name
        spark.sparkContext.setCheckpointDir(checkpoint)
        return spark

    def _db_api(self) -> Any:
        from splink.backends.spark import SparkAPI

        return SparkAPI(spark_session=self.spark, break_lineage_method=self.break_lineage)

    def _input(self, table: Any) -> Any:
        return self.spark.createDataFrame(table.to_pandas())

    def close(self) -> None:
        if self._own_session and self.spark is not None:
            self.spark.stop()
            self.spark = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


ENGINES: dict[str, type[LinkEngine]] = {"duckdb": DuckDBEngine, "spark": SparkEngine}


def get_engine(name: str | LinkEngine = "duckdb", **kwargs: Any) -> LinkEngine:
    """The engine called ``name`` (``duckdb`` or ``spark``), or ``name`` itself if it is one."""
    if isinstance(name, LinkEngine):
        return name
    try:
        cls = ENGINES[name]
    except KeyError:
        raise UserError(f"unknown linkage engine {name!r}; choose one of: {', '.join(ENGINES)}") from None
    return cls(**kwargs)


def _parse_conf(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in text.split(","):
        if "=" in part:
            key, value = part.split("=", 1)
            out[key.strip()] = value.strip()
    return out
