package vn.bhxh.pipeline.jobs.ingest;

import static vn.bhxh.pipeline.common.spark.ScalaCollections.map;
import static vn.bhxh.pipeline.common.spark.ScalaCollections.seq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOptions;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.commands.WriteIntoDelta;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.JavaConverters;
import vn.bhxh.pipeline.common.catalog.DeltaWrites;
import vn.bhxh.pipeline.common.catalog.NewDeltaTable;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.schema.CommonColumns;

/**
 * Commits data files the read tasks wrote ({@link TableFileWriter}) to a Delta table in one
 * transaction, replacing what they replace: for a monthly table, the rows of the slices loaded,
 * removed by Delta's own {@code replaceWhere} (a file that also holds rows of other slices is
 * rewritten without them, exactly as a {@code replaceWhere} write does); for a reference table, the
 * whole table. The transaction is Delta's: a concurrent writer is detected and retried or refused
 * the same way, and a failed commit leaves the table as it was.
 *
 * <p>The added files carry the statistics the table keeps ({@code numRecords}, and the bounds of
 * {@code province_code}, see {@code delta.dataSkippingStatsColumns}), so that reads and later
 * replaces skip files as they would had Delta written them.
 */
final class TableCommit {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TableCommit() {}

  /**
   * Adds {@code files} and removes the rows they replace, in one commit. A table that does not
   * exist yet is created by that same commit (its schema, partition columns and {@code
   * properties}), as a write by Delta itself creates it: no empty first commit, no second one for
   * the properties, and no Spark job to rebuild the state of an empty table before the data's
   * commit.
   *
   * @param condition the slices replaced (a {@code replaceWhere} predicate), or null for the whole
   *     table
   * @param properties the table properties of a table created here (an existing table keeps its
   *     own: {@code TableCatalog#ensureProperties})
   */
  static void replace(
      SparkSession spark,
      String tableUri,
      StructType schema,
      List<String> partitionColumns,
      String condition,
      List<TableFileWriter.Written> files,
      Map<String, String> properties) {
    DeltaLog log = DeltaLog.forTable(spark, tableUri);
    OptimisticTransaction txn = log.startTransaction(Option.empty(), Option.empty());
    boolean created = txn.readVersion() < 0;
    List<Action> actions = new ArrayList<>();
    if (created) {
      txn.updateMetadata(NewDeltaTable.metadata(schema, partitionColumns, properties), false);
    } else if (condition == null) {
      for (AddFile existing : JavaConverters.seqAsJavaList(txn.filterFiles())) {
        actions.add(existing.remove());
      }
    } else {
      // Delta's write, given no rows: its actions are exactly the removal of the rows the condition
      // matches (files dropped, or rewritten without those rows).
      DeltaOptions options =
          new DeltaOptions(map(Map.of("replaceWhere", condition)), spark.sessionState().conf());
      Dataset<Row> none = spark.createDataFrame(List.of(), schema);
      WriteIntoDelta write =
          new WriteIntoDelta(
              log,
              SaveMode.Overwrite,
              options,
              seq(partitionColumns),
              map(Map.of()),
              none,
              Option.empty(),
              Option.empty());
      actions.addAll(
          JavaConverters.seqAsJavaList(
              write.writeAndReturnCommitData(txn, spark, Option.empty(), false).actions()));
    }
    long rows = 0;
    long bytes = 0;
    for (TableFileWriter.Written file : files) {
      actions.add(addFile(file));
      rows += file.rows();
      bytes += file.size();
    }
    DeltaWrites.commit(
        spark,
        txn,
        actions,
        new DeltaWrites.Written(files.size(), rows, bytes),
        SaveMode.Overwrite,
        partitionColumns,
        condition);
  }

  /** Deletes data files that will not be committed (best effort: they are not in the table). */
  static void deleteQuietly(
      SparkSession spark, String tableUri, List<TableFileWriter.Written> files) {
    DeltaWrites.deleteUncommitted(
        spark, tableUri, files.stream().map(TableFileWriter.Written::path).toList());
  }

  private static AddFile addFile(TableFileWriter.Written file) {
    Map<String, String> partition =
        file.period() == null ? Map.of() : Map.of(CommonColumns.PERIOD, file.period());
    return DeltaWrites.addFile(file.path(), partition, file.size(), file.modified(), stats(file));
  }

  /** Delta's statistics of a file: its row count, and the bounds of {@code province_code}. */
  static String stats(TableFileWriter.Written file) {
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("numRecords", file.rows());
    if (file.provinceMin() != null) {
      stats.put("minValues", Map.of(CommonColumns.PROVINCE_CODE, file.provinceMin()));
      stats.put("maxValues", Map.of(CommonColumns.PROVINCE_CODE, file.provinceMax()));
      stats.put("nullCount", Map.of(CommonColumns.PROVINCE_CODE, 0));
    }
    try {
      return JSON.writeValueAsString(stats);
    } catch (JsonProcessingException e) {
      throw new PipelineException("cannot write file statistics: " + e.getMessage(), e);
    }
  }
}
