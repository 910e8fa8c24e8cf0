package vn.bhxh.pipeline.common.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import vn.bhxh.pipeline.common.error.PipelineException;

/**
 * Runs independent steps of a job (say, writes to different tables) at the same time, each in a
 * driver thread of its own. A small write spends most of its time on the driver (planning, the
 * Delta commit, file operations) with the executors idle, so a few of them side by side finish
 * sooner than one after the other; Spark schedules the jobs of several threads at once.
 *
 * <p>Each step gets its own job description (Spark's local properties are per thread). All steps
 * run to their end, failed or not, before {@link #run} returns or throws, so no step is still
 * writing when the caller reports a failure; the first failure in submission order is rethrown.
 */
public final class ConcurrentSteps {
  private final SparkSession spark;
  private final int threads;
  private final Map<String, Supplier<?>> steps = new LinkedHashMap<>();

  /**
   * @param threads at most this many steps at a time
   */
  public ConcurrentSteps(SparkSession spark, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    this.spark = spark;
    this.threads = threads;
  }

  /** Adds a step; {@code description} becomes the job description of its Spark jobs. */
  public ConcurrentSteps add(String description, Runnable step) {
    return add(
        description,
        () -> {
          step.run();
          return null;
        });
  }

  /** Adds a step with a result; {@code description} must be unique among the steps. */
  public ConcurrentSteps add(String description, Supplier<?> step) {
    if (steps.putIfAbsent(description, step) != null) {
      throw new IllegalArgumentException("two steps named " + description);
    }
    return this;
  }

  /**
   * Runs the steps and returns their results in the order they were added (null for a {@link
   * Runnable}).
   */
  public List<Object> run() {
    if (steps.isEmpty()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(threads, steps.size()), daemonThreads());
    try {
      List<Future<Object>> futures = new ArrayList<>();
      steps.forEach((description, step) -> futures.add(pool.submit(() -> run(description, step))));
      List<Object> results = new ArrayList<>();
      Throwable failure = null;
      for (Future<Object> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause();
          } else {
            failure.addSuppressed(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          pool.shutdownNow();
          throw new PipelineException("interrupted while waiting for " + steps.keySet(), e);
        }
      }
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      if (failure != null) {
        throw new PipelineException(failure.getMessage(), failure);
      }
      return results;
    } finally {
      pool.shutdown();
    }
  }

  private Object run(String description, Supplier<?> step) {
    SparkSession.setActiveSession(spark);
    spark.sparkContext().setJobDescription(description);
    try {
      return step.get();
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "step-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
