package vn.bhxh.pipeline.common.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.testing.SparkTier;

@SparkTier
class ConcurrentStepsTest {
  private static final SparkSession SPARK = SparkTestSession.get();

  @Test
  void resultsComeInTheOrderTheStepsWereAddedEachWithItsOwnJobDescription() {
    List<Object> results =
        new ConcurrentSteps(SPARK, 2)
            .add("first", () -> description() + ":" + SPARK.range(3).count())
            .add("second", () -> description() + ":" + SPARK.range(5).count())
            .add("third", () -> {})
            .run();

    assertThat(results).containsExactly("first:3", "second:5", null);
  }

  @Test
  void theStepsRunSideBySide() throws Exception {
    // Each step waits for the other: one thread at a time would never get past the latch.
    CountDownLatch both = new CountDownLatch(2);
    AtomicInteger metTheOther = new AtomicInteger();
    Runnable meet =
        () -> {
          both.countDown();
          try {
            if (both.await(30, TimeUnit.SECONDS)) {
              metTheOther.incrementAndGet();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };

    new ConcurrentSteps(SPARK, 2).add("a", meet).add("b", meet).run();

    // Run one after the other, the first step would wait out its 30 s alone and not count.
    assertThat(metTheOther).hasValue(2);
  }

  @Test
  void aFailureIsRethrownOnlyAfterEveryOtherStepHasEnded() throws Exception {
    CountDownLatch failed = new CountDownLatch(1);
    CountDownLatch returned = new CountDownLatch(1);
    AtomicBoolean sawRunReturn = new AtomicBoolean();
    AtomicBoolean slowStepEnded = new AtomicBoolean();
    Runnable fails =
        () -> {
          failed.countDown();
          throw new IllegalStateException("table x is broken");
        };
    Runnable failsToo =
        () -> {
          throw new IllegalArgumentException("so is table y");
        };
    // The slow step, started after a step has failed, watches for run() to return while it still
    // runs: a run that rethrew at the first failure would return, and the step would see it (no
    // guess of how long anything takes). A correct run cannot return first, so the watch ends at
    // its limit.
    ConcurrentSteps steps =
        new ConcurrentSteps(SPARK, 3)
            .add("fails", fails)
            .add("fails too", failsToo)
            .add(
                "slow",
                () -> {
                  try {
                    failed.await(30, TimeUnit.SECONDS);
                    sawRunReturn.set(returned.await(2, TimeUnit.SECONDS));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  slowStepEnded.set(true);
                });

    Throwable thrown;
    try {
      thrown = catchThrowable(steps::run);
    } finally {
      returned.countDown();
    }

    assertThat(thrown)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("table x is broken")
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .singleElement()
                    .satisfies(s -> assertThat(s).hasMessage("so is table y")));
    assertThat(sawRunReturn).as("run() returned while a step still ran").isFalse();
    assertThat(slowStepEnded).isTrue();
  }

  @Test
  void twoStepsWithOneNameAreRefused() {
    ConcurrentSteps steps = new ConcurrentSteps(SPARK, 1).add("write x", () -> {});

    assertThatThrownBy(() -> steps.add("write x", () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("write x");
  }

  private static String description() {
    return SPARK.sparkContext().getLocalProperty("spark.job.description");
  }
}
