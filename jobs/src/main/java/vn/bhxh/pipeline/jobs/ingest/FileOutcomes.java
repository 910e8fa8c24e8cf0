package vn.bhxh.pipeline.jobs.ingest;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import scala.collection.JavaConverters;
import vn.bhxh.pipeline.common.landing.LandingFile;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.spark.ScalaCollections;

/**
 * What the ranges of a batch's files yielded, put back together per file on the driver: the files
 * to read again whole, the {@code ingest_log} rows, and the line offsets of later ranges. Pure.
 *
 * <p>A file read in several ranges is read again whole (one task, exactly as a small file) when the
 * ranges cannot be trusted to equal a whole read: a cut fell inside a quoted field (an odd number
 * of quotes in a range before the last), a range does not begin where the one before it ended (the
 * file changed while it was read), or a range was rejected (its message would name a line of the
 * range, not of the file). Keys accepted in two ranges are found by the job, which adds those
 * files.
 */
final class FileOutcomes {
  /** One range's outcome row: {@link Envelope#OUTCOME} with its file and part. */
  record Part(
      int file,
      int part,
      long read,
      long accepted,
      long quarantined,
      Map<String, Long> reasons,
      long lineFeeds,
      long quotes,
      long start,
      long end,
      String rejectionMessage,
      String checksum,
      List<String> extraColumns) {

    /** The outcome of an envelope row of kind {@link Envelope#PART_OUTCOME}. */
    static Part of(InternalRow row) {
      InternalRow outcome = row.getStruct(Envelope.OUTCOME_ORDINAL, Envelope.OUTCOME_SCHEMA.size());
      return new Part(
          row.getInt(Envelope.FILE_ORDINAL),
          row.getInt(Envelope.PART_ORDINAL),
          outcome.getLong(ROWS_READ),
          outcome.getLong(ROWS_ACCEPTED),
          outcome.getLong(ROWS_QUARANTINED),
          Envelope.counts(outcome.getMap(REASON_COUNTS)),
          outcome.getLong(LINE_FEEDS),
          outcome.getLong(QUOTES),
          outcome.getLong(PART_START),
          outcome.getLong(PART_END),
          Envelope.string(outcome, REJECTION_MESSAGE),
          Envelope.string(outcome, CHECKSUM),
          outcome.isNullAt(EXTRA_COLUMNS)
              ? null
              : Envelope.strings(outcome.getArray(EXTRA_COLUMNS)));
    }
  }

  // Where the fields of Envelope.OUTCOME_SCHEMA are in an outcome struct.
  private static final int ROWS_READ = outcomeField(Envelope.ROWS_READ);
  private static final int ROWS_ACCEPTED = outcomeField(Envelope.ROWS_ACCEPTED);
  private static final int ROWS_QUARANTINED = outcomeField(Envelope.ROWS_QUARANTINED);
  private static final int REASON_COUNTS = outcomeField(Envelope.REASON_COUNTS);
  private static final int LINE_FEEDS = outcomeField(Envelope.LINE_FEEDS);
  private static final int QUOTES = outcomeField(Envelope.QUOTES);
  private static final int PART_START = outcomeField(Envelope.PART_START);
  private static final int PART_END = outcomeField(Envelope.PART_END);
  private static final int REJECTION_MESSAGE = outcomeField(Envelope.REJECTION_MESSAGE);
  private static final int CHECKSUM = outcomeField(Envelope.CHECKSUM);
  private static final int EXTRA_COLUMNS = outcomeField(Envelope.EXTRA_COLUMNS);

  private final List<LandingFile> files;
  private final Map<Integer, List<Part>> byFile = new TreeMap<>();

  private static int outcomeField(String name) {
    return Envelope.OUTCOME_SCHEMA.fieldIndex(name);
  }

  FileOutcomes(List<LandingFile> files, List<Part> parts) {
    this.files = files;
    for (Part part : parts) {
      byFile.computeIfAbsent(part.file(), f -> new ArrayList<>()).add(part);
    }
    byFile.values().forEach(list -> list.sort(Comparator.comparingInt(Part::part)));
  }

