package vn.bhxh.pipeline.jobs.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import vn.bhxh.pipeline.common.landing.LandingFile;
import vn.bhxh.pipeline.common.landing.LandingZone;
import vn.bhxh.pipeline.common.pseudo.Pseudonymizer;
import vn.bhxh.pipeline.common.quality.ChunkInputStream;
import vn.bhxh.pipeline.common.quality.FileRejection;
import vn.bhxh.pipeline.common.quality.FileSlice;
import vn.bhxh.pipeline.common.quality.LandingCsv;
import vn.bhxh.pipeline.common.quality.LandingRecord;
import vn.bhxh.pipeline.common.quality.ReasonCode;
import vn.bhxh.pipeline.common.quality.RowBatch;
import vn.bhxh.pipeline.common.quality.RowResult;
import vn.bhxh.pipeline.common.quality.RowValidator;
import vn.bhxh.pipeline.common.schema.QuarantineColumns;

/**
 * The lazily produced {@link Envelope} rows of one file range: a row per accepted and per
 * quarantined landing row, then one outcome row for the range.
 *
 * <p>The first range of a file also computes the file's SHA-256 over every byte of the file (it
 * reads on past its range for that); a later range first reads the file's header, then starts at
 * the first line boundary of its range. Line numbers of a later range count from its start; the job
 * adds the line feeds of the ranges before it.
 *
 * <p>A range found unusable part-way (invalid UTF-8 on line 90 000, a truncated gzip) has already
 * yielded rows: its outcome says so and the job drops the file's rows before writing. Time spent in
 * the parser (I/O, decompression, decoding, CSV) and in validation (checks, HMAC, row building) is
 * added to the task metrics, for the benchmark. Rows are read, validated and built in batches
 * ({@link RowValidator#validate(RowBatch)} looks their keys up together), which also lets the clock
 * be read per batch: three readings a row were 4 % of a month's task time.
 */
final class SplitRows implements Iterator<InternalRow> {
  private static final long BYTES_PER_ROW_AT_LEAST = 48;
  private static final int BATCH_ROWS = 64;
  // What a later range reads of the file's start for its header.
  private static final long HEADER_CHARS = 8 * 1024;
  private final IngestDataset dataset;
  private final FileIngestTask.Settings settings;
  private final TaskMetrics metrics;
  private final IngestSplit split;
  private final LandingFile file;
  private final RowValidator validator;
  private final String quarantinePeriod;
  private DigestInputStream digested;
  private InputStream opened;
  private ChunkInputStream chunk;
  private LandingCsv csv;
  private final RowBatch batch = new RowBatch(BATCH_ROWS);
  // The batch's rows as built; at the end, the range's key fingerprints and its outcome.
  private final InternalRow[] rows = new InternalRow[BATCH_ROWS + 2];
  private int count;
  private int cursor;
  private boolean exhausted;
  private boolean finished;
  private long parseTime;
  private long validateTime;
  private long read;
  private long accepted;
  private long quarantined;
  private long partStart;
  private final Map<String, Long> reasons = new TreeMap<>();
  private List<String> extraColumns;
  private FileRejection rejection;
  private final long openedAt = System.nanoTime();

  SplitRows(
      IngestDataset dataset,
      FileIngestTask.Settings settings,
      TaskMetrics metrics,
      IngestSplit split,
      Pseudonymizer keyer) {
    this.dataset = dataset;
    this.settings = settings;
    this.metrics = metrics;
    this.split = split;
    this.file = split.landing();
    FileSlice slice = new FileSlice(file.dataset(), file.period(), file.provinceCode());
    this.validator =
        dataset.validator(slice, keyer::key, settings.geography(), settings.targetIndicators());
    // A landing row is at least a few dozen bytes; sizing the key set for the range at once spares
    // it a dozen rounds of growing (each one moving every key seen so far).
    this.validator.expectRows(split.length() / BYTES_PER_ROW_AT_LEAST);
    this.quarantinePeriod =
        file.period() == null ? QuarantineColumns.REFERENCE_PERIOD : file.period().toString();
    open();
  }

