package vn.bhxh.pipeline.jobs.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.schema.QuarantineColumns;

/**
 * The commit half of a batch's load ({@link BatchLoader} reads): once every file of the batch has
 * an outcome, commits the data files the read tasks wrote to the table ({@link TableCommit}) and
 * writes the quarantine, one commit each, replacing exactly the slices whose files loaded; a
 * rejected file's slice keeps its last good load. Quarantine rows get their line numbers here: the
 * offset of the ranges before theirs.
 */
final class BatchWriter {
  private static final String OFFSET = "_line_offset";

  /**
   * Delta collects min/max statistics of the first 32 columns of every row it writes, which was a
   * tenth of the ingest's time. Readers of the monthly tables select by period (the partition) and
   * province: statistics of {@code province_code} are the ones that let a read or a replace skip
   * files, so those are the ones kept.
   */
  private static final Map<String, String> SILVER_TABLE_PROPERTIES =
      Map.of("delta.dataSkippingStatsColumns", CommonColumns.PROVINCE_CODE);

  private final SparkSession spark;
  private final TableCatalog catalog;
  private final FileIngestTask.Settings settings;
  private final long targetRowsPerFile;
  private final Object quarantineWrites = new Object();

  BatchWriter(
      SparkSession spark,
      TableCatalog catalog,
      FileIngestTask.Settings settings,
      long targetRowsPerFile) {
    this.spark = spark;
    this.catalog = catalog;
    this.settings = settings;
    this.targetRowsPerFile = targetRowsPerFile;
  }

  void write(BatchLoader.ReadBatch batch, List<Row> log) {
    IngestDataset dataset = batch.dataset();
    String label = batch.label();
    SparkContext sc = spark.sparkContext();
    Set<Integer> rejected = batch.outcomes().rejected();
    Map<String, Set<String>> loadedSlices = new TreeMap<>();
    long quarantined = 0;
    for (Row row : log) {
      if (IngestLogColumns.STATUS_LOADED.equals(row.getAs(IngestLogColumns.STATUS))) {
        if (row.getAs(IngestLogColumns.PROVINCE_CODE) != null) {
          loadedSlices
              .computeIfAbsent(row.getAs(IngestLogColumns.PERIOD), p -> new TreeSet<>())
              .add(row.getAs(IngestLogColumns.PROVINCE_CODE));
        }
        quarantined += row.<Long>getAs(IngestLogColumns.ROWS_QUARANTINED);
      }
    }
    Dataset<Row> envelope = batch.envelope();
    Column kept = rejected.isEmpty() ? lit(true) : not(col(Envelope.FILE).isin(rejected.toArray()));
    Dataset<Row> quarantineRows =
        withFileLines(
            envelope.filter(col(Envelope.KIND).equalTo(Envelope.QUARANTINED).and(kept)),
            batch.outcomes().lineOffsets());
    String tableUri = catalog.path(dataset.table());
    TableCommit.deleteQuietly(spark, tableUri, batch.dropped());
    if (dataset.monthly() && !loadedSlices.isEmpty()) {
      String slices = IngestBatches.sliceCondition(loadedSlices);
      sc.setJobDescription(label + ": commit " + dataset.table());
      // A new table is created by the commit, with these properties; an older one gets them here.
      if (catalog.exists(dataset.table())) {
        catalog.ensureProperties(dataset.table(), SILVER_TABLE_PROPERTIES);
      }
      TableCommit.replace(
          spark,
          tableUri,
          dataset.schema(),
          List.of(CommonColumns.PERIOD),
          slices,
          batch.written(),
          SILVER_TABLE_PROPERTIES);
      writeQuarantine(quarantineRows, label, dataset, slices, loadedSlices.keySet(), quarantined);
    } else if (!dataset.monthly() && rejected.isEmpty()) {
      sc.setJobDescription(label + ": commit " + dataset.table());
      TableCommit.replace(
          spark, tableUri, dataset.schema(), List.of(), null, batch.written(), Map.of());
      writeQuarantine(
          quarantineRows,
          label,
          dataset,
          "(" + QuarantineColumns.PERIOD + " = '" + QuarantineColumns.REFERENCE_PERIOD + "')",
          Set.of(QuarantineColumns.REFERENCE_PERIOD),
          quarantined);
    } else {
      TableCommit.deleteQuietly(spark, tableUri, batch.written());
    }
    sc.setJobDescription(null);
  }

