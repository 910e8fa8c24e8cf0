"""Read the pipeline's Delta tables by name, the way the jobs do.

Every table is a path-based Delta table at ``<warehouse>/<name>`` (no metastore service needed).
``register_all`` mirrors ``TableCatalog.registerAll()`` of the Java jobs: one temporary view per
folder of the warehouse that holds a ``_delta_log``. Notebooks import only this module, never the
jobs.

    spark = session(warehouse)
    register_all(spark, warehouse)      # -> ['geography', 'indicators', ...]
    require(spark, "indicators")        # fails loudly when a table is missing

With $BHXH_SERVER (``host:port`` of ``bin/pipeline serve``) ``session`` returns a client of that
server instead (``bhxh_server.ServerSession``): no Spark starts, the server has the tables by name.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from pathlib import Path

from bhxh_server import ServerSession

# The Spark and Delta versions the jobs are built on (pom.xml); requirements.txt pins the same.
SPARK_VERSION = "3.5.8"
DELTA_VERSION = "3.3.2"

# Environment variables a notebook's parameters cell and session() fall back to.
WAREHOUSE_ENV = "BHXH_WAREHOUSE"
MASTER_ENV = "BHXH_SPARK_MASTER"
SERVER_ENV = "BHXH_SERVER"
DEFAULT_WAREHOUSE = "data/demo/warehouse"

DELTA_LOG = "_delta_log"
_PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def default_warehouse() -> str:
    """The warehouse a notebook reads when its parameter is not set: $BHXH_WAREHOUSE, else the
    demo warehouse, resolved against the repository root when run from ``notebooks/``."""
    configured = os.environ.get(WAREHOUSE_ENV)
    if configured:
        return configured
    repo_root = Path(__file__).resolve().parent.parent
    return str(repo_root / DEFAULT_WAREHOUSE)


def session(
    warehouse: str,
    app_name: str = "bhxh-notebook",
    master: str | None = None,
    server: str | None = None,
):
    """A local SparkSession with Delta Lake, configured like the jobs' SparkSessionFactory
    (UTC, AQE, few shuffle partitions). ``master`` defaults to $BHXH_SPARK_MASTER, else
    ``local[*]``; an already running session (e.g. on a cluster kernel) is reused as is.

    With ``server`` (default $BHXH_SERVER), a client of that query server instead
    (``bhxh_server.ServerSession``); ``warehouse`` is then the server's, not read here."""
    server = server or os.environ.get(SERVER_ENV)
    if server:
        client = ServerSession.connect(server)
        print(f"query server {client.address} (bin/pipeline serve); no local Spark")
        return client
    from delta import configure_spark_with_delta_pip
    from pyspark.sql import SparkSession

    _check_warehouse(warehouse)
    builder = (
        SparkSession.builder.appName(app_name)
        .master(master or os.environ.get(MASTER_ENV, "local[*]"))
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config(
            "spark.sql.catalog.spark_catalog",
            "org.apache.spark.sql.delta.catalog.DeltaCatalog",
        )
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.adaptive.enabled", "true")
        # Analyst queries touch gold tables of a few thousand to a few million rows.
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.databricks.delta.snapshotPartitions", "4")
        # Progress bars would be printed into the notebook's outputs.
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", "2g")
    )
    # Adds the delta-spark jars of the pinned version (resolved from the local Maven cache, else
    # Maven Central) to the session. The JVM started here inherits stdout/stderr: send them to a
    # log file so dependency resolution and Spark's warnings do not fill the notebook.
    log = Path(tempfile.gettempdir()) / f"bhxh-notebook-spark-{os.getpid()}.log"
    with _output_to(log):
        spark = configure_spark_with_delta_pip(builder).getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    print(f"Spark {spark.version} ({spark.sparkContext.master}); Spark's own log: {log}")
    return spark


@contextlib.contextmanager
def _output_to(path: Path):
    """Points file descriptors 1 and 2 at ``path`` while a child process (the JVM) is started."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    with open(path, "ab") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)


def tables(spark, warehouse: str) -> list[str]:
    """Names of the Delta tables present in the warehouse (folders holding a _delta_log), sorted.
    Lists through Hadoop's FileSystem, like TableCatalog.tables(), so hdfs: and s3a: work too.
    On a query server: the tables it serves."""
    if isinstance(spark, ServerSession):
        return spark.tables()
    jvm = spark.sparkContext._jvm
    root = jvm.org.apache.hadoop.fs.Path(warehouse)
    fs = root.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    if not fs.exists(root):
        return []
    names = []
    for status in fs.listStatus(root):
        if status.isDirectory() and fs.exists(jvm.org.apache.hadoop.fs.Path(status.getPath(), DELTA_LOG)):
            names.append(status.getPath().getName())
    return sorted(names)


def register_all(spark, warehouse: str) -> list[str]:
    """Registers every table of the warehouse as a temporary view named after its folder and
    returns the names, sorted (as TableCatalog.registerAll() does for the jobs and ``sql``).
    On a query server the tables are already registered: their names are returned."""
    if isinstance(spark, ServerSession):
        return tables(spark, warehouse)
    _check_warehouse(warehouse)
    names = tables(spark, warehouse)
    for name in names:
        spark.read.format("delta").load(table_path(warehouse, name)).createOrReplaceTempView(name)
    return names


def require(spark, *names: str) -> None:
    """Fails with one clear line when a table the notebook needs is not registered."""
    if isinstance(spark, ServerSession):
        registered = set(spark.tables())
    else:
        registered = {table.name for table in spark.catalog.listTables() if table.isTemporary}
    missing = [name for name in names if name not in registered]
    if missing:
        raise MissingTableError(
            f"table(s) {', '.join(missing)} not found in the warehouse "
            f"(registered: {', '.join(sorted(registered)) or 'none'}); run the jobs that write them"
        )


def check_period(name: str, value: str | None) -> str | None:
    """Returns a YYYY-MM parameter unchanged (None allowed); fails naming the parameter otherwise."""
    if value is not None and not _PERIOD.fullmatch(str(value)):
        raise ValueError(f"parameter {name} = {value!r} is not a month YYYY-MM")
    return value


def table_path(warehouse: str, name: str) -> str:
    """Location of a table, as TableCatalog.path()."""
    return warehouse.rstrip("/") + "/" + name


class MissingTableError(RuntimeError):
    """A table a notebook needs is not in the warehouse."""


def _check_warehouse(warehouse: str) -> None:
    # Only local paths can be checked here; hdfs:/s3a: warehouses are left to Spark.
    if "://" in warehouse or warehouse.startswith(("hdfs:", "s3a:", "abfss:", "gs:")):
        return
    if not Path(warehouse).is_dir():
        raise MissingTableError(
            f"warehouse {warehouse} does not exist: set ${WAREHOUSE_ENV} or the notebook's "
            "`warehouse` parameter (bin/pipeline demo writes one)"
        )
