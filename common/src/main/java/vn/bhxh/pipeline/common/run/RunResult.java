package vn.bhxh.pipeline.common.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run did, for the {@code runs} table and the closing summary.
 *
 * @param details further facts (files loaded, periods recomputed, durations…), in insertion order
 */
public record RunResult(
    long rowsRead, long rowsWritten, long rowsQuarantined, Map<String, String> details) {

  public RunResult {
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** A result with counts only. */
  public static RunResult of(long rowsRead, long rowsWritten, long rowsQuarantined) {
    return new RunResult(rowsRead, rowsWritten, rowsQuarantined, Map.of());
  }

  /** A result that only tells facts, for commands that move no rows. */
  public static RunResult withDetails(Map<String, String> details) {
    return new RunResult(0, 0, 0, details);
  }
}
