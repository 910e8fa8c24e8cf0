package vn.bhxh.pipeline.common.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.types.DataTypeUtils;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.NoMapping$;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.Metadata;
import org.apache.spark.sql.delta.schema.SchemaUtils;
import org.apache.spark.sql.delta.stats.DeltaFileStatistics;
import org.apache.spark.sql.delta.stats.DeltaJobStatisticsTracker;
import org.apache.spark.sql.execution.datasources.OutputWriter;
import org.apache.spark.sql.execution.datasources.OutputWriterFactory;
import org.apache.spark.sql.execution.datasources.WriteTaskStatsTracker;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.spark.ScalaCollections;

/**
 * Writes a few rows (the bookkeeping tables: {@code runs}, {@code ingest_log}, {@code geography})
 * to an unpartitioned Delta table from the driver, without a Spark job: one Parquet data file
 * written by Spark's own Parquet writer with the session's settings, its statistics collected by
 * Delta's own statistics tracker, and one Delta commit. The table is the one a {@code DataFrame}
 * write of the same rows makes (schema, properties, statistics, history entry); what it spares is
 * the query planning, code generation and task of a Spark job for a few kilobytes, a good part of a
 * short run's fixed cost. The counterpart of {@link DriverTableReader}.
 *
 * <p>It writes only when the table's schema is the rows' own (or there is no table yet) and the
 * table asks nothing of a write beyond its files (no column mapping, constraints or generated
 * columns); any other table (an older one without a newer column, say) is left to the caller's
 * {@code DataFrame} write, which evolves or checks it.
 */
final class DriverTableWriter {
  private static final String CONSTRAINTS = "delta.constraints.";

  private DriverTableWriter() {}

  /**
   * Appends {@code rows} ({@link SaveMode#Append}) or replaces the table's rows with them ({@link
   * SaveMode#Overwrite}) in one commit, creating the table when there is none. A replace of a table
   * that another writer changed meanwhile fails as Delta's own replace would.
   *
   * @return false, having written nothing, when the table exists with another schema or asks more
   *     of a write than its files (see {@link #writesAsDeltaWould})
   */
  static boolean write(
      SparkSession spark, String tableUri, StructType schema, List<Row> rows, SaveMode mode) {
    OptimisticTransaction txn =
        DeltaLog.forTable(spark, tableUri).startTransaction(Option.empty(), Option.empty());
    boolean created = txn.readVersion() < 0;
    List<Action> actions = new ArrayList<>();
    if (created) {
      txn.updateMetadata(NewDeltaTable.metadata(schema, List.of(), Map.of()), false);
    } else if (!writesAsDeltaWould(txn.metadata(), schema)) {
      return false;
    } else if (mode == SaveMode.Overwrite) {
      for (AddFile existing : JavaConverters.seqAsJavaList(txn.filterFiles())) {
        actions.add(existing.remove());
      }
    }
    List<AddFile> files =
        rows.isEmpty()
            ? List.of()
            : List.of(writeFile(spark, txn, tableUri, outputColumns(schema), rows));
    actions.addAll(files);
    try {
      DeltaWrites.commit(
          spark,
          txn,
          actions,
          new DeltaWrites.Written(
              files.size(), rows.size(), files.stream().mapToLong(AddFile::size).sum()),
          created && mode == SaveMode.Overwrite ? SaveMode.ErrorIfExists : mode,
          List.of(),
          null);
    } catch (Exception e) { // Delta throws DeltaIOException, a checked IOException, from Scala
      DeltaWrites.deleteUncommitted(spark, tableUri, files.stream().map(AddFile::path).toList());
      throw e;
    }
    return true;
  }

  /**
   * Whether a table's files are what this class writes: its schema is the rows' own (so it has no
   * invariants, generated or identity columns, which a schema records per field), it is not
   * partitioned, its columns are not mapped to physical names and it has no {@code CHECK}
   * constraints. Delta's own write is left to handle the rest.
   */
  private static boolean writesAsDeltaWould(Metadata table, StructType schema) {
    return table.schema().equals(schema.asNullable())
        && table.partitionColumns().isEmpty()
        && table.columnMappingMode() == NoMapping$.MODULE$
        && JavaConverters.mapAsJavaMap(table.configuration()).keySet().stream()
            .noneMatch(key -> key.startsWith(CONSTRAINTS));
  }