  /** These outcomes with the files of {@code again} replaced by their whole reads. */
  FileOutcomes replacedBy(Set<Integer> again, List<Part> wholeReads) {
    List<Part> parts = new ArrayList<>();
    byFile.forEach(
        (file, list) -> {
          if (!again.contains(file)) {
            parts.addAll(list);
          }
        });
    parts.addAll(wholeReads);
    return new FileOutcomes(files, parts);
  }

  /** Files read in several ranges that must be read again whole (see the class comment). */
  Set<Integer> untrusted() {
    Set<Integer> again = new TreeSet<>();
    byFile.forEach(
        (file, parts) -> {
          if (parts.size() > 1 && !trusted(parts)) {
            again.add(file);
          }
        });
    return again;
  }

  /** Whether any file was read in several ranges (so keys may repeat across ranges). */
  boolean anyCut() {
    return byFile.values().stream().anyMatch(parts -> parts.size() > 1);
  }

  private static boolean trusted(List<Part> parts) {
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      if (part.part() != i || part.rejectionMessage() != null) {
        return false;
      }
      if (i < parts.size() - 1
          && (part.quotes() % 2 != 0 || part.end() != parts.get(i + 1).start())) {
        return false;
      }
    }
    return true;
  }

  /** Files rejected as a whole, by index. */
  Set<Integer> rejected() {
    Set<Integer> rejected = new TreeSet<>();
    byFile.forEach(
        (file, parts) -> {
          if (parts.stream().anyMatch(p -> p.rejectionMessage() != null)) {
            rejected.add(file);
          }
        });
    return rejected;
  }

  /**
   * For each later range of a file read in ranges that quarantined rows, the lines before it: its
   * line numbers plus this are the file's. Key: {@code file} × 2³² + {@code part}.
   */
  Map<Long, Long> lineOffsets() {
    Map<Long, Long> offsets = new HashMap<>();
    byFile.forEach(
        (file, parts) -> {
          if (parts.size() > 1 && parts.stream().anyMatch(p -> p.quarantined() > 0)) {
            long before = 0;
            for (Part part : parts) {
              if (part.part() > 0) {
                offsets.put(offsetKey(file, part.part()), before);
              }
              before += part.lineFeeds();
            }
          }
        });
    return offsets;
  }

  static long offsetKey(int file, int part) {
    return ((long) file << 32) | part;
  }

  /** One {@code ingest_log} row per file, as {@link IngestLogColumns#TABLE_SCHEMA}. */
  List<Row> logRows(String runId, Timestamp ingestedAt) {
    List<Row> rows = new ArrayList<>();
    byFile.forEach(
        (index, parts) -> {
          LandingFile file = files.get(index);
          Part first = parts.get(0);
          String rejection =
              parts.stream()
                  .map(Part::rejectionMessage)
                  .filter(m -> m != null)
                  .findFirst()
                  .orElse(null);
          boolean loaded = rejection == null;
          long read = 0;
          long accepted = 0;
          long quarantined = 0;
          Map<String, Long> reasons = new TreeMap<>();
          for (Part part : parts) {
            read += part.read();
            accepted += part.accepted();
            quarantined += part.quarantined();
            part.reasons().forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
          }
          rows.add(
              new GenericRowWithSchema(
                  new Object[] {
                    file.path(),
                    first.checksum(),
                    file.sizeBytes(),
                    file.dataset(),
                    file.period() == null ? null : file.period().toString(),
                    file.provinceCode(),
                    loaded ? read : 0L,
                    loaded ? accepted : 0L,
                    loaded ? quarantined : 0L,
                    loaded ? IngestLogColumns.STATUS_LOADED : IngestLogColumns.STATUS_REJECTED,
                    rejection,
                    first.extraColumns() == null
                        ? null
                        : ScalaCollections.seq(first.extraColumns()),
                    JavaConverters.mapAsScalaMap(loaded ? reasons : Map.<String, Long>of()),
                    runId,
                    ingestedAt,
                    file.modifiedAt() == null ? null : Timestamp.from(file.modifiedAt())
                  },
                  IngestLogColumns.TABLE_SCHEMA));
        });
    return rows;
  }
}
