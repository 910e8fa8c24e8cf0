package vn.bhxh.pipeline.jobs.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * Runs a command again and again in one JVM, so in one Spark session ({@code nightly --watch}):
 * pass 1 at once, then a pass at every multiple of the interval after the first one started. A pass
 * that overruns its interval skips the starts it missed (they are not queued), so passes never
 * overlap and keep to a fixed schedule.
 *
 * <p>Each pass is a whole run of the command with its own exit code: a failed pass (1) and a pass
 * that found the lock taken (75) are reported and the next pass runs at its time; a pass refused
 * for its configuration (2) stops the watch, as nothing would change at the next pass. With a
 * number of passes, the exit code is the last pass's; without, the watch runs until the process is
 * stopped (SIGTERM, SIGINT). A pass stopped that way is a killed run: the next {@code nightly}
 * repairs what it left (docs/nightly.md §5).
 */
public final class Watch {
  /** Waits; a seam for tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** The shortest interval between two passes. */
  public static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(1);

  private final String command;
  private final Duration interval;
  private final OptionalInt passes;
  private final Clock clock;
  private final Sleeper sleeper;
  private final PrintStream err;

  /**
   * @param command the command's name, for the lines on stderr
   * @param interval the time between the starts of two passes, at least one second
   * @param passes how many passes to run; empty: until stopped
   */
  public Watch(
      String command,
      Duration interval,
      OptionalInt passes,
      Clock clock,
      Sleeper sleeper,
      PrintStream err) {
    if (interval.compareTo(SHORTEST_INTERVAL) < 0) {
      throw new IllegalArgumentException("interval under " + SHORTEST_INTERVAL + ": " + interval);
    }
    if (passes.isPresent() && passes.getAsInt() < 1) {
      throw new IllegalArgumentException("passes must be positive: " + passes.getAsInt());
    }
    this.command = command;
    this.interval = interval;
    this.passes = passes;
    this.clock = clock;
    this.sleeper = sleeper;
    this.err = err;
  }

  /** A watch on the system clock that really sleeps, reporting on {@code System.err}. */
  public static Watch of(String command, Duration interval, OptionalInt passes) {
    return new Watch(
        command,
        interval,
        passes,
        Clock.systemUTC(),
        duration -> Thread.sleep(duration.toMillis()),
        System.err);
  }

  /** Runs the passes; returns the exit code of the last one (see the class comment). */
  public int run(IntSupplier pass) {
    Instant first = clock.instant();
    AtomicBoolean running = new AtomicBoolean(false);
    Thread hook =
        new Thread(
            () -> {
              if (running.get()) {
                err.println(
                    prefix()
                        + "stopped during a pass: it ends like a killed run, which the next "
                        + command
                        + " repairs");
              } else {
                err.println(prefix() + "stopped between passes");
              }
            },
            command + "-watch-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      for (int number = 1; ; number++) {
        Instant started = clock.instant();
        running.set(true);
        int code = pass.getAsInt();
        running.set(false);
        Duration took = Duration.between(started, clock.instant());
        boolean last = passes.isPresent() && number >= passes.getAsInt();
        if (code == JobLauncher.BAD_CONFIGURATION) {
          err.println(prefix() + "pass " + number + " refused its configuration; stopping");
          return code;
        }
        if (last) {
          err.println(prefix() + line(number, code, took) + "; that was the last pass");
          return code;
        }
        Instant next = nextStart(first, clock.instant(), interval);
        err.println(prefix() + line(number, code, took) + "; next pass at " + next);
        err.flush();
        try {
          sleeper.sleep(Duration.between(clock.instant(), next));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          err.println(prefix() + "interrupted between passes; stopping");
          return code;
        }
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is stopping: the hook runs and says why.
      }
    }
  }

  /**
   * The first start after {@code now} on the schedule {@code first + k × interval}: a pass that
   * overran skips the starts it missed.
   */
  static Instant nextStart(Instant first, Instant now, Duration interval) {
    long elapsed = Duration.between(first, now).toNanos();
    long step = interval.toNanos();
    long k = Math.max(1, Math.floorDiv(elapsed, step) + 1);
    return first.plusNanos(k * step);
  }

  private String prefix() {
    return "pipeline " + command + " --watch: ";
  }

  private static String line(int number, int code, Duration took) {
    String outcome =
        switch (code) {
          case JobLauncher.OK -> "finished";
          case JobLauncher.BUSY -> "skipped (another run holds the lock)";
          case JobLauncher.FAILED -> "failed (exit 1)";
          default -> "ended with exit " + code;
        };
    return String.format(
        Locale.ROOT, "pass %d %s in %.1f s", number, outcome, took.toNanos() / 1e9);
  }
}
