package vn.bhxh.pipeline.jobs.ingest;

import java.io.Serializable;
import java.sql.Timestamp;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.pseudo.Pseudonymizer;

/**
 * One Spark task of a batch: reads, validates and pseudonymises its file ranges ({@link
 * IngestSplit}: a whole small file, several small files, or one range of a large one) one after the
 * other, streaming, and yields their {@link Envelope} rows. Nothing of a file is held in memory but
 * the keys its rows have shown (for duplicates).
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

  private final IngestDataset dataset;
  private final Settings settings;
  private final TaskMetrics metrics;

  FileIngestTask(IngestDataset dataset, Settings settings, TaskMetrics metrics) {
    this.dataset = dataset;
    this.settings = settings;
    this.metrics = metrics;
  }

  @Override
  public Iterator<InternalRow> call(List<IngestSplit> splits) {
    Pseudonymizer keyer = settings.pseudonymizer().copy();
    Iterator<IngestSplit> remaining = splits.iterator();
    UnsafeProjection unsafe = UnsafeProjection.create(Envelope.schema(dataset));
    return new Iterator<>() {
      private Iterator<InternalRow> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        // A range is opened only when the one before it is done: one open file per task.
        while (!current.hasNext() && remaining.hasNext()) {
          current = new SplitRows(dataset, settings, metrics, remaining.next(), keyer);
        }
        return current.hasNext();
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        // Compact, self-contained rows (one byte array each) for the cache.
        return unsafe.apply(current.next()).copy();
      }
    };
  }
}
