package vn.bhxh.pipeline.common.catalog;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaHistoryManager;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.apache.spark.sql.delta.util.FileNames;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.config.PipelineConfig.CatalogMode;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.spark.ScalaCollections;

/**
 * The warehouse: every table is a path-based Delta table at {@code <warehouse>/<name>}, so it needs
 * no metastore service. {@link #registerAll()} makes them readable by name: as temporary views
 * (mode {@code path}), or also as external tables of a metastore database (mode {@code hive}). Jobs
 * read and write through this class, never through literal paths.
 */
public final class TableCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(TableCatalog.class);
  // How a table that does not exist yet is first written: the same table as an overwrite makes,
  // without Delta's search of the new table for files to remove (a query and a Spark job on a
  // table with none), and a table created meanwhile by another writer fails the write rather than
  // being replaced.
  private static final SaveMode FIRST_WRITE = SaveMode.ErrorIfExists;
  private static final String DELTA = "delta";

  private final SparkSession spark;
  private final String warehouse;
  private final PipelineConfig.CatalogSettings settings;

  public TableCatalog(
      SparkSession spark, String warehouse, PipelineConfig.CatalogSettings settings) {
    this.spark = spark;
    this.warehouse = warehouse.replaceAll("/+$", "");
    this.settings = settings;
  }

  /** The catalogue of a configured warehouse. */
  public static TableCatalog of(SparkSession spark, PipelineConfig config) {
    return new TableCatalog(spark, config.warehouse(), config.catalog());
  }

  public String warehouse() {
    return warehouse;
  }

  /** Location of a table. */
  public String path(String table) {
    return warehouse + "/" + table;
  }

  /** Whether a table has been written at least once. */
  public boolean exists(String table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  /**
   * The identity and latest version of a table, from its Delta log alone: a listing of {@code
   * _delta_log} and its newest checksum file, which Delta 3 writes with every commit. No Spark job,
   * unlike {@code DeltaTable.history}. Empty when the table was never written.
   */
  public Optional<TableVersion> version(String table) {
    Snapshot snapshot = snapshot(table);
    if (snapshot.version() < 0) {
      return Optional.empty();
    }
    return Optional.of(new TableVersion(snapshot.metadata().id(), snapshot.version()));
  }

  /**
   * Rows written by the latest commit of a table ({@code numOutputRows} of its operation metrics),
   * from that commit's file in the Delta log: not a second pass over the data, and no Spark job
   * (unlike {@code DeltaTable.history}). 0 when the commit recorded none (say, a delete).
   */
  public long lastCommitOutputRows(String table) {
    DeltaLog log = DeltaLog.forTable(spark, path(table));
    long version = log.update(false, Option.empty(), Option.empty()).version();
    if (version < 0) {
      return 0;
    }
    Option<CommitInfo> commit =
        DeltaHistoryManager.getCommitInfoOpt(
            log.store(),
            FileNames.unsafeDeltaFile(log.logPath(), version),
            log.newDeltaHadoopConf());
    if (commit.isEmpty() || commit.get().operationMetrics().isEmpty()) {
      return 0;
    }
    Option<String> written = commit.get().operationMetrics().get().get("numOutputRows");
    return written.isEmpty() ? 0 : Long.parseLong(written.get());
  }

  /** Reads a table; fails with a clear line if it was never written. */
  public Dataset<Row> read(String table) {
    if (!exists(table)) {
      throw new PipelineException(
          "table '"
              + table
              + "' does not exist in warehouse "
              + warehouse
              + " (run ingest first?)");
    }
    return spark.read().format(DELTA).load(path(table));
  }

  /**
   * Reads a table's current snapshot through the list of its files that the Delta log gives on the
   * driver ({@link DriverTableReader#files}): the same rows as {@link #read}, without the Spark
   * jobs with which Delta rebuilds a snapshot's file list and filters it for each query. Partition
   * filters on the frame still prune files, on the driver. A table whose files carry deletion
   * vectors is read through {@link #read}.
   */
  public Dataset<Row> readListed(String table) {
    Optional<DriverTableReader.TableFiles> listed =
        DriverTableReader.of(spark.sparkContext().hadoopConfiguration()).files(path(table));
    if (listed.isEmpty()) {
      return read(table); // fails with its message
    }
    if (listed.get().files().stream().anyMatch(DriverTableReader.DataFile::deletionVector)) {
      return read(table);
    }
    DeltaLog log = DeltaLog.forTable(spark, path(table));
    Snapshot snapshot = log.getSnapshotAt(listed.get().version(), Option.empty(), Option.empty());
    List<AddFile> files = new ArrayList<>();
    for (DriverTableReader.DataFile file : listed.get().files()) {
      files.add(
          new AddFile(
              // Delta reads an action's path as a URI; the log gives it decoded (a space, or a
              // partition value's escaped character, would not survive a second decoding).
              new Path(file.path()).toUri().toString(),
              ScalaCollections.map(file.partitionValues()),
              file.size(),
              file.modificationTime(),
              false,
              null,
              null,
              null,
              Option.empty(),
              Option.empty(),
              Option.empty()));
    }
    return log.createDataFrame(snapshot, ScalaCollections.seq(files), false, Option.empty());
  }

  /**
   * A small table (reference data, bookkeeping: thousands of rows) read on the driver with Delta
   * Kernel into a local frame: no Spark job lists or filters its files, and the joins over it plan
   * as joins with a local relation. Only rows whose string columns equal {@code equalTo} are kept.
   * A large table belongs to {@link #read}.
   *
   * @param columns the columns read (a column the table lacks reads as null)
   */
  public Dataset<Row> readSmall(String table, StructType columns, Map<String, String> equalTo) {
    if (!exists(table)) {
      throw new PipelineException("table '" + table + "' does not exist in warehouse " + warehouse);
    }
    List<Row> rows =
        DriverTableReader.of(spark.sparkContext().hadoopConfiguration())
            .read(path(table), columns, equalTo);
    return spark.createDataFrame(rows, columns);
  }

  /**
   * The distinct values of a partition column of a table, sorted, from the Delta log (the partition
   * values of its current files), not from its data: read on the driver ({@link
   * DriverTableReader}), no Spark job. An absent table has none.
   */
  public SortedSet<String> partitionValues(String table, String partitionColumn) {
    if (!exists(table)) {
      return new TreeSet<>();
    }
    try {
      return DriverTableReader.of(spark.sparkContext().hadoopConfiguration())
          .partitionValues(path(table), partitionColumn);
    } catch (DriverTableReader.NotPartitionedException e) {
      throw new PipelineException("table '" + table + "' is not partitioned by " + partitionColumn);
    }
  }

  /**
   * The latest snapshot of a table (version -1 when it was never written). DeltaLog is Delta's
   * internal API (pinned 3.3.x), used where the public one has no metadata-only way.
   */
  private Snapshot snapshot(String table) {
    return DeltaLog.forTable(spark, path(table)).update(false, Option.empty(), Option.empty());
  }

  /**
   * Atomically replaces the rows matching {@code condition} with {@code rows} (one Delta commit),
   * creating the table, partitioned by {@code partitionColumns}, on first write. Every row written
   * must match the condition. New nullable columns are added to the table's schema ({@code
   * mergeSchema}), so a report table that gained measure columns keeps accepting its periods.
   */
  public void replaceWhere(
      Dataset<Row> rows, String table, String condition, String... partitionColumns) {
    var writer = rows.write().format(DELTA);
    if (exists(table)) {
      // mergeSchema: a table that gained a column (report measures, report_data_quality's
      // checks) takes it on the next write instead of failing; it never drops or retypes one.
      writer =
          writer
              .mode(SaveMode.Overwrite)
              .option("replaceWhere", condition)
              .option("mergeSchema", "true");
    } else {
      writer = writer.mode(FIRST_WRITE).partitionBy(partitionColumns);
    }
    writer.save(path(table));
  }

  /**
   * Creates an empty table of {@code schema} (its columns, types and order; made nullable, as Delta
   * stores every table's schema) unless it exists, so that the first load of a table does not take
   * its schema from whatever Dataset wrote first. One commit, no Spark job ({@link NewDeltaTable}).
   */
  public void createIfMissing(String table, StructType schema, String... partitionColumns) {
    if (exists(table)) {
      return;
    }
    NewDeltaTable.create(spark, path(table), schema, List.of(partitionColumns));
  }

  /**
   * Sets Delta table properties that differ from {@code properties} (one commit, none when the
   * table already has them all): how an existing table created by an earlier version gets a
   * property the pipeline now relies on.
   */
  public void ensureProperties(String table, Map<String, String> properties) {
    scala.collection.immutable.Map<String, String> current =
        snapshot(table).metadata().configuration();
    Map<String, String> missing = new TreeMap<>();
    properties.forEach(
        (key, value) -> {
          if (!value.equals(current.getOrElse(key, () -> null))) {
            missing.put(key, value);
          }
        });
    if (missing.isEmpty()) {
      return;
    }
    String assignments =
        missing.entrySet().stream()
            .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
            .collect(Collectors.joining(", "));
    spark.sql(
        "ALTER TABLE delta.`"
            + qualifiedPath(table).replace("`", "``")
            + "` SET TBLPROPERTIES ("
            + assignments
            + ")");
  }

  /**
   * The table's path qualified with its file system ({@code file:/...} for a local warehouse): SQL
   * names a path-based table only by an absolute path, and a warehouse given on the command line
   * may be relative.
   */
  private String qualifiedPath(String table) {
    Path path = new Path(path(table));
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration())
          .makeQualified(path)
          .toString();
    } catch (IOException e) {
      throw new PipelineException("cannot resolve the path of table " + table + ": " + e, e);
    }
  }

  /** Deletes the rows matching {@code condition} (one commit, none when no row matches). */
  public void delete(String table, String condition) {
    DeltaTable.forPath(spark, path(table)).delete(condition);
  }

  /**
   * Appends rows (one commit), creating the table on first write. New nullable columns are added to
   * the table's schema ({@code mergeSchema}), so a log table that gained a column (say {@code
   * ingest_log.modified_at}) keeps accepting rows without a migration step.
   */
  public void append(Dataset<Row> rows, String table, String... partitionColumns) {
    var writer = rows.write().format(DELTA).mode(SaveMode.Append).option("mergeSchema", "true");
    if (!exists(table) && partitionColumns.length > 0) {
      writer = writer.partitionBy(partitionColumns);
    }
    writer.save(path(table));
  }

  /**
   * Appends a few rows (one commit) written from the driver without a Spark job ({@link
   * DriverTableWriter}), creating the unpartitioned table on first write: for the bookkeeping
   * tables, a row per run or per file. A table whose schema differs from {@code schema} (one
   * written before a column was added) is appended to as {@link #append} does, adding the column.
   */
  public void appendRows(List<Row> rows, StructType schema, String table) {
    if (!DriverTableWriter.write(spark, path(table), schema, rows, SaveMode.Append)) {
      append(spark.createDataFrame(rows, schema).coalesce(1), table);
    }
  }

  /**
   * Replaces a small unpartitioned table's rows with {@code rows} (one commit), written from the
   * driver as {@link #appendRows} does; a table of another schema is replaced as {@link #overwrite}
   * does, schema included.
   */
  public void overwriteRows(List<Row> rows, StructType schema, String table) {
    if (!DriverTableWriter.write(spark, path(table), schema, rows, SaveMode.Overwrite)) {
      overwrite(spark.createDataFrame(rows, schema).coalesce(1), table);
    }
  }

  /**
   * Replaces a whole table (one commit), creating it on first write; for small reference tables.
   */
  public void overwrite(Dataset<Row> rows, String table) {
    var writer = rows.write().format(DELTA);
    if (exists(table)) {
      writer = writer.mode(SaveMode.Overwrite).option("overwriteSchema", "true");
    } else {
      writer = writer.mode(FIRST_WRITE);
    }
    writer.save(path(table));
  }

  /** Names of the Delta tables present in the warehouse, sorted. */
  public List<String> tables() {
    Path root = new Path(warehouse);
    List<String> names = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return names;
      }
      for (FileStatus status : fs.listStatus(root)) {
        if (status.isDirectory() && fs.exists(new Path(status.getPath(), "_delta_log"))) {
          names.add(status.getPath().getName());
        }
      }
    } catch (IOException e) {
      throw new PipelineException("cannot list warehouse " + warehouse + ": " + e.getMessage(), e);
    }
    names.sort(String::compareTo);
    return names;
  }

  /**
   * Registers every table of the warehouse by name in this session: a temporary view per table, and
   * in {@code hive} mode an external table in the configured database (which {@code sql} and
   * notebooks then also see under {@code <database>.<table>}).
   */
  public List<String> registerAll() {
    List<String> names = tables();
    if (settings.mode() == CatalogMode.HIVE) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + quote(settings.database()));
    }
    for (String name : names) {
      spark.read().format(DELTA).load(path(name)).createOrReplaceTempView(name);
      if (settings.mode() == CatalogMode.HIVE) {
        spark.sql(
            String.format(
                Locale.ROOT,
                "CREATE TABLE IF NOT EXISTS %s.%s USING DELTA LOCATION '%s'",
                quote(settings.database()),
                quote(name),
                path(name).replace("'", "\\'")));
      }
    }
    LOG.info("registered {} tables of {}: {}", names.size(), warehouse, names);
    return names;
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
