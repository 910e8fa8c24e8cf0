package vn.bhxh.pipeline.jobs.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.landing.LandingFile;

/**
 * Loads the batches of a run with two batches read at once and each written as soon as it is read
 * and the ones before it are written: a batch's read (parse, validate, hash, and the Parquet files
 * written by its tasks) leaves cores idle in its last tasks, and the next batch's read fills them;
 * its write (the commits) runs beside the reads.
 *
 * <p>Writes stay one at a time and in batch order, so the commits of a table follow the batches as
 * before; reads commit nothing. At most two batches are held at once: batch n + 2 is read only once
 * batch n is written. A failure stops the run once the reads in flight have ended, and frees the
 * batches read but not written.
 */
final class BatchPipeline {
  /** Batches read at once. */
  static final int READS_IN_FLIGHT = 3;

  /** The two halves of a batch's load ({@link BatchLoader} is the one used). */
  interface Loader<B> {
    /** Reads and validates a batch; commits nothing. May run beside another batch's read. */
    B read(List<LandingFile> files);

    /** Writes a batch read, frees it and returns its {@code ingest_log} rows. */
    List<Row> write(B batch);

    /** Frees a batch read that will not be written. */
    void discard(B batch);
  }

  private BatchPipeline() {}

  /** Loads every batch; returns their {@code ingest_log} rows in batch order. */
  static <B> List<Row> run(Loader<B> loader, List<List<LandingFile>> batches) {
    List<Row> log = new ArrayList<>();
    ExecutorService readers =
        Executors.newFixedThreadPool(
            READS_IN_FLIGHT,
            runnable -> {
              Thread thread = new Thread(runnable, "ingest-reader");
              thread.setDaemon(true);
              return thread;
            });
    Deque<Future<B>> reading = new ArrayDeque<>();
    int next = 0;
    try {
      while (next < batches.size() && reading.size() < READS_IN_FLIGHT) {
        List<LandingFile> files = batches.get(next++);
        reading.add(readers.submit(() -> loader.read(files)));
      }
      while (!reading.isEmpty()) {
        B read = await(reading.poll());
        log.addAll(loader.write(read));
        if (next < batches.size()) {
          List<LandingFile> files = batches.get(next++);
          reading.add(readers.submit(() -> loader.read(files)));
        }
      }
      return log;
    } catch (RuntimeException | Error e) {
      for (Future<B> other : reading) {
        try {
          loader.discard(await(other));
        } catch (RuntimeException | Error suppressed) {
          if (suppressed != e) {
            e.addSuppressed(suppressed);
          }
        }
      }
      throw e;
    } finally {
      readers.shutdown();
    }
  }

  private static <B> B await(Future<B> reading) {
    try {
      return reading.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineException("interrupted while a batch was being read", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new PipelineException("reading a batch failed: " + e.getCause(), e.getCause());
    }
  }
}