  private void open() {
    long start = System.nanoTime();
    try {
      Path path = new Path(file.uri());
      FileSystem fs = path.getFileSystem(settings.hadoop().get());
      if (split.part() == 0) {
        openFirst(fs.open(path));
      } else {
        openLater(fs, path);
      }
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

  /** The first range: the header, and the digest of the whole file. */
  private void openFirst(InputStream raw) throws FileRejection, IOException {
    digested = new DigestInputStream(raw, LandingZone.newSha256());
    opened = digested;
    if (file.problem() != null) {
      rejection = new FileRejection(file.problem(), file.problem().description());
      return;
    }
    // The parser closes its input at the end; the digest stream must stay open to be drained.
    InputStream unclosable =
        new FilterInputStream(digested) {
          @Override
          public void close() {}
        };
    InputStream content = unclosable;
    if (!split.whole()) {
      chunk = new ChunkInputStream(unclosable, 0, split.end());
      content = chunk;
    }
    if (file.gzipped()) {
      content = new GZIPInputStream(content, 64 * 1024);
    }
    // A gzipped file's text is several times its size: the parser's usual buffer.
    long expectedChars = file.gzipped() ? Long.MAX_VALUE : split.end();
    csv = LandingCsv.open(content, validator.columns(), validator.requiredColumns(), expectedChars);
    extraColumns = csv.extraColumns();
  }

  /** A later range: the header from the file's start, then rows from the range's first line. */
  private void openLater(FileSystem fs, Path path) throws FileRejection, IOException {
    LandingCsv.Header header;
    try (InputStream head = fs.open(path)) {
      LandingCsv headerReader =
          LandingCsv.open(head, validator.columns(), validator.requiredColumns(), HEADER_CHARS);
      header = headerReader.header();
      headerReader.close();
    }
    FSDataInputStream in = fs.open(path);
    opened = in;
    in.seek(split.start() - 1);
    partStart = ChunkInputStream.lineStartAtOrAfter(in, split.start(), file.sizeBytes());
    if (partStart < file.sizeBytes()) {
      in.seek(partStart);
    }
    chunk = new ChunkInputStream(in, partStart, split.end());
    csv = LandingCsv.openPart(chunk, header);
    extraColumns = csv.extraColumns();
  }

  @Override
  public boolean hasNext() {
    if (cursor == count && !finished) {
      refill();
    }
    return cursor < count;
  }

  @Override
  public InternalRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    InternalRow row = rows[cursor];
    rows[cursor++] = null;
    return row;
  }

  /**
   * The next rows: up to a batch of them parsed, validated together and built, or, once the range
   * is read (or found unusable), its outcome. Rows parsed before a rejection are still built: the
   * job drops a rejected file's rows.
   */
  private void refill() {
    cursor = 0;
    count = 0;
    if (csv != null && rejection == null && !exhausted) {
      long start = System.nanoTime();
      batch.clear();
      try {
        while (!batch.isFull()) {
          LandingRecord record = csv.next();
          if (record == null) {
            exhausted = true;
            break;
          }
          batch.add(record);
        }
      } catch (FileRejection e) {
        rejection = e;
      }
      long parsed = System.nanoTime();
      parseTime += parsed - start;
      if (batch.size() > 0) {
        validator.validate(batch);
        for (int row = 0; row < batch.size(); row++) {
          rows[count++] = rowOf(row);
        }
        validateTime += System.nanoTime() - parsed;
        return;
      }
    }
    finished = true;
    if (!split.whole() && csv != null) {
      // The range's accepted keys, for the check across the file's ranges (RepeatedKeys).
      GenericInternalRow keys =
          Envelope.row(dataset, Envelope.KEY_FINGERPRINTS, split.file(), split.part());
      keys.update(Envelope.KEYS_ORDINAL, validator.acceptedKeyHalves());
      rows[count++] = keys;
    }
    rows[count++] = outcome();
  }

  private InternalRow rowOf(int index) {
    read++;
    LandingRecord record = batch.record(index);
    RowResult result = batch.result(index);
    if (result.accepted()) {
      accepted++;
      GenericInternalRow row = Envelope.row(dataset, Envelope.ACCEPTED, split.file(), split.part());
      // The lineage columns (source_file, run_id) stay null here: the same for every row of the
      // file, the Parquet writer supplies them.
      Object[] values = result.values();
      int column = Envelope.FIRST_TABLE_COLUMN;
      for (Object value : values) {
        row.update(column++, Envelope.internal(value));
      }
      return row;
    }
    quarantined++;
    List<String> codes = new ArrayList<>(result.reasons().size());
    for (ReasonCode reason : result.reasons()) {
      codes.add(reason.name());
      reasons.merge(reason.name(), 1L, Long::sum);
    }
    GenericInternalRow row =
        Envelope.row(dataset, Envelope.QUARANTINED, split.file(), split.part());
    row.update(
        Envelope.QUARANTINE_ORDINAL,
        Envelope.struct(
            file.dataset(),
            quarantinePeriod,
            file.provinceCode(),
            file.path(),
            record.lineNumber(),
            Envelope.stringArray(codes),
            result.detail(),
            Envelope.map(validator.maskedValues(record.values(), csv.presentColumns())),
            settings.runId(),
            settings.ingestedAt()));
    return row;
  }

  private InternalRow outcome() {
    long start = System.nanoTime();
    String checksum = null;
    if (csv != null) {
      csv.close();
    }
    if (digested != null) {
      // The first range digests the whole file: read on to its end.
      try (InputStream stream = digested) {
        LandingZone.drain(stream);
        checksum = HexFormat.of().formatHex(digested.getMessageDigest().digest());
      } catch (IOException e) {
        if (rejection == null) {
          rejection =
              new FileRejection(
                  ReasonCode.UNREADABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
      }
    } else if (opened != null) {
      try {
        opened.close();
      } catch (IOException e) {
        // the range was read; closing a read-only stream has nothing left to lose
      }
    }
    parseTime += System.nanoTime() - start;
    metrics.parseNanos().add(parseTime);
    metrics.validateNanos().add(validateTime);
    metrics.fileTaskNanos().add(System.nanoTime() - openedAt);
    if (split.part() == split.parts() - 1) {
      metrics.filesDone().add(1);
    }
    metrics.rowsRead().add(read);
    GenericInternalRow row =
        Envelope.row(dataset, Envelope.PART_OUTCOME, split.file(), split.part());
    row.update(
        Envelope.OUTCOME_ORDINAL,
        Envelope.struct(
            read,
            accepted,
            quarantined,
            Envelope.map(reasons),
            chunk == null ? 0L : chunk.lineFeeds(),
            chunk == null ? 0L : chunk.quotes(),
            chunk == null ? 0L : partStart,
            chunk == null ? file.sizeBytes() : chunk.position(),
            rejection == null ? null : rejection.getMessage(),
            checksum,
            extraColumns == null || extraColumns.isEmpty()
                ? null
                : Envelope.stringArray(extraColumns)));
    return row;
  }
}
