package vn.bhxh.pipeline.jobs.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.landing.LandingFile;

/**
 * Loads the batches of a run with the write of one batch overlapping the read of the next: a
 * batch's read (parse, validate, hash) and its write (Parquet encoding, commits) each leave cores
 * idle in their last tasks and between their Spark jobs, and the other fills them.
 *
 * <p>Writes stay one at a time and in batch order, so the commits of a table follow the batches as
 * before; reads commit nothing. At most two batches are cached at once: the one being written and
 * the one being read. A failure stops the run once the write in flight has ended (its commit is
 * whole or absent), and frees the cache of a batch read but not written.
 */
final class BatchPipeline {
  /** The two halves of a batch's load ({@link BatchLoader} is the one used). */
  interface Loader<B> {
    /** Reads and validates a batch into memory; writes nothing. */
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
    ExecutorService writer =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "ingest-writer");
              thread.setDaemon(true);
              return thread;
            });
    Future<List<Row>> writing = null;
    try {
      for (List<LandingFile> files : batches) {
        B read;
        try {
          read = loader.read(files);
        } catch (RuntimeException e) {
          if (writing != null) {
            awaitSuppressing(writing, e);
          }
          throw e;
        }
        if (writing != null) {
          try {
            log.addAll(await(writing));
          } catch (RuntimeException e) {
            loader.discard(read);
            throw e;
          }
        }
        writing = writer.submit(() -> loader.write(read));
      }
      if (writing != null) {
        log.addAll(await(writing));
      }
      return log;
    } finally {
      writer.shutdown();
    }
  }

  private static List<Row> await(Future<List<Row>> writing) {
    try {
      return writing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineException("interrupted while a batch was being written", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new PipelineException("writing a batch failed: " + e.getCause(), e.getCause());
    }
  }

  /** Waits for the write in flight; its failure, if any, is attached to the one being thrown. */
  private static void awaitSuppressing(Future<List<Row>> writing, RuntimeException thrown) {
    try {
      await(writing);
    } catch (RuntimeException | Error e) {
      thrown.addSuppressed(e);
    }
  }
}