  /**
   * The columns of the data file, as Delta's write has them ({@code makeOutputNullable}): every
   * column nullable, and its type made nullable as Delta makes it ({@link
   * SchemaUtils#typeAsNullable}: array elements, structs, but not a map's plain values).
   */
  private static StructType outputColumns(StructType schema) {
    StructType columns = new StructType();
    for (StructField field : schema.fields()) {
      columns =
          columns.add(
              field.name(), SchemaUtils.typeAsNullable(field.dataType()), true, field.metadata());
    }
    return columns;
  }

  /** Writes the rows into one new data file of the table, with Delta's statistics of it. */
  private static AddFile writeFile(
      SparkSession spark,
      OptimisticTransaction txn,
      String tableUri,
      StructType columns,
      List<Row> rows) {
    try {
      Job job = Job.getInstance(new Configuration(spark.sparkContext().hadoopConfiguration()));
      OutputWriterFactory factory =
          new ParquetFileFormat().prepareWrite(spark, job, ScalaCollections.map(Map.of()), columns);
      TaskAttemptContext context =
          new TaskAttemptContextImpl(
              job.getConfiguration(), new TaskAttemptID("bhxh-driver", 0, TaskType.MAP, 0, 0));
      String name =
          String.format(Locale.ROOT, "part-00000-%s-c000", UUID.randomUUID())
              + factory.getFileExtension(context);
      Path path = new Path(tableUri, name);
      Optional<WriteTaskStatsTracker> stats = statistics(spark, txn, tableUri, columns);
      scala.Function1<Object, Object> toInternal =
          CatalystTypeConverters.createToCatalystConverter(columns);
      OutputWriter writer = factory.newInstance(path.toString(), columns, context);
      try {
        stats.ifPresent(tracker -> tracker.newFile(path.toString()));
        for (Row row : rows) {
          InternalRow internal = (InternalRow) toInternal.apply(row);
          writer.write(internal);
          stats.ifPresent(tracker -> tracker.newRow(path.toString(), internal));
        }
        writer.close();
      } catch (RuntimeException e) { // a row that does not fit the schema: no file is left
        try {
          writer.close();
        } catch (RuntimeException closing) {
          e.addSuppressed(closing);
        }
        DeltaWrites.deleteUncommitted(spark, tableUri, List.of(name));
        throw e;
      }
      String json = stats.map(tracker -> recorded(tracker, name)).orElse(null);
      FileStatus status = path.getFileSystem(job.getConfiguration()).getFileStatus(path);
      return DeltaWrites.addFile(
          name, Map.of(), status.getLen(), status.getModificationTime(), json);
    } catch (IOException e) {
      throw new PipelineException(
          "cannot write a data file of " + tableUri + ": " + e.getMessage(), e);
    }
  }

  /**
   * Delta's statistics of the table's files, as its write collects them: the columns and kinds the
   * table's properties ask for ({@code delta.dataSkippingNumIndexedCols}, {@code
   * delta.dataSkippingStatsColumns}), strings truncated the same way; none when the session turns
   * Delta's statistics off.
   */
  private static Optional<WriteTaskStatsTracker> statistics(
      SparkSession spark, OptimisticTransaction txn, String tableUri, StructType columns) {
    Tuple2<Option<DeltaJobStatisticsTracker>, ?> trackers =
        txn.getOptionalStatsTrackerAndStatsCollection(
            attributes(columns), new Path(tableUri), new StructType(), spark.emptyDataFrame());
    if (trackers._1().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(trackers._1().get().newTaskInstance());
  }

  /** The statistics the tracker recorded of a file, by its name (null if none). */
  private static String recorded(WriteTaskStatsTracker tracker, String name) {
    DeltaFileStatistics stats =
        (DeltaFileStatistics) tracker.getFinalStats(System.currentTimeMillis());
    return JavaConverters.mapAsJavaMap(stats.stats()).get(name);
  }

  /** The columns as the attributes of a query's output (Delta's statistics are bound to them). */
  private static scala.collection.Seq<Attribute> attributes(StructType columns) {
    List<Attribute> attributes = new ArrayList<>();
    JavaConverters.seqAsJavaList(DataTypeUtils.toAttributes(columns)).forEach(attributes::add);
    return ScalaCollections.seq(attributes);
  }
}
