package vn.bhxh.pipeline.jobs.ingest;

import java.io.Serializable;
import java.sql.Timestamp;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.util.TaskFailureListener;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.pseudo.Pseudonymizer;

/**
 * One Spark task of a batch: reads, validates and pseudonymises its file ranges ({@link
 * IngestSplit}: a whole small file, several small files, or one range of a large one) one after the
 * other, streaming. Accepted rows go straight into the table's Parquet files ({@link
 * TableFileWriter}); the task yields the rest of its {@link Envelope} rows (quarantined rows, part
 * outcomes, the key fingerprints of a range's accepted rows, and one row per data file written).
 * Nothing of a file is held in memory but the keys its rows have shown (for duplicates).
 */
final class FileIngestTask implements FlatMapFunction<List<IngestSplit>, InternalRow> {
  private static final long serialVersionUID = 1L;

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

  /**
   * The envelope's row converter, one per task thread: generating it (then finding the compiled
   * class in Spark's cache) cost a few milliseconds a task.
   */
  private static final ThreadLocal<UnsafeProjection> TO_UNSAFE =
      ThreadLocal.withInitial(() -> UnsafeProjection.create(Envelope.SCHEMA));

  private final IngestDataset dataset;
  private final Broadcast<Settings> settings;
  private final TaskMetrics metrics;
  private final TableFileWriter.Spec table;
  private final boolean filesOfTheirOwn;

  /**
   * @param filesOfTheirOwn whether every landing file gets data files of its own (files read again
   *     whole), rather than whole files sharing them
   */
  FileIngestTask(
      IngestDataset dataset,
      Broadcast<Settings> settings,
      TaskMetrics metrics,
      TableFileWriter.Spec table,
      boolean filesOfTheirOwn) {
    this.dataset = dataset;
    this.settings = settings;
    this.metrics = metrics;
    this.table = table;
    this.filesOfTheirOwn = filesOfTheirOwn;
  }

  @Override
  public Iterator<InternalRow> call(List<IngestSplit> splits) {
    Settings settings = this.settings.value();
    Pseudonymizer keyer = settings.pseudonymizer().copy();
    Iterator<IngestSplit> remaining = splits.iterator();
    UnsafeProjection unsafe = TO_UNSAFE.get();
    TaskContext task = TaskContext.get();
    TableFileWriter writer =
        new TableFileWriter(
            table,
            settings.hadoop().get(),
            task == null ? 0 : task.partitionId(),
            task == null ? 0 : task.attemptNumber());
    if (task != null) {
      TaskFailureListener abort = (context, error) -> writer.abort();
      task.addTaskFailureListener(abort);
    }
    return new Iterator<>() {
      private Iterator<InternalRow> current = Collections.emptyIterator();
      private Iterator<TableFileWriter.Written> written;
      private InternalRow pending;

      @Override
      public boolean hasNext() {
        while (pending == null) {
          if (current.hasNext()) {
            InternalRow row = current.next();
            if (row.getByte(0) != Envelope.ACCEPTED) {
              pending = row;
            } else {
              writer.write(row);
            }
          } else if (remaining.hasNext()) {
            // A range is opened only when the one before it is done: one open file per task.
            IngestSplit split = remaining.next();
            writer.startFile(
                split.file(), split.landing().path(), filesOfTheirOwn || !split.whole());
            current = new SplitRows(dataset, settings, metrics, split, keyer);
          } else {
            if (written == null) {
              written = writer.finish().iterator();
            }
            if (!written.hasNext()) {
              return false;
            }
            GenericInternalRow row = Envelope.row(dataset, Envelope.FILE_WRITTEN, -1, -1);
            row.update(Envelope.WRITTEN_ORDINAL, written.next().toInternal());
            pending = row;
          }
        }
        return true;
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        // Compact, self-contained rows (one byte array each) for the cache; the table's columns
        // of an accepted row are not part of the cached schema.
        InternalRow row = unsafe.apply(pending).copy();
        pending = null;
        return row;
      }
    };
  }
}
