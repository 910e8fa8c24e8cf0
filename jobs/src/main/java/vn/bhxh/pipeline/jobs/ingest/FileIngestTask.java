package vn.bhxh.pipeline.jobs.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.security.DigestInputStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.landing.LandingFile;
import vn.bhxh.pipeline.common.landing.LandingZone;
import vn.bhxh.pipeline.common.pseudo.Pseudonymizer;
import vn.bhxh.pipeline.common.quality.FileRejection;
import vn.bhxh.pipeline.common.quality.FileSlice;
import vn.bhxh.pipeline.common.quality.LandingCsv;
import vn.bhxh.pipeline.common.quality.LandingRecord;
import vn.bhxh.pipeline.common.quality.ReasonCode;
import vn.bhxh.pipeline.common.quality.RowResult;
import vn.bhxh.pipeline.common.quality.RowValidator;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.schema.QuarantineColumns;

/**
 * Reads, validates and pseudonymises one landing file inside one Spark task, streaming: it yields
 * an "envelope" row per accepted row, per quarantined row, and finally one per file (its {@code
 * ingest_log} row), so a file of any size is never held in memory. The file's SHA-256 is computed
 * over the same bytes the parser reads.
 *
 * <p>A file found unusable part-way (invalid UTF-8 on line 90 000, a truncated gzip) has already
 * yielded rows: its log row says REJECTED and the job drops that file's rows before writing.
 *
 * <p>Time spent in the parser (I/O, decompression, decoding, CSV), in validation (checks, HMAC, row
 * building) and in the whole task (with what Spark does with the rows between two pulls) is added
 * to accumulators, for the benchmark.
 */
final class FileIngestTask implements FlatMapFunction<LandingFile, Row> {
  private static final long serialVersionUID = 1L;

  static final String KIND = "kind";
  static final String ACCEPTED = "accepted";
  static final String QUARANTINED = "quarantined";
  static final String FILE = "file";

  /**
   * What every file task of a run shares.
   *
   * @param ingestedAt the run's start, stamped on quarantine and log rows (one instant per run)
   */
  record Settings(
      Pseudonymizer pseudonymizer,
      Geography geography,
      Set<String> targetIndicators,
      HadoopConfiguration hadoop,
      String runId,
      Timestamp ingestedAt)
      implements Serializable {}

  private final IngestDataset dataset;
  private final Settings settings;
  private final TaskMetrics metrics;

  FileIngestTask(IngestDataset dataset, Settings settings, TaskMetrics metrics) {
    this.dataset = dataset;
    this.settings = settings;
    this.metrics = metrics;
  }

  // Rows go through Spark's Row encoder, which wants Scala collections for arrays and maps.

  /** The schema of the rows this task yields for a dataset: a kind and one struct per kind. */
  static StructType envelope(IngestDataset dataset) {
    return new StructType()
        .add(KIND, DataTypes.StringType, false)
        .add(ACCEPTED, dataset.schema(), true)
        .add(QUARANTINED, QuarantineColumns.TABLE_SCHEMA, true)
        .add(FILE, IngestLogColumns.TABLE_SCHEMA, true);
  }

  @Override
  public Iterator<Row> call(LandingFile file) {
    return new FileRows(file, settings.pseudonymizer().copy());
  }

  /** The lazily produced rows of one file. */
  private final class FileRows implements Iterator<Row> {
    private final LandingFile file;
    private final RowValidator validator;
    private final String quarantinePeriod;
    private DigestInputStream raw;
    private LandingCsv csv;
    private Row pending;
    private boolean finished;
    private long parseTime;
    private long validateTime;
    private long read;
    private long accepted;
    private long quarantined;
    private final Map<String, Long> reasons = new TreeMap<>();
    private List<String> extraColumns;
    private FileRejection rejection;
    private final long opened = System.nanoTime();

    FileRows(LandingFile file, Pseudonymizer keyer) {
      this.file = file;
      FileSlice slice = new FileSlice(file.dataset(), file.period(), file.provinceCode());
      this.validator =
          dataset.validator(slice, keyer::key, settings.geography(), settings.targetIndicators());
      this.quarantinePeriod =
          file.period() == null ? QuarantineColumns.REFERENCE_PERIOD : file.period().toString();
      open();
    }

