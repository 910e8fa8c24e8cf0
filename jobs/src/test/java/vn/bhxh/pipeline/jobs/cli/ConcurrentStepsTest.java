package vn.bhxh.pipeline.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.testing.JobTest;
import vn.bhxh.pipeline.common.testing.SparkTestSession;

@JobTest
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
  void aFailureIsRethrownOnlyAfterEveryOtherStepHasEnded() {
    AtomicBoolean slowStepEnded = new AtomicBoolean();
    CountDownLatch failed = new CountDownLatch(1);
    Runnable fails =
        () -> {
          failed.countDown();
          throw new IllegalStateException("table x is broken");
        };
    Runnable failsToo =
        () -> {
          throw new IllegalArgumentException("so is table y");
        };
    // The slow step comes last: a run that threw at the first failed step would return while it
    // still sleeps.
    ConcurrentSteps steps =
        new ConcurrentSteps(SPARK, 3)
            .add("fails", fails)
            .add("fails too", failsToo)
            .add(
                "slow",
                () -> {
                  try {
                    // Still running well after the first step has failed: a deliberate window.
                    failed.await(30, TimeUnit.SECONDS);
                    Thread.sleep(200);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  slowStepEnded.set(true);
                });

    assertThatThrownBy(steps::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("table x is broken")
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .singleElement()
                    .satisfies(s -> assertThat(s).hasMessage("so is table y")));
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
