package vn.bhxh.pipeline.jobs.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The wall time during which at least one of a set of intervals was under way: batches are read,
 * and written, side by side, so the sum of their times can exceed the run's, while the length of
 * the union of their intervals cannot. Times are {@link System#nanoTime} values.
 */
final class BusyTime {
  private final List<long[]> intervals = new ArrayList<>();

  /** Adds the interval from {@code start} to {@code end} (ignored when it is empty). */
  void add(long start, long end) {
    if (end > start) {
      intervals.add(new long[] {start, end});
    }
  }

  /** The length of the union of the intervals. */
  long nanos() {
    return length(union(intervals));
  }

  /** The length of the time when both this and {@code other} were busy. */
  long overlapNanos(BusyTime other) {
    List<long[]> both = new ArrayList<>(intervals);
    both.addAll(other.intervals);
    return nanos() + other.nanos() - length(union(both));
  }

  private static List<long[]> union(List<long[]> intervals) {
    List<long[]> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparingLong(interval -> interval[0]));
    List<long[]> merged = new ArrayList<>();
    for (long[] interval : sorted) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && interval[0] <= last[1]) {
        last[1] = Math.max(last[1], interval[1]);
      } else {
        merged.add(new long[] {interval[0], interval[1]});
      }
    }
    return merged;
  }

  private static long length(List<long[]> intervals) {
    return intervals.stream().mapToLong(interval -> interval[1] - interval[0]).sum();
  }
}
