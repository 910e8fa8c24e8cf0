package vn.bhxh.pipeline.common.nightly;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An {@code ingest_log} row of a monthly file reduced to what convergence needs: the slice it
 * loaded and when.
 *
 * @param slice the slice of the file (dataset, period, province)
 * @param ingestedAt when it was ingested
 */
public record LoggedSlice(Slice slice, Instant ingestedAt) {
  public LoggedSlice {
    Objects.requireNonNull(slice, "slice");
    Objects.requireNonNull(ingestedAt, "ingestedAt");
  }

  /**
   * The slices ingested after a moment: the slices whose indicators may not be recomputed yet.
   *
   * <p>A nightly run that was killed after loading files but before recomputing leaves {@code
   * ingest_log} rows and stale indicators; the next run finds the files unchanged. Planning from
   * "every slice ingested since the start of the last successful nightly" (besides the files it
   * loads itself) makes that next run recompute what the killed one did not, and also what a manual
   * {@code ingest} loaded in between. Rows at exactly {@code since} count as pending.
   *
   * @param log the monthly rows of {@code ingest_log}
   * @param since the start of the last nightly that completed; null when none ever did (then every
   *     slice is pending)
   */
  public static SortedSet<Slice> ingestedSince(Collection<LoggedSlice> log, Instant since) {
    SortedSet<Slice> pending = new TreeSet<>();
    for (LoggedSlice row : log) {
      if (since == null || !row.ingestedAt().isBefore(since)) {
        pending.add(row.slice());
      }
    }
    return pending;
  }
}
