package vn.bhxh.pipeline.jobs.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.landing.LandingFile;

/**
 * Loads the batches of a run with several batches read at once and each written as soon as it is
 * read and the batches of its table before it are written: a batch's read (parse, validate, hash,
 * and the Parquet files written by its tasks) leaves cores idle in its last tasks, and the next
 * batch's read fills them; its write (the commits) runs beside the reads.
 *
 * <p>The writes of one table stay one at a time and in batch order, so its commits follow the
 * batches; the writes of different tables run side by side (their commits are mostly the driver's
 * and Delta's fixed costs, which would otherwise queue behind the largest table's read). Reads
 * commit nothing. At most {@link #READS_IN_FLIGHT} batches are held at once, read or being read and
 * not yet written. A failure stops the run: no batch is read after it, the reads and writes in
 * flight end, and the batches read but not written are freed; the first failure is thrown.
 */
final class BatchPipeline {
  /** Batches held at once: being read, or read and not yet written. */
  static final int READS_IN_FLIGHT = 3;

  /** The two halves of a batch's load ({@link BatchLoader} is the one used). */
  interface Loader<B> {
    /**
     * The table a batch writes: writes of one table keep batch order, writes of different tables
     * may run at once (a table written by several loaders' batches must have one name here).
     */
    String table(List<LandingFile> files);

    /** Reads and validates a batch; commits nothing. May run beside other batches' reads. */
    B read(List<LandingFile> files);

    /**
     * Writes a batch read, frees it and returns its {@code ingest_log} rows. May run beside the
     * write of another table's batch, never beside one of the same table.
     */
    List<Row> write(B batch);

    /** Frees a batch read that will not be written. */
    void discard(B batch);
  }

  private BatchPipeline() {}

  /** Loads every batch; returns their {@code ingest_log} rows in batch order. */
  static <B> List<Row> run(Loader<B> loader, List<List<LandingFile>> batches) {
    ExecutorService readers = threads("ingest-reader");
    ExecutorService writers = threads("ingest-writer");
    Semaphore held = new Semaphore(READS_IN_FLIGHT);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Map<String, CompletableFuture<List<Row>>> lastWriteOfTable = new HashMap<>();
    List<CompletableFuture<List<Row>>> writes = new ArrayList<>();
    try {
      for (List<LandingFile> files : batches) {
        if (!acquire(held, failure) || failure.get() != null) {
          break;
        }
        CompletableFuture<List<Row>> before =
            lastWriteOfTable.getOrDefault(
                loader.table(files), CompletableFuture.completedFuture(List.of()));
        CompletableFuture<List<Row>> write =
            CompletableFuture.supplyAsync(() -> loader.read(files), readers)
                // after the table's previous write, whatever became of it
                .thenCombine(before.handle((rows, error) -> rows), (batch, ignored) -> batch)
                .thenApplyAsync(batch -> writeOrDiscard(loader, batch, failure), writers)
                .whenComplete(
                    (rows, error) -> {
                      if (error != null) {
                        record(failure, unwrap(error));
                      }
                      held.release();
                    });
        lastWriteOfTable.put(loader.table(files), write);
        writes.add(write);
      }
      // Every read and write in flight ends before the run returns or fails.
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
          .handle((done, error) -> null)
          .join();
      if (failure.get() != null) {
        throw rethrown(failure.get());
      }
      List<Row> log = new ArrayList<>();
      writes.forEach(write -> log.addAll(write.join()));
      return log;
    } finally {
      readers.shutdown();
      writers.shutdown();
    }
  }

  /**
   * Writes a batch read, or frees it when the run has failed meanwhile (a write still runs if its
   * table's previous write failed, the run's failure stops it first).
   */
  private static <B> List<Row> writeOrDiscard(
      Loader<B> loader, B batch, AtomicReference<Throwable> failure) {
    if (failure.get() != null) {
      loader.discard(batch);
      throw new Stopped();
    }
    return loader.write(batch);
  }

  /** Waits for room to hold one more batch; false (the run failed) if interrupted meanwhile. */
  private static boolean acquire(Semaphore held, AtomicReference<Throwable> failure) {
    try {
      held.acquire();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      record(failure, new PipelineException("interrupted while batches were being loaded", e));
      return false;
    }
  }

  /** Keeps the first failure; a later one is added to it as suppressed, a stop is not. */
  private static void record(AtomicReference<Throwable> failure, Throwable error) {
    if (error instanceof Stopped) {
      return;
    }
    if (!failure.compareAndSet(null, error) && failure.get() != error) {
      synchronized (failure) {
        failure.get().addSuppressed(error);
      }
    }
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  private static RuntimeException rethrown(Throwable error) {
    if (error instanceof RuntimeException runtime) {
      return runtime;
    }
    if (error instanceof Error fatal) {
      throw fatal;
    }
    return new PipelineException("loading a batch failed: " + error, error);
  }

  private static ExecutorService threads(String name) {
    return Executors.newFixedThreadPool(
        READS_IN_FLIGHT,
        runnable -> {
          Thread thread = new Thread(runnable, name);
          thread.setDaemon(true);
          return thread;
        });
  }

  /** A batch freed instead of written because the run had failed: not a failure of its own. */
  private static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("the run failed before this batch was written", null, false, false);
    }
  }
}
