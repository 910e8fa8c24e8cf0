package vn.bhxh.pipeline.jobs.ingest;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;

/**
 * Counts and timings of one ingest run, accumulated from the {@code ingest_log} rows of each batch:
 * the progress lines, the closing summary and the {@code runs} row are made from it.
 */
final class IngestSummary {
  private static final int MAX_LISTED = 20;

  private final int filesFound;
  private int filesDone;
  private int filesLoaded;
  private long rowsRead;
  private long rowsAccepted;
  private long rowsQuarantined;
  private final Map<String, Long> reasons = new TreeMap<>();
  private final List<String> rejected = new ArrayList<>();
  private final List<String> extraColumns = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final BusyTime reading = new BusyTime();
  private final BusyTime writing = new BusyTime();
  private long parseTaskNanos;
  private long validateTaskNanos;
  private long fileTaskNanos;
  private long ranges;
  private long filesReadAgain;

  IngestSummary(int filesFound) {
    this.filesFound = filesFound;
  }

  /** Adds the log rows of one batch (one per file). */
  void add(List<Row> logRows) {
    for (Row row : logRows) {
      filesDone++;
      String path = row.getAs(IngestLogColumns.PATH);
      if (IngestLogColumns.STATUS_LOADED.equals(row.getAs(IngestLogColumns.STATUS))) {
        filesLoaded++;
      } else {
        rejected.add(path + ": " + row.getAs(IngestLogColumns.REJECTION_REASON));
      }
      rowsRead += row.<Long>getAs(IngestLogColumns.ROWS_READ);
      rowsAccepted += row.<Long>getAs(IngestLogColumns.ROWS_ACCEPTED);
      rowsQuarantined += row.<Long>getAs(IngestLogColumns.ROWS_QUARANTINED);
      scala.collection.Map<String, Long> counts = row.getAs(IngestLogColumns.REASON_COUNTS);
      if (counts != null) {
        scala.collection.JavaConverters.mapAsJavaMap(counts)
            .forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
      }
      scala.collection.Seq<String> extra = row.getAs(IngestLogColumns.EXTRA_COLUMNS);
      if (extra != null) {
        extraColumns.add(
            path + ": " + String.join(", ", scala.collection.JavaConverters.seqAsJavaList(extra)));
      }
    }
  }

  /**
   * Adds a batch's times: when its read (read, validation, data files) and its write (commits,
   * quarantine) started and ended ({@link System#nanoTime}), and its tasks' times.
   */
  void addTimes(
      long readStarted,
      long readEnded,
      long writeStarted,
      long writeEnded,
      long parseTask,
      long validateTask,
      long fileTask) {
    reading.add(readStarted, readEnded);
    writing.add(writeStarted, writeEnded);
    fileTaskNanos += fileTask;
    parseTaskNanos += parseTask;
    validateTaskNanos += validateTask;
  }

  /** A fact worth a line of its own in the summary (e.g. a reference file that is missing). */
  /**
   * Adds a batch's reading plan: the byte ranges read (one per small file, several per large one)
   * and the files read a second time, whole (see {@link BatchLoader}).
   */
  void addRanges(long rangesRead, long readAgain) {
    ranges += rangesRead;
    filesReadAgain += readAgain;
  }

  void note(String line) {
    notes.add(line);
  }

  String progress() {
    return String.format(
        Locale.ROOT,
        "%d/%d files, %,d rows read (%,d accepted, %,d quarantined)",
        filesDone,
        filesFound,
        rowsRead,
        rowsAccepted,
        rowsQuarantined);
  }

  long rowsAccepted() {
    return rowsAccepted;
  }

  /** The closing summary, for stdout. */
  void print(PrintStream out, String runId, long totalNanos) {
    out.println("ingest " + runId);
    out.printf(
        Locale.ROOT,
        "  files: %d found, %d loaded, %d rejected%n",
        filesFound,
        filesLoaded,
        rejected.size());
    out.printf(
        Locale.ROOT,
        "  rows: %,d read = %,d accepted + %,d quarantined%n",
        rowsRead,
        rowsAccepted,
        rowsQuarantined);
    if (!reasons.isEmpty()) {
      out.println("  quarantined rows by reason (a row may have several):");
      reasons.forEach((reason, count) -> out.printf(Locale.ROOT, "    %-30s %,d%n", reason, count));
    }
    list(out, "  rejected files (their slices keep their last good load):", rejected);
    list(out, "  extra columns ignored:", extraColumns);
    notes.forEach(note -> out.println("  " + note));
    out.printf(
        Locale.ROOT,
        "  time: %.1f s total; reading files %.1f s (task time: parse %.1f s, validate %.1f s,"
            + " all %.1f s), committing %.1f s, %.1f s of it beside reading; %,.0f rows/s%n",
        seconds(totalNanos),
        seconds(reading.nanos()),
        seconds(parseTaskNanos),
        seconds(validateTaskNanos),
        seconds(fileTaskNanos),
        seconds(writing.nanos()),
        seconds(writing.overlapNanos(reading)),
        rowsRead / Math.max(seconds(totalNanos), 1e-9));
  }

  /** The run's counts and facts for the {@code runs} table. */
  RunResult result(long totalNanos) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("files_found", String.valueOf(filesFound));
    details.put("files_loaded", String.valueOf(filesLoaded));
    details.put("files_rejected", String.valueOf(rejected.size()));
    details.put("total_seconds", format(seconds(totalNanos)));
    // Names kept from before the tasks wrote the data files: "read_validate" is now the tasks'
    // read, validation and Parquet files, "write" the commits and the quarantine. Both are wall
    // times (batches overlap: the time when at least one was reading, or writing), and
    // "read_write_overlap" the time when both were under way.
    details.put("read_validate_seconds", format(seconds(reading.nanos())));
    details.put("parse_task_seconds", format(seconds(parseTaskNanos)));
    details.put("validate_task_seconds", format(seconds(validateTaskNanos)));
    details.put("file_task_seconds", format(seconds(fileTaskNanos)));
    details.put("write_seconds", format(seconds(writing.nanos())));
    details.put("read_write_overlap_seconds", format(seconds(writing.overlapNanos(reading))));
    details.put("ranges_read", String.valueOf(ranges));
    details.put("files_read_again_whole", String.valueOf(filesReadAgain));
    details.put("rows_per_second", format(rowsRead / Math.max(seconds(totalNanos), 1e-9)));
    reasons.forEach((reason, count) -> details.put("quarantined." + reason, String.valueOf(count)));
    return new RunResult(rowsRead, rowsAccepted, rowsQuarantined, details);
  }

  private static void list(PrintStream out, String title, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    out.println(title);
    lines.stream().limit(MAX_LISTED).forEach(line -> out.println("    " + line));
    if (lines.size() > MAX_LISTED) {
      out.println("    … and " + (lines.size() - MAX_LISTED) + " more (see ingest_log)");
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
