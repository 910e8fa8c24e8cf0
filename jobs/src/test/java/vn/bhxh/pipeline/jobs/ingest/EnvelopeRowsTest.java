package vn.bhxh.pipeline.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.junit.jupiter.api.Test;

/**
 * A range's outcome and a data file written, read back from envelope rows in the form the driver
 * collects them: the compact binary rows of the cache.
 */
class EnvelopeRowsTest {
  private static final IngestDataset DATASET = IngestDataset.of("participation");

  /** The row as cached and collected: converted to Spark's binary row, then copied. */
  private static InternalRow cached(InternalRow row) {
    return UnsafeProjection.create(Envelope.SCHEMA).apply(row).copy();
  }

  private static InternalRow outcomeRow(int file, int part, Object... fields) {
    GenericInternalRow row = Envelope.row(DATASET, Envelope.PART_OUTCOME, file, part);
    row.update(Envelope.OUTCOME_ORDINAL, Envelope.struct(fields));
    return cached(row);
  }

  @Test
  void aRangesOutcomeIsReadBackFieldByField() {
    Map<String, Long> reasons = new LinkedHashMap<>();
    reasons.put("INVALID_GENDER", 2L);
    reasons.put("DUPLICATE_KEY", 1L);
    InternalRow row =
        outcomeRow(
            3,
            1,
            10L,
            7L,
            3L,
            Envelope.map(reasons),
            11L,
            4L,
            100L,
            900L,
            null,
            "ab12",
            Envelope.stringArray(List.of("note", "extra")));

    FileOutcomes.Part part = FileOutcomes.Part.of(row);

    assertThat(part)
        .isEqualTo(
            new FileOutcomes.Part(
                3, 1, 10, 7, 3, reasons, 11, 4, 100, 900, null, "ab12", List.of("note", "extra")));
  }

  @Test
  void aRejectedRangeWithoutExtraColumnsKeepsItsMessageAndNulls() {
    InternalRow row =
        outcomeRow(
            0,
            0,
            5L,
            0L,
            0L,
            Envelope.map(Map.of()),
            0L,
            0L,
            0L,
            2048L,
            "file is not UTF-8 (line 6)",
            null,
            null);

    FileOutcomes.Part part = FileOutcomes.Part.of(row);

    assertThat(part)
        .isEqualTo(
            new FileOutcomes.Part(
                0, 0, 5, 0, 0, Map.of(), 0, 0, 0, 2048, "file is not UTF-8 (line 6)", null, null));
  }

  @Test
  void aDataFileWrittenRoundTripsThroughTheEnvelope() {
    TableFileWriter.Written partitioned =
        new TableFileWriter.Written(
            "period=2025-10/part-00003-a.zstd.parquet",
            "2025-10",
            4096,
            17,
            250,
            "01",
            "79",
            List.of(0, 4, 9));
    TableFileWriter.Written reference =
        new TableFileWriter.Written(
            "part-00000-b.zstd.parquet", null, 512, 18, 3, null, null, List.of(2));

    for (TableFileWriter.Written file : List.of(partitioned, reference)) {
      GenericInternalRow row = Envelope.row(DATASET, Envelope.FILE_WRITTEN, -1, -1);
      row.update(Envelope.WRITTEN_ORDINAL, file.toInternal());

      assertThat(TableFileWriter.Written.of(cached(row))).isEqualTo(file);
    }
  }
}
