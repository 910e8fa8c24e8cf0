package vn.bhxh.pipeline.common.run;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Identity of one job run: its id (sortable by start time, e.g. {@code
 * 20261122T140512Z-ingest-3f2a9c1b}), command, arguments and start instant, with the clock every
 * part of the run reads time from.
 */
public record RunContext(
    String runId, String command, List<String> arguments, Instant startedAt, Clock clock) {

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  public RunContext {
    arguments = List.copyOf(arguments);
  }

  /** Starts a run of a command now, by the given clock. */
  public static RunContext start(String command, List<String> arguments, Clock clock) {
    Instant now = clock.instant();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    return new RunContext(
        ID_TIME.format(now) + "-" + command + "-" + suffix, command, arguments, now, clock);
  }
}
