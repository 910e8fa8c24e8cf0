package vn.bhxh.pipeline.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.testing.MutableClock;

/** The watch loop on a clock the test moves: no Spark, no real waiting. */
class WatchTest {
  private static final Instant START = Instant.parse("2026-11-23T02:00:00Z");
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  private final MutableClock clock = new MutableClock(START);
  private final List<Duration> sleeps = new ArrayList<>();
  private final List<Instant> passStarts = new ArrayList<>();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void passesStartOnAFixedScheduleAndTheLastPassGivesTheExitCode() {
    // Passes of 3, 4 and 2 minutes every 10: they start at 0, 10 and 20 minutes.
    int code = watch(TEN_MINUTES, 3).run(passes(pass(3, 0), pass(4, 0), pass(2, 0)));

    assertThat(code).isZero();
    assertThat(passStarts)
        .containsExactly(START, START.plus(TEN_MINUTES), START.plus(TEN_MINUTES.multipliedBy(2)));
    assertThat(sleeps).containsExactly(Duration.ofMinutes(7), Duration.ofMinutes(6));
    assertThat(stderr())
        .contains(
            "pipeline nightly --watch: pass 1 finished in 180.0 s; next pass at 2026-11-23T02:10:00Z")
        .contains("pass 2 finished in 240.0 s; next pass at 2026-11-23T02:20:00Z")
        .contains("pass 3 finished in 120.0 s; that was the last pass");
  }

  @Test
  void aPassThatOverrunsSkipsTheStartsItMissedAndPassesNeverOverlap() {
    // The first pass takes 25 minutes: the starts at 10 and 20 are skipped, the next is at 30.
    watch(TEN_MINUTES, 2).run(passes(pass(25, 0), pass(1, 0)));

    assertThat(passStarts).containsExactly(START, START.plus(Duration.ofMinutes(30)));
    assertThat(sleeps).containsExactly(Duration.ofMinutes(5));
  }

  @Test
  void failedAndLockedOutPassesAreReportedAndTheNextPassRuns() {
    int code =
        watch(TEN_MINUTES, 3)
            .run(passes(pass(1, JobLauncher.FAILED), pass(0, JobLauncher.BUSY), pass(1, 0)));

    assertThat(code).isZero();
    assertThat(passStarts).hasSize(3);
    assertThat(stderr())
        .contains("pass 1 failed (exit 1) in 60.0 s; next pass at")
        .contains("pass 2 skipped (another run holds the lock) in 0.0 s; next pass at");
  }

  @Test
  void theLastPassExitCodeIsReturnedEvenWhenItFailed() {
    assertThat(watch(TEN_MINUTES, 2).run(passes(pass(1, 0), pass(1, JobLauncher.BUSY))))
        .isEqualTo(JobLauncher.BUSY);
  }

  @Test
  void aPassRefusedForItsConfigurationStopsTheWatch() {
    int code =
        watch(TEN_MINUTES, 5)
            .run(passes(pass(1, 0), pass(0, JobLauncher.BAD_CONFIGURATION), pass(1, 0)));

    assertThat(code).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(passStarts).hasSize(2);
    assertThat(stderr()).contains("pass 2 refused its configuration; stopping");
  }

  @Test
  void withoutAPassLimitItRunsUntilInterrupted() {
    // A sleeper that is interrupted at the fourth wait stands for a signal between passes.
    Watch watch =
        new Watch(
            "nightly",
            TEN_MINUTES,
            OptionalInt.empty(),
            clock,
            duration -> {
              sleeps.add(duration);
              clock.advance(duration);
              if (sleeps.size() == 4) {
                throw new InterruptedException("stop");
              }
            },
            new PrintStream(err, true, StandardCharsets.UTF_8));

    int code = watch.run(() -> pass(2, 0).getAsInt());

    assertThat(code).isZero();
    assertThat(passStarts).hasSize(4);
    assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
    assertThat(stderr()).contains("interrupted between passes; stopping");
  }

  @Test
  void theNextStartIsTheFirstScheduledStartAfterNow() {
    Duration minute = Duration.ofMinutes(1);
    assertThat(Watch.nextStart(START, START, minute)).isEqualTo(START.plus(minute));
    assertThat(Watch.nextStart(START, START.plusSeconds(59), minute)).isEqualTo(START.plus(minute));
    assertThat(Watch.nextStart(START, START.plusSeconds(60), minute))
        .isEqualTo(START.plus(minute.multipliedBy(2)));
    assertThat(Watch.nextStart(START, START.plusSeconds(601), minute))
        .isEqualTo(START.plus(minute.multipliedBy(11)));
  }

  @Test
  void refusesAnIntervalUnderOneSecondAndANonPositivePassCount() {
    assertThatThrownBy(() -> watch(Duration.ofMillis(999), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> watch(TEN_MINUTES, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  // --- helpers --------------------------------------------------------------------------------

  /** A pass that records its start, takes {@code minutes} on the clock and returns {@code code}. */
  private java.util.function.IntSupplier pass(int minutes, int code) {
    return () -> {
      passStarts.add(clock.instant());
      clock.advance(Duration.ofMinutes(minutes));
      return code;
    };
  }

  /** The given passes in order; a pass beyond them fails the test. */
  private static java.util.function.IntSupplier passes(java.util.function.IntSupplier... passes) {
    Deque<java.util.function.IntSupplier> left = new ArrayDeque<>(List.of(passes));
    return () -> {
      assertThat(left).as("a pass more than the test planned").isNotEmpty();
      return left.removeFirst().getAsInt();
    };
  }

  private Watch watch(Duration interval, int passes) {
    return new Watch(
        "nightly",
        interval,
        OptionalInt.of(passes),
        clock,
        duration -> {
          sleeps.add(duration);
          clock.advance(duration);
        },
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
