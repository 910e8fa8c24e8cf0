package vn.bhxh.pipeline.jobs.nightly;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import vn.bhxh.pipeline.common.catalog.DriverTableReader;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.nightly.IngestedFile;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.schema.RunsColumns;

/**
 * What a nightly reads back before it plans: the {@code runs} row of the last nightly that
 * completed, and the {@code ingest_log}. Both are small metadata tables, read on the driver ({@link
 * DriverTableReader}).
 */
final class NightlyHistory {
  /** The last nightly that completed: its start, run id and the details it recorded. */
  record Previous(Instant startedAt, String runId, Map<String, String> details) {}

  private final TableCatalog catalog;
  private final DriverTableReader reader;

  NightlyHistory(TableCatalog catalog, DriverTableReader reader) {
    this.catalog = catalog;
    this.reader = reader;
  }

  /**
   * The last nightly that completed, from {@code runs}: its row, to drive the plan. Read on the
   * driver ({@link DriverTableReader}): the files of other commands are skipped by their
   * statistics.
   */
  Optional<Previous> previousNightly() {
    List<Row> rows =
        reader.read(
            catalog.path(RunsColumns.TABLE),
            select(
                RunsColumns.TABLE_SCHEMA,
                RunsColumns.COMMAND,
                RunsColumns.STATUS,
                RunsColumns.STARTED_AT,
                RunsColumns.RUN_ID,
                RunsColumns.DETAILS),
            Map.of(
                RunsColumns.COMMAND,
                NightlyJob.COMMAND,
                RunsColumns.STATUS,
                RunsColumns.STATUS_SUCCEEDED));
    return rows.stream()
        .max(Comparator.comparing((Row row) -> row.<Timestamp>getAs(RunsColumns.STARTED_AT)))
        .map(
            row -> {
              int at = row.fieldIndex(RunsColumns.DETAILS);
              Map<String, String> details =
                  row.isNullAt(at) ? Map.of() : row.<String, String>getJavaMap(at);
              return new Previous(
                  row.<Timestamp>getAs(RunsColumns.STARTED_AT).toInstant(),
                  row.getAs(RunsColumns.RUN_ID),
                  new LinkedHashMap<>(details));
            });
  }

  /**
   * The {@code ingest_log} rows: one per file ingestion, tiny metadata (a few thousand rows a year
   * nationally) that the comparison and the plan need on the driver, read there ({@link
   * DriverTableReader}). A log written before {@code modified_at} existed reads it as null: every
   * same-size file is then checksummed once.
   */
  List<Row> ingestLog() {
    return reader.read(
        catalog.path(IngestLogColumns.TABLE),
        select(
            IngestLogColumns.TABLE_SCHEMA,
            IngestLogColumns.PATH,
            IngestLogColumns.SIZE_BYTES,
            IngestLogColumns.CHECKSUM,
            IngestLogColumns.STATUS,
            IngestLogColumns.INGESTED_AT,
            IngestLogColumns.MODIFIED_AT,
            IngestLogColumns.DATASET,
            IngestLogColumns.PERIOD,
            IngestLogColumns.PROVINCE_CODE,
            IngestLogColumns.RUN_ID),
        Map.of());
  }

  /** These columns of a table schema, in this order. */
  private static StructType select(StructType schema, String... columns) {
    StructType selected = new StructType();
    for (String column : columns) {
      selected = selected.add(schema.apply(column));
    }
    return selected;
  }

  /** An {@code ingest_log} row as the change detector compares it. */
  static IngestedFile ingestedFile(Row row) {
    java.sql.Timestamp modified = row.getAs(IngestLogColumns.MODIFIED_AT);
    return new IngestedFile(
        row.getAs(IngestLogColumns.PATH),
        row.<Long>getAs(IngestLogColumns.SIZE_BYTES),
        row.getAs(IngestLogColumns.CHECKSUM),
        row.getAs(IngestLogColumns.STATUS),
        row.<java.sql.Timestamp>getAs(IngestLogColumns.INGESTED_AT).toInstant(),
        modified == null ? null : modified.toInstant());
  }
}
