package vn.bhxh.pipeline.jobs.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import vn.bhxh.pipeline.common.landing.LandingFile;

/**
 * Cuts the files of a batch into ranges and packs the ranges into tasks, the way Spark plans a scan
 * of files: a range is at most {@code maxSplitBytes}, and no bigger than the batch's bytes over the
 * cores, so that one large province's file keeps every core (and every executor) busy; small files
 * (the demo's thousands) share a task, each counting an opening cost, so that a task is not spent
 * on starting up. Pure: the job passes in the sizes and the parallelism.
 */
final class SplitPlanner {
  private final long maxSplitBytes;
  private final long openCostBytes;
  private final int parallelism;

  /**
   * @param maxSplitBytes the largest range a task reads (pipeline.ingest.split-bytes)
   * @param openCostBytes what opening a file costs, counted as bytes when packing small files
   * @param parallelism the cores the batch can use
   */
  SplitPlanner(long maxSplitBytes, long openCostBytes, int parallelism) {
    this.maxSplitBytes = maxSplitBytes;
    this.openCostBytes = openCostBytes;
    this.parallelism = Math.max(1, parallelism);
  }

  /**
   * The tasks of a batch, largest first (tasks start in order, so a big one does not end the batch
   * alone on one core).
   *
   * @param files the batch's files; a range's {@code file} is the index in this list
   */
  List<List<IngestSplit>> plan(List<LandingFile> files) {
    long splitBytes = splitBytes(files);
    List<IngestSplit> splits = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      LandingFile file = files.get(i);
      boolean cuttable = !file.gzipped() && file.problem() == null && file.sizeBytes() > splitBytes;
      // A cut file's ranges are a multiple of the cores: 7 ranges on 2 cores left one core idle
      // through the last round (1.66x from the second core instead of close to 2x).
      int parts =
          cuttable
              ? (int) (ceilDiv(ceilDiv(file.sizeBytes(), splitBytes), parallelism) * parallelism)
              : 1;
      for (int part = 0; part < parts; part++) {
        long start = file.sizeBytes() * part / parts;
        long end = file.sizeBytes() * (part + 1) / parts;
        splits.add(new IngestSplit(i, file, part, parts, start, end));
      }
    }
    return pack(splits, splitBytes);
  }

  /**
   * Tasks that read only the files {@code indices} of the batch, each whole (files whose ranges
   * could not be trusted, read again).
   */
  List<List<IngestSplit>> planWhole(List<LandingFile> files, Set<Integer> indices) {
    List<IngestSplit> splits = new ArrayList<>();
    for (int i : indices) {
      LandingFile file = files.get(i);
      splits.add(new IngestSplit(i, file, 0, 1, 0, file.sizeBytes()));
    }
    return pack(splits, splitBytes(files));
  }

  /** The largest range of a batch: the configured size, or the batch's share of one core. */
  private long splitBytes(List<LandingFile> files) {
    long total = 0;
    for (LandingFile file : files) {
      total += file.sizeBytes() + openCostBytes;
    }
    return Math.min(maxSplitBytes, Math.max(openCostBytes, ceilDiv(total, parallelism)));
  }

  /**
   * Next-fit packing of the ranges into tasks of at most {@code splitBytes}, a period's ranges
   * together (largest first within it), so that a task writes few data files (one per period it
   * reads); then the tasks largest first.
   */
  private List<List<IngestSplit>> pack(Collection<IngestSplit> splits, long splitBytes) {
    List<IngestSplit> byPeriod =
        splits.stream()
            .sorted(
                Comparator.comparing(
                        (IngestSplit split) -> String.valueOf(split.landing().period()))
                    .thenComparing(Comparator.comparingLong(IngestSplit::length).reversed()))
            .toList();
    List<List<IngestSplit>> tasks = new ArrayList<>();
    List<IngestSplit> current = new ArrayList<>();
    long currentBytes = 0;
    for (IngestSplit split : byPeriod) {
      long cost = split.length() + openCostBytes;
      if (!current.isEmpty() && currentBytes + cost > splitBytes) {
        tasks.add(current);
        current = new ArrayList<>();
        currentBytes = 0;
      }
      current.add(split);
      currentBytes += cost;
    }
    if (!current.isEmpty()) {
      tasks.add(current);
    }
    tasks.sort(
        Comparator.comparingLong(
                (List<IngestSplit> task) -> task.stream().mapToLong(IngestSplit::length).sum())
            .reversed());
    return tasks;
  }

  private static long ceilDiv(long value, long divisor) {
    return (value + divisor - 1) / divisor;
  }
}