    private void open() {
      long start = System.nanoTime();
      try {
        Path path = new Path(file.uri());
        raw =
            new DigestInputStream(
                path.getFileSystem(settings.hadoop().get()).open(path), LandingZone.newSha256());
        if (file.problem() != null) {
          rejection = new FileRejection(file.problem(), file.problem().description());
          return;
        }
        // The parser closes its input at the end; the digest stream must stay open to be drained.
        InputStream unclosable =
            new FilterInputStream(raw) {
              @Override
              public void close() {}
            };
        InputStream content =
            file.gzipped() ? new GZIPInputStream(unclosable, 64 * 1024) : unclosable;
        csv = LandingCsv.open(content, validator.columns(), validator.requiredColumns());
        extraColumns = csv.extraColumns();
      } catch (FileRejection e) {
        rejection = e;
      } catch (IOException e) {
        rejection =
            new FileRejection(
                ReasonCode.UNREADABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
      } finally {
        parseTime += System.nanoTime() - start;
      }
    }

    @Override
    public boolean hasNext() {
      if (pending == null && !finished) {
        pending = advance();
      }
      return pending != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row row = pending;
      pending = null;
      return row;
    }

    private Row advance() {
      if (csv != null && rejection == null) {
        long start = System.nanoTime();
        LandingRecord record;
        try {
          record = csv.next();
        } catch (FileRejection e) {
          rejection = e;
          record = null;
        } finally {
          parseTime += System.nanoTime() - start;
        }
        if (record != null) {
          start = System.nanoTime();
          try {
            return rowOf(record);
          } finally {
            validateTime += System.nanoTime() - start;
          }
        }
      }
      finished = true;
      return fileRow();
    }

    private Row rowOf(LandingRecord record) {
      read++;
      RowResult result = validator.validate(record);
      if (result.accepted()) {
        accepted++;
        return RowFactory.create(ACCEPTED, withLineage(result.values()), null, null);
      }
      quarantined++;
      List<String> codes = new ArrayList<>(result.reasons().size());
      for (ReasonCode reason : result.reasons()) {
        codes.add(reason.name());
        reasons.merge(reason.name(), 1L, Long::sum);
      }
      Row quarantine =
          RowFactory.create(
              file.dataset(),
              quarantinePeriod,
              file.provinceCode(),
              file.path(),
              record.lineNumber(),
              JavaConverters.asScalaBuffer(codes).toList(),
              result.detail(),
              JavaConverters.mapAsScalaMap(
                  validator.maskedValues(record.values(), csv.presentColumns())),
              settings.runId(),
              settings.ingestedAt(),
              file.modifiedAt() == null ? null : Timestamp.from(file.modifiedAt()));
      return RowFactory.create(QUARANTINED, null, quarantine, null);
    }

    private Row withLineage(Object[] values) {
      int lineage = dataset.monthly() ? 2 : 1;
      Object[] row = java.util.Arrays.copyOf(values, values.length + lineage);
      if (dataset.monthly()) {
        row[values.length] = file.path();
      }
      row[row.length - 1] = settings.runId();
      return RowFactory.create(row);
    }

    private Row fileRow() {
      long start = System.nanoTime();
      String checksum = null;
      if (csv != null) {
        csv.close();
      }
      if (raw != null) {
        try (InputStream stream = raw) {
          LandingZone.drain(stream);
          checksum = HexFormat.of().formatHex(raw.getMessageDigest().digest());
        } catch (IOException e) {
          if (rejection == null) {
            rejection =
                new FileRejection(
                    ReasonCode.UNREADABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
          }
        }
      }
      parseTime += System.nanoTime() - start;
      metrics.parseNanos().add(parseTime);
      metrics.validateNanos().add(validateTime);
      metrics.fileTaskNanos().add(System.nanoTime() - opened);
      metrics.filesDone().add(1);
      metrics.rowsRead().add(read);
      boolean loaded = rejection == null;
      Row log =
          RowFactory.create(
              file.path(),
              checksum,
              file.sizeBytes(),
              file.dataset(),
              file.period() == null ? null : file.period().toString(),
              file.provinceCode(),
              loaded ? read : 0L,
              loaded ? accepted : 0L,
              loaded ? quarantined : 0L,
              loaded ? IngestLogColumns.STATUS_LOADED : IngestLogColumns.STATUS_REJECTED,
              loaded ? null : rejection.getMessage(),
              extraColumns == null || extraColumns.isEmpty()
                  ? null
                  : JavaConverters.asScalaBuffer(extraColumns).toList(),
              JavaConverters.mapAsScalaMap(loaded ? reasons : Map.<String, Long>of()),
              settings.runId(),
              settings.ingestedAt(),
              file.modifiedAt() == null ? null : Timestamp.from(file.modifiedAt()));
      return RowFactory.create(FILE, null, null, log);
    }
  }
}