  /**
   * The quarantine rows with line numbers of their file: a later range counted its lines from its
   * own start, so the lines of the ranges before it are added (a join with a tiny frame, only when
   * a cut file quarantined rows).
   */
  private Dataset<Row> withFileLines(Dataset<Row> quarantined, Map<Long, Long> offsets) {
    Dataset<Row> rows = quarantined;
    if (!offsets.isEmpty()) {
      List<Row> offsetRows = new ArrayList<>();
      offsets.forEach(
          (key, offset) ->
              offsetRows.add(RowFactory.create((int) (key >>> 32), (int) (long) key, offset)));
      StructType schema =
          new StructType()
              .add(Envelope.FILE, DataTypes.IntegerType, false)
              .add(Envelope.PART, DataTypes.IntegerType, false)
              .add(OFFSET, DataTypes.LongType, false);
      Dataset<Row> offsetFrame = spark.createDataFrame(offsetRows, schema);
      rows =
          rows.join(
                  broadcast(offsetFrame),
                  rows.col(Envelope.FILE)
                      .equalTo(offsetFrame.col(Envelope.FILE))
                      .and(rows.col(Envelope.PART).equalTo(offsetFrame.col(Envelope.PART))),
                  "left")
              .withColumn(
                  Envelope.QUARANTINE,
                  col(Envelope.QUARANTINE)
                      .withField(
                          QuarantineColumns.LINE_NUMBER,
                          col(Envelope.QUARANTINE + "." + QuarantineColumns.LINE_NUMBER)
                              .plus(coalesce(col(OFFSET), lit(0L)))));
    }
    return rows.select(col(Envelope.QUARANTINE + ".*"));
  }

  /**
   * Replaces the batch's slices of {@code quarantine}: one batch at a time, as every dataset's
   * batches share the table and are written side by side ({@link BatchPipeline}).
   *
   * @param slices the slices replaced, as a condition
   * @param periods the months of those slices (the table's partitions they are in)
   * @param rows the batch's quarantine rows
   */
  private void writeQuarantine(
      Dataset<Row> quarantine,
      String label,
      IngestDataset dataset,
      String slices,
      Set<String> periods,
      long rows) {
    synchronized (quarantineWrites) {
      spark.sparkContext().setJobDescription(label + ": write " + QuarantineColumns.TABLE);
      String condition = QuarantineColumns.DATASET + " = '" + dataset.table() + "' AND " + slices;
      if (rows == 0) {
        // Nothing new to quarantine (the usual case): only the slices' earlier rejects go, which
        // spares a pass over the cached batch and an empty write; and when the table has no file
        // in their months (from its log, on the driver), there is nothing to delete either, which
        // spares the Spark jobs with which Delta rebuilds the table's state to find out.
        SortedSet<String> stored =
            catalog.partitionValues(QuarantineColumns.TABLE, QuarantineColumns.PERIOD);
        if (periods.stream().anyMatch(stored::contains)) {
          catalog.delete(QuarantineColumns.TABLE, condition);
        } else {
          catalog.createIfMissing(
              QuarantineColumns.TABLE, QuarantineColumns.TABLE_SCHEMA, QuarantineColumns.PERIOD);
        }
        return;
      }
      catalog.createIfMissing(
          QuarantineColumns.TABLE, QuarantineColumns.TABLE_SCHEMA, QuarantineColumns.PERIOD);
      catalog.replaceWhere(quarantine.coalesce(files(rows)), QuarantineColumns.TABLE, condition);
    }
  }

  /**
   * Files for {@code rows} quarantine rows: about {@code target-rows-per-file} rows each. The
   * tables' own data files are written by the read tasks; only the quarantine, usually a few rows,
   * is written here.
   */
  private int files(long rows) {
    return (int) Math.min(64, Math.max(1, (rows + targetRowsPerFile - 1) / targetRowsPerFile));
  }
}
