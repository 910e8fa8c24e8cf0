package vn.bhxh.pipeline.jobs.nightly;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.Collectors;
import vn.bhxh.pipeline.common.landing.LandingFile;
import vn.bhxh.pipeline.common.nightly.ChangeDetector.Changes;
import vn.bhxh.pipeline.common.nightly.InvalidationPlan;
import vn.bhxh.pipeline.common.nightly.ReferenceChange;
import vn.bhxh.pipeline.common.nightly.Slice;
import vn.bhxh.pipeline.jobs.transform.ValidationStep;

/**
 * What a nightly prints on stdout when it ends: what it found, loaded, recomputed, and the steps'
 * times.
 */
final class NightlySummary {
  private NightlySummary() {}

  static void print(
      PrintStream out,
      String runId,
      Changes changes,
      List<LandingFile> referenceLoaded,
      List<LandingFile> monthlyLoaded,
      SortedSet<Slice> pending,
      SortedSet<ReferenceChange> referenceChanges,
      InvalidationPlan plan,
      Map<String, String> details,
      String steps) {
    out.println("nightly " + runId);
    out.println("  landing zone:  " + changes.summary());
    if (!changes.missing().isEmpty()) {
      out.println(
          "  missing:       "
              + changes.missing().size()
              + " logged file(s) no longer in the landing zone (their rows are kept)");
    }
    out.println(
        "  loaded:        "
            + (referenceLoaded.size() + monthlyLoaded.size())
            + " file(s)"
            + (referenceLoaded.isEmpty()
                ? ""
                : " incl. " + referenceLoaded.stream().map(LandingFile::path).collect(joining())));
    out.println(
        "  slices:        "
            + (pending.isEmpty() ? "none pending" : pending.size() + " pending")
            + (pending.isEmpty() ? "" : " (" + sliceSummary(pending) + ")"));
    out.println(
        "  reference:     "
            + (referenceChanges.isEmpty()
                ? "unchanged"
                : referenceChanges.stream().map(ReferenceChange::toString).collect(joining())));
    out.println("  recomputed:    " + plan.summary());
    if (details.containsKey(ValidationStep.ERRORS)) {
      out.println("  checks:        " + ValidationStep.summary(details));
    }
    out.println("  steps:         " + steps);
    if (plan.isEmpty() && referenceLoaded.isEmpty() && monthlyLoaded.isEmpty()) {
      out.println("  nothing new: no table written but runs");
    }
    out.flush();
  }

  /** Per dataset: how many slices, e.g. {@code contributions 3, participation 1}. */
  static String sliceSummary(SortedSet<Slice> slices) {
    Map<String, Long> counts =
        slices.stream()
            .collect(Collectors.groupingBy(Slice::dataset, TreeMap::new, Collectors.counting()));
    return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(joining());
  }

  private static java.util.stream.Collector<CharSequence, ?, String> joining() {
    return Collectors.joining(", ");
  }
}
