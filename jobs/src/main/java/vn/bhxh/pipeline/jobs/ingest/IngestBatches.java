package vn.bhxh.pipeline.jobs.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vn.bhxh.pipeline.common.landing.LandingFile;
import vn.bhxh.pipeline.common.schema.CommonColumns;

/**
 * How the monthly files of an ingest are cut into batches ({@link IngestStep}), and the condition
 * by which a batch's commit replaces exactly the slices it loaded ({@link BatchWriter}).
 */
final class IngestBatches {
  private IngestBatches() {}

  /**
   * Cuts the monthly files (ordered by dataset, period, province) into batches of one dataset and
   * at most {@code maxBytes} of landing files (but at least one file); misnamed files, which name
   * no slice, form a batch of their own per dataset. The batches of a dataset are about even: a
   * dataset of 3.1 budgets is cut into 4 batches of about 0.78, not 3 full ones and a small tail
   * (which costs nearly the fixed overhead of a full batch: its jobs and two commits).
   */
  static List<List<LandingFile>> monthlyBatches(List<LandingFile> files, long maxBytes) {
    Map<String, Long> totalBytes = new LinkedHashMap<>();
    for (LandingFile file : files) {
      totalBytes.merge(batchKey(file), file.sizeBytes(), Long::sum);
    }
    Map<String, List<List<LandingFile>>> byDataset = new LinkedHashMap<>();
    Map<String, Long> doneBytes = new LinkedHashMap<>();
    Map<String, Long> openBytes = new LinkedHashMap<>();
    Map<String, Long> openShare = new LinkedHashMap<>();
    for (LandingFile file : files) {
      String key = batchKey(file);
      long total = Math.max(1, totalBytes.get(key));
      long batchCount = Math.max(1, (total + maxBytes - 1) / maxBytes);
      // The even share this file's middle falls in: shares end at k × total / batchCount.
      long done = doneBytes.getOrDefault(key, 0L);
      long share = (long) ((done + file.sizeBytes() / 2.0) * batchCount / total);
      List<List<LandingFile>> batches = byDataset.computeIfAbsent(key, k -> new ArrayList<>());
      long bytes = openBytes.getOrDefault(key, 0L);
      // A new batch at the next share, or when this file would overflow the budget (so a file
      // bigger than the budget is a batch of its own).
      if (batches.isEmpty()
          || share > openShare.get(key)
          || (bytes > 0 && bytes + file.sizeBytes() > maxBytes)) {
        batches.add(new ArrayList<>());
        bytes = 0;
        openShare.put(key, share);
      }
      batches.get(batches.size() - 1).add(file);
      openBytes.put(key, bytes + file.sizeBytes());
      doneBytes.put(key, done + file.sizeBytes());
    }
    List<List<LandingFile>> result = new ArrayList<>();
    byDataset.values().forEach(result::addAll);
    return result;
  }

  private static String batchKey(LandingFile file) {
    return file.dataset() + (file.period() == null ? "/misnamed" : "");
  }

  /**
   * {@code (period = 'P' AND province_code IN ('01', …)) OR …}: exactly the slices loaded. The
   * values were validated as YYYY-MM and two digits, so quoting them is safe.
   */
  static String sliceCondition(Map<String, Set<String>> provincesByPeriod) {
    return provincesByPeriod.entrySet().stream()
        .map(
            slice ->
                "("
                    + CommonColumns.PERIOD
                    + " = '"
                    + slice.getKey()
                    + "' AND "
                    + CommonColumns.PROVINCE_CODE
                    + " IN ("
                    + slice.getValue().stream()
                        .map(p -> "'" + p + "'")
                        .collect(Collectors.joining(", "))
                    + "))")
        .collect(Collectors.joining(" OR ", "(", ")"));
  }
}
